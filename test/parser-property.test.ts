/**
 * Properties of the unit-file parser over arbitrary input: it never throws, it is
 * lossless, its nodes tile the source in order, and every position it reports
 * is consistent with the text it points at.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EntryNode, Span, SyntaxNode, UnitFileAst } from "../src/syntax/ast.js";
import { parseUnitFile, type ParseOptions } from "../src/syntax/parse.js";
import { printUnitFile } from "../src/syntax/print.js";
import { decodeUnitBytes, encodeUnitText } from "../src/syntax/read.js";

const RUNS = 2000;

/** Strings made mostly of the characters that matter to the unit-file syntax. */
const unitish = fc.string({
  unit: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom("[", "]", "=", "#", ";", "\\", "\n", "\r", "\0", " ", "\t", "\uFEFF") },
    { weight: 8, arbitrary: fc.constantFrom("a", "b", "K", "x", "Unit", "Service", "ExecStart", "X-") },
    { weight: 1, arbitrary: fc.constantFrom("\uD800", "\uDC00", "\uFFFE", "é", "😀", '"', "'", "\x7f", "\x1b") },
  ),
  maxLength: 120,
});

/** Whole lines built from fragments that exercise headers, comments and continuations, joined by any line ending. */
const unitLines = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom("[Service]", "[Ser", "vice]", " [Unit] # x", "A=b", "  Key = v ", "=x", "foo", "# c", "  ; c", "", "  ", "\\", "\uFEFF# bom", "\uFEFF"),
        fc.tuple(fc.constantFrom("A=b", "[S", "", "  ", "x", "# c"), fc.constantFrom(" \\", "\\", "\\\\", "\\ ")).map(([a, b]) => a + b),
        unitish,
      ),
      fc.constantFrom("\n", "\r\n", "\r", "\n\r", "\0", "\n\0", ""),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.map(([line, eol]) => line + eol).join(""));

/** Byte strings biased the same way, plus invalid UTF-8 and byte-order-mark bytes. */
const unitishBytes = fc
  .array(
    fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...[..."[]=#;\\\n\r\0 \tabKx"].map((c) => c.charCodeAt(0))) },
      { weight: 2, arbitrary: fc.constantFrom(0xef, 0xbb, 0xbf, 0xe9, 0xc3, 0xa9, 0xff, 0x80) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
    ),
    { maxLength: 120 },
  )
  .map((a) => Buffer.from(a));

const sectionsOption = fc.option(fc.subarray(["Unit", "Service", "Install", "a", "K", "X-"]), { nil: undefined });

const BLANK = /^[ \t\r\n]|[ \t\r\n]$/;
const LINE_ENDING = /^(?:\n\r?\0?|\r\n?\0?|\0)$/;
const FATAL = new Set(["invalid-section-header", "invalid-utf8", "line-too-long"]);

function bomLength(source: string, options: ParseOptions): number {
  const bom = options.bytes ? "\u00EF\u00BB\u00BF" : "\uFEFF";
  return source.startsWith(bom) ? bom.length : 0;
}

/** Throws with a description of the violated invariant (plain checks: expect() is too slow for thousands of runs). */
function ok(condition: boolean, what: string, detail?: unknown): asserts condition {
  if (!condition) throw new Error(`invariant violated: ${what}${detail === undefined ? "" : ` (${JSON.stringify(detail)})`}`);
}

function eq<T>(actual: T, expected: T, what: string): void {
  ok(Object.is(actual, expected), what, { actual, expected });
}

/** Every structural invariant of the tree; throws on the first violation. */
function checkInvariants(source: string, options: ParseOptions = {}): UnitFileAst {
  const ast = parseUnitFile(source, options);
  eq(printUnitFile(ast), source, "print(parse(x)) === x");
  const { lines } = ast;
  const bom = bomLength(source, options);
  eq(ast.bom, bom > 0, "bom flag");

  // Physical lines tile the source after the byte-order mark.
  if (source.length === bom) eq(lines.length, 0, "no lines in an empty or BOM-only text");
  else {
    eq(lines[0]!.start, bom, "first line starts after the BOM");
    eq(lines.at(-1)!.next, source.length, "last line ends the text");
  }
  lines.forEach((line, i) => {
    eq(line.number, i + 1, "line numbers");
    if (i > 0) eq(line.start, lines[i - 1]!.next, "lines are contiguous");
    ok(line.start <= line.end && line.end <= line.next, "line offsets ordered", line);
    ok(!/[\n\r\0]/.test(source.slice(line.start, line.end)), "line content has no line terminator", line);
    const ending = source.slice(line.end, line.next);
    if (line.next < source.length || ending !== "") ok(LINE_ENDING.test(ending), "line ending is one systemd accepts", ending);
  });

  const checkSpan = (span: Span, what: string): void => {
    ok(span.start <= span.end, `${what}: start <= end`, span);
    if (lines.length === 0) return;
    const a = lines[span.line - 1];
    const b = lines[span.endLine - 1];
    ok(a !== undefined && b !== undefined && span.line <= span.endLine, `${what}: lines exist and are ordered`, span);
    eq(a.start + span.column - 1, span.start, `${what}: line/column match start`);
    eq(b.start + span.endColumn - 1, span.end, `${what}: endLine/endColumn match end`);
    ok(a.start <= span.start && span.start <= a.end && b.start <= span.end && span.end <= b.end, `${what}: inside its lines`, span);
  };

  // Nodes: whole physical lines, in order, each range inside its own raw extent.
  const lineByStart = new Map(lines.map((l, i) => [i === 0 ? 0 : l.start, i]));
  const lineByNext = new Map(lines.map((l, i) => [l.next, i]));
  let offset = 0;
  let previousEnd = 0;
  let section: string | null = null;
  const preamble: SyntaxNode[] = [];
  const bySection: EntryNode[][] = [];
  for (const node of ast.nodes) {
    const end = offset + node.raw.length;
    ok(node.raw.length > 0, "raw is not empty");
    eq(source.slice(offset, end), node.raw, "raw equals the source at its extent");
    const firstLine = lineByStart.get(offset) ?? -1;
    const lastLine = lineByNext.get(end) ?? -1;
    if (lines.length > 0) ok(firstLine >= 0 && lastLine >= firstLine, "node covers whole physical lines", { offset, end });
    checkSpan(node.range, node.kind);
    ok(offset <= node.range.start && node.range.end <= end, "range inside the raw extent", { offset, end, range: node.range });
    ok(node.range.start >= previousEnd, "node ranges in order and non-overlapping", { previousEnd, range: node.range });
    previousEnd = node.range.end;
    const singleLine = firstLine === lastLine;
    const at = (s: Span): string => source.slice(s.start, s.end);

    switch (node.kind) {
      case "blank":
        // Whitespace and backslashes only, apart from comment lines inside a continuation.
        for (const l of lines.slice(firstLine, lastLine + 1)) {
          const content = source.slice(l.start, l.end);
          if (!/^[ \t]*[#;]/.test(content)) ok((options.bytes ? /^[ \t\\\u00EF\u00BB\u00BF]*$/ : /^[ \t\\\uFEFF]*$/).test(content), "blank line content", content);
        }
        break;
      case "comment":
        eq(at(node.range), node.marker + node.text, "comment text at its range");
        eq(node.range.line, node.range.endLine, "comment on one line");
        break;
      case "section":
        checkSpan(node.nameRange, "nameRange");
        ok(at(node.range).startsWith("["), "header range starts at '['");
        if (singleLine && node.valid) {
          eq(at(node.range), `[${node.name}]`, "header text at its range");
          eq(at(node.nameRange), node.name, "name at nameRange");
        }
        section = node.name;
        bySection.push([]);
        break;
      case "entry":
        checkSpan(node.keyRange, "keyRange");
        checkSpan(node.valueRange, "valueRange");
        eq(node.section, section, "entry section");
        ok(node.key.length > 0 && !node.key.includes("=") && !BLANK.test(node.key), "key is non-empty, stripped, without '='", node.key);
        ok(!BLANK.test(node.value), "value is stripped", node.value);
        ok(node.keyRange.end <= node.valueRange.start, "key before value");
        if (singleLine) {
          eq(at(node.keyRange), node.key, "key at keyRange");
          eq(at(node.valueRange), node.value, "value at valueRange");
          eq(node.innerComments.length, 0, "no inner comments on one line");
        }
        for (const c of node.innerComments) checkSpan(c.range, "innerComment");
        if (section === null) preamble.push(node);
        else bySection.at(-1)!.push(node);
        break;
      case "invalid":
        eq(node.section, section, "invalid node section");
        ok(!BLANK.test(node.text) && node.text.length > 0, "invalid text is stripped", node.text);
        if (singleLine) eq(at(node.range), node.text, "invalid text at its range");
        for (const c of node.innerComments) checkSpan(c.range, "innerComment");
        if (section === null) preamble.push(node);
        break;
    }
    offset = end;
  }
  eq(offset, source.length, "nodes cover the whole text");

  // Sections and preamble agree with the node list.
  const sameList = (a: readonly unknown[], b: readonly unknown[], what: string): void => {
    eq(a.length, b.length, `${what} length`);
    a.forEach((x, i) => eq(x, b[i], `${what}[${i}]`));
  };
  sameList(ast.preamble, preamble, "preamble");
  eq(ast.sections.length, bySection.length, "one section per header");
  ast.sections.forEach((s, i) => sameList(s.entries, bySection[i]!, `section ${i} entries`));
  sameList(ast.sections.map((s) => s.header), ast.nodes.filter((n) => n.kind === "section"), "section headers");

  // Problems: valid positions, fatal exactly for the fatal codes, and one per ignored line.
  for (const p of ast.problems) {
    checkSpan(p.range, p.code);
    eq(p.fatal, FATAL.has(p.code), `${p.code} fatal flag`);
    if (p.code === "bom-comment") eq(p.range.line, 1, "bom-comment on line 1");
  }
  const rangeKey = (s: Span): string => `${s.start}-${s.end}`;
  const codesAt = new Map<string, string[]>();
  for (const p of ast.problems) codesAt.set(rangeKey(p.range), [...(codesAt.get(rangeKey(p.range)) ?? []), p.code]);
  const count = (n: SyntaxNode, codes: string[]): number => (codesAt.get(rangeKey(n.range)) ?? []).filter((c) => codes.includes(c)).length;
  // A line that is not UTF-8 gets that problem and no other, as systemd stops there.
  const undecodable = (n: SyntaxNode): boolean => count(n, ["invalid-utf8"]) > 0;
  const readable = preamble.filter((n) => !undecodable(n));
  for (const n of preamble) eq(count(n, ["outside-section", "bom-comment"]), undecodable(n) ? 0 : 1, "one outside-section or bom-comment per readable preamble line");
  eq(ast.problems.filter((p) => p.code === "outside-section" || p.code === "bom-comment").length, readable.length, "outside-section problems");
  if (!options.sections) {
    const inSections = ast.nodes.filter((n) => n.kind === "invalid" && n.section !== null && !undecodable(n));
    for (const n of inSections) eq(count(n, ["missing-equals", "missing-key"]), 1, "one missing-equals or missing-key per invalid line");
    eq(ast.problems.filter((p) => p.code === "missing-equals" || p.code === "missing-key").length, inSections.length, "missing-* problems");
  }
  return ast;
}

describe("parser properties", () => {
  it("arbitrary strings (binary unit): never throws, lossless, consistent positions", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        checkInvariants(text);
      }),
      { numRuns: RUNS },
    );
  });

  it("unit-file-like strings: never throws, lossless, consistent positions", () => {
    fc.assert(
      fc.property(unitish, (text) => {
        checkInvariants(text);
      }),
      { numRuns: RUNS },
    );
  });

  it("line-structured input (headers, comments, continuations): never throws, lossless, consistent positions", () => {
    fc.assert(
      fc.property(unitLines, (text) => {
        checkInvariants(text);
      }),
      { numRuns: RUNS },
    );
  });

  it("unit-file-like strings with a sections option: the same invariants hold", () => {
    fc.assert(
      fc.property(fc.oneof(unitish, unitLines), sectionsOption, (text, sections) => {
        checkInvariants(text, sections === undefined ? {} : { sections });
      }),
      { numRuns: RUNS },
    );
  });

  it("arbitrary bytes: decode, parse, print and encode give back the same bytes", () => {
    fc.assert(
      fc.property(unitishBytes, (bytes) => {
        const decoded = decodeUnitBytes(bytes);
        const ast = checkInvariants(decoded.text, { bytes: decoded.bytes });
        expect(encodeUnitText({ text: printUnitFile(ast), bytes: decoded.bytes }).equals(bytes)).toBe(true);
        // invalid-utf8 is reported only when the file is not valid UTF-8 or holds a noncharacter.
        if (ast.problems.some((p) => p.code === "invalid-utf8") && !decoded.bytes) expect(decoded.text).toMatch(/[\uFFFE\uFFFF\uFDD0-\uFDEF]/);
      }),
      { numRuns: RUNS },
    );
  });

  it("the same text parses the same in text and bytes mode when it is plain ASCII", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."[]=#;\\\n\r\0 \tabK"), maxLength: 80 });
    fc.assert(
      fc.property(ascii, (text) => {
        const strip = (ast: UnitFileAst): unknown => ast.nodes;
        expect(strip(parseUnitFile(text, { bytes: true }))).toEqual(strip(parseUnitFile(text)));
        expect(parseUnitFile(text, { bytes: true }).problems).toEqual(parseUnitFile(text).problems);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("parser against a model of well-formed unit files", () => {
  const chars = (s: string, minLength: number, maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...s), minLength, maxLength });
  const name = fc.tuple(chars("ABCXYZabcxyz", 1, 1), chars("ABCabc019-", 0, 8)).map(([a, b]) => a + b);
  /** A word that cannot start a comment and holds no backslash, line break or trailing space. */
  const word = fc.tuple(chars("Aa0/=%.:@\"'-", 1, 1), chars("Aa0/=%.:@\"'#; -", 0, 10)).map(([a, b]) => (a + b).trimEnd());
  const ws = fc.constantFrom("", " ", "\t", "  ");
  const eol = fc.constantFrom("\n", "\r\n", "\r", "\n\r");
  const entry = fc.record({ key: name, words: fc.array(word, { minLength: 0, maxLength: 3 }), lead: ws, before: ws, after: ws, trail: ws, eol });
  const filler = fc.constantFrom("", "\n", "# comment\n", "  ; note = x\n", "   \n");
  const unit = fc.array(fc.record({ name, filler, entries: fc.array(fc.tuple(entry, filler), { maxLength: 5 }) }), { maxLength: 4 });

  it("gives back exactly the sections, keys and values that were written", () => {
    fc.assert(
      fc.property(unit, (sections) => {
        let text = "";
        const expected: Array<[string, string, string]> = [];
        for (const s of sections) {
          text += `${s.filler}[${s.name}]\n`;
          for (const [e, fill] of s.entries) {
            // Words after the first go on continuation lines.
            const [first = "", ...rest] = e.words;
            const value = [first, ...rest].join(" ");
            text += `${e.lead}${e.key}${e.before}=${e.after}${first}${rest.map((w) => `\\${e.eol}${w}`).join("")}${e.trail}${e.eol}${fill}`;
            expected.push([s.name, e.key, value.trim()]);
          }
        }
        const ast = checkInvariants(text);
        expect(ast.problems).toEqual([]);
        expect(ast.sections.map((s) => s.name)).toEqual(sections.map((s) => s.name));
        expect(ast.nodes.filter((n): n is EntryNode => n.kind === "entry").map((n) => [n.section, n.key, n.value])).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
