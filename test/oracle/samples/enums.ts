import type { Samples } from "../../helpers/differential.js";

const A255 = "a".repeat(255);

/** The remaining enumerations and the timer settings (src/model/values/enums.ts). */
export const SAMPLES: Samples = {
  // StandardOutput=/StandardError= in every unit type that runs processes. StandardOutput=syslog
  // is left out: 252 accepts it with an "obsolete" notice on the line, which is no value problem.
  config_parse_exec_output: {
    valid: ["journal", "journal+console", "kmsg+console", "null", "inherit", "socket", "fd", "fd:", "fd:my log", `fd:${A255}`, "file:/var/log/x.log", "file://var/./log/", "append:/var/log/x.log", "truncate:/run/x", `file:/${A255}`],
    invalid: ["jounal", "Journal", "console", "syslog+kmsg", "FILE:/x", "file:relative", "append:", "truncate:/var/../x", "fd:a:b", `fd:${A255}a`, `file:/${A255}a`],
  },
  config_parse_exec_input: {
    valid: ["null", "tty", "tty-force", "tty-fail", "socket", "fd", "fd:stdin", "data", "file:/dev/null"],
    invalid: ["nul", "tty-forced", "journal", "append:/x", "file:dev/null", "fd:a:b", "file:/x/.."],
  },
  config_parse_exec_utmp_mode: { valid: ["init", "login", "user"], invalid: ["Init", "users", "none"] },
  config_parse_exec_preserve_mode: { valid: ["no", "yes", "restart", "TRUE", "0"], invalid: ["Restart", "restarts", "always"] },
  config_parse_proc_subset: { valid: ["all", "pid"], invalid: ["pids", "All", "yes"] },
  config_parse_protect_proc: { valid: ["default", "invisible", "ptraceable", "noaccess"], invalid: ["yes", "Invisible", "hidden"] },
  // 252 reads these three as plain booleans; the words and forms after ":" came in v257/v258.
  config_parse_protect_hostname: { valid: ["yes", "no", "True", "0"], invalid: ["private", "yes:myhost", "private:myhost", "no:myhost", "maybe"] },
  config_parse_protect_control_groups: { valid: ["yes", "false", "ON"], invalid: ["private", "strict", "read-only"] },
  config_parse_private_users: { valid: ["yes", "no", "1", "off"], invalid: ["self", "identity", "full", "managed", "private"] },
  config_parse_exec_cpu_sched_policy: { valid: ["other", "batch", "idle", "fifo", "rr", "0", "0x3", "+3", "2147483647"], invalid: ["ext", "deadline", "OTHER", "FIFO", "-1", "08", "2147483648", "1.0"] },
  config_parse_exec_io_class: { valid: ["none", "realtime", "best-effort", "idle", "0", "8", "0x2"], invalid: ["rt", "besteffort", "Idle", "9", "09"] },
  config_parse_numa_policy: { valid: ["default", "preferred", "bind", "interleave", "local"], invalid: ["preferred-many", "weighted-interleave", "Default", "0"] },
  config_parse_managed_oom_mode: { valid: ["auto", "kill"], invalid: ["Kill", "none", "yes"] },
  config_parse_managed_oom_preference: { valid: ["none", "avoid", "omit"], invalid: ["Avoid", "ignore"] },
  config_parse_oom_policy: { valid: ["continue", "stop", "kill"], invalid: ["Kill", "terminate", "ignore"] },
  config_parse_service_timeout_failure_mode: { valid: ["terminate", "abort", "kill"], invalid: ["Abort", "stop", "sigkill"] },
  config_parse_exec_mount_propagation_flag: { valid: ["shared", "slave", "private"], invalid: ["rshared", "Shared", "rslave", "slave private"] },
  config_parse_socket_bind: { valid: ["default", "both", "ipv6-only", "yes", "no", "TRUE"], invalid: ["Both", "ipv6only", "ipv4-only"] },
  config_parse_socket_timestamping: { valid: ["off", "us", "usec", "µs", "μs", "ns", "nsec", "Off", "yes", "0"], invalid: ["microseconds", "nanoseconds", "ms", "NS"] },
  config_parse_delegate: {
    valid: ["yes", "no", "cpu", "cpu memory", "pids memory cpu", "cpu cpuacct io blkio memory devices pids cpuset", "bpf-firewall bpf-devices", '"cpu" memory', "cpu  memory"],
    invalid: ["bogus", "cpu bogus", "CPU", "cpu,memory", "yes cpu", "freezer", "hugetlb", '"cpu memory"', 'cpu "', "bpf-bind-network-interface"],
  },
  config_parse_log_level: { valid: ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug", "0", "7", "0x3", "07"], invalid: ["error", "warn", "Debug", "INFO", "panic", "8", "-1"] },
  config_parse_log_facility: { valid: ["kern", "daemon", "authpriv", "local0", "local7", "0", "23", "127", "0x7f"], invalid: ["local8", "Daemon", "security", "ntp", "128", "local 0"] },
  // Only the native architecture and its 32-bit companion pass on a given machine (x86-64 and x86
  // here); other architecture names are host-dependent and not sampled.
  config_parse_personality: { valid: ["x86-64", "x86"], invalid: ["x86_64", "amd64", "i386", "X86", "linux", "bogus"] },
  config_parse_job_mode_isolate: { valid: ["yes", "no", "TRUE", "0"], invalid: ["isolate", "bogus", "2"] },
  // One parser serves OnCalendar= (calendar events) and the OnXSec= settings (time spans), and the
  // harness puts each sample into all of them: no value is valid for both, so only values both
  // refuse are sampled here. Per-setting values are in test/values-enums.test.ts.
  config_parse_timer: { valid: [], invalid: ["bogus", "5 mins", "1H", "Fri..Mon", "*/5", "-5", "1 fortnight", "daily 10:00"] },
  // The same parser per setting: calendar events for OnCalendar=, time spans for the others.
  "Timer.OnCalendar": { valid: ["daily", "Mon..Fri 09:00", "*-*-* 00/15:00", "2024-02-29 12:00:00 UTC", "*:0/5", "Sat,Sun 10:00", "*-*~01"], invalid: ["5min", "Fri..Mon", "*/5", "daily 10:00", "25:00"] },
  ...Object.fromEntries(
    ["OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec"].map((key) => [`Timer.${key}`, { valid: ["5min", "1h 30s", "90", "0"], invalid: ["daily", "5 mins", "1H", "-5"] }]),
  ),
};
