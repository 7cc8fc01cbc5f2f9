/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into annotations on
 * the pull request: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
 */
import type { Finding, Report } from "../engine/report.js";
import type { Severity } from "../rules/types.js";
import { visible } from "./stylish.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** The message: escaped as @actions/core's escapeData does, so that it cannot end the command or start another. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: also `:` and `,`, which would end the value (@actions/core's escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Other control characters as visible symbols: the log viewer would act on an escape sequence from a unit file. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, visible);
}

function command(f: Finding): string {
  const props: string[] = [];
  if (f.path !== "") {
    props.push(`file=${escapeProperty(printable(f.path))}`, `line=${f.line}`);
    // GitHub accepts columns only for an annotation on a single line.
    if (f.endLine === f.line) props.push(`col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`);
    else props.push(`endLine=${f.endLine}`);
  }
  props.push(`title=${escapeProperty(`${f.rule} ${f.name}`)}`);
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(printable(f.message))}\n`;
}

export function formatGithub(report: Report): string {
  return report.findings.map(command).join("");
}
