/**
 * The parser and the linter on the real-world corpus in ../shared/corpus (read
 * in place, never copied): every file survives a byte-exact round trip, the
 * linter never crashes on systemd's fuzz corpus, and a few files pin exact
 * results. The pinned expectations were checked against systemd 252
 * (`systemd-analyze verify`), which reports the same lines up to its first
 * fatal error.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import type { EntryNode, UnitFileAst } from "../src/syntax/ast.js";
import { LONG_LINE_MAX, parseUnitFile } from "../src/syntax/parse.js";
import { printUnitFile } from "../src/syntax/print.js";
import { decodeUnitBytes, encodeUnitText } from "../src/syntax/read.js";

const REPO = path.resolve(import.meta.dirname, "..");
const SHARED = path.resolve(REPO, "../shared");
const CORPUS = path.join(SHARED, "corpus");
const FUZZ = path.join(CORPUS, "systemd/test/fuzz/fuzz-unit-file");
const present = fs.existsSync(CORPUS);
const SKIPPED = `SKIPPED: ../shared/corpus not found (looked for ${CORPUS}); the corpus tests did not run`;
if (!present) console.warn(`\n*** ${SKIPPED} ***\n`);

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : [p];
    })
    .sort();
}

function parseFile(file: string): { ast: UnitFileAst; bytes: boolean } {
  const decoded = decodeUnitBytes(fs.readFileSync(file));
  return { ast: parseUnitFile(decoded.text, { bytes: decoded.bytes }), bytes: decoded.bytes };
}

function problems(ast: UnitFileAst): string[] {
  return ast.problems.map((p) => `${p.code}@${p.range.line}:${p.range.column}-${p.range.endLine}:${p.range.endColumn}${p.fatal ? "!" : ""}`);
}

function count(ast: UnitFileAst, code: string): number {
  return ast.problems.filter((p) => p.code === code).length;
}

const fuzzFiles = present && fs.existsSync(FUZZ) ? walk(FUZZ) : [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-corpus-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!present)(present ? "corpus: ../shared/corpus" : SKIPPED, () => {
  it("every file survives decode → parse → print → encode byte for byte", () => {
    const files = walk(CORPUS);
    expect(files.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      try {
        const decoded = decodeUnitBytes(bytes);
        const ast = parseUnitFile(decoded.text, { bytes: decoded.bytes });
        const printed = printUnitFile(ast);
        if (printed !== decoded.text) failures.push(`${path.relative(CORPUS, file)}: printed text differs from the decoded text`);
        else if (!encodeUnitText({ text: printed, bytes: decoded.bytes }).equals(bytes)) failures.push(`${path.relative(CORPUS, file)}: re-encoded bytes differ`);
      } catch (error) {
        failures.push(`${path.relative(CORPUS, file)}: threw ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  describe("systemd's fuzz corpus (fuzz-unit-file)", () => {
    it("is there", () => {
      expect(fuzzFiles.length).toBeGreaterThanOrEqual(30);
      expect(fuzzFiles.map((f) => path.basename(f))).toContain("oss-fuzz-11569");
    });

    it.each(fuzzFiles.map((f) => [path.basename(f), f]))("the full linter does not crash on %s", (_name, file) => {
      const report = lint({ paths: [file], cwd: tmp });
      expect(report.version).toBe(1);
      expect(report.units).toHaveLength(1);
      expect(report.units[0]!.status).toBe("checked");
      expect(report.findings.filter((f) => f.rule === "UL901")).toEqual([]);

      // Again as the unit type the fuzzer's first line names, so type-specific rules run too.
      const decoded = decodeUnitBytes(fs.readFileSync(file));
      const type = /^[a-z]+/.exec(decoded.text)?.[0] ?? "service";
      const typed = lint({ paths: ["-"], cwd: tmp, stdin: { text: decoded.text, path: `fuzz.${type}`, bytes: decoded.bytes } });
      expect(typed.version).toBe(1);
      expect(typed.findings.filter((f) => f.rule === "UL901")).toEqual([]);
    });

    it("oss-fuzz-6884: one invalid UTF-8 byte (0xFF) on line 3 is fatal", () => {
      const { ast, bytes } = parseFile(path.join(FUZZ, "oss-fuzz-6884"));
      expect(bytes).toBe(true);
      expect(problems(ast)).toEqual(["outside-section@1:1-1:7", "invalid-utf8@3:1-3:16!"]);
      expect(ast.sections.map((s) => s.name)).toEqual(["Socket"]);
      const report = lint({ paths: [path.join(FUZZ, "oss-fuzz-6884")], cwd: tmp });
      expect(report.findings.map((f) => `${f.rule}@${f.line}`)).toEqual(["UL002@1", "UL005@3"]);
    });

    it("oss-fuzz-11569: 240 lines (NUL-terminated and CR line ends), one invalid UTF-8 line, 58 missing '=' and 3 missing keys", () => {
      const { ast, bytes } = parseFile(path.join(FUZZ, "oss-fuzz-11569"));
      expect(bytes).toBe(true);
      expect(ast.lines).toHaveLength(240);
      expect(ast.problems.filter((p) => p.code === "invalid-utf8").map((p) => [p.range.line, p.range.endColumn, p.fatal])).toEqual([[240, 4347, true]]);
      expect(count(ast, "missing-equals")).toBe(58);
      expect(count(ast, "missing-key")).toBe(3);
      expect(count(ast, "outside-section")).toBe(1);
      expect(ast.problems).toHaveLength(63);
      // systemd 252 reports these same lines in this order, ending with the fatal one.
      expect(ast.problems.slice(0, 3).map((p) => `${p.code}@${p.range.endLine}`)).toEqual(["outside-section@1", "missing-equals@168", "missing-equals@169"]);
      expect(ast.problems.filter((p) => p.code === "missing-key").map((p) => p.range.endLine)).toEqual([178, 189, expect.any(Number)]);
      expect(ast.problems.at(-1)!.code).toBe("invalid-utf8");
      expect(ast.sections.map((s) => s.name)).toEqual(["Service", "Unit"]);
    });

    it("oss-fuzz-33270: two invalid UTF-8 lines, 62 and 344", () => {
      const { ast, bytes } = parseFile(path.join(FUZZ, "oss-fuzz-33270"));
      expect(bytes).toBe(true);
      expect(ast.lines).toHaveLength(569);
      expect(ast.problems.filter((p) => p.code === "invalid-utf8").map((p) => `${p.range.line}:${p.range.column}-${p.range.endLine}:${p.range.endColumn}${p.fatal ? "!" : ""}`)).toEqual([
        "62:1-62:23!",
        "344:1-344:23!",
      ]);
      expect(count(ast, "missing-equals")).toBe(45);
      expect(count(ast, "missing-key")).toBe(3);
    });

    it("oss-fuzz-6977: a 858,904-byte line is below LONG_LINE_MAX but not valid UTF-8", () => {
      const { ast } = parseFile(path.join(FUZZ, "oss-fuzz-6977"));
      const line = ast.lines[2]!;
      expect(line.end - line.start).toBe(858_904);
      expect(line.end - line.start).toBeLessThan(LONG_LINE_MAX);
      expect(problems(ast)).toEqual(["outside-section@1:1-1:5", "invalid-utf8@3:1-3:858905!"]);
      expect(ast.sections.map((s) => s.name)).toEqual(["Unit"]);
    });

    it("oss-fuzz-6917: an indented header and a line '    =   ' (missing key)", () => {
      const { ast } = parseFile(path.join(FUZZ, "oss-fuzz-6917"));
      expect(ast.sections.map((s) => [s.name, s.header.range.column])).toEqual([["Timer", 6]]);
      expect(problems(ast)).toEqual(["outside-section@1:1-1:6", "missing-key@3:5-3:6"]);
    });

    it("oss-fuzz-10007: an indented '#' line is a comment; line 6 is missing '='", () => {
      const { ast } = parseFile(path.join(FUZZ, "oss-fuzz-10007"));
      expect(ast.nodes[1]!.kind).toBe("comment");
      expect(ast.nodes[1]!.range.line).toBe(2);
      expect(ast.problems.map((p) => `${p.code}@${p.range.line}`)).toEqual(["outside-section@1", "missing-equals@6"]);
    });

    it("directives-all.service: no section header at all, so every line but the comment on line 147 is outside any section", () => {
      const { ast } = parseFile(path.join(FUZZ, "directives-all.service"));
      expect(ast.sections).toEqual([]);
      expect(ast.lines).toHaveLength(995);
      // systemd 252 logs "Assignment outside of section" for the same 994 lines.
      expect(count(ast, "outside-section")).toBe(994);
      expect(ast.problems).toHaveLength(994);
      expect(ast.preamble).toHaveLength(994);
      expect(ast.nodes.filter((n) => n.kind === "comment").map((n) => n.range.line)).toEqual([147]);
      const entries = ast.preamble.filter((n): n is EntryNode => n.kind === "entry");
      expect(entries).toHaveLength(993);
      expect(entries.slice(0, 3).map((e) => [e.key, e.value])).toEqual([
        ["Accept", ""],
        ["AccuracySec", ""],
        ["After", ""],
      ]);
      expect(ast.preamble[0]).toMatchObject({ kind: "invalid", text: "service" });
    });
  });

  it("hoge-withx20space.mount: valid UTF-8 holding U+FFFE, which systemd rejects as not UTF-8 clean", () => {
    const file = path.join(CORPUS, "systemd/test/test-fstab-generator/test-19-mounts-from-cmdline.expected/hoge-withx20space.mount");
    const { ast, bytes } = parseFile(file);
    expect(bytes).toBe(false);
    expect(problems(ast)).toEqual(["invalid-utf8@9:1-9:15!"]);
    expect(ast.source).toContain("What=//foo\uFFFEbar");
  });

  it("varnish.service: an ExecStart= continued over eight lines", () => {
    const { ast } = parseFile(path.join(CORPUS, "debian/varnish/lib/systemd/system/varnish.service"));
    const exec = ast.sections.flatMap((s) => s.entries).find((e) => e.key === "ExecStart")!;
    expect(exec.section).toBe("Service");
    expect([exec.range.line, exec.range.endLine]).toEqual([16, 23]);
    expect([exec.valueRange.line, exec.valueRange.column, exec.valueRange.endLine, exec.valueRange.endColumn]).toEqual([16, 11, 23, 25]);
    expect(exec.value.split(/\s+/)).toEqual(["/usr/sbin/varnishd", "-j", "unix,user=vcache", "-F", "-a", ":6081", "-T", "localhost:6082", "-f", "/etc/varnish/default.vcl", "-S", "/etc/varnish/secret", "-s", "malloc,256m"]);
    expect(exec.value.startsWith("/usr/sbin/varnishd            -j")).toBe(true);
    expect(ast.problems).toEqual([]);
  });
});
