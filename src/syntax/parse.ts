/**
 * A lossless, never-throwing parser for systemd unit files that follows
 * systemd.syntax(7) and src/shared/conf-parser.c (systemd-facts §8):
 *
 * - a physical line whose first non-blank character is `#` or `;` is a comment,
 *   also inside a continuation (where it is skipped);
 * - a line ending in an unescaped `\` continues on the next line, the `\`
 *   becoming a space; an empty line ends the continuation;
 * - the logical line is stripped of " \t\n\r"; `[...]` is a section header that
 *   must end in `]`; otherwise `Key=value` split at the first `=`;
 * - a UTF-8 byte-order mark is dropped from the first line that starts with it.
 */
import { isUtf8 } from "node:buffer";
import type {
  CommentNode,
  EntryNode,
  InvalidNode,
  PhysicalLine,
  Section,
  SectionHeaderNode,
  Span,
  SyntaxNode,
  SyntaxProblem,
  SyntaxProblemCode,
  UnitFileAst,
} from "./ast.js";
import { splitLines } from "./lines.js";

export interface ParseOptions {
  /**
   * Sections systemd reads for this unit type (e.g. Unit, Service, Install).
   * Lines inside other sections are ignored by systemd without a warning, so no
   * `missing-equals` problem is reported for them. Omit to treat every section as known.
   */
  sections?: readonly string[];
  /**
   * True when `source` holds raw bytes as Latin-1 characters because the file
   * is not valid UTF-8; each logical line is then checked for valid UTF-8.
   */
  bytes?: boolean;
}

/**
 * systemd's LONG_LINE_MAX: 1 MiB. read_line() fails on a physical line of
 * LONG_LINE_MAX bytes or more (comments included); a continued line may total
 * at most LONG_LINE_MAX bytes.
 */
export const LONG_LINE_MAX = 1024 * 1024;

const BOM = "\uFEFF";
/** The byte-order mark's UTF-8 bytes as Latin-1 characters (see ParseOptions.bytes). */
const BOM_BYTES = "\u00EF\u00BB\u00BF";
/** Characters systemd's string_is_safe() rejects in a section name ("Bad characters in section header"). */
const UNSAFE_SECTION_CHAR = /[\x01-\x1f"'\\\x7f]/;

/** Code points systemd's unichar_is_valid() rejects although they encode fine: U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane. */
const NONCHARACTER = new RegExp(
  `[\\u{FDD0}-\\u{FDEF}${Array.from({ length: 17 }, (_, plane) => `\\u{${(plane * 0x10000 + 0xfffe).toString(16)}}\\u{${(plane * 0x10000 + 0xffff).toString(16)}}`).join("")}]`,
  "u",
);

/** One physical line's contribution to a logical line. */
interface Piece {
  line: PhysicalLine;
  start: number;
  end: number;
  /** Ends with the continuation backslash (which counts as a space). */
  continued: boolean;
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function firstNonBlank(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isBlankChar(text.charCodeAt(i))) i++;
  return i;
}

/** Whether text[start, end) ends with a continuation backslash (an odd run of them). */
export function endsWithContinuation(text: string, start: number, end: number): boolean {
  let run = 0;
  for (let i = end - 1; i >= start && text.charCodeAt(i) === 92; i--) run++;
  return run % 2 === 1;
}

function byteLength(text: string, start: number, end: number, bytes: boolean): number {
  // Raw bytes as Latin-1 are one character per byte. A UTF-16 code unit is at
  // most 3 UTF-8 bytes: skip the exact count for short lines.
  const units = end - start;
  if (bytes || units * 3 < LONG_LINE_MAX) return units;
  return Buffer.byteLength(text.slice(start, end), "utf8");
}

export function makeSpan(a: PhysicalLine, start: number, b: PhysicalLine, end: number): Span {
  return {
    start,
    end,
    line: a.number,
    column: start - a.start + 1,
    endLine: b.number,
    endColumn: end - b.start + 1,
  };
}

/** Maps a [a, b) range of a joined logical line back to source offsets. */
function mapSpan(pieces: readonly Piece[], a: number, b: number): Span {
  if (pieces.length === 1) {
    const p = pieces[0]!;
    return makeSpan(p.line, p.start + a, p.line, p.start + b);
  }
  let base = 0;
  let startLine = pieces[0]!.line;
  let start = pieces[0]!.start;
  let endLine = startLine;
  let end = start;
  let foundStart = false;
  for (let index = 0; index < pieces.length; index++) {
    const p = pieces[index]!;
    const len = p.end - p.start;
    if (!foundStart && (a < base + len || index === pieces.length - 1)) {
      startLine = p.line;
      start = p.start + (a - base);
      foundStart = true;
    }
    if (b <= base + len) {
      endLine = p.line;
      end = p.start + (b - base);
      break;
    }
    base += len;
    endLine = p.line;
    end = p.end;
  }
  return makeSpan(startLine, start, endLine, end);
}

/** Shared by every node without comments inside (most of them), to save an array per line. */
const NO_COMMENTS: CommentNode[] = [];
Object.freeze(NO_COMMENTS);

/**
 * An entry computes its key and value spans when asked: a linter run keeps
 * hundreds of thousands of entries alive and reads few of those spans.
 */
class Entry implements EntryNode {
  readonly kind = "entry" as const;
  /** A single-line entry (most of them) keeps its line and offset instead of the pieces. */
  private readonly pieces: readonly Piece[] | null;
  private readonly line: PhysicalLine;
  private readonly base: number;

  constructor(
    readonly section: string | null,
    readonly key: string,
    readonly value: string,
    readonly innerComments: CommentNode[],
    readonly range: Span,
    readonly raw: string,
    pieces: readonly Piece[],
    /** Where key and value start and end in the joined logical line. */
    private readonly keyStart: number,
    private readonly keyEnd: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {
    const first = pieces[0]!;
    this.pieces = pieces.length > 1 ? pieces : null;
    this.line = first.line;
    this.base = first.start;
  }

  private span(a: number, b: number): Span {
    return this.pieces ? mapSpan(this.pieces, a, b) : makeSpan(this.line, this.base + a, this.line, this.base + b);
  }

  get keyRange(): Span {
    return this.span(this.keyStart, this.keyEnd);
  }

  get valueRange(): Span {
    return this.span(this.valueStart, this.valueEnd);
  }
}

class Parser {
  private readonly lines: PhysicalLine[];
  private readonly nodes: SyntaxNode[] = [];
  /** The one piece of a single-line logical line (reused; see logicalLine()). */
  private readonly single: [Piece] = [{ line: { number: 0, start: 0, end: 0, next: 0 }, start: 0, end: 0, continued: false }];
  private readonly preamble: Array<EntryNode | InvalidNode> = [];
  private readonly sections: Section[] = [];
  private readonly problems: SyntaxProblem[] = [];
  private readonly bom: boolean;
  /** The byte-order mark as it appears in the source. */
  private readonly bomText: string;
  private bomPending: boolean;
  private section: Section | null = null;
  /** The current section is one systemd ignores for this unit type. */
  private sectionIgnored = false;
  /** The logical line being classified is not UTF-8: report only that. */
  private badEncoding = false;
  /** Whole-file answers that let most files skip the per-line checks. */
  private readonly mayHaveLongLines: boolean;
  private readonly mayHaveBadEncoding: boolean;

  constructor(
    private readonly source: string,
    private readonly options: ParseOptions,
  ) {
    this.bomText = options.bytes ? BOM_BYTES : BOM;
    this.lines = splitLines(source, this.bomText);
    this.bom = source.startsWith(this.bomText);
    this.bomPending = !this.bom;
    // A UTF-16 code unit is at most 3 UTF-8 bytes; raw bytes are one character each.
    this.mayHaveLongLines = source.length * (options.bytes ? 1 : 3) >= LONG_LINE_MAX;
    this.mayHaveBadEncoding = options.bytes === true || !source.isWellFormed() || NONCHARACTER.test(source);
  }

  parse(): UnitFileAst {
    const { lines } = this;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      if (this.isComment(line)) {
        this.checkPhysicalLength(line);
        this.nodes.push(this.comment(line));
        i++;
      } else {
        i = this.logicalLine(i);
      }
    }
    if (lines.length === 0 && this.source.length > 0) {
      // Only a byte-order mark.
      const empty = { number: 1, start: this.source.length, end: this.source.length, next: this.source.length };
      this.nodes.push({ kind: "blank", range: makeSpan(empty, empty.start, empty, empty.end), raw: this.source });
    }
    return {
      source: this.source,
      bom: this.bom,
      lines,
      nodes: this.nodes,
      preamble: this.preamble,
      sections: this.sections,
      problems: this.problems,
    };
  }

  /** Where a node starting on this line begins in the source: line 1 includes the BOM. */
  private rawStart(line: PhysicalLine): number {
    return line.number === 1 ? 0 : line.start;
  }

  private rawOf(first: PhysicalLine, last: PhysicalLine): string {
    return this.source.slice(this.rawStart(first), last.next);
  }

  private isComment(line: PhysicalLine): boolean {
    // systemd checks for comments before stripping the BOM, so a BOM line is never a comment.
    if (line.number === 1 && this.bom) return false;
    const i = firstNonBlank(this.source, line.start, line.end);
    if (i >= line.end) return false;
    const c = this.source.charCodeAt(i);
    return c === 35 || c === 59;
  }

  private isBlank(line: PhysicalLine): boolean {
    return firstNonBlank(this.source, line.start, line.end) >= line.end;
  }

  private comment(line: PhysicalLine): CommentNode {
    const at = firstNonBlank(this.source, line.start, line.end);
    return {
      kind: "comment",
      marker: this.source[at] === ";" ? ";" : "#",
      text: this.source.slice(at + 1, line.end),
      range: makeSpan(line, at, line, line.end),
      raw: this.rawOf(line, line),
    };
  }

  private pieceStart(line: PhysicalLine): number {
    if (this.bomPending && this.source.startsWith(this.bomText, line.start)) {
      this.bomPending = false;
      return line.start + this.bomText.length;
    }
    return line.start;
  }

  /** Reads the logical line starting at physical line `i`; returns the index after it. */
  private logicalLine(i: number): number {
    const { lines, source } = this;
    const first = lines[i]!;
    const firstStart = this.pieceStart(first);
    const firstContinued = endsWithContinuation(source, firstStart, first.end);
    if (!firstContinued) {
      // The common case: one physical line, no comments inside. Its piece is reused from line to
      // line (nothing keeps a one-piece list: see Entry), which spares the collector two objects a line.
      const piece = this.single[0];
      piece.line = first;
      piece.start = firstStart;
      piece.end = first.end;
      this.classify(this.single, NO_COMMENTS);
      return i + 1;
    }
    const pieces: Piece[] = [{ line: first, start: firstStart, end: first.end, continued: true }];
    const inner: CommentNode[] = [];
    let j = i + 1;
    for (;;) {
      while (j < lines.length && this.isComment(lines[j]!)) {
        this.checkPhysicalLength(lines[j]!);
        inner.push(this.comment(lines[j++]!));
      }
      if (j >= lines.length || this.isBlank(lines[j]!)) break;
      const line = lines[j]!;
      const start = this.pieceStart(line);
      const continued = endsWithContinuation(source, start, line.end);
      pieces.push({ line, start, end: line.end, continued });
      j++;
      if (!continued) break;
    }
    // Comments after the last piece (continuation ended by EOF or an empty line) are ordinary comments.
    const lastLine = pieces[pieces.length - 1]!.line;
    const trailing = inner.filter((c) => c.range.line > lastLine.number);
    const own = trailing.length ? inner.filter((c) => c.range.line < lastLine.number) : inner;
    this.classify(pieces, own);
    for (const c of trailing) this.nodes.push(c);
    return j;
  }

  private classify(pieces: Piece[], inner: CommentNode[]): void {
    const text = this.joined(pieces);
    const first = pieces[0]!.line;
    const last = pieces[pieces.length - 1]!.line;
    const raw = this.rawOf(first, last);
    const lo = firstNonBlank(text, 0, text.length);
    let hi = text.length;
    while (hi > lo && isBlankChar(text.charCodeAt(hi - 1))) hi--;

    if (lo >= hi) {
      // Whitespace only (possibly joined by backslashes): systemd ignores it, unless it is too long.
      const range = mapSpan(pieces, 0, text.length);
      this.checkLength(pieces, text, range);
      // Comment lines inside it are part of its raw text (a blank node has no innerComments).
      this.nodes.push({ kind: "blank", range, raw });
      return;
    }
    const range = mapSpan(pieces, lo, hi);
    this.checkLength(pieces, text, range);
    // systemd stops at a line that is not UTF-8, so nothing else is said about it.
    this.badEncoding = !this.checkEncoding(text, range);

    if (text.charCodeAt(lo) === 91 /* [ */) {
      // Comment lines inside a continued header are part of its raw text, not nodes of their own.
      this.header(text, lo, hi, range, raw, pieces);
      return;
    }

    const sectionName = this.section?.name ?? null;
    const eq = text.indexOf("=", lo);
    const comments = inner.length > 0 ? inner : NO_COMMENTS;
    let invalidCode: SyntaxProblemCode | null = null;
    if (this.section === null) {
      if (this.bom && first.number === 1 && (text[lo] === "#" || text[lo] === ";")) {
        this.problem("bom-comment", "systemd reads this comment as an assignment outside of any section because of the byte-order mark before it (harmless)", range, false);
      } else {
        this.problem("outside-section", "assignment outside of any section: systemd ignores it", range, false);
      }
      if (eq < 0 || eq >= hi || eq === lo) {
        this.add({ kind: "invalid", section: sectionName, text: text.slice(lo, hi), innerComments: comments, range, raw });
        return;
      }
    } else if (eq < 0 || eq >= hi) {
      invalidCode = "missing-equals";
    } else if (eq === lo) {
      invalidCode = "missing-key";
    }
    if (invalidCode) {
      this.add({ kind: "invalid", section: sectionName, text: text.slice(lo, hi), innerComments: comments, range, raw });
      if (!this.sectionIgnored) {
        this.problem(
          invalidCode,
          invalidCode === "missing-equals" ? "line has no '=': systemd ignores it" : "missing key name before '=': systemd ignores the line",
          range,
          false,
        );
      }
      return;
    }

    let keyEnd = eq;
    while (keyEnd > lo && isBlankChar(text.charCodeAt(keyEnd - 1))) keyEnd--;
    const valueStart = Math.min(firstNonBlank(text, eq + 1, hi), hi);
    const key = text.slice(lo, keyEnd);
    const value = text.slice(valueStart, hi);
    // An empty value's span is the zero-width point after "=".
    const empty = valueStart >= hi;
    this.add(new Entry(sectionName, key, value, comments, range, raw, pieces, lo, keyEnd, empty ? eq + 1 : valueStart, empty ? eq + 1 : hi));
  }

  private header(
    text: string,
    lo: number,
    hi: number,
    range: Span,
    raw: string,
    pieces: Piece[],
  ): void {
    let valid = text.charCodeAt(hi - 1) === 93; /* ] */
    let nameEnd = hi - 1;
    if (valid && UNSAFE_SECTION_CHAR.test(text.slice(lo + 1, hi - 1))) {
      valid = false;
      this.problem(
        "invalid-section-header",
        `invalid section header "${text.slice(lo, hi)}": systemd refuses to load the unit (a section name may not contain quotes, backslashes or control characters)`,
        range,
        true,
      );
    } else if (!valid) {
      const close = text.indexOf("]", lo + 1);
      nameEnd = close >= 0 && close < hi ? close : hi;
      this.problem(
        "invalid-section-header",
        `invalid section header "${text.slice(lo, hi)}": systemd refuses to load the unit (nothing may follow "]" on a header line)`,
        range,
        true,
      );
    }
    const name = text.slice(lo + 1, Math.max(lo + 1, nameEnd));
    const header: SectionHeaderNode = { kind: "section", name, nameRange: mapSpan(pieces, lo + 1, Math.max(lo + 1, nameEnd)), valid, range, raw };
    this.nodes.push(header);
    this.section = { header, name, entries: [] };
    this.sections.push(this.section);
    const known = this.options.sections;
    this.sectionIgnored = known !== undefined && !known.includes(name);
  }

  private add(node: EntryNode | InvalidNode): void {
    this.nodes.push(node);
    if (this.section === null) this.preamble.push(node);
    else if (node.kind === "entry") this.section.entries.push(node);
  }

  private joined(pieces: Piece[]): string {
    if (pieces.length === 1 && !pieces[0]!.continued) return this.source.slice(pieces[0]!.start, pieces[0]!.end);
    let out = "";
    for (const p of pieces) {
      out += p.continued ? this.source.slice(p.start, p.end - 1) + " " : this.source.slice(p.start, p.end);
    }
    return out;
  }

  /** read_line() refuses a physical line of LONG_LINE_MAX bytes or more; on line 1 that counts a byte-order mark. */
  private physicalTooLong(line: PhysicalLine): boolean {
    return byteLength(this.source, this.rawStart(line), line.end, this.options.bytes ?? false) >= LONG_LINE_MAX;
  }

  private checkPhysicalLength(line: PhysicalLine): void {
    if (this.mayHaveLongLines && this.physicalTooLong(line)) {
      this.problem("line-too-long", `line is longer than systemd's limit of ${LONG_LINE_MAX - 1} bytes: systemd refuses to load the unit`, makeSpan(line, line.start, line, line.end), true);
    }
  }

  private checkLength(pieces: Piece[], text: string, range: Span): void {
    if (!this.mayHaveLongLines) return;
    const long = pieces.find((p) => this.physicalTooLong(p.line));
    if (long) {
      this.checkPhysicalLength(long.line);
    } else if (pieces.length > 1 && byteLength(text, 0, text.length, this.options.bytes ?? false) > LONG_LINE_MAX) {
      this.problem("line-too-long", `continued line is longer than systemd's limit of ${LONG_LINE_MAX} bytes: systemd refuses to load the unit`, range, true);
    }
  }

  /** Reports a line systemd does not accept as UTF-8; returns whether it is acceptable. */
  private checkEncoding(text: string, range: Span): boolean {
    if (!this.mayHaveBadEncoding) return true;
    const valid = this.options.bytes ? isUtf8(Buffer.from(text, "latin1")) : text.isWellFormed();
    if (!valid) {
      this.problem("invalid-utf8", "line is not valid UTF-8: systemd refuses to load the unit", range, true);
      return false;
    }
    const decoded = this.options.bytes ? Buffer.from(text, "latin1").toString("utf8") : text;
    const nonchar = NONCHARACTER.exec(decoded);
    if (nonchar) {
      const code = nonchar[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      this.problem("invalid-utf8", `line contains the noncharacter U+${code}, which systemd does not accept as UTF-8: systemd refuses to load the unit`, range, true);
      return false;
    }
    return true;
  }

  private problem(code: SyntaxProblemCode, message: string, range: Span, fatal: boolean): void {
    if (this.badEncoding && code !== "invalid-utf8" && code !== "line-too-long") return;
    this.problems.push({ code, message, range, fatal });
  }
}

/** Parses unit-file text. Never throws; malformed lines become `problems`. */
export function parseUnitFile(source: string, options: ParseOptions = {}): UnitFileAst {
  return new Parser(source, options).parse();
}
