/**
 * Which settings an empty assignment (`Restart=`) resets, and which it cannot: most parsers take
 * an empty value as "back to the default" (lists, strings, paths, time lists …), but the
 * enumerations, booleans, numbers, sizes and time spans below log "Failed to parse …, ignoring"
 * and leave the setting as it was, so an empty line in a drop-in does not undo the main file.
 * Measured on systemd 252 for every directive it parses (test/oracle/directives.test.ts), and
 * unchanged in the parsers of later releases we know; by the catalog's parser name.
 */
import { DIRECTIVES } from "../../data/directives.generated.js";
import { parserAt } from "../catalog.js";

const IGNORE_EMPTY: ReadonlySet<string> = new Set([
  "config_parse_bool",
  "config_parse_bus_name",
  "config_parse_collect_mode",
  "config_parse_device_policy",
  "config_parse_emergency_action",
  "config_parse_exec_cpu_sched_prio",
  "config_parse_exec_input",
  "config_parse_exec_keyring_mode",
  "config_parse_exec_output",
  "config_parse_exec_preserve_mode",
  "config_parse_exec_utmp_mode",
  "config_parse_iec_size",
  "config_parse_int",
  "config_parse_job_mode",
  "config_parse_job_mode_isolate",
  "config_parse_job_running_timeout_sec",
  "config_parse_job_timeout_sec",
  "config_parse_log_facility",
  "config_parse_log_level",
  "config_parse_long",
  "config_parse_managed_oom_preference",
  "config_parse_mode",
  "config_parse_notify_access",
  "config_parse_nsec",
  "config_parse_oom_policy",
  "config_parse_private_tmp",
  "config_parse_private_users",
  "config_parse_proc_subset",
  "config_parse_protect_control_groups",
  "config_parse_protect_home",
  "config_parse_protect_hostname",
  "config_parse_protect_proc",
  "config_parse_protect_system",
  "config_parse_rlimit",
  "config_parse_sec",
  "config_parse_sec_fix_0",
  "config_parse_service_exit_type",
  "config_parse_service_restart",
  "config_parse_service_timeout",
  "config_parse_service_timeout_failure_mode",
  "config_parse_service_type",
  "config_parse_signal",
  "config_parse_socket_bind",
  "config_parse_socket_protocol",
  "config_parse_socket_service",
  "config_parse_socket_timestamping",
  "config_parse_trigger_unit",
  "config_parse_tristate",
  "config_parse_unit_slice",
  "config_parse_unsigned",
]);

/** Settings whose parser in 252 was another one than the catalog's, which takes an empty value (config_parse_exec_mount_apivfs). */
const RESET_BY_EMPTY: ReadonlySet<string> = new Set(["MountAPIVFS"]);

/** Whether the targeted release ignores an empty assignment of `section`.`key` instead of resetting the setting. */
export function emptyIgnored(section: string, key: string, target: number): boolean {
  const row = DIRECTIVES[section]?.[key];
  if (!Array.isArray(row)) return false;
  const parser = parserAt(row, key, target);
  return parser !== null && IGNORE_EMPTY.has(parser) && !RESET_BY_EMPTY.has(key);
}
