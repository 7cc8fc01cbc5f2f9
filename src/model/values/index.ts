/**
 * Every value check, by systemd's parser function name (the 4th column of
 * src/data/directives.generated.ts). Parsers absent here accept any string.
 */
import { BASIC_CHECKS } from "./basic.js";
import { ENUMS_CHECKS } from "./enums.js";
import { EXEC_CHECKS } from "./exec.js";
import { NUMBERS_CHECKS } from "./numbers.js";
import { PATHS_CHECKS } from "./paths.js";
import { SECURITY_CHECKS } from "./security.js";
import type { DirectiveVersions } from "../../data/directives.generated.js";
import { withPlaceholders } from "../specifiers.js";
import type { ValueChecks, ValueProblem } from "./types.js";
import { UNITS_CHECKS } from "./units.js";

export type { ValueCheck, ValueChecks, ValueProblem } from "./types.js";

export const VALUE_CHECKS: ValueChecks = { ...BASIC_CHECKS, ...ENUMS_CHECKS, ...NUMBERS_CHECKS, ...EXEC_CHECKS, ...PATHS_CHECKS, ...SECURITY_CHECKS, ...UNITS_CHECKS };

/**
 * Parsers that test for an empty value before expanding specifiers, so that a value expanding to ""
 * (User=%i in a unit that is not an instance) is checked as a value; others read it as an empty
 * assignment (RootDirectory=%i resets). Checked against systemd-analyze verify 252 (test/oracle/specifiers.test.ts).
 */
const EMPTY_EXPANSION_CHECKED: ReadonlySet<string> = new Set(["config_parse_user_group_compat", "config_parse_working_directory", "config_parse_log_namespace"]);

/**
 * What the parser of a setting (its row of the directive catalog) says about a non-empty value for
 * the targeted release: null when it accepts it, undefined when there is nothing to check (no check
 * for that parser, or specifiers that cannot be given plausible expansions; UL305 reports those).
 * `instance`: the unit's instance when known (unit-name.ts instanceOfFile()), for `%i` and `%I`.
 */
export function valueProblem(versions: DirectiveVersions | undefined, key: string, value: string, target: number, instance: string | null = null): ValueProblem | undefined {
  const parser = versions?.[3];
  const check = parser ? VALUE_CHECKS[parser] : undefined;
  if (!check) return undefined;
  const expanded = withPlaceholders(parser!, value, target, instance);
  if (expanded === null || (expanded === "" && !EMPTY_EXPANSION_CHECKED.has(parser!))) return undefined;
  return check(expanded, target, key);
}
