/**
 * Where systemd's parser can fail the whole unit (-ENOEXEC: "Unit configuration has fatal error"
 * in a main file; a drop-in stops being read there, fatal.ts): the parsers that always fail so, and
 * the two that fail so only for some settings (ltype=true in load-fragment-gperf.gperf). Which values
 * fail is each parser's check's business (a "-" prefix turns most failures into a warning). Every
 * directive of systemd 252 is driven with valid and invalid values and specifiers against
 * systemd-analyze verify (test/oracle/directives.test.ts, test/oracle/specifiers.test.ts), which
 * requires isFatal() to agree with it on each line.
 */

/** Command lines, user and group names, WorkingDirectory=, PIDFile= (-EINVAL, though its message says "ignoring"), security labels (these fail only on a specifier). */
const FATAL_PARSERS: ReadonlySet<string> = new Set([
  "config_parse_exec",
  "config_parse_pid_file",
  "config_parse_user_group_compat",
  "config_parse_user_group_strv_compat",
  "config_parse_working_directory",
  "config_parse_exec_selinux_context",
  "config_parse_exec_apparmor_profile",
  "config_parse_exec_smack_process_label",
]);

/** The unit_path_printf() settings whose bad path fails the unit. */
export const FATAL_PATHS: ReadonlySet<string> = new Set(["RootDirectory", "RootImage", "RootVerity", "RootMStack"]);

/** The one boolean whose invalid value fails the unit (every boolean checked with systemd-analyze verify 252). */
export const FATAL_BOOLEANS: ReadonlySet<string> = new Set(["DynamicUser"]);

/** Whether a value of `key`, read by `parser`, can make systemd fail the whole unit. */
export function mayFailUnit(parser: string | null | undefined, key: string): boolean {
  if (parser === "config_parse_unit_path_printf") return FATAL_PATHS.has(key);
  if (parser === "config_parse_bool") return FATAL_BOOLEANS.has(key);
  return parser != null && FATAL_PARSERS.has(parser);
}
