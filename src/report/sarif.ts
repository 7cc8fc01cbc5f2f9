/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers: one
 * run, the rule registry as tool.driver.rules, a result per finding with its region and, where it
 * has one, its fix as text replacements.
 *
 * Columns: unitlint's (src/syntax/ast.ts Span) are 1-based, count UTF-16 code units, end
 * exclusive, and start after a byte-order mark on line 1. That is SARIF's text region exactly
 * (§3.30.2: 1-based, endColumn one past the region, values independent of a BOM) with
 * columnKind "utf16CodeUnits", so they are copied unchanged. A file that is not UTF-8 is read one
 * byte per character: its columns count bytes, and its fixes are given as byte regions.
 */
import type { Finding, Report } from "../engine/report.js";
import { fixTargetOf } from "../engine/lint.js";
import { RULES } from "../rules/index.js";
import { ruleTags } from "../rules/meta.js";
import type { Rule, Severity } from "../rules/types.js";
import type { TextEdit } from "../fixers/types.js";
import type { UnitFile } from "../model/unit.js";
import { docsUrlOf } from "./docs-url.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const INFORMATION_URI = "https://github.com/unitlint/unitlint";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** Relative paths stay relative, to %SRCROOT% (the directory unitlint ran in); absolute ones become file: URIs. */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  // Each segment percent-encoded (a unit name may hold `\`, `#`, `%`, spaces); `@` of templates is a valid path character.
  const encoded = path
    .split("/")
    .map((s) => encodeURIComponent(s).replace(/%40/g, "@"))
    .join("/");
  return path.startsWith("/") ? { uri: `file://${encoded}` } : { uri: encoded, uriBaseId: "%SRCROOT%" };
}

function descriptor(rule: Rule): Record<string, unknown> {
  const url = docsUrlOf(rule);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.rationale },
    help: { text: rule.docs.rationale },
    ...(url ? { helpUri: url } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ruleTags(rule) },
  };
}

function replacement(edit: TextEdit, file: UnitFile): Record<string, unknown> {
  if (file.bytes) {
    // The text holds one Latin-1 character per byte, so its offsets are byte offsets.
    const inserted = edit.text === "" ? {} : { insertedContent: { binary: Buffer.from(edit.text, "latin1").toString("base64") } };
    return { deletedRegion: { byteOffset: edit.start, byteLength: edit.end - edit.start }, ...inserted };
  }
  // SARIF's character offsets do not count a byte-order mark; unitlint's text offsets do.
  const bom = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const start = Math.max(0, edit.start - bom);
  const end = Math.max(0, edit.end - bom);
  const inserted = edit.text === "" ? {} : { insertedContent: { text: edit.text } };
  return { deletedRegion: { charOffset: start, charLength: end - start }, ...inserted };
}

function fixes(f: Finding): Record<string, unknown> {
  const target = f.fix ? fixTargetOf(f) : undefined;
  if (!f.fix || !target || target.fix.edits.length === 0) return {};
  // In the order unitlint applies them (src/fixers/apply.ts); SARIF regions refer to the unmodified file either way.
  const edits = [...target.fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    fixes: [
      {
        description: { text: f.fix.title },
        artifactChanges: [{ artifactLocation: artifactLocation(target.file.path), replacements: edits.map((e) => replacement(e, target.file)) }],
        properties: { applicability: f.fix.applicability },
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    // A finding about no file in particular (a project rule that crashed) has no location.
    ...(f.path === "" ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path), region } }] }),
    ...fixes(f),
  };
}

/** `ruleSet`: the rules that ran, described in tool.driver.rules (the registry, and a configuration's custom rules). */
export function sarifLog(report: Report, ruleSet: readonly Rule[] = RULES): object {
  const rules = ruleSet.map(descriptor);
  const index = new Map(ruleSet.map((r, i) => [r.id, i]));
  // A finding of a rule that is not in the set (the harden template's) still needs a descriptor to point at.
  for (const f of report.findings) {
    if (index.has(f.rule)) continue;
    index.set(f.rule, rules.length);
    rules.push({ id: f.rule, name: f.name });
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "unitlint", version: report.tool.version, informationUri: INFORMATION_URI, rules } },
        columnKind: "utf16CodeUnits",
        results: report.findings.map((f) => result(f, index.get(f.rule)!)),
      },
    ],
  };
}

/** The SARIF log, indented: it is usually a file that people open as well as upload. */
export function formatSarif(report: Report, rules: readonly Rule[] = RULES): string {
  return `${JSON.stringify(sarifLog(report, rules), null, 2)}\n`;
}
