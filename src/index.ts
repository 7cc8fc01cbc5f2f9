/** unitlint's programmatic API. */
export { parseUnitFile, type ParseOptions } from "./syntax/parse.js";
export { printUnitFile } from "./syntax/print.js";
export { decodeUnitBytes, encodeUnitText } from "./syntax/read.js";
export type * from "./syntax/ast.js";
export { lint, lintText, lintProject, type LintOptions } from "./engine/lint.js";
export type { Finding, Report, UnitReport } from "./engine/report.js";
export { DEFAULT_SETTINGS, type Settings } from "./engine/settings.js";
export { RULES, findRule } from "./rules/index.js";
export type { Rule, Severity } from "./rules/types.js";
export { Unit, type UnitFile, type Assignment } from "./model/unit.js";
export { parseUnitName, UNIT_TYPES, type UnitType } from "./model/unit-name.js";
export { parseTimespan } from "./model/timespan.js";
export { VERSION } from "./version.js";
