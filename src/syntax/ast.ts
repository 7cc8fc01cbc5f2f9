/**
 * The lossless syntax tree of one unit file (or drop-in).
 *
 * Every byte of the source belongs to exactly one top-level node, in order, so
 * printing the nodes' `raw` text gives back the source unchanged. Positions are
 * offsets into the source string (UTF-16 code units, end-exclusive) plus 1-based
 * line and column numbers; columns count UTF-16 code units from the line start.
 */

export interface Span {
  /** Offset of the first code unit. */
  start: number;
  /** Offset one past the last code unit. */
  end: number;
  line: number;
  column: number;
  endLine: number;
  /** Column one past the last character (exclusive), like SARIF's endColumn. */
  endColumn: number;
}

export interface PhysicalLine {
  /** 1-based line number. */
  number: number;
  /** Offset where the line's content starts (after a leading BOM on line 1). */
  start: number;
  /** Offset where the content ends and the line ending starts. */
  end: number;
  /** Offset after the line ending (start of the next line). */
  next: number;
}

interface NodeBase {
  /** Extent of the node's content; excludes the line ending of its last line. */
  range: Span;
  /** The node's exact source, including the line ending of its last line. */
  raw: string;
}

/** A line holding only whitespace. */
export interface BlankNode extends NodeBase {
  kind: "blank";
}

/** A whole-line comment: first non-blank character `#` or `;`. */
export interface CommentNode extends NodeBase {
  kind: "comment";
  marker: "#" | ";";
  /** Text after the marker, untrimmed. */
  text: string;
}

/** A `[Name]` header. `valid` is false when systemd rejects it: something follows the `]`, or the name holds a quote, backslash or control character. */
export interface SectionHeaderNode extends NodeBase {
  kind: "section";
  name: string;
  nameRange: Span;
  valid: boolean;
}

/** A `Key=value` assignment, possibly continued over several lines. */
export interface EntryNode extends NodeBase {
  kind: "entry";
  /** Name of the section the entry belongs to; null before the first header. */
  section: string | null;
  key: string;
  keyRange: Span;
  /** The value as systemd sees it: continuation backslashes become spaces, comment lines inside are dropped, whitespace stripped. */
  value: string;
  /** From the first to the last character of the value (empty value: a zero-width span after `=`). */
  valueRange: Span;
  /** Comment lines inside a continuation, which systemd skips. */
  innerComments: CommentNode[];
}

/** A logical line systemd cannot use: no `=`, nothing before `=`, or content before any section. */
export interface InvalidNode extends NodeBase {
  kind: "invalid";
  section: string | null;
  /** The logical line's stripped text. */
  text: string;
  innerComments: CommentNode[];
}

export type SyntaxNode = BlankNode | CommentNode | SectionHeaderNode | EntryNode | InvalidNode;

export interface Section {
  header: SectionHeaderNode;
  name: string;
  entries: EntryNode[];
}

export type SyntaxProblemCode =
  | "invalid-section-header"
  | "outside-section"
  | "bom-comment"
  | "missing-equals"
  | "missing-key"
  | "invalid-utf8"
  | "line-too-long";

export interface SyntaxProblem {
  code: SyntaxProblemCode;
  message: string;
  range: Span;
  /** True when systemd refuses to load the whole unit because of it. */
  fatal: boolean;
}

export interface UnitFileAst {
  /** The source text, exactly as given. */
  source: string;
  /** True when the text starts with a UTF-8 byte-order mark. */
  bom: boolean;
  lines: PhysicalLine[];
  /** All top-level nodes in source order; their `raw` texts concatenate to `source`. */
  nodes: SyntaxNode[];
  /** Entries and invalid lines that come before the first section header. */
  preamble: Array<EntryNode | InvalidNode>;
  sections: Section[];
  problems: SyntaxProblem[];
}
