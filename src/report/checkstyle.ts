/**
 * `--format checkstyle`: Checkstyle's XML, which Jenkins (warnings-ng), reviewdog and many CI
 * dashboards read: a `<file>` per file with findings, an `<error>` per finding.
 */
import type { Finding, Report } from "../engine/report.js";
import { XML_DECLARATION, xmlEscape } from "./xml.js";

export function formatCheckstyle(report: Report): string {
  const byPath = new Map<string, Finding[]>();
  for (const f of report.findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const out = [`${XML_DECLARATION}<checkstyle version="4.3">\n`];
  for (const [path, findings] of byPath) {
    out.push(`  <file name="${xmlEscape(path)}">\n`);
    for (const f of findings) {
      out.push(`    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xmlEscape(f.message)}" source="${f.rule}"/>\n`);
    }
    out.push("  </file>\n");
  }
  out.push("</checkstyle>\n");
  return out.join("");
}
