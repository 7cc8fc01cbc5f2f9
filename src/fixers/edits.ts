/**
 * Builders for the edits rules propose, so that no rule slices strings by hand.
 * Every edit keeps the rest of the file byte for byte: comments, order, blank
 * lines, the file's line endings (CRLF stays CRLF) and continuation lines.
 */
import type { EntryNode, PhysicalLine, SyntaxNode, UnitFileAst } from "../syntax/ast.js";
import { endsWithContinuation } from "../syntax/parse.js";
import type { TextEdit } from "./types.js";

/** The line ending a new line should use: the one of `line`, else the file's first, else "\n". */
function eolOf(ast: UnitFileAst, line?: PhysicalLine): string {
  const sample = line && line.next > line.end ? line : ast.lines.find((l) => l.next > l.end);
  return sample ? ast.source.slice(sample.end, sample.next) : "\n";
}

/** Where a node's first line starts (line 1 starts at 0, before a byte-order mark). */
function nodeStart(ast: UnitFileAst, node: SyntaxNode): number {
  return node.range.line === 1 ? 0 : ast.lines[node.range.line - 1]!.start;
}

function nodeEnd(ast: UnitFileAst, node: SyntaxNode): number {
  return nodeStart(ast, node) + node.raw.length;
}

/** Replaces an assignment's whole value (all its continuation lines). */
export function replaceValue(entry: EntryNode, value: string): TextEdit {
  return { start: entry.valueRange.start, end: entry.valueRange.end, text: value };
}

/** Inserts a whole line before a node. */
export function insertLineBefore(ast: UnitFileAst, node: SyntaxNode, line: string): TextEdit {
  const at = nodeStart(ast, node);
  const eol = eolOf(ast, ast.lines[node.range.line - 1]);
  // Keep a byte-order mark first.
  const offset = at === 0 && ast.bom ? ast.lines[0]!.start : at;
  return { start: offset, end: offset, text: line + eol };
}

/** Inserts a whole line after a node (after its last continuation line). */
export function insertLineAfter(ast: UnitFileAst, node: SyntaxNode, line: string): TextEdit {
  const end = nodeEnd(ast, node);
  const last = ast.lines[node.range.endLine - 1];
  const eol = eolOf(ast, last);
  // A last line without a line ending gets one before the new line.
  const missing = last !== undefined && last.next === last.end;
  // A last line still ending in a continuation backslash (the end of the file or an empty line closed it)
  // would take the new line into its value: an empty line closes it first.
  const open = last !== undefined && endsWithContinuation(ast.source, last.start, last.end);
  return { start: end, end, text: (missing ? eol : "") + (open ? eol : "") + line + (missing ? "" : eol) };
}

/** Removes a node with all its lines and its line ending. */
export function removeNode(ast: UnitFileAst, node: SyntaxNode): TextEdit {
  return { start: nodeStart(ast, node), end: nodeEnd(ast, node), text: "" };
}

/**
 * Adds a line to a section: after its last assignment (or its header), or, when
 * the file has no such section, in a new one, in systemd's canonical order (Unit,
 * the type section, Install): a new [Unit] before the first section, a type
 * section before [Install] or at the end, [Install] at the end.
 */
export function addToSection(ast: UnitFileAst, section: string, lines: string | readonly string[]): TextEdit {
  // Several lines are one edit, joined with the file's own line ending.
  const line = typeof lines === "string" ? lines : lines.join(eolOf(ast));
  const existing = ast.sections.find((s) => s.name === section);
  if (existing) {
    const last = existing.entries[existing.entries.length - 1] ?? existing.header;
    return insertLineAfter(ast, last, line);
  }
  const eol = eolOf(ast);
  const first = ast.sections[0];
  if (section === "Unit" && first) {
    // "[Unit]", the line, and an empty line before the section that was first.
    return insertLineBefore(ast, first.header, `[Unit]${eol}${line}${eol}`);
  }
  const install = ast.sections.find((s) => s.name === "Install");
  if (install && section !== "Install") {
    // The type's section goes before [Install].
    return insertLineBefore(ast, install.header, `[${section}]${eol}${line}${eol}`);
  }
  const end = ast.source.length;
  const needsEol = end > 0 && !/[\n\r]$/.test(ast.source);
  return { start: end, end, text: `${needsEol ? eol : ""}${end > 0 ? eol : ""}[${section}]${eol}${line}${eol}` };
}
