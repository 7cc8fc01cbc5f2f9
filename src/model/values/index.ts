/**
 * Every value check, by systemd's parser function name (the 4th column of
 * src/data/directives.generated.ts). Parsers absent here accept any string.
 */
import { parserAt } from "../catalog.js";
import { BASIC_CHECKS } from "./basic.js";
import { ENUMS_CHECKS } from "./enums.js";
import { EXEC_CHECKS } from "./exec.js";
import { NUMBERS_CHECKS } from "./numbers.js";
import { PATHS_CHECKS } from "./paths.js";
import { SECURITY_CHECKS } from "./security.js";
import type { DirectiveVersions } from "../../data/directives.generated.js";
import { splitsBeforeExpanding, withPlaceholders } from "../specifiers.js";
import type { UnitName } from "../unit-name.js";
import type { ValueChecks, ValueProblem } from "./types.js";
import { UNITS_CHECKS } from "./units.js";

export type { ValueCheck, ValueChecks, ValueProblem } from "./types.js";

export const VALUE_CHECKS: ValueChecks = { ...BASIC_CHECKS, ...ENUMS_CHECKS, ...NUMBERS_CHECKS, ...EXEC_CHECKS, ...PATHS_CHECKS, ...SECURITY_CHECKS, ...UNITS_CHECKS };

/**
 * Parsers that read a value expanding to "" (`%i` in a unit that is not an instance) as empty:
 * they test for emptiness after expanding specifiers, so it resets the setting (RootDirectory=%i)
 * or is a fine value (Description=%i). Every other parser tests before expanding, and then reads ""
 * as a value, usually one it refuses (User=%i). Each checked against systemd-analyze verify 252
 * (test/oracle/specifiers.test.ts).
 */
const EMPTY_EXPANSION_ACCEPTED: ReadonlySet<string> = new Set([
  "config_parse_unit_condition_string",
  "config_parse_unit_string_printf",
  "config_parse_documentation",
  "config_parse_reboot_parameter",
  "config_parse_unit_path_printf",
  "config_parse_unit_cpu_set",
  "config_parse_exec_apparmor_profile",
  "config_parse_exec_cpu_affinity",
  "config_parse_pid_file",
  "config_parse_root_image_options",
  "config_parse_exec_selinux_context",
  "config_parse_exec_smack_process_label",
  "config_parse_exec_input_text",
  "config_parse_fdname",
]);

/**
 * Parsers that split a value into words and then expand each word, by what they do with a word
 * that expands to nothing (`ReadWritePaths=%i /srv` in a unit that is not an instance): ignore it
 * with a warning and keep the others, or refuse the unit. A command line is one of them too, but its
 * check sees the empty word itself (EXPANDED_BY_PART below). The other parsers expand the whole
 * value, where an empty word is only less text, or their checks already reject what the empty word
 * leaves (BindPaths=%i /srv, DeviceAllow=%i rw) (systemd-analyze verify 252, test/oracle/specifiers.test.ts).
 */
const EMPTY_WORD_EFFECT: ReadonlyMap<string, "ignored" | "refused"> = new Map([
  ["config_parse_user_group_strv_compat", "refused"],
  ...[
    "config_parse_unit_path_strv_printf",
    "config_parse_environ",
    "config_parse_pass_environ",
    "config_parse_unset_environ",
    "config_parse_unit_deps",
    "config_parse_service_sockets",
    "config_parse_exec_directories",
    "config_parse_namespace_path_strv",
    "config_parse_temporary_filesystems",
    "config_parse_mount_images",
    "config_parse_extension_images",
    "config_parse_unit_mounts_for",
    "config_parse_log_extra_fields",
  ].map((parser) => [parser, "ignored"] as const),
]);

/** A word made only of `%i` and `%I`: empty in a unit that is not an instance. */
const EMPTY_WORD = /(^|[ \t\n\r])(?:%[iI])+(?=[ \t\n\r]|$)/;

/**
 * Parsers that split a value into parts first and then expand specifiers part by part: their checks
 * get the value as written and the expansion of one part. config_parse_exec() takes each command's
 * prefixes as written (a "-" that %i gives is part of the program; an empty program name refuses the
 * unit, an empty argument is fine), and WorkingDirectory= its "-" (`WorkingDirectory=%i` in
 * web@-x.service is the relative "-x", which refuses the unit); the exec directories expand SOURCE
 * and LINK apart (`a:%i` leaves an empty link, which systemd ignores with its entry), and
 * LoadCredential= its name and source; ReadWritePaths= and the other namespace paths, and
 * ExtensionImages=, take their "-" and "+" prefixes as written; Environment=, PassEnvironment=,
 * UnsetEnvironment=, LogExtraFields=, SupplementaryGroups=, the dependencies, Sockets= and the
 * path lists split (and unescape) their words before expanding each (`Environment=A=%I` in
 * web@a\x20b.service sets A to "a b", one word; `SupplementaryGroups=%I` there is the one group "a b");
 * StandardInputText= decodes its C escapes before it expands, so an escape is judged as written.
 */
const EXPANDED_BY_PART: ReadonlySet<string> = new Set([
  "config_parse_exec",
  "config_parse_environ",
  "config_parse_pass_environ",
  "config_parse_unset_environ",
  "config_parse_log_extra_fields",
  "config_parse_user_group_strv_compat",
  "config_parse_unit_deps",
  "config_parse_obsolete_unit_deps",
  "config_parse_service_sockets",
  "config_parse_unit_mounts_for",
  "config_parse_unit_path_strv_printf",
  "config_parse_exec_input_text",
  "config_parse_working_directory",
  "config_parse_exec_directories",
  "config_parse_load_credential",
  "config_parse_namespace_path_strv",
  "config_parse_extension_images",
]);

/**
 * What the parser of a setting (its row of the directive catalog) says about a non-empty value for
 * the targeted release: null when it accepts it, undefined when there is nothing to check (no check
 * for that parser, or specifiers that cannot be given plausible expansions; UL305 reports those).
 * `unit`: the unit whose name the specifiers expand to, when known (unit-name.ts expandedNameOfFile()).
 */
export function valueProblem(versions: DirectiveVersions | undefined, key: string, value: string, target: number, unit: UnitName | null = null): ValueProblem | undefined {
  const parser = versions ? parserAt(versions, key, target) : null;
  const check = parser ? VALUE_CHECKS[parser] : undefined;
  if (!check) return undefined;
  // A parser that splits before it expands, and whose check re-splits the expanded value, is given no name it would split.
  const byPart = EXPANDED_BY_PART.has(parser!);
  const expanded = withPlaceholders(parser!, value, target, unit, !byPart && splitsBeforeExpanding(parser!));
  if (expanded === null) return undefined;
  const plain = unit !== null && unit.instance === null && value.includes("%");
  const emptyWord = plain && expanded !== "" ? EMPTY_WORD_EFFECT.get(parser!) : undefined;
  if (emptyWord && EMPTY_WORD.test(value)) {
    return check(expanded, target, key) ?? { what: "has an empty word", ...(emptyWord === "refused" ? { refused: true } : { dropped: "entry" }) };
  }
  if (byPart && expanded !== value) return check(value, target, key, (part) => withPlaceholders(parser!, part, target, unit) ?? part);
  if (expanded !== "" || value === "") return check(expanded, target, key);
  if (EMPTY_EXPANSION_ACCEPTED.has(parser!)) return undefined;
  // A list check finds no word in "", but systemd expands each word and refuses the empty one.
  return check("", target, key) ?? { what: "is empty", ...(EMPTY_WORD_EFFECT.get(parser!) === "refused" ? { refused: true } : {}) };
}
