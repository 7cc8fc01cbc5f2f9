/**
 * The default human output: findings grouped by file, each as
 * `path:line:col  severity  message  rule`, the source line with a marker
 * under the range, and a summary line.
 */
import type { Finding, Report } from "../engine/report.js";
import type { Severity } from "../rules/types.js";

export interface StylishOptions {
  color: boolean;
  /** Returns the text of a 1-based line of a file, if known. */
  sourceLine(path: string, line: number): string | undefined;
}

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4 } as const;

function paint(on: boolean, code: keyof typeof CODES, text: string): string {
  return on ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text;
}

const SEVERITY_COLOR: Record<Severity, keyof typeof CODES> = { error: "red", warning: "yellow", info: "cyan" };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Shows control characters from a checked file as visible symbols (U+2400
 * block), one for one so that columns still line up: a unit file must not be
 * able to send escape sequences to the terminal of whoever lints it.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}

/** The marker under a range: keeps the line's tabs so it lines up in any terminal. */
function marker(line: string, f: Finding): string {
  const from = Math.max(0, f.column - 1);
  const to = f.endLine === f.line ? Math.max(from + 1, f.endColumn - 1) : Math.max(from + 1, line.length);
  const pad = line.slice(0, from).replace(/[^\t]/g, " ");
  return pad + "^".repeat(Math.max(1, Math.min(to, line.length + 1) - from));
}

export function formatStylish(report: Report, options: StylishOptions): string {
  const { color } = options;
  const out: string[] = [];
  const byPath = new Map<string, Finding[]>();
  for (const f of report.findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  for (const [path, findings] of byPath) {
    out.push(paint(color, "underline", visible(path)));
    for (const f of findings) {
      const sev = paint(color, SEVERITY_COLOR[f.severity], f.severity.padEnd(7));
      out.push(`  ${visible(path)}:${f.line}:${f.column}  ${sev}  ${visible(f.message)}  ${paint(color, "dim", f.rule)}`);
      const text = options.sourceLine(path, f.line);
      if (text !== undefined) {
        const shown = visible(text.length > 200 ? text.slice(0, 200) + "…" : text);
        const gutter = String(f.line).padStart(6);
        out.push(paint(color, "dim", `${gutter} | `) + shown);
        out.push(paint(color, "dim", `${" ".repeat(6)} | `) + paint(color, SEVERITY_COLOR[f.severity], marker(shown, f)));
      }
    }
    out.push("");
  }
  const { errors, warnings, infos, units } = report.summary;
  const total = errors + warnings + infos;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")}`;
  const byStatus = new Map<string, number>();
  for (const u of report.units) byStatus.set(u.status, (byStatus.get(u.status) ?? 0) + 1);
  const statuses = ["checked", "masked", "alias", "skipped", "unreadable"]
    .filter((s) => byStatus.get(s))
    .map((s) => `${byStatus.get(s)} ${s}`)
    .join(", ");
  const scope = `${plural(units, "unit")}${statuses ? ` (${statuses})` : ""}`;
  out.push(
    total === 0
      ? paint(color, "bold", `✔ no problems in ${scope}`)
      : paint(color, "bold", `✖ ${plural(total, "problem")} (${counts}) in ${scope}`),
  );
  return out.join("\n") + "\n";
}
