/** The report formats that are one string made from the report and the rules that ran (stylish and json are written by src/cli/main.ts). */
import type { Report } from "../engine/report.js";
import type { Rule } from "../rules/types.js";
import { formatCheckstyle } from "./checkstyle.js";
import { formatCompact } from "./compact.js";
import { formatGithub } from "./github.js";
import { formatJunit } from "./junit.js";
import { formatSarif } from "./sarif.js";

export const TEXT_FORMATTERS = {
  sarif: formatSarif,
  github: formatGithub,
  checkstyle: formatCheckstyle,
  junit: formatJunit,
  compact: formatCompact,
} as const satisfies Record<string, (report: Report, rules: readonly Rule[]) => string>;
