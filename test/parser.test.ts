/**
 * The unit-file parser, one test per syntax fact of systemd.syntax(7) and
 * systemd-facts §8. Expectations were checked against systemd 252
 * (`systemd-analyze verify`) where the facts file leaves room for doubt.
 * Every test also checks that printing the tree gives back the input.
 */
import { describe, expect, it } from "vitest";
import type { CommentNode, EntryNode, InvalidNode, SectionHeaderNode, Span, SyntaxNode, UnitFileAst } from "../src/syntax/ast.js";
import { LONG_LINE_MAX, parseUnitFile, type ParseOptions } from "../src/syntax/parse.js";
import { printUnitFile } from "../src/syntax/print.js";
import { decodeUnitBytes, encodeUnitText } from "../src/syntax/read.js";

/** Parses and checks the lossless round trip. */
function parse(text: string, options?: ParseOptions): UnitFileAst {
  const ast = parseUnitFile(text, options);
  expect(printUnitFile(ast)).toBe(text);
  expect(ast.source).toBe(text);
  return ast;
}

/** Parses bytes the way the loader does and checks the byte-exact round trip. */
function parseBytes(bytes: Buffer, options: ParseOptions = {}): UnitFileAst {
  const decoded = decodeUnitBytes(bytes);
  const ast = parse(decoded.text, { ...options, bytes: decoded.bytes });
  expect(encodeUnitText({ text: printUnitFile(ast), bytes: decoded.bytes }).equals(bytes)).toBe(true);
  return ast;
}

/** "line:column-endLine:endColumn". */
function at(span: Span): string {
  return `${span.line}:${span.column}-${span.endLine}:${span.endColumn}`;
}

/** Problems as "code@line:column-endLine:endColumn", with "!" for fatal ones. */
function problems(ast: UnitFileAst): string[] {
  return ast.problems.map((p) => `${p.code}@${at(p.range)}${p.fatal ? "!" : ""}`);
}

function kinds(ast: UnitFileAst): string[] {
  return ast.nodes.map((n) => n.kind);
}

function entries(ast: UnitFileAst): EntryNode[] {
  return ast.nodes.filter((n): n is EntryNode => n.kind === "entry");
}

function only<K extends SyntaxNode["kind"]>(ast: UnitFileAst, kind: K): Extract<SyntaxNode, { kind: K }> {
  const found = ast.nodes.filter((n) => n.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Extract<SyntaxNode, { kind: K }>;
}

function kv(ast: UnitFileAst): Array<[string | null, string, string]> {
  return entries(ast).map((e) => [e.section, e.key, e.value]);
}

describe("sections", () => {
  it("section names are case-sensitive: [service] is a different section from [Service]", () => {
    const ast = parse("[Service]\nType=simple\n[service]\nType=oneshot\n");
    expect(ast.sections.map((s) => s.name)).toEqual(["Service", "service"]);
    expect(ast.sections[0]!.entries.map((e) => e.value)).toEqual(["simple"]);
    expect(ast.sections[1]!.entries.map((e) => e.value)).toEqual(["oneshot"]);
    expect(kv(ast)).toEqual([
      ["Service", "Type", "simple"],
      ["service", "Type", "oneshot"],
    ]);
    expect(ast.problems).toEqual([]);
  });

  it("keys are case-sensitive and kept as written", () => {
    const ast = parse("[Service]\nexecstart=/bin/a\nExecStart=/bin/b\n");
    expect(entries(ast).map((e) => e.key)).toEqual(["execstart", "ExecStart"]);
  });

  it("a header's name is everything between the brackets, spaces included: [ Service ]", () => {
    const ast = parse("[ Service ]\nA=b\n");
    const header = only(ast, "section");
    expect(header.name).toBe(" Service ");
    expect(header.valid).toBe(true);
    expect(at(header.range)).toBe("1:1-1:12");
    expect(at(header.nameRange)).toBe("1:2-1:11");
    expect(ast.sections[0]!.entries.map((e) => e.section)).toEqual([" Service "]);
    expect(ast.problems).toEqual([]);
  });

  it("whitespace around a header is stripped", () => {
    const ast = parse("  \t[Unit]  \nA=b\n");
    const header = only(ast, "section");
    expect(header.name).toBe("Unit");
    expect(header.valid).toBe(true);
    expect(at(header.range)).toBe("1:4-1:10");
    expect(header.raw).toBe("  \t[Unit]  \n");
  });

  it("junk after ']' makes the header invalid and fatal: [Service] # x", () => {
    const ast = parse("[Service] # x\nExecStart=/bin/true\n");
    const header = only(ast, "section");
    expect(header.valid).toBe(false);
    expect(header.name).toBe("Service");
    expect(problems(ast)).toEqual(["invalid-section-header@1:1-1:14!"]);
    // The entries after it still belong to the section it names.
    expect(kv(ast)).toEqual([["Service", "ExecStart", "/bin/true"]]);
  });

  it("a header without a closing bracket is invalid and fatal", () => {
    const ast = parse("[Service\nA=b\n");
    expect(only(ast, "section").valid).toBe(false);
    expect(only(ast, "section").name).toBe("Service");
    expect(problems(ast)).toEqual(["invalid-section-header@1:1-1:9!"]);
  });

  it("quotes, backslashes and control characters in a section name are fatal (string_is_safe)", () => {
    for (const name of ['Serv"ice', "Serv'ice", "Ser\\\\vice", "Ser\tvice", "Ser\x1bvice", "Ser\x7fvice"]) {
      const ast = parse(`[Unit]\n[${name}]\nA=b\n`);
      expect(problems(ast), JSON.stringify(name)).toEqual([`invalid-section-header@2:1-2:${name.length + 3}!`]);
      expect(ast.sections[1]!.header.valid).toBe(false);
    }
  });

  it("a ']' inside the name and an empty name are allowed by the syntax", () => {
    const ast = parse("[Ser]vice]\n[]\n");
    expect(ast.sections.map((s) => [s.name, s.header.valid])).toEqual([
      ["Ser]vice", true],
      ["", true],
    ]);
    expect(ast.problems).toEqual([]);
  });

  it("a header can be joined from several lines by continuation", () => {
    const ast = parse("[Ser\\\nvice]\nA=b\n");
    const header = only(ast, "section");
    expect(header.name).toBe("Ser vice");
    expect(header.valid).toBe(true);
    expect(header.raw).toBe("[Ser\\\nvice]\n");
    expect(at(header.range)).toBe("1:1-2:6");
    expect(at(header.nameRange)).toBe("1:2-2:5");
    expect(kv(ast)).toEqual([["Ser vice", "A", "b"]]);
  });

  it("a comment line inside a continued header is skipped and printed once", () => {
    const ast = parse("[Ser\\\n# note\nvice]\nA=b\n");
    expect(kinds(ast)).toEqual(["section", "entry"]);
    expect(only(ast, "section").name).toBe("Ser vice");
    expect(only(ast, "section").raw).toBe("[Ser\\\n# note\nvice]\n");
    expect(at(only(ast, "section").range)).toBe("1:1-3:6");
  });

  it("a header continued into the next line swallows it and becomes invalid", () => {
    const ast = parse("[Unit]\\\nDescription=x\n");
    expect(kinds(ast)).toEqual(["section"]);
    expect(problems(ast)).toEqual(["invalid-section-header@1:1-2:14!"]);
    expect(entries(ast)).toEqual([]);
  });

  it("each section lists its own entries and points at its header node", () => {
    const ast = parse("[Unit]\nDescription=d\n\n[Service]\nExecStart=/x\n[Install]\nWantedBy=multi-user.target\n");
    expect(ast.sections.map((s) => [s.name, s.entries.map((e) => e.key)])).toEqual([
      ["Unit", ["Description"]],
      ["Service", ["ExecStart"]],
      ["Install", ["WantedBy"]],
    ]);
    for (const s of ast.sections) expect(ast.nodes).toContain(s.header);
    expect(kinds(ast)).toEqual(["section", "entry", "blank", "section", "entry", "section", "entry"]);
  });
});

describe("assignments", () => {
  it("repeated keys are all kept, in order", () => {
    const ast = parse("[Service]\nExecStartPre=/bin/a\nEnvironment=X=1\nExecStartPre=/bin/b\nExecStartPre=\nExecStartPre=/bin/c\n");
    expect(kv(ast)).toEqual([
      ["Service", "ExecStartPre", "/bin/a"],
      ["Service", "Environment", "X=1"],
      ["Service", "ExecStartPre", "/bin/b"],
      ["Service", "ExecStartPre", ""],
      ["Service", "ExecStartPre", "/bin/c"],
    ]);
    expect(ast.sections[0]!.entries.map((e) => e.range.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it("the line is split at the first '='", () => {
    const ast = parse("[Service]\nEnvironment=A=b=c\n");
    expect(kv(ast)).toEqual([["Service", "Environment", "A=b=c"]]);
    expect(at(entries(ast)[0]!.valueRange)).toBe("2:13-2:18");
  });

  it("an empty assignment has the value '' and a zero-width value range after '='", () => {
    const ast = parse("[Service]\nExecStart=\nExecStop=   \t\n");
    const [start, stop] = entries(ast);
    expect(start!.value).toBe("");
    expect(at(start!.valueRange)).toBe("2:11-2:11");
    expect(stop!.value).toBe("");
    expect(at(stop!.valueRange)).toBe("3:10-3:10");
    expect(at(stop!.range)).toBe("3:1-3:10");
    expect(ast.problems).toEqual([]);
  });

  it("leading whitespace and whitespace around '=' are stripped; inner whitespace is kept", () => {
    const ast = parse("[Unit]\n  \tDescription \t=  hello   world \t\n");
    const e = entries(ast)[0]!;
    expect(e.key).toBe("Description");
    expect(e.value).toBe("hello   world");
    expect(at(e.keyRange)).toBe("2:4-2:15");
    expect(at(e.valueRange)).toBe("2:20-2:33");
    expect(at(e.range)).toBe("2:4-2:33");
    expect(e.raw).toBe("  \tDescription \t=  hello   world \t\n");
  });

  it("a key may contain spaces (systemd then reports an unknown key, not a syntax error)", () => {
    const ast = parse("[Unit]\nDe scription=x\n");
    expect(entries(ast)[0]!.key).toBe("De scription");
    expect(ast.problems).toEqual([]);
  });

  it("a line without '=' is missing-equals, kept as an invalid node", () => {
    const ast = parse("[Service]\n  ExecStart /bin/true  \n");
    const node = only(ast, "invalid");
    expect(node.text).toBe("ExecStart /bin/true");
    expect(node.section).toBe("Service");
    expect(at(node.range)).toBe("2:3-2:22");
    expect(problems(ast)).toEqual(["missing-equals@2:3-2:22"]);
    expect(ast.sections[0]!.entries).toEqual([]);
  });

  it("'=value' is missing-key", () => {
    const ast = parse("[Service]\n=value\n  \t= x\n");
    expect(ast.nodes.filter((n): n is InvalidNode => n.kind === "invalid").map((n) => n.text)).toEqual(["=value", "= x"]);
    expect(problems(ast)).toEqual(["missing-key@2:1-2:7", "missing-key@3:4-3:7"]);
  });

  it("text before the first section header is outside-section and goes to the preamble", () => {
    const ast = parse("Description=early\nNoEquals\n=x\n[Unit]\nDescription=late\n");
    expect(problems(ast)).toEqual(["outside-section@1:1-1:18", "outside-section@2:1-2:9", "outside-section@3:1-3:3"]);
    expect(ast.preamble.map((n) => n.kind)).toEqual(["entry", "invalid", "invalid"]);
    const early = ast.preamble[0] as EntryNode;
    expect([early.section, early.key, early.value]).toEqual([null, "Description", "early"]);
    expect(ast.sections[0]!.entries.map((e) => e.value)).toEqual(["late"]);
  });

  it("blank lines and comments before the first section are not problems", () => {
    const ast = parse("\n   \t\n# hello\n; there\n[Unit]\n");
    expect(kinds(ast)).toEqual(["blank", "blank", "comment", "comment", "section"]);
    expect(ast.problems).toEqual([]);
    expect(ast.preamble).toEqual([]);
  });

  it("the sections option silences missing-equals and missing-key in sections systemd ignores for the type", () => {
    const text = "[Unit]\nFoo\n[X-Custom]\nBar\n[Nope]\nBaz\n=q\n[Service]\nQux\n";
    expect(problems(parse(text, { sections: ["Unit", "Service", "Install"] }))).toEqual(["missing-equals@2:1-2:4", "missing-equals@9:1-9:4"]);
    expect(problems(parse(text))).toEqual([
      "missing-equals@2:1-2:4",
      "missing-equals@4:1-4:4",
      "missing-equals@6:1-6:4",
      "missing-key@7:1-7:3",
      "missing-equals@9:1-9:4",
    ]);
  });

  it("the sections option does not silence fatal problems in an ignored section", () => {
    const ast = parse("[Nope]\nA=caf\uD800\n[Bad] x\n", { sections: ["Unit"] });
    expect(problems(ast)).toEqual(["invalid-utf8@2:1-2:7!", "invalid-section-header@3:1-3:8!"]);
  });
});

describe("comments", () => {
  it("whole-line comments start with '#' or ';', also after indentation", () => {
    const ast = parse("# one\n; two\n   # three\n\t; four\n[Unit]\n  #five=5\n");
    const comments = ast.nodes.filter((n): n is CommentNode => n.kind === "comment");
    expect(comments.map((c) => [c.marker, c.text, at(c.range)])).toEqual([
      ["#", " one", "1:1-1:6"],
      [";", " two", "2:1-2:6"],
      ["#", " three", "3:4-3:11"],
      [";", " four", "4:2-4:8"],
      ["#", "five=5", "6:3-6:10"],
    ]);
    expect(comments[2]!.raw).toBe("   # three\n");
    expect(entries(ast)).toEqual([]);
    expect(ast.problems).toEqual([]);
  });

  it("there are no inline comments: '; b' stays in the value", () => {
    const ast = parse("[Unit]\nDescription=a ; b\n");
    expect(entries(ast)[0]!.value).toBe("a ; b");
    expect(at(entries(ast)[0]!.valueRange)).toBe("2:13-2:18");
  });

  it("there are no inline comments: '# y' stays in the value", () => {
    const ast = parse("[Unit]\nDescription=x # y\nRestart=on-failure ; trailing\n");
    expect(kv(ast)).toEqual([
      ["Unit", "Description", "x # y"],
      ["Unit", "Restart", "on-failure ; trailing"],
    ]);
  });

  it("a '#' after the key is part of the key", () => {
    const ast = parse("[Unit]\nFoo#=bar\n");
    expect(kv(ast)).toEqual([["Unit", "Foo#", "bar"]]);
  });

  it("a comment line ending in a backslash is not continued", () => {
    const ast = parse("[Unit]\n# note \\\nDescription=x\n");
    expect(kinds(ast)).toEqual(["section", "comment", "entry"]);
    expect(kv(ast)).toEqual([["Unit", "Description", "x"]]);
  });
});

describe("continuation lines", () => {
  it("a trailing backslash joins the next line and becomes a space", () => {
    const ast = parse("[Service]\nExecStart=/bin/echo a \\\n  b\n");
    const e = only(ast, "entry");
    expect(e.value).toBe("/bin/echo a    b");
    expect(e.raw).toBe("ExecStart=/bin/echo a \\\n  b\n");
    expect(at(e.range)).toBe("2:1-3:4");
    expect(at(e.keyRange)).toBe("2:1-2:10");
    expect(at(e.valueRange)).toBe("2:11-3:4");
    expect(ast.problems).toEqual([]);
  });

  it("a backslash directly before the line end joins without any other space", () => {
    const ast = parse("[Service]\nExecStart=/bin/ec\\\nho\n");
    expect(only(ast, "entry").value).toBe("/bin/ec ho");
  });

  it("'\\\\' at the end is an escaped backslash, not a continuation", () => {
    const ast = parse("[Service]\nA=x\\\\\nB=y\n");
    expect(kv(ast)).toEqual([
      ["Service", "A", "x\\\\"],
      ["Service", "B", "y"],
    ]);
  });

  it("three backslashes at the end are an escaped backslash plus a continuation", () => {
    const ast = parse("[Service]\nA=x\\\\\\\nB=y\n");
    expect(kv(ast)).toEqual([["Service", "A", "x\\\\ B=y"]]);
  });

  it("a backslash followed by spaces is not a continuation", () => {
    const ast = parse("[Service]\nA=x\\ \t\nB=y\n");
    expect(kv(ast)).toEqual([
      ["Service", "A", "x\\"],
      ["Service", "B", "y"],
    ]);
    expect(at(entries(ast)[0]!.valueRange)).toBe("2:3-2:5");
  });

  it("comment lines inside a continuation are skipped and kept as innerComments", () => {
    const ast = parse("[Service]\nExecStart=/bin/echo one \\\n# first\n  ; second\n  two\nA=b\n");
    const [e, next] = entries(ast);
    expect(e!.value).toBe("/bin/echo one    two");
    expect(e!.innerComments.map((c) => [c.marker, c.text, at(c.range)])).toEqual([
      ["#", " first", "3:1-3:8"],
      [";", " second", "4:3-4:11"],
    ]);
    expect(e!.raw).toBe("ExecStart=/bin/echo one \\\n# first\n  ; second\n  two\n");
    expect(at(e!.valueRange)).toBe("2:11-5:6");
    expect(kinds(ast)).toEqual(["section", "entry", "entry"]);
    expect([next!.key, next!.range.line]).toEqual(["A", 6]);
  });

  it("an empty line ends the continuation: the next line is parsed on its own (missing-equals)", () => {
    const ast = parse("[Service]\nExecStart=/bin/echo a \\\n\n  b\n");
    expect(kinds(ast)).toEqual(["section", "entry", "blank", "invalid"]);
    const e = only(ast, "entry");
    expect(e.value).toBe("/bin/echo a");
    expect(at(e.range)).toBe("2:1-2:22");
    expect(e.raw).toBe("ExecStart=/bin/echo a \\\n");
    expect(only(ast, "invalid").text).toBe("b");
    expect(problems(ast)).toEqual(["missing-equals@4:3-4:4"]);
  });

  it("a whitespace-only line also ends the continuation", () => {
    const ast = parse("[Service]\nExecStart=/bin/echo a \\\n  \t\nb=c\n");
    expect(kv(ast)).toEqual([
      ["Service", "ExecStart", "/bin/echo a"],
      ["Service", "b", "c"],
    ]);
  });

  it("a continuation at the end of the file is still an assignment", () => {
    const ast = parse("[Service]\nExecStart=/bin/true \\");
    const e = only(ast, "entry");
    expect(e.value).toBe("/bin/true");
    expect(at(e.valueRange)).toBe("2:11-2:20");
    expect(ast.problems).toEqual([]);
  });

  it("comments after a continuation that the end of the file cuts off are ordinary comments", () => {
    const ast = parse("[Service]\nExecStart=/bin/true \\\n# tail\n");
    expect(kinds(ast)).toEqual(["section", "entry", "comment"]);
    expect(only(ast, "entry").innerComments).toEqual([]);
    expect(only(ast, "entry").raw).toBe("ExecStart=/bin/true \\\n");
    expect(only(ast, "comment").range.line).toBe(3);
  });

  it("comments between a continuation and the empty line that ends it are ordinary comments", () => {
    const ast = parse("[Service]\nA=b \\\n# c\n\nD=e\n");
    expect(kinds(ast)).toEqual(["section", "entry", "comment", "blank", "entry"]);
    expect(kv(ast)).toEqual([
      ["Service", "A", "b"],
      ["Service", "D", "e"],
    ]);
  });

  it("a whitespace-only continued line with a comment inside is one blank node, printed once", () => {
    const ast = parse("[Service]\n  \\\n; c\n \\\n\nA=b\n");
    expect(kinds(ast)).toEqual(["section", "blank", "blank", "entry"]);
    expect(ast.nodes[1]!.raw).toBe("  \\\n; c\n \\\n");
    expect(ast.problems).toEqual([]);
  });

  it("a line without '=' continued onto several lines is one missing-equals problem spanning them", () => {
    const ast = parse("[Service]\nfoo \\\nbar \\\nbaz\n");
    expect(only(ast, "invalid").text).toBe("foo  bar  baz");
    expect(problems(ast)).toEqual(["missing-equals@2:1-4:4"]);
  });

  it("the key can start on a continuation line, and key/value ranges map back across lines", () => {
    const ast = parse("[Service]\n  \\\n  Key=\\\n    value \\\n    more\n");
    const e = only(ast, "entry");
    expect(e.key).toBe("Key");
    expect(e.value).toBe("value      more");
    expect(at(e.keyRange)).toBe("3:3-3:6");
    expect(at(e.valueRange)).toBe("4:5-5:9");
    expect(at(e.range)).toBe("3:3-5:9");
    expect(e.raw).toBe("  \\\n  Key=\\\n    value \\\n    more\n");
  });

  it("value ranges across continuation lines point at the first and last character of the value", () => {
    const ast = parse("[Service]\nExecStart=/bin/echo \\\n    hello \\\n    world\nX=y\n");
    const [e] = entries(ast);
    expect(e!.value).toBe("/bin/echo      hello      world");
    expect([e!.valueRange.line, e!.valueRange.column, e!.valueRange.endLine, e!.valueRange.endColumn]).toEqual([2, 11, 4, 10]);
    const text = ast.source;
    expect(text.slice(e!.valueRange.start, e!.valueRange.end)).toBe("/bin/echo \\\n    hello \\\n    world");
    expect(text.slice(e!.keyRange.start, e!.keyRange.end)).toBe("ExecStart");
  });
});

describe("line endings", () => {
  it("CRLF: lines are numbered once per CRLF and \\r is not part of values", () => {
    const ast = parse("[Service]\r\nA=b\r\nFoo\r\nC=d \\\r\n  e\r\n");
    expect(kv(ast)).toEqual([
      ["Service", "A", "b"],
      ["Service", "C", "d    e"],
    ]);
    expect(problems(ast)).toEqual(["missing-equals@3:1-3:4"]);
    expect(ast.lines.map((l) => l.number)).toEqual([1, 2, 3, 4, 5]);
    expect(entries(ast)[0]!.raw).toBe("A=b\r\n");
  });

  it("a lone CR ends a line", () => {
    const ast = parse("[Service]\rA=b\rFoo\r");
    expect(kv(ast)).toEqual([["Service", "A", "b"]]);
    expect(problems(ast)).toEqual(["missing-equals@3:1-3:4"]);
  });

  it("LF-CR is one line ending", () => {
    const ast = parse("[Service]\n\rA=b\n\rFoo\n\r");
    expect(ast.lines).toHaveLength(3);
    expect(problems(ast)).toEqual(["missing-equals@3:1-3:4"]);
  });

  it("CR-CR and LF-CR-LF are two line endings", () => {
    expect(problems(parse("[Service]\r\rFoo"))).toEqual(["missing-equals@3:1-3:4"]);
    expect(problems(parse("[Service]\n\r\nFoo"))).toEqual(["missing-equals@3:1-3:4"]);
  });

  it("NUL ends a line", () => {
    const ast = parse("[Service]\0A=b\0Foo");
    expect(kv(ast)).toEqual([["Service", "A", "b"]]);
    expect(problems(ast)).toEqual(["missing-equals@3:1-3:4"]);
  });

  it("a NUL right after LF, CR, CRLF or LF-CR belongs to the same line ending (read_line_full)", () => {
    for (const eol of ["\n\0", "\r\0", "\r\n\0", "\n\r\0"]) {
      const ast = parse(`[Service]${eol}Foo${eol}`);
      expect(ast.lines, JSON.stringify(eol)).toHaveLength(2);
      expect(problems(ast)).toEqual(["missing-equals@2:1-2:4"]);
    }
    // So it does not end a continuation the way an empty line would.
    expect(kv(parse("[Service]\nEnvironment=A=b\\\n\0C=d\n"))).toEqual([["Service", "Environment", "A=b C=d"]]);
  });

  it("a NUL before a line feed is two line endings, and NUL NUL is two", () => {
    expect(problems(parse("[Service]\0\nFoo"))).toEqual(["missing-equals@3:1-3:4"]);
    expect(problems(parse("[Service]\n\0\0Foo\n"))).toEqual(["missing-equals@3:1-3:4"]);
  });

  it("a file without a final newline still has its last line", () => {
    const ast = parse("[Unit]\nDescription=x");
    expect(kv(ast)).toEqual([["Unit", "Description", "x"]]);
    expect(entries(ast)[0]!.raw).toBe("Description=x");
  });
});

describe("byte-order mark", () => {
  it("a UTF-8 BOM is stripped and line-1 columns do not count it", () => {
    const ast = parse("\uFEFF[Service]\nA=b\n");
    expect(ast.bom).toBe(true);
    const header = only(ast, "section");
    expect(header.name).toBe("Service");
    expect(at(header.range)).toBe("1:1-1:10");
    expect([header.range.start, header.range.end]).toEqual([1, 10]);
    expect(header.raw).toBe("\uFEFF[Service]\n");
    expect(ast.problems).toEqual([]);
  });

  it("a BOM before a first-line comment gives bom-comment (systemd checks comments before stripping the BOM)", () => {
    const ast = parse("\uFEFF# managed by ansible\n[Unit]\nDescription=x\n");
    expect(problems(ast)).toEqual(["bom-comment@1:1-1:21"]);
    expect(ast.problems[0]!.fatal).toBe(false);
    expect(kinds(ast)).toEqual(["invalid", "section", "entry"]);
    expect(ast.preamble).toHaveLength(1);
  });

  it("a BOM before an indented first-line comment is bom-comment too", () => {
    expect(problems(parse("\uFEFF  ; x\n[Unit]\n"))).toEqual(["bom-comment@1:3-1:6"]);
  });

  it("a BOM before a first-line assignment gives outside-section, not bom-comment", () => {
    const ast = parse("\uFEFFFoo=bar\n[Unit]\n");
    expect(problems(ast)).toEqual(["outside-section@1:1-1:8"]);
    expect((ast.preamble[0] as EntryNode).key).toBe("Foo");
    expect(at((ast.preamble[0] as EntryNode).keyRange)).toBe("1:1-1:4");
  });

  it("a BOM is stripped once, from the first line that starts with one", () => {
    const ast = parse("[Unit]\n\uFEFFFoo=bar\n\uFEFFBaz=qux\n");
    expect(entries(ast).map((e) => e.key)).toEqual(["Foo", "\uFEFFBaz"]);
    expect(ast.bom).toBe(false);
  });

  it("a BOM-only file is a single blank node", () => {
    const ast = parse("\uFEFF");
    expect(ast.bom).toBe(true);
    expect(kinds(ast)).toEqual(["blank"]);
    expect(ast.nodes[0]!.raw).toBe("\uFEFF");
    expect(ast.lines).toEqual([]);
    expect(ast.sections).toEqual([]);
    expect(ast.problems).toEqual([]);
  });

  it("a BOM in a file that is not valid UTF-8 is still recognised (bytes mode)", () => {
    const ast = parseBytes(Buffer.from("\xEF\xBB\xBF[Unit]\nDescription=caf\xE9\nFoo\n", "latin1"));
    expect(ast.bom).toBe(true);
    expect(ast.sections.map((s) => s.name)).toEqual(["Unit"]);
    expect(at(only(ast, "section").range)).toBe("1:1-1:7");
    expect(problems(ast)).toEqual(["invalid-utf8@2:1-2:17!", "missing-equals@3:1-3:4"]);
  });
});

describe("empty input", () => {
  it("an empty file has no nodes, lines, sections or problems", () => {
    const ast = parse("");
    expect(ast).toMatchObject({ bom: false, nodes: [], lines: [], preamble: [], sections: [], problems: [] });
  });

  it("a file of one newline is one blank line", () => {
    const ast = parse("\n");
    expect(kinds(ast)).toEqual(["blank"]);
    expect(at(ast.nodes[0]!.range)).toBe("1:1-1:1");
  });
});

describe("encoding", () => {
  it("invalid UTF-8 (a lone 0xE9 byte) is invalid-utf8, fatal, on its line only", () => {
    const bytes = Buffer.from("[Unit]\nDescription=caf\xE9\n# caf\xE9 in a comment is fine\nDocumentation=man:x\n", "latin1");
    const decoded = decodeUnitBytes(bytes);
    expect(decoded.bytes).toBe(true);
    expect(decoded.text).toContain("caf\u00E9");
    const ast = parseBytes(bytes);
    expect(problems(ast)).toEqual(["invalid-utf8@2:1-2:17!"]);
    expect(kv(ast)).toEqual([
      ["Unit", "Description", "caf\u00E9"],
      ["Unit", "Documentation", "man:x"],
    ]);
  });

  it("valid UTF-8 decodes as text, and multi-byte characters are no problem in bytes mode", () => {
    const good = Buffer.from("[Unit]\nDescription=Café ☕ 😀\n", "utf8");
    const decoded = decodeUnitBytes(good);
    expect(decoded).toEqual({ text: "[Unit]\nDescription=Café ☕ 😀\n", bytes: false });
    expect(parseBytes(good).problems).toEqual([]);
    // Same valid line inside a file that has an invalid byte elsewhere.
    const mixed = Buffer.concat([good, Buffer.from("X=\xFF\n", "latin1")]);
    expect(problems(parseBytes(mixed))).toEqual(["invalid-utf8@3:1-3:4!"]);
  });

  it("invalid UTF-8 before any section is only invalid-utf8, as systemd stops there", () => {
    const ast = parseBytes(Buffer.from("A=\xC3\x28\n[Unit]\n", "latin1"));
    expect(ast.problems.map((p) => p.code)).toEqual(["invalid-utf8"]);
  });

  it("a lone surrogate in a string is invalid-utf8; a surrogate pair is fine", () => {
    const ast = parse("[Unit]\nDescription=a\uD800b\nDocumentation=\uD83D\uDE00\nX=\uDC00\n");
    expect(problems(ast)).toEqual(["invalid-utf8@2:1-2:16!", "invalid-utf8@4:1-4:4!"]);
  });

  it("noncharacters that systemd's UTF-8 check rejects are invalid-utf8; U+FEFF inside a line is not", () => {
    const ast = parse("[Unit]\nA=x\uFFFE\nB=\uFDD0\nC=\u{10FFFF}\nD=a\uFEFFb\nE=\uFFFD\n");
    expect(problems(ast)).toEqual(["invalid-utf8@2:1-2:5!", "invalid-utf8@3:1-3:4!", "invalid-utf8@4:1-4:5!"]);
  });
});

describe("line length", () => {
  const head = "[Service]\n";
  const assignment = (bytes: number, key = "Environment"): string => `${key}=${"a".repeat(bytes - key.length - 1)}`;

  it("a line longer than 1 MiB is line-too-long and fatal", () => {
    const ast = parse(`${head}${assignment(LONG_LINE_MAX + 1)}\nA=b\n`);
    expect(problems(ast)).toEqual([`line-too-long@2:1-2:${LONG_LINE_MAX + 2}!`]);
    expect(kv(ast).at(-1)).toEqual(["Service", "A", "b"]);
  });

  it("read_line() refuses a physical line of exactly LONG_LINE_MAX bytes; one byte less is fine", () => {
    expect(problems(parse(`${head}${assignment(LONG_LINE_MAX)}\n`))).toEqual([`line-too-long@2:1-2:${LONG_LINE_MAX + 1}!`]);
    expect(problems(parse(`${head}${assignment(LONG_LINE_MAX)}`))).toEqual([`line-too-long@2:1-2:${LONG_LINE_MAX + 1}!`]);
    expect(problems(parse(`${head}${assignment(LONG_LINE_MAX - 1)}\n`))).toEqual([]);
  });

  it("the limit counts UTF-8 bytes, not UTF-16 code units", () => {
    // 2 + (LONG_LINE_MAX / 2 - 1) * 2 = LONG_LINE_MAX bytes in LONG_LINE_MAX / 2 + 1 code units.
    const text = `${head}A=${"é".repeat(LONG_LINE_MAX / 2 - 1)}\n`;
    expect(problems(parse(text))).toEqual([`line-too-long@2:1-2:${LONG_LINE_MAX / 2 + 2}!`]);
    expect(problems(parse(`${head}A=${"é".repeat(LONG_LINE_MAX / 2 - 2)}\n`))).toEqual([]);
  });

  it("in bytes mode each Latin-1 character is one byte", () => {
    // 700,000 bytes of valid UTF-8 in a file that has one invalid byte elsewhere: not too long.
    const bytes = Buffer.concat([Buffer.from(`${head}X=\xE9\nA=`, "latin1"), Buffer.from("é".repeat(350_000), "utf8"), Buffer.from("\n")]);
    expect(problems(parseBytes(bytes))).toEqual(["invalid-utf8@2:1-2:4!"]);
  });

  it("comment and blank lines are subject to the limit too", () => {
    const comment = parse(`${head}#${"c".repeat(LONG_LINE_MAX)}\nA=b\n`);
    expect(problems(comment)).toEqual([`line-too-long@2:1-2:${LONG_LINE_MAX + 2}!`]);
    expect(kinds(comment)).toEqual(["section", "comment", "entry"]);
    const blank = parse(`${head}${" ".repeat(LONG_LINE_MAX)}\nA=b\n`);
    expect(problems(blank)).toEqual([`line-too-long@2:1-2:${LONG_LINE_MAX + 1}!`]);
  });

  it("a continued line whose joined length exceeds 1 MiB is line-too-long over the whole logical line", () => {
    const first = `Environment=${"a".repeat(1000)}\\`;
    const rest = LONG_LINE_MAX - first.length;
    const over = parse(`${head}${first}\n${"b".repeat(rest + 1)}\nA=b\n`);
    expect(problems(over)).toEqual([`line-too-long@2:1-3:${rest + 2}!`]);
    expect(entries(over)[0]!.value.length).toBe(LONG_LINE_MAX + 1 - "Environment=".length);
    // Joined to exactly LONG_LINE_MAX bytes is accepted.
    expect(problems(parse(`${head}${first}\n${"b".repeat(rest)}\n`))).toEqual([]);
  });
});

describe("node ranges and raw text", () => {
  it("covers every character exactly once, in order, with 1-based lines and exclusive end columns", () => {
    const text = "\uFEFF# c\n[Unit]\nDescription=a \\\n  b\n\n[Service]\r\nExecStart=/x\rFoo\0=bar";
    const ast = parse(text);
    expect(ast.nodes.map((n) => [n.kind, at(n.range), n.raw])).toEqual([
      ["invalid", "1:1-1:4", "\uFEFF# c\n"],
      ["section", "2:1-2:7", "[Unit]\n"],
      ["entry", "3:1-4:4", "Description=a \\\n  b\n"],
      ["blank", "5:1-5:1", "\n"],
      ["section", "6:1-6:10", "[Service]\r\n"],
      ["entry", "7:1-7:13", "ExecStart=/x\r"],
      ["invalid", "8:1-8:4", "Foo\0"],
      ["invalid", "9:1-9:5", "=bar"],
    ]);
    expect(problems(ast)).toEqual(["bom-comment@1:1-1:4", "missing-equals@8:1-8:4", "missing-key@9:1-9:5"]);
  });

  it("entries know their section; header nodes are shared with sections", () => {
    const ast = parse("[A]\nx=1\n[B]\ny=2\n");
    const header = ast.nodes[2] as SectionHeaderNode;
    expect(ast.sections[1]!.header).toBe(header);
    expect(entries(ast).map((e) => e.section)).toEqual(["A", "B"]);
  });
});

describe("a line that is not UTF-8", () => {
  it("gets only the encoding problem, as systemd stops there (also before any section)", () => {
    const decoded = decodeUnitBytes(Buffer.from([0x41, 0x3d, 0xe9, 0x0a, 0x5b, 0x55, 0xe9, 0x5d, 0x0a, 0x6e, 0x6f, 0x65, 0x71, 0x0a]));
    const ast = parseUnitFile(decoded.text, { bytes: decoded.bytes });
    expect(ast.problems.map((p) => [p.code, p.range.line])).toEqual([
      ["invalid-utf8", 1],
      ["invalid-utf8", 2],
      ["missing-equals", 3],
    ]);
  });
});
