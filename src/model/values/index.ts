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
import type { ValueChecks } from "./types.js";
import { UNITS_CHECKS } from "./units.js";

export type { ValueCheck, ValueChecks, ValueProblem } from "./types.js";

export const VALUE_CHECKS: ValueChecks = { ...BASIC_CHECKS, ...ENUMS_CHECKS, ...NUMBERS_CHECKS, ...EXEC_CHECKS, ...PATHS_CHECKS, ...SECURITY_CHECKS, ...UNITS_CHECKS };
