import type { Report } from "../engine/report.js";

/** The JSON report: one object, documented by schemas/report.schema.json. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}
