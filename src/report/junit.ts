/**
 * `--format junit`: JUnit XML, which GitLab, Jenkins and Azure Pipelines show as test results.
 * Each linted file is a testsuite; each finding in it is a failed testcase (so that every finding
 * gets its own row, as in ESLint's and ruff's JUnit output), and a file without findings is one
 * passing testcase.
 */
import type { Finding, Report } from "../engine/report.js";
import { XML_DECLARATION, xmlEscape } from "./xml.js";

/** Every checked file (units and their drop-ins) and every file with a finding, in report order. */
function files(report: Report): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const u of report.units) {
    if (u.status !== "checked") continue;
    for (const p of [u.path, ...u.dropins]) if (!out.has(p)) out.set(p, []);
  }
  for (const f of report.findings) out.set(f.path, [...(out.get(f.path) ?? []), f]);
  return out;
}

function testcase(f: Finding): string {
  const name = xmlEscape(`${f.rule} ${f.name} at ${f.line}:${f.column}`);
  const text = xmlEscape(`${f.path}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.rule}]`);
  return (
    `    <testcase name="${name}" classname="${xmlEscape(f.path)}">\n` +
    `      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${text}</failure>\n` +
    "    </testcase>\n"
  );
}

export function formatJunit(report: Report): string {
  const suites = [...files(report)];
  const tests = suites.reduce((n, [, findings]) => n + Math.max(1, findings.length), 0);
  const out = [`${XML_DECLARATION}<testsuites name="unitlint" tests="${tests}" failures="${report.findings.length}" errors="0">\n`];
  for (const [path, findings] of suites) {
    const p = xmlEscape(path);
    out.push(`  <testsuite name="${p}" tests="${Math.max(1, findings.length)}" failures="${findings.length}" errors="0">\n`);
    if (findings.length === 0) out.push(`    <testcase name="no problems" classname="${p}"/>\n`);
    for (const f of findings) out.push(testcase(f));
    out.push("  </testsuite>\n");
  }
  out.push("</testsuites>\n");
  return out.join("");
}
