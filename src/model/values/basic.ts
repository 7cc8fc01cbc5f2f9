/**
 * Value kinds: booleans, time spans, signals, modes, nice levels and the common enumerations.
 */
import { signalFromString } from "../exit-status.js";
import { FATAL_BOOLEANS } from "../fatal-settings.js";
import { parseBoolean } from "../service.js";
import { suggest } from "../suggest.js";
import { parseTimespan } from "../timespan.js";
import { needsNewer, type ValueChecks, type ValueProblem } from "./types.js";
import { own } from "../own.js";

export const BOOLEAN = "1/yes/y/true/t/on or 0/no/n/false/f/off";

/** Booleans as parse_boolean() reads them (any case); time spans as parse_sec() (systemd.time(7)). */
export const notBoolean = (v: string): ValueProblem => (parseBoolean(v) === null ? { what: `is not a boolean (expected ${BOOLEAN})` } : null);
export const notTimespan = (example: string) => (v: string): ValueProblem => (parseTimespan(v) === null ? { what: `is not a time span (${example})` } : null);

/**
 * Enumerations: the words each parser accepts (systemd.service(5), systemd.exec(5),
 * systemd.kill(5), systemd.unit(5), systemd.resource-control(5); systemd-facts §2–§3),
 * with the version a word arrived in where it is newer than v209.
 */
const ENUMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  config_parse_service_restart: { no: 209, always: 209, "on-success": 209, "on-failure": 209, "on-abnormal": 209, "on-abort": 209, "on-watchdog": 209 },
  config_parse_service_type: { simple: 209, exec: 240, forking: 209, oneshot: 209, dbus: 209, notify: 209, "notify-reload": 253, idle: 209 },
  config_parse_kill_mode: { "control-group": 209, process: 209, mixed: 209, none: 209 },
  config_parse_notify_access: { none: 209, main: 209, exec: 237, all: 209 },
  config_parse_service_exit_type: { main: 250, cgroup: 250 },
  config_parse_service_restart_mode: { normal: 254, direct: 254, debug: 257 },
  config_parse_collect_mode: { inactive: 236, "inactive-or-failed": 236 },
  config_parse_device_policy: { auto: 209, closed: 209, strict: 209 },
  config_parse_exec_keyring_mode: { inherit: 235, private: 235, shared: 235 },
  config_parse_emergency_action: {
    none: 209, reboot: 209, "reboot-force": 209, "reboot-immediate": 209, poweroff: 209, "poweroff-force": 209,
    "poweroff-immediate": 209, exit: 227, "exit-force": 227, "soft-reboot": 254, "soft-reboot-force": 254,
    kexec: 253, "kexec-force": 253, halt: 253, "halt-force": 253, "halt-immediate": 253,
  },
  config_parse_job_mode: { fail: 209, replace: 209, "replace-irreversibly": 209, isolate: 209, flush: 209, "ignore-dependencies": 209, "ignore-requirements": 209, "restart-dependencies": 254 },
};

/** A boolean, or one of a few more words (ProtectSystem=, ProtectHome=). */
const BOOLEAN_OR: Readonly<Record<string, readonly string[]>> = {
  config_parse_protect_system: ["full", "strict"],
  config_parse_protect_home: ["read-only", "tmpfs"],
};

/** One of a fixed set of words, each known from a version on; suggests the closest word. */
export function enumCheck(values: Readonly<Record<string, number>>) {
  return (value: string, target: number): ValueProblem => {
    const since = own(values, value);
    if (since !== undefined) return since > target ? needsNewer(since, target, `"${value}"`) : null;
    const words = Object.keys(values).filter((w) => values[w]! <= target);
    const meant = suggest(value, words);
    return { what: `is not one of ${words.map((w) => `"${w}"`).join(", ")}`, ...(meant ? { meant } : {}) };
  };
}

export const BASIC_CHECKS: ValueChecks = {
  ...Object.fromEntries(Object.entries(ENUMS).map(([parser, values]) => [parser, enumCheck(values)])),
  ...Object.fromEntries(
    Object.entries(BOOLEAN_OR).map(([parser, words]) => [
      parser,
      (v: string): ValueProblem => (words.includes(v) || parseBoolean(v) !== null ? null : { what: `is not a boolean or one of ${words.map((w) => `"${w}"`).join(", ")}` }),
    ]),
  ),
  // kill(2) signals as signal_from_string() reads them: numbers, names with or without SIG, RTMIN+n.
  config_parse_signal: (v) => (signalFromString(v) === null ? { what: "is not a signal (e.g. SIGTERM, TERM, 15, RTMIN+3)" } : null),
  // parse_mode(): octal, at most 07777.
  config_parse_mode: (v) => (/^[0-7]+$/.test(v.trim()) && parseInt(v.trim(), 8) <= 0o7777 ? null : { what: "is not an octal file mode up to 07777 (e.g. 0750)" }),
  // parse_nice(): an integer from -20 to 19.
  config_parse_exec_nice: (v) => (/^[-+]?\d+$/.test(v) && Number(v) >= -20 && Number(v) <= 19 ? null : { what: "is not a nice level (an integer from -20 to 19)" }),
  config_parse_bool: (v, _target, key) => {
    const problem = notBoolean(v);
    return problem && key !== undefined && FATAL_BOOLEANS.has(key) ? { ...problem, refused: true } : problem;
  },
  config_parse_tristate: notBoolean,
  config_parse_service_timeout: notTimespan('e.g. "90s", "5min", "infinity"; 0 means no timeout'),
  config_parse_sec: notTimespan('e.g. "90s", "5min 30s", "infinity"; "m" is minutes, "M" months'),
  config_parse_sec_fix_0: notTimespan('e.g. "90s", "5min", "infinity"; 0 means no timeout'),
};

