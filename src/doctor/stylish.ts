/** doctor's human output: findings grouped by unit (host-wide ones last), each with the file and line when there is one. */
import { visible } from "../report/stylish.js";
import type { Severity } from "../rules/types.js";
import type { DoctorReport } from "./index.js";
import type { DoctorFinding } from "./findings.js";

const COLOR: Record<Severity, number> = { error: 31, warning: 33, info: 36 };

/** Notes (checks that could not run) go to stderr, not here. */
export function formatDoctor(report: DoctorReport, color: boolean): string {
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const groups = new Map<string, DoctorFinding[]>();
  for (const f of report.findings) {
    const key = f.unit ?? "";
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  for (const key of keys) {
    out.push(paint(4, key === "" ? "host" : visible(key)));
    for (const f of groups.get(key)!) {
      out.push(`  ${paint(COLOR[f.severity], f.severity.padEnd(7))}  ${visible(f.message)}  ${paint(2, f.rule)}`);
      if (f.path !== "") out.push(paint(2, `           at ${visible(f.path)}:${f.line}:${f.column}`));
    }
    out.push("");
  }
  const { errors, warnings, infos } = report.summary;
  const total = errors + warnings + infos;
  const units = `${report.summary.units} unit file${report.summary.units === 1 ? "" : "s"} checked`;
  out.push(paint(1, total === 0 ? `✔ no problems (${units})` : `✖ ${total} problem${total === 1 ? "" : "s"} (${errors} errors, ${warnings} warnings, ${infos} infos; ${units})`));
  return out.join("\n") + "\n";
}
