/** Exact messages of the enumeration and timer value checks (src/model/values/enums.ts), the calendar reader, and their version awareness. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { calendarProblem } from "../src/model/values/enums-calendar.js";
import { ENUMS_CHECKS } from "../src/model/values/enums.js";

type TimerCheck = (value: string, target: number, key?: string) => ReturnType<(typeof ENUMS_CHECKS)[string]>;

const check = (parser: string, value: string, target = 252) => ENUMS_CHECKS[parser]!(value, target);
const what = (parser: string, value: string, target = 252) => check(parser, value, target)?.what ?? null;
const timer = (value: string, key?: string) => (ENUMS_CHECKS.config_parse_timer as TimerCheck)(value, 252, key)?.what ?? null;

/** UL304's messages for `lines` in the given section of a unit of that type. */
function ul304(lines: string[], systemdVersion = 252, section = "Service"): string[] {
  const head = section === "Timer" ? "[Timer]\nOnActiveSec=5\n" : "[Service]\nExecStart=/usr/sbin/webd\n";
  const file = section === "Timer" ? "x.timer" : "x.service";
  return lintText(`${head}${lines.join("\n")}\n`, file, { settings: { systemdVersion } })
    .findings.filter((f) => f.rule === "UL304")
    .map((f) => f.message);
}

const IGNORED = "systemd ignores it and keeps the default";

describe("standard input and output", () => {
  it("name the words and the prefix forms, and suggest the word meant", () => {
    expect(ul304(["StandardOutput=jounal", "StandardError=FILE:/var/log/x"])).toEqual([
      `StandardOutput=jounal is not one of "inherit", "null", "tty", "journal", "kmsg", "journal+console", "kmsg+console", "socket", "fd", or fd:…, file:…, append:…, truncate:…: ${IGNORED}; did you mean "journal"?`,
      `StandardError=FILE:/var/log/x is not one of "inherit", "null", "tty", "journal", "kmsg", "journal+console", "kmsg+console", "socket", "fd", or fd:…, file:…, append:…, truncate:…: ${IGNORED}; did you mean "file:/var/log/x"?`,
    ]);
    expect(what("config_parse_exec_input", "nul")).toBe('is not one of "null", "tty", "tty-force", "tty-fail", "socket", "fd", "data", or fd:…, file:…');
    expect(check("config_parse_exec_input", "nul")?.meant).toBe("null");
  });

  it("check the path or descriptor name after the prefix", () => {
    expect(what("config_parse_exec_output", "file:var/log/x")).toBe('needs an absolute path after "file:"');
    expect(what("config_parse_exec_output", "append:/var/log/../x")).toBe('has ".." in its path, which systemd refuses');
    expect(what("config_parse_exec_output", `file:/${"a".repeat(256)}`)).toBe("has a path component longer than 255 bytes");
    expect(what("config_parse_exec_output", "fd:a:b")).toBe('has an invalid file descriptor name after "fd:" (printable ASCII without ":", at most 255 characters)');
    expect(["file:/var/./log//x/", "fd:", "fd:my log", "syslog", "syslog+console"].map((v) => what("config_parse_exec_output", v))).toEqual([null, null, null, null, null]);
  });

  it("know when each form arrived", () => {
    expect(what("config_parse_exec_output", "truncate:/run/x", 247)).toBe('needs systemd ≥ 248 (247 does not know "truncate:")');
    expect(what("config_parse_exec_output", "append:/run/x", 239)).toBe('needs systemd ≥ 240 (239 does not know "append:")');
    expect(what("config_parse_exec_input", "data", 235)).toBe('needs systemd ≥ 236 (235 does not know "data")');
    expect(what("config_parse_exec_output", "truncate:/run/x", 248)).toBeNull();
  });
});

describe("booleans with extra words", () => {
  it("know the PrivateUsers= words of v257, v258 and v260", () => {
    expect(ul304(["PrivateUsers=identity"])).toEqual([`PrivateUsers=identity needs systemd ≥ 257 (252 does not know "identity"): ${IGNORED}`]);
    expect(what("config_parse_private_users", "self", 257)).toBeNull();
    expect(what("config_parse_private_users", "full", 257)).toBe('needs systemd ≥ 258 (257 does not know "full")');
    expect(what("config_parse_private_users", "managed", 259)).toBe('needs systemd ≥ 260 (259 does not know "managed")');
    expect(what("config_parse_private_users", "maybe", 252)).toBe("is not a boolean (expected 1/yes/y/true/t/on or 0/no/n/false/f/off)");
    expect(check("config_parse_private_users", "identiy", 262)).toEqual({ what: 'is not a boolean or one of "self", "identity", "full", "managed"', meant: "identity" });
  });

  it("know ProtectControlGroups= private/strict (v257)", () => {
    expect(what("config_parse_protect_control_groups", "strict")).toBe('needs systemd ≥ 257 (252 does not know "strict")');
    expect(what("config_parse_protect_control_groups", "read-only", 257)).toBe('is not a boolean or one of "private", "strict"');
    expect(what("config_parse_protect_control_groups", "ON")).toBeNull();
  });

  it("know ProtectHostname= private (v257) and a hostname after the colon (v258)", () => {
    expect(what("config_parse_protect_hostname", "private")).toBe('needs systemd ≥ 257 (252 does not know "private")');
    expect(what("config_parse_protect_hostname", "yes:myhost", 257)).toBe("needs systemd ≥ 258 (257 does not take a hostname here)");
    expect(["yes:myhost", "private:my-host.example", "true:a"].map((v) => what("config_parse_protect_hostname", v, 258))).toEqual([null, null, null]);
    expect(what("config_parse_protect_hostname", "no:myhost", 258)).toBe('is not a boolean, "private", or "yes:HOSTNAME"/"private:HOSTNAME"');
    expect(what("config_parse_protect_hostname", "yes:my host", 258)).toBe('names an invalid hostname "my host"');
  });

  it("take the other boolean-or-word settings", () => {
    expect(check("config_parse_exec_preserve_mode", "Restart")).toEqual({ what: 'is not a boolean or one of "restart"', meant: "restart" });
    expect(what("config_parse_socket_bind", "ipv6only")).toBe('is not a boolean or one of "default", "both", "ipv6-only"');
    expect(["usec", "µs", "μs", "nsec", "Off", "yes"].map((v) => what("config_parse_socket_timestamping", v))).toEqual(Array(6).fill(null));
    expect(what("config_parse_socket_timestamping", "ms")).toBe('is not a boolean or one of "off", "us", "ns"');
    expect(what("config_parse_job_mode_isolate", "isolate")).toBe("is not a boolean (expected 1/yes/y/true/t/on or 0/no/n/false/f/off)");
  });
});

describe("words or numbers", () => {
  it("read numbers like safe_atou(), within the table's range", () => {
    expect(["0x3", "010", "+3", "2147483647"].map((v) => what("config_parse_exec_cpu_sched_policy", v))).toEqual([null, null, null, null]);
    expect(what("config_parse_exec_cpu_sched_policy", "2147483648")).toBe("is out of range (policy numbers go from 0 to 2147483647)");
    expect(what("config_parse_exec_io_class", "9")).toBe("is out of range (class numbers go from 0 to 8)");
    expect(what("config_parse_log_level", "-1")).toBe("is out of range (levels go from 0 to 7)");
  });

  it("name the words, suggest one, and know SCHED_EXT (v260)", () => {
    expect(ul304(["CPUSchedulingPolicy=FIFO", "CPUSchedulingPolicy=ext"])).toEqual([
      `CPUSchedulingPolicy=FIFO is not one of "other", "batch", "idle", "fifo", "rr" or a policy number from 0 to 2147483647: ${IGNORED}; did you mean "fifo"?`,
      `CPUSchedulingPolicy=ext needs systemd ≥ 260 (252 does not know "ext"): ${IGNORED}`,
    ]);
    expect(check("config_parse_log_level", "error")).toEqual({ what: 'is not one of "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug" or a level from 0 to 7', meant: "err" });
    expect(check("config_parse_log_facility", "Daemon")?.meant).toBe("daemon");
    expect(what("config_parse_log_facility", "127")).toBeNull();
  });
});

describe("plain enumerations", () => {
  it("report the words of the setting", () => {
    expect(ul304(["ProtectProc=yes", "ManagedOOMSwap=Kill", "OOMPolicy=terminate"])).toEqual([
      `ProtectProc=yes is not one of "default", "invisible", "ptraceable", "noaccess": ${IGNORED}`,
      `ManagedOOMSwap=Kill is not one of "auto", "kill": ${IGNORED}; did you mean "kill"?`,
      `OOMPolicy=terminate is not one of "continue", "stop", "kill": ${IGNORED}`,
    ]);
    expect(what("config_parse_numa_policy", "preferred-many")).toBe('is not one of "default", "preferred", "bind", "interleave", "local"');
    expect(check("config_parse_exec_mount_propagation_flag", "rshared")).toEqual({ what: 'is not one of "shared", "slave", "private"', meant: "shared" });
  });
});

describe("Delegate=", () => {
  it("takes a boolean or controllers, and names the word it does not know", () => {
    expect(ul304(["Delegate=pids memory cpu", "Delegate=cpu memroy"])).toEqual([
      `Delegate=cpu memroy names "memroy", which is not a boolean or a cgroup controller ("cpu", "cpuacct", "cpuset", "io", "blkio", "memory", "devices", "pids", "bpf-firewall", "bpf-devices", "bpf-foreign", "bpf-socket-bind", "bpf-restrict-network-interfaces"): systemd ignores that entry and keeps the others; did you mean "memory"?`,
    ]);
    expect(what("config_parse_delegate", '"cpu" memory')).toBeNull();
    expect(what("config_parse_delegate", '"cpu memory"')).toMatch(/^names "cpu memory"/);
    expect(what("config_parse_delegate", 'cpu "')).toBe("has a quote that is never closed");
  });

  it("knows when lists and controllers arrived", () => {
    expect(what("config_parse_delegate", "cpu", 235)).toBe("needs systemd ≥ 236 for a list of controllers (235 takes only a boolean)");
    expect(what("config_parse_delegate", "yes", 235)).toBeNull();
    expect(what("config_parse_delegate", "cpu cpuset", 243)).toBe('needs systemd ≥ 244 (243 does not know the controller "cpuset")');
    expect(what("config_parse_delegate", "bpf-bind-network-interface")).toBe('needs systemd ≥ 260 (252 does not know the controller "bpf-bind-network-interface")');
  });
});

describe("Personality=", () => {
  it("takes any architecture name and maps uname/Debian spellings", () => {
    expect(["x86-64", "x86", "arm64", "ppc64-le", "s390x"].map((v) => what("config_parse_personality", v))).toEqual(Array(5).fill(null));
    expect(ul304(["Personality=x86_64"])).toEqual([
      `Personality=x86_64 is not an architecture name (e.g. "x86-64", "x86", "arm64", "arm"; which ones work depends on the machine): ${IGNORED}; did you mean "x86-64"?`,
    ]);
    expect(check("config_parse_personality", "amd64")?.meant).toBe("x86-64");
    expect(check("config_parse_personality", "aarch64")?.meant).toBe("arm64");
  });
});

describe("timers", () => {
  it("read OnCalendar= as a calendar event and the others as time spans, given the key", () => {
    expect(timer("Mon..Fri *-*-* 09:00", "OnCalendar")).toBeNull();
    expect(timer("5min", "OnCalendar")).toBe('is a time span, not a calendar event (e.g. "daily", "Mon..Fri *-*-* 09:00", "*-*-01 04:00 UTC"; intervals go in OnUnitActiveSec= or OnBootSec=)');
    expect(timer("Mon 9", "OnCalendar")).toBe('is not a calendar event (expected hour:minute; e.g. "daily", "Mon..Fri *-*-* 09:00", "*-*-01 04:00 UTC")');
    expect(timer("*-*-* 24:00", "OnCalendar")).toBe('is not a calendar event (24: hour must be 0–23; e.g. "daily", "Mon..Fri *-*-* 09:00", "*-*-01 04:00 UTC")');
    expect(timer("*/15", "OnCalendar")).toBe(
      'is not a calendar event (cron\'s "*/N" is written "0/N" here (e.g. "*:0/15" for every 15 minutes); e.g. "daily", "Mon..Fri *-*-* 09:00", "*-*-01 04:00 UTC")',
    );
    expect(timer("daily", "OnBootSec")).toBe("is a calendar event, not a time span (calendar events go in OnCalendar=)");
    expect(timer("5 mins", "OnActiveSec")).toBe('is not a time span (e.g. "5min", "1h 30min", "2d"; a bare number is seconds)');
    expect(timer("1h 30min", "OnUnitActiveSec")).toBeNull();
  });

  it("without the key, accept what either kind accepts; UL304 passes the key", () => {
    expect([timer("daily"), timer("5min"), timer("Sat,Sun 10:00 UTC")]).toEqual([null, null, null]);
    expect(timer("5 mins")).toBe('is neither a time span (OnActiveSec= and the like, e.g. "5min") nor a calendar event (OnCalendar=, e.g. "daily")');
    expect(ul304(["OnCalendar=Fri..Mon", "OnCalendar=Sun *-*-1..7 1:00:00"], 252, "Timer")).toEqual([
      `OnCalendar=Fri..Mon is not a calendar event (a weekday range must go forward (Mon..Fri, not Fri..Mon); e.g. "daily", "Mon..Fri *-*-* 09:00", "*-*-01 04:00 UTC"): ${IGNORED}`,
    ]);
  });
});

describe("calendar events (checked against systemd-analyze calendar of v252)", () => {
  const VALID = [
    "daily", "DAILY", "minutely", "hourly", "weekly", "monthly", "yearly", "annually", "anually", "quarterly", "semiannually", "semi-annually", "biannually", "bi-annually",
    "*-*-* 00:00:00", "Mon..Fri 10:00", "Mon-Fri 10:00", "monday", "Mon,", "Sat,Sun", "Mon,Tue *-*-01..04 12:00:00", "Sun *-*-1..7 1:00:00", "*:0/15", "*:*:0/15", "*:00/10",
    "*-*-1/2", "*-02~03", "*-*~7/2", "*-*~3,5", "2003-03-05", "12:00", "*-*-* 6,18:00", "*-*-* 07..23:30", "2199-12-31", "69-01-01", "*:59", "*:0/59", "*:*:5.5", "*:*:59.999999",
    "@1234567890", "@0", "daily UTC", "daily utc", "daily Europe/Berlin", "Mon  10:00", "*-*-*  10:00", "*-*-* 1..5/10:00",
  ];
  const INVALID: Array<[string, string]> = [
    ["fortnightly", 'expected a number at "fortnightly"'],
    ["Fri..Mon", "a weekday range must go forward (Mon..Fri, not Fri..Mon)"],
    ["Mond", '"Mond" is not a weekday'],
    ["Mon-", "an open weekday range"],
    ["Mon..Fri..Sun", "bad weekday range"],
    ["12", "expected hour:minute"],
    ["*:60", "60: minute must be 0–59"],
    ["*:0/60", "the minute repetition /60 is too long"],
    ["22/2:00", "22/2 never repeats within the hours"],
    ["*-*~1/2", "1/2 never repeats within the days"],
    ["*-*~23,28", "28: day must be 1–25 here"],
    ["*:*:59.9999995", "60: second must be 0–59.999999"],
    ["*:*:10.5..10.7", "a range of seconds shorter than a second needs a repetition"],
    ["2200-01-01", "2200: year must be 1970–2199"],
    ["100-01-01", "100: year must be 1970–2199"],
    ["@99999999999", "the timestamp is after 2199"],
    ["daily europe/berlin", 'expected a number at "daily europe/berlin"'],
    ["10:00  UTC", 'unexpected " " after the minutes'],
    ["*-*-* 10:00:00:00", 'unexpected ":00" at the end'],
  ];

  it("accept what 252 accepts", () => {
    expect(VALID.filter((v) => calendarProblem(v) !== null)).toEqual([]);
  });

  it("say why 252 refuses the others", () => {
    expect(INVALID.map(([v]) => [v, calendarProblem(v)])).toEqual(INVALID);
  });
});
