/**
 * Exit-status sets: the values of `SuccessExitStatus=`, `RestartPreventExitStatus=` and
 * `RestartForceExitStatus=`, parsed the way systemd parses them (systemd-facts §2 "Exit-status
 * sets"; load-fragment.c config_parse_set_status(), exit-status.c exit_status_from_string(),
 * signal-util.c signal_from_string()):
 *
 * - An empty assignment resets the set. Otherwise the value is split into words at whitespace
 *   (extract_first_word() with no flags: quotes are ordinary characters, a backslash takes the
 *   next character literally, and a backslash at the very end is a syntax error that drops the
 *   word).
 * - Each word is first tried as an exit status: one of the names in EXIT_STATUSES (exact case,
 *   without the `EXIT_`/`EX_` prefix; accepted since v243, [NEWS v243]), else a number parsed
 *   by safe_atou8() (C's strtoul() with base 0, so `0x4e` is hex and `010` is octal; newer
 *   versions also take `0b`/`0o`) that must be 0–255. So a number is always an exit status,
 *   never a signal.
 * - Otherwise it is tried as a signal: a name with or without the `SIG` prefix (`SIGTERM`,
 *   `TERM`), or `RTMIN`, `RTMIN+n`, `RTMAX`, `RTMAX-n`.
 * - Anything else is logged ("Failed to parse value, ignoring") and ignored; the other words
 *   of the assignment still count.
 */
import type { Unit } from "./unit.js";

export type ExitStatusClass = "libc" | "LSB" | "BSD" | "systemd";

export interface ExitStatusDef {
  code: number;
  /** The name systemd prints and accepts (no `EXIT_`/`EX_` prefix). */
  name: string;
  class: ExitStatusClass;
  /** First systemd version that knows the name, when later than v243 (when names were first accepted). */
  since?: number;
}

/** systemd accepts exit-status names in these settings since v243 [NEWS v243]; before, only numbers and signals. */
export const EXIT_STATUS_NAMES_SINCE = 243;

/**
 * Every exit code systemd names, by class (systemd-facts §4 "Exit codes"; the BSD names that the
 * fact sheet elides, 65–77, are from exit-status.c exit_status_mappings[]). Ranges: 0–1 libc
 * (ISO C), 2–7 LSB init-script codes, 64–78 BSD sysexits.h, 200–246 systemd's own failures
 * before the command runs, 255 EXCEPTION (class systemd in exit-status.c). 223 and 234 are
 * reserved and have no name.
 */
export const EXIT_STATUSES: readonly ExitStatusDef[] = [
  { code: 0, name: "SUCCESS", class: "libc" },
  { code: 1, name: "FAILURE", class: "libc" },
  { code: 2, name: "INVALIDARGUMENT", class: "LSB" },
  { code: 3, name: "NOTIMPLEMENTED", class: "LSB" },
  { code: 4, name: "NOPERMISSION", class: "LSB" },
  { code: 5, name: "NOTINSTALLED", class: "LSB" },
  { code: 6, name: "NOTCONFIGURED", class: "LSB" },
  { code: 7, name: "NOTRUNNING", class: "LSB" },
  { code: 64, name: "USAGE", class: "BSD" },
  { code: 65, name: "DATAERR", class: "BSD" },
  { code: 66, name: "NOINPUT", class: "BSD" },
  { code: 67, name: "NOUSER", class: "BSD" },
  { code: 68, name: "NOHOST", class: "BSD" },
  { code: 69, name: "UNAVAILABLE", class: "BSD" },
  { code: 70, name: "SOFTWARE", class: "BSD" },
  { code: 71, name: "OSERR", class: "BSD" },
  { code: 72, name: "OSFILE", class: "BSD" },
  { code: 73, name: "CANTCREAT", class: "BSD" },
  { code: 74, name: "IOERR", class: "BSD" },
  { code: 75, name: "TEMPFAIL", class: "BSD" },
  { code: 76, name: "PROTOCOL", class: "BSD" },
  { code: 77, name: "NOPERM", class: "BSD" },
  { code: 78, name: "CONFIG", class: "BSD" },
  { code: 200, name: "CHDIR", class: "systemd" },
  { code: 201, name: "NICE", class: "systemd" },
  { code: 202, name: "FDS", class: "systemd" },
  { code: 203, name: "EXEC", class: "systemd" },
  { code: 204, name: "MEMORY", class: "systemd" },
  { code: 205, name: "LIMITS", class: "systemd" },
  { code: 206, name: "OOM_ADJUST", class: "systemd" },
  { code: 207, name: "SIGNAL_MASK", class: "systemd" },
  { code: 208, name: "STDIN", class: "systemd" },
  { code: 209, name: "STDOUT", class: "systemd" },
  { code: 210, name: "CHROOT", class: "systemd" },
  { code: 211, name: "IOPRIO", class: "systemd" },
  { code: 212, name: "TIMERSLACK", class: "systemd" },
  { code: 213, name: "SECUREBITS", class: "systemd" },
  { code: 214, name: "SETSCHEDULER", class: "systemd" },
  { code: 215, name: "CPUAFFINITY", class: "systemd" },
  { code: 216, name: "GROUP", class: "systemd" },
  { code: 217, name: "USER", class: "systemd" },
  { code: 218, name: "CAPABILITIES", class: "systemd" },
  { code: 219, name: "CGROUP", class: "systemd" },
  { code: 220, name: "SETSID", class: "systemd" },
  { code: 221, name: "CONFIRM", class: "systemd" },
  { code: 222, name: "STDERR", class: "systemd" },
  // 223: reserved (was tcpwrap)
  { code: 224, name: "PAM", class: "systemd" },
  { code: 225, name: "NETWORK", class: "systemd" },
  { code: 226, name: "NAMESPACE", class: "systemd" },
  { code: 227, name: "NO_NEW_PRIVILEGES", class: "systemd" },
  { code: 228, name: "SECCOMP", class: "systemd" },
  { code: 229, name: "SELINUX_CONTEXT", class: "systemd" },
  { code: 230, name: "PERSONALITY", class: "systemd" },
  { code: 231, name: "APPARMOR", class: "systemd" }, // EXIT_APPARMOR_PROFILE
  { code: 232, name: "ADDRESS_FAMILIES", class: "systemd" },
  { code: 233, name: "RUNTIME_DIRECTORY", class: "systemd" },
  // 234: reserved (was kdbus)
  { code: 235, name: "CHOWN", class: "systemd" },
  { code: 236, name: "SMACK_PROCESS_LABEL", class: "systemd" },
  { code: 237, name: "KEYRING", class: "systemd" },
  { code: 238, name: "STATE_DIRECTORY", class: "systemd" },
  { code: 239, name: "CACHE_DIRECTORY", class: "systemd" },
  { code: 240, name: "LOGS_DIRECTORY", class: "systemd" },
  { code: 241, name: "CONFIGURATION_DIRECTORY", class: "systemd" },
  { code: 242, name: "NUMA_POLICY", class: "systemd", since: 243 },
  { code: 243, name: "CREDENTIALS", class: "systemd", since: 247 },
  { code: 244, name: "BPF", class: "systemd", since: 250 },
  { code: 245, name: "KSM", class: "systemd", since: 254 },
  { code: 246, name: "MEMORY_THP", class: "systemd", since: 260 },
  { code: 255, name: "EXCEPTION", class: "systemd" },
];

const BY_CODE = new Map(EXIT_STATUSES.map((d) => [d.code, d]));
const BY_NAME = new Map(EXIT_STATUSES.map((d) => [d.name, d]));

/**
 * Signal names as signal-util.c static_signal_table[] spells them (without `SIG`), with their
 * numbers on Linux x86, ARM and most other architectures (alpha, MIPS, PARISC and SPARC number
 * some differently; SPARC has no STKFLT).
 */
export const SIGNALS: ReadonlyArray<readonly [name: string, number: number]> = [
  ["HUP", 1],
  ["INT", 2],
  ["QUIT", 3],
  ["ILL", 4],
  ["TRAP", 5],
  ["ABRT", 6],
  ["BUS", 7],
  ["FPE", 8],
  ["KILL", 9],
  ["USR1", 10],
  ["SEGV", 11],
  ["USR2", 12],
  ["PIPE", 13],
  ["ALRM", 14],
  ["TERM", 15],
  ["STKFLT", 16],
  ["CHLD", 17],
  ["CONT", 18],
  ["STOP", 19],
  ["TSTP", 20],
  ["TTIN", 21],
  ["TTOU", 22],
  ["URG", 23],
  ["XCPU", 24],
  ["XFSZ", 25],
  ["VTALRM", 26],
  ["PROF", 27],
  ["WINCH", 28],
  ["IO", 29],
  ["PWR", 30],
  ["SYS", 31],
];

/** glibc's SIGRTMIN (the kernel's 32 and 33 are taken by the threads library) and SIGRTMAX. */
export const SIGRTMIN = 34;
export const SIGRTMAX = 64;

const SIGNAL_BY_NAME = new Map(SIGNALS.map(([name, n]) => [name, n]));
const SIGNAL_BY_NUMBER = new Map(SIGNALS.map(([name, n]) => [n, name]));

export function exitStatusName(code: number): string | null {
  return BY_CODE.get(code)?.name ?? null;
}

export function exitStatusClass(code: number): ExitStatusClass | null {
  return BY_CODE.get(code)?.class ?? null;
}

/** "78 (CONFIG)", or just "42" for a code without a name. */
export function formatExitCode(code: number): string {
  const name = exitStatusName(code);
  return name ? `${code} (${name})` : String(code);
}

/** "SIGTERM", "SIGRTMIN+3", or the bare number for an unknown signal. */
export function signalName(signal: number): string {
  const name = SIGNAL_BY_NUMBER.get(signal);
  if (name) return `SIG${name}`;
  if (signal >= SIGRTMIN && signal <= SIGRTMAX) return signal === SIGRTMIN ? "SIGRTMIN" : `SIGRTMIN+${signal - SIGRTMIN}`;
  return String(signal);
}

export interface ExitStatusItem {
  kind: "code" | "signal";
  /** The exit code (0–255) or the signal number. */
  value: number;
  /** The word as systemd reads it (backslash escapes resolved). */
  text: string;
  /** Offsets of the word within the value (end-exclusive), escapes included. */
  start: number;
  end: number;
}

export interface ExitStatusSuggestion {
  /** What to write instead. */
  text: string;
  kind: "code" | "signal";
  value: number;
  /**
   * Why: "prefix" (`EX_CONFIG` → `CONFIG`), "case" (`config` → `CONFIG`), "typo" (one clearly
   * closest name), "version" (a name this systemd does not know yet → its number).
   */
  why: "prefix" | "case" | "typo" | "version";
}

export interface InvalidExitStatusItem {
  text: string;
  start: number;
  end: number;
  /** Why systemd ignores it, as a predicate: `is not an exit status or signal`. */
  reason: string;
  suggestion: ExitStatusSuggestion | null;
}

export interface ExitStatusList {
  /** True for an empty assignment, which empties the set. */
  reset: boolean;
  items: ExitStatusItem[];
  invalid: InvalidExitStatusItem[];
}

export interface ExitStatusOptions {
  /** The systemd version the units are for; names need v243, some names later versions. Default: current. */
  systemdVersion?: number;
}

const WHITESPACE = " \t\n\r";

/** Parses one assignment's value. */
export function parseExitStatusList(value: string, options: ExitStatusOptions = {}): ExitStatusList {
  const version = options.systemdVersion ?? Infinity;
  const out: ExitStatusList = { reset: value === "", items: [], invalid: [] };
  let i = 0;
  for (;;) {
    while (i < value.length && WHITESPACE.includes(value[i]!)) i++;
    if (i >= value.length) break;
    const start = i;
    let text = "";
    let broken = false;
    while (i < value.length) {
      const c = value[i]!;
      if (c === "\\") {
        if (i + 1 >= value.length) {
          broken = true;
          i++;
          break;
        }
        text += value[i + 1]!;
        i += 2;
      } else if (WHITESPACE.includes(c)) {
        break;
      } else {
        text += c;
        i++;
      }
    }
    if (broken) {
      // extract_first_word() fails: systemd logs "Failed to parse …, ignoring" and stops; the words before still count.
      out.invalid.push({ text: value.slice(start, i), start, end: i, reason: "ends in a backslash", suggestion: null });
      break;
    }
    const item = classify(text, version);
    if ("reason" in item) out.invalid.push({ text, start, end: i, reason: item.reason, suggestion: item.suggestion });
    else out.items.push({ kind: item.kind, value: item.value, text, start, end: i });
  }
  return out;
}

type Classified = { kind: "code" | "signal"; value: number } | { reason: string; suggestion: ExitStatusSuggestion | null };

function classify(word: string, version: number): Classified {
  // exit_status_from_string(): a name (v243+), else safe_atou8().
  if (version >= EXIT_STATUS_NAMES_SINCE) {
    const def = BY_NAME.get(word);
    if (def && (def.since ?? EXIT_STATUS_NAMES_SINCE) <= version) return { kind: "code", value: def.code };
  }
  const n = parseCInteger(word, true);
  if (n !== null) {
    if (n >= 0 && n <= 255) return { kind: "code", value: n };
    return { reason: "is outside the exit status range 0–255", suggestion: null };
  }
  const signal = signalFromString(word);
  if (signal !== null) return { kind: "signal", value: signal };

  const def = BY_NAME.get(word);
  if (def) {
    const since = Math.max(def.since ?? 0, EXIT_STATUS_NAMES_SINCE);
    const reason =
      since === EXIT_STATUS_NAMES_SINCE
        ? `is an exit status name, which systemd accepts only from v${since} on (checking for v${version})`
        : `is an exit status name only from systemd v${since} on (checking for v${version})`;
    return { reason, suggestion: { text: String(def.code), kind: "code", value: def.code, why: "version" } };
  }
  return { reason: "is not an exit status or signal", suggestion: suggest(word, version) };
}

/** The exit code or signal the user most likely meant, or null when no candidate is clearly closest. */
function suggest(word: string, version: number): ExitStatusSuggestion | null {
  const upper = word.toUpperCase();
  const code = (name: string, why: ExitStatusSuggestion["why"]): ExitStatusSuggestion | null => {
    const def = BY_NAME.get(name);
    if (!def) return null;
    if (version < Math.max(def.since ?? 0, EXIT_STATUS_NAMES_SINCE)) return { text: String(def.code), kind: "code", value: def.code, why: "version" };
    return { text: def.name, kind: "code", value: def.code, why };
  };
  // The C macro names: EX_CONFIG (sysexits.h), EXIT_FAILURE (stdlib.h), any case.
  const prefix = /^(EXIT_|EX_)/.exec(upper);
  if (prefix) {
    const hit = code(upper.slice(prefix[0].length), "prefix");
    if (hit) return hit;
  }
  if (upper !== word) {
    const hit = code(upper, "case");
    if (hit) return hit;
    const signal = signalFromString(upper);
    if (signal !== null) return { text: upper, kind: "signal", value: signal, why: "case" };
  }
  // A typo: one candidate at edit distance ≤ 2 (and at most a third of the word), strictly closer than any other.
  const bare = prefix ? upper.slice(prefix[0].length) : upper;
  let best: ExitStatusSuggestion | null = null;
  let bestDistance = Infinity;
  let tie = false;
  const consider = (candidate: string, s: ExitStatusSuggestion): void => {
    const d = distance(bare, candidate);
    if (d > 2 || d * 3 > bare.length) return;
    if (d < bestDistance) {
      best = s;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && (best?.kind !== s.kind || best?.value !== s.value)) tie = true;
  };
  for (const def of EXIT_STATUSES) {
    const s = code(def.name, "typo");
    if (s) consider(def.name, s);
  }
  for (const [name, n] of SIGNALS) {
    consider(name, { text: bare.startsWith("SIG") ? `SIG${name}` : name, kind: "signal", value: n, why: "typo" });
    consider(`SIG${name}`, { text: `SIG${name}`, kind: "signal", value: n, why: "typo" });
  }
  return tie ? null : best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * signal_from_string(): a signal number (1–64), a name with or without `SIG`, or RTMIN,
 * RTMIN+n, RTMAX, RTMAX-n (0 ≤ n ≤ SIGRTMAX−SIGRTMIN). Returns null when systemd refuses it.
 * In exit-status sets numbers never get here as signals: exit_status_from_string() takes
 * 0–255 first, and larger numbers are not valid signals.
 */
export function signalFromString(word: string): number | null {
  const n = parseCInteger(word, false);
  if (n !== null) return n >= 1 && n <= SIGRTMAX ? n : null;
  const s = word.startsWith("SIG") ? word.slice(3) : word;
  const named = SIGNAL_BY_NAME.get(s);
  if (named !== undefined) return named;
  for (const [base, sign, at] of [
    ["RTMIN", "+", SIGRTMIN],
    ["RTMAX", "-", SIGRTMAX],
  ] as const) {
    if (!s.startsWith(base)) continue;
    const rest = s.slice(base.length);
    if (rest === "") return at;
    if (rest[0] !== sign) return null;
    const offset = parseCInteger(rest, false);
    if (offset === null) return null;
    return Math.abs(offset) <= SIGRTMAX - SIGRTMIN ? at + offset : null;
  }
  return null;
}

/**
 * A whole word read by strtol()/strtoul() with base 0, as safe_atoi()/safe_atou8() do: leading
 * whitespace, an optional sign, then `0x` hex, `0` octal or decimal digits; newer systemd also
 * takes `0b` and `0o` (parse-util.c mangle_base(), only without a sign). `unsigned` refuses a
 * negative value other than -0, as safe_atou_full() does. Returns null when the word is not a
 * number; a value too large for the C type comes back as is (the caller's range check refuses it).
 */
export function parseCInteger(word: string, unsigned: boolean): number | null {
  const s = word.replace(/^[ \t\n\r\v\f]+/, "");
  let m = /^0[bB]([01]+)$/.exec(s);
  if (m) return parseInt(m[1]!, 2);
  m = /^0[oO]([0-7]+)$/.exec(s);
  if (m) return parseInt(m[1]!, 8);
  m = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (!m) return null;
  const magnitude = m[2] !== undefined ? parseInt(m[2], 16) : m[3] !== undefined ? parseInt(m[3], 8) : Number(m[4]);
  if (m[1] === "-") {
    if (unsigned && magnitude !== 0) return -1;
    return magnitude === 0 ? 0 : -magnitude;
  }
  return magnitude;
}

/** The effective set of one setting of a unit: the union of its assignments after the last empty one. */
export function exitStatusSet(unit: Unit, key: string, options: ExitStatusOptions = {}): { codes: Set<number>; signals: Set<number> } {
  const codes = new Set<number>();
  const signals = new Set<number>();
  for (const a of unit.list("Service", key)) {
    for (const item of parseExitStatusList(a.entry.value, options).items) (item.kind === "code" ? codes : signals).add(item.value);
  }
  return { codes, signals };
}
