/**
 * Value kinds: the remaining enumerations — standard input/output, sandboxing modes, scheduling
 * and NUMA policies, OOM handling, mount propagation, socket options, cgroup delegation, log
 * levels and facilities, personalities — and the timer settings (calendar events and time spans),
 * read as systemd 252's parsers read them.
 *
 * Words carry the version they arrived in, so a unit aimed at an older systemd hears "needs
 * systemd ≥ N". For words newer than v252 the source is named at each table: the stored NEWS
 * stops at v255, so those versions come from release summaries and feature notes, checked
 * against the enums at main (namespace.h, cgroup-util.c).
 */
import { parseCInteger } from "../exit-status.js";
import { parseBoolean } from "../service.js";
import { suggest } from "../suggest.js";
import { BOOLEAN, enumCheck, notBoolean, notTimespan } from "./basic.js";
import { calendarProblem } from "./enums-calendar.js";
import { FD_FORM, PATH_FORM, stdioCheck } from "./enums-stdio.js";
import { entryDropped, needsNewer, type ValueCheck, type ValueChecks, type ValueProblem } from "./types.js";
import { own } from "../own.js";

// ---------------------------------------------------------------------------------------------
// Shared shapes

const quoted = (words: readonly string[]): string => words.map((w) => `"${w}"`).join(", ");
const known = (words: Readonly<Record<string, number>>, target: number): string[] => Object.keys(words).filter((w) => words[w]! <= target);

/**
 * A boolean (parse_boolean(), any case) or one of a few words, each known from a version on
 * (systemd.exec(5): ProtectControlGroups=, PrivateUsers=). Before the first word arrived the
 * setting was a plain boolean. `aliases` are accepted without being offered.
 */
function booleanOr(words: Readonly<Record<string, number>>, aliases: readonly string[] = []): ValueCheck {
  return (value, target) => {
    if (parseBoolean(value) !== null || aliases.includes(value)) return null;
    const since = own(words, value);
    if (since !== undefined) return since > target ? needsNewer(since, target, `"${value}"`) : null;
    const now = known(words, target);
    if (now.length === 0) return { what: `is not a boolean (expected ${BOOLEAN})` };
    const meant = suggest(value, now);
    return { what: `is not a boolean or one of ${quoted(now)}`, ...(meant ? { meant } : {}) };
  };
}

/**
 * A word, or a number read like safe_atou() (decimal, 0x hex, 0 octal, 0b/0o) up to `max`: the
 * string tables "with fallback" (sched_policy, ioprio_class, log_level, log_facility_unshifted).
 */
function wordOrNumber(words: Readonly<Record<string, number>>, max: number, numberNoun: string): ValueCheck {
  return (value, target) => {
    const n = parseCInteger(value, true);
    if (n !== null) return n >= 0 && n <= max ? null : { what: `is out of range (${numberNoun}s go from 0 to ${max})` };
    const since = own(words, value);
    if (since !== undefined) return since > target ? needsNewer(since, target, `"${value}"`) : null;
    const now = known(words, target);
    const meant = suggest(value, now);
    return { what: `is not one of ${quoted(now)} or a ${numberNoun} from 0 to ${max}`, ...(meant ? { meant } : {}) };
  };
}

/** Whether a quote (" or ') is left open, as extract_first_word() with EXTRACT_UNQUOTE sees it. */
function unbalancedQuote(value: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\") i++;
    else if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = null;
  }
  return quote !== null;
}

const WHITESPACE = /[ \t\n\r]/;

/** Whitespace-separated words with quotes removed (extract_first_word() with EXTRACT_UNQUOTE). */
function unquotedWords(value: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote === null && WHITESPACE.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      continue;
    }
    word ??= "";
    if (c === "\\" && i + 1 < value.length) word += value[++i];
    else if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = null;
    else word += c;
  }
  if (word !== null) words.push(word);
  return words;
}

// ---------------------------------------------------------------------------------------------
// Standard input and output (systemd.exec(5) "Logging and Standard Input/Output")

const OUTPUT_WORDS = { inherit: 209, null: 209, tty: 209, journal: 209, kmsg: 209, "journal+console": 209, "kmsg+console": 209, socket: 209, fd: 235 };
const INPUT_WORDS = { null: 209, tty: 209, "tty-force": 209, "tty-fail": 209, socket: 209, fd: 235, data: 236 };

// ---------------------------------------------------------------------------------------------
// Cgroup delegation (systemd.resource-control(5) Delegate=): a boolean, or since v236 a list of
// controllers. 252 logs and skips each unknown name; the words it knows are cgroup-util.c's
// controller table. cpuset arrived in v244 (NEWS: AllowedCPUs=); bpf-bind-network-interface
// with BindNetworkInterface= in v260. The bpf-* pseudo-controllers before it are taken as
// known from v236 (their exact versions are not verified; leniency rather than a wrong claim).

const DELEGATE_LIST_SINCE = 236;
const CONTROLLERS: Readonly<Record<string, number>> = {
  cpu: 236, cpuacct: 236, cpuset: 244, io: 236, blkio: 236, memory: 236, devices: 236, pids: 236,
  "bpf-firewall": 236, "bpf-devices": 236, "bpf-foreign": 236, "bpf-socket-bind": 236,
  "bpf-restrict-network-interfaces": 236, "bpf-bind-network-interface": 260,
};

function delegate(value: string, target: number): ValueProblem {
  if (parseBoolean(value) !== null) return null;
  if (unbalancedQuote(value)) return { what: "has a quote that is never closed" };
  if (target < DELEGATE_LIST_SINCE) return { what: `needs systemd ≥ ${DELEGATE_LIST_SINCE} for a list of controllers (${target} takes only a boolean)` };
  for (const word of unquotedWords(value)) {
    const since = own(CONTROLLERS, word);
    if (since !== undefined) {
      if (since > target) return needsNewer(since, target, `the controller "${word}"`);
      continue;
    }
    const meant = suggest(word, known(CONTROLLERS, target));
    const what = `names "${word}", which is not a boolean or a cgroup controller (${quoted(known(CONTROLLERS, target))})`;
    return entryDropped({ what, ...(meant ? { meant } : {}) }, unquotedWords(value).length > 1);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Personality= (systemd.exec(5)): an architecture name from architecture.c. Which names work
// depends on the machine's kernel (its native architecture and its 32-bit companion: x86-64 and
// x86 on a PC); the unit's machine is unknown here, so every architecture name is accepted and
// only other words are reported. Common spellings from uname -m / Debian are mapped for "meant".

const ARCHITECTURES: ReadonlySet<string> = new Set([
  "alpha", "arc", "arc-be", "arm", "arm-be", "arm64", "arm64-be", "cris", "ia64", "loongarch64", "m68k",
  "mips", "mips-le", "mips64", "mips64-le", "nios2", "parisc", "parisc64", "ppc", "ppc-le", "ppc64", "ppc64-le",
  "riscv32", "riscv64", "s390", "s390x", "sh", "sh64", "sparc", "sparc64", "tilegx", "x86", "x86-64",
]);
const ARCH_ALIASES: Readonly<Record<string, string>> = {
  x86_64: "x86-64", amd64: "x86-64", x64: "x86-64", i386: "x86", i486: "x86", i586: "x86", i686: "x86", ia32: "x86",
  aarch64: "arm64", armhf: "arm", armel: "arm", armv7l: "arm", ppc64le: "ppc64-le", ppc64el: "ppc64-le", mipsel: "mips-le", mips64el: "mips64-le",
};

function personality(value: string): ValueProblem {
  if (ARCHITECTURES.has(value)) return null;
  const meant = own(ARCH_ALIASES, value.toLowerCase()) ?? suggest(value, ARCHITECTURES);
  return { what: 'is not an architecture name (e.g. "x86-64", "x86", "arm64", "arm"; which ones work depends on the machine)', ...(meant ? { meant } : {}) };
}

// ---------------------------------------------------------------------------------------------
// ProtectHostname= (systemd.exec(5)): a boolean; "private" since v257; "yes:NAME" or
// "private:NAME" also sets the hostname in the new UTS namespace (NAME as hostname_is_valid():
// letters, digits, "-" and "_" in dot-separated labels, at most 64 characters). The colon form is
// in main's parser; v258 as its release is UNVERIFIED (no v258 NEWS among the stored sources).

const HOSTNAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const protectHostnameWord = booleanOr({ private: 257 });

function protectHostname(value: string, target: number): ValueProblem {
  const colon = value.indexOf(":");
  if (colon < 0) return protectHostnameWord(value, target);
  const mode = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (mode !== "private" && parseBoolean(mode) !== true) return { what: 'is not a boolean, "private", or "yes:HOSTNAME"/"private:HOSTNAME"' };
  if (target < 258) return { what: `needs systemd ≥ 258 (${target} does not take a hostname here)` };
  return HOSTNAME.test(name) && name.length <= 64 ? null : { what: `names an invalid hostname "${name}"` };
}

// ---------------------------------------------------------------------------------------------
// Timers (systemd.timer(5)): OnCalendar= takes calendar events (systemd.time(7), enums-calendar.ts),
// OnActiveSec=, OnBootSec=, OnStartupSec=, OnUnitActiveSec=, OnUnitInactiveSec= time spans. One
// parser reads both, so the check takes the key as an optional third argument; without it, a value
// either kind accepts passes.

const timespan = notTimespan('e.g. "5min", "1h 30min", "2d"; a bare number is seconds');

const CALENDAR_EXAMPLES = 'e.g. "daily", "Mon..Fri *-*-* 09:00", "*-*-01 04:00 UTC"';

function timer(value: string, target: number, key?: string): ValueProblem {
  if (key === "OnCalendar") {
    const calendar = calendarProblem(value);
    if (calendar === null) return null;
    if (timespan(value) === null) return { what: `is a time span, not a calendar event (${CALENDAR_EXAMPLES}; intervals go in OnUnitActiveSec= or OnBootSec=)` };
    return { what: `is not a calendar event (${calendar}; ${CALENDAR_EXAMPLES})` };
  }
  const span = timespan(value);
  if (span === null) return null;
  const calendar = calendarProblem(value);
  if (key !== undefined) return calendar === null ? { what: "is a calendar event, not a time span (calendar events go in OnCalendar=)" } : span;
  if (calendar === null) return null;
  return { what: 'is neither a time span (OnActiveSec= and the like, e.g. "5min") nor a calendar event (OnCalendar=, e.g. "daily")' };
}

// ---------------------------------------------------------------------------------------------

export const ENUMS_CHECKS: ValueChecks = {
  // systemd.exec(5) "Logging and Standard Input/Output". fd (v235), file: (v236), append: (v240),
  // truncate: (v248); syslog and syslog+console are obsolete since v246: 252 turns them into
  // journal with a notice, which is not a value problem.
  config_parse_exec_output: stdioCheck(OUTPUT_WORDS, { "fd:": FD_FORM, "file:": PATH_FORM(236), "append:": PATH_FORM(240), "truncate:": PATH_FORM(248) }, ["syslog", "syslog+console"]),
  config_parse_exec_input: stdioCheck(INPUT_WORDS, { "fd:": FD_FORM, "file:": PATH_FORM(236) }),
  // systemd.exec(5) UtmpMode= (v225), RuntimeDirectoryPreserve= (v235; also FileDescriptorStorePreserve=, v254).
  config_parse_exec_utmp_mode: enumCheck({ init: 225, login: 225, user: 225 }),
  config_parse_exec_preserve_mode: booleanOr({ restart: 235 }),
  // systemd.exec(5) ProcSubset=, ProtectProc= (both v247).
  config_parse_proc_subset: enumCheck({ all: 247, pid: 247 }),
  config_parse_protect_proc: enumCheck({ default: 247, invisible: 247, ptraceable: 247, noaccess: 247 }),
  // systemd.exec(5): booleans in 252. ProtectControlGroups= private/strict and PrivateUsers=
  // self/identity arrived in v257, PrivateUsers=full in v258 (Lennart Poettering's v258 feature
  // notes) and PrivateUsers=managed in v260 (release notes); namespace.h at main lists exactly these.
  config_parse_protect_hostname: protectHostname,
  config_parse_protect_control_groups: booleanOr({ private: 257, strict: 257 }),
  config_parse_private_tmp: booleanOr({ disconnected: 257 }),
  config_parse_private_users: booleanOr({ self: 257, identity: 257, full: 258, managed: 260 }),
  // systemd.exec(5) CPUSchedulingPolicy= (ext: SCHED_EXT, v260) and IOSchedulingClass=; a number
  // is taken as the raw policy/class (up to INT_MAX and IOPRIO_N_CLASSES = 8).
  config_parse_exec_cpu_sched_policy: wordOrNumber({ other: 209, batch: 209, idle: 209, fifo: 209, rr: 209, ext: 260 }, 2_147_483_647, "policy number"),
  config_parse_exec_io_class: wordOrNumber({ none: 209, realtime: 209, "best-effort": 209, idle: 209 }, 8, "class number"),
  // systemd.exec(5) NUMAPolicy= (v243).
  config_parse_numa_policy: enumCheck({ default: 243, preferred: 243, bind: 243, interleave: 243, local: 243 }),
  // systemd.resource-control(5) ManagedOOMSwap=/ManagedOOMMemoryPressure= (v247), ManagedOOMPreference= (v248).
  config_parse_managed_oom_mode: enumCheck({ auto: 247, kill: 247 }),
  config_parse_managed_oom_preference: enumCheck({ none: 248, avoid: 248, omit: 248 }),
  // systemd.service(5) OOMPolicy= (v243), TimeoutStartFailureMode=/TimeoutStopFailureMode= (v246).
  config_parse_oom_policy: enumCheck({ continue: 243, stop: 243, kill: 243 }),
  config_parse_service_timeout_failure_mode: enumCheck({ terminate: 246, abort: 246, kill: 246 }),
  // systemd.exec(5) MountFlags=.
  config_parse_exec_mount_propagation_flag: enumCheck({ shared: 209, slave: 209, private: 209 }),
  // systemd.socket(5) BindIPv6Only=: a word, or a boolean (yes = ipv6-only, no = both).
  config_parse_socket_bind: booleanOr({ default: 209, both: 209, "ipv6-only": 209 }),
  // systemd.socket(5) Timestamping= (v247): off/us/ns, the µs/ns spellings of time spans, or a
  // boolean (socket_timestamping_from_string_harder()).
  config_parse_socket_timestamping: booleanOr({ off: 247, us: 247, ns: 247 }, ["usec", "µs", "μs", "nsec"]),
  config_parse_delegate: delegate,
  // systemd.exec(5) SyslogLevel=, LogLevelMax=: syslog(3) level names or 0–7.
  config_parse_log_level: wordOrNumber({ emerg: 209, alert: 209, crit: 209, err: 209, warning: 209, notice: 209, info: 209, debug: 209 }, 7, "level"),
  // systemd.exec(5) SyslogFacility=: syslog(3) facility names or a number up to LOG_FAC(~0) = 127.
  config_parse_log_facility: wordOrNumber(
    Object.fromEntries(["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `local${n}`)].map((w) => [w, 209])),
    127,
    "facility number",
  ),
  config_parse_personality: personality,
  // systemd.unit(5) OnFailureIsolate=: a boolean (isolate or replace).
  config_parse_job_mode_isolate: notBoolean,
  config_parse_timer: timer,
};
