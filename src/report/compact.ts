/**
 * `--format compact`: one finding per line, `path:line:col: severity: message [rule]`, the shape
 * editors' error parsers (vim's errorformat, Emacs compile mode) read without configuration.
 */
import type { Report } from "../engine/report.js";
import { visible } from "./stylish.js";

export function formatCompact(report: Report): string {
  // visible(): a newline in a path or message would split a finding over two lines, and an escape
  // sequence from a unit file must not reach the terminal.
  return report.findings.map((f) => `${visible(f.path)}:${f.line}:${f.column}: ${f.severity}: ${visible(f.message)} [${f.rule}]\n`).join("");
}
