/**
 * Inline suppressions, in whole-line comments (systemd has no trailing comments):
 *
 *   # unitlint-disable-next-line UL101, restart-storm -- we restart on purpose
 *   # unitlint-disable-file UL203 -- linger is set by the provisioning
 *
 * "next-line" covers the next directive with its continuation lines; "file" the whole file. A
 * suppression that suppresses nothing, or names no rule unitlint has, is reported itself (UL008).
 */
import type { UnitFile } from "../model/unit.js";
import type { CommentNode, Span, SyntaxNode } from "../syntax/ast.js";
import type { Rule } from "../rules/types.js";
import type { Finding } from "./report.js";
import { removeNode } from "../fixers/edits.js";
import type { TextEdit } from "../fixers/types.js";

const DIRECTIVE = /^\s*unitlint-disable-(next-line|file)\b(.*)$/;

export interface Suppression {
  kind: "next-line" | "file";
  /** Rule ids, as written (names resolved to ids); unknown ones are kept as written. */
  rules: string[];
  /** Names written that no rule has. */
  unknown: string[];
  comment: CommentNode;
  /** Lines covered by next-line: the directive after the comment, with its continuation lines. */
  lines: { from: number; to: number } | null;
  used: Set<string>;
  /** The file it is in, and the edit that deletes the comment line (made while the tree is at hand). */
  file: UnitFile;
  removal: TextEdit;
}

/** The suppressions of a file; null without any (most files: one indexOf). */
export function suppressionsOf(file: UnitFile, rules: readonly Rule[]): Suppression[] | null {
  if (!file.text.includes("unitlint-disable")) return null;
  const out: Suppression[] = [];
  const nodes = file.ast.nodes;
  nodes.forEach((node, i) => {
    if (node.kind !== "comment") return;
    const m = DIRECTIVE.exec(node.text);
    if (!m) return;
    const names = (m[2]!.split(" -- ")[0] ?? "").split(/[\s,]+/).filter((w) => w !== "");
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const name of names) {
      const rule = rules.find((r) => r.id === name || r.name === name);
      if (rule) ids.push(rule.id);
      else unknown.push(name);
    }
    const next = nodes.slice(i + 1).find((n: SyntaxNode) => n.kind === "entry" || n.kind === "invalid" || n.kind === "section");
    out.push({
      kind: m[1] as Suppression["kind"],
      rules: ids,
      unknown,
      comment: node,
      lines: m[1] === "next-line" && next ? { from: next.range.line, to: next.range.endLine } : null,
      used: new Set(),
      file,
      removal: removeNode(file.ast, node),
    });
  });
  return out;
}

/** Whether a suppression of the file covers the finding; marks it used. */
export function suppressed(finding: Finding, suppressions: readonly Suppression[]): boolean {
  let hit = false;
  for (const s of suppressions) {
    if (!s.rules.includes(finding.rule)) continue;
    if (s.kind === "file" || (s.lines && finding.line >= s.lines.from && finding.line <= s.lines.to)) {
      s.used.add(finding.rule);
      hit = true;
    }
  }
  return hit;
}

/** What to say about a suppression that did nothing, if anything. */
export function unusedMessage(s: Suppression): string | null {
  if (s.rules.length === 0 && s.unknown.length === 0) return `unitlint-disable-${s.kind} names no rule (write the rule ids or names it is for)`;
  if (s.unknown.length > 0) return `unitlint-disable-${s.kind} names ${s.unknown.map((u) => `"${u}"`).join(", ")}, which is no rule of unitlint`;
  const unused = s.rules.filter((r) => !s.used.has(r));
  if (unused.length === 0) return null;
  const what = s.kind === "file" ? "in this file" : s.lines ? `on line ${s.lines.from === s.lines.to ? s.lines.from : `${s.lines.from}–${s.lines.to}`}` : "(there is no directive after it)";
  return `unitlint-disable-${s.kind} ${unused.join(", ")} suppresses nothing: ${unused.length === 1 ? "that rule reports" : "those rules report"} nothing ${what}`;
}

export const commentSpan = (s: Suppression): Span => s.comment.range;

/** Drops the suppressed findings; reports what suppressed nothing through `report`. */
export function applySuppressions(
  findings: readonly Finding[],
  byPath: ReadonlyMap<string, readonly Suppression[]>,
  report: (s: Suppression, message: string, deletable: boolean) => void,
): Finding[] {
  const kept = byPath.size === 0 ? [...findings] : findings.filter((f) => !byPath.has(f.path) || !suppressed(f, byPath.get(f.path)!));
  for (const list of byPath.values()) {
    for (const s of list) {
      const message = unusedMessage(s);
      if (message) report(s, message, s.used.size === 0);
    }
  }
  return kept;
}
