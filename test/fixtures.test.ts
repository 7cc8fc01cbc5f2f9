/**
 * Walks test/units/: every fixture's findings must be exactly those its
 * `# expect:` comment markers announce (rule, file and line), and
 * test/units/ok/ must produce nothing at all.
 *
 * Markers (whole-line comments, as systemd has no trailing comments):
 *   # expect: UL101 UL003   the next line that is neither blank nor a comment
 *   # expect@+2: UL101      a line relative to the marker (also @-1)
 *   # expect@7: UL101       an absolute line
 *   # expect-at: a/link UL207   line 1 of another path (relative to this file), e.g. a symbolic link
 *   # unitlint-test-config: {"systemdVersion": 252}   settings for the whole fixture
 * A fixture is a unit file, or a directory linted as one tree (drop-ins, links).
 *
 * Fixes: every safe fix, and the unsafe fixes of the rule the folder is about
 * (test/units/UL104/ applies UL104's), are applied until none is left, on a
 * copy of the fixture. Every file they change must have a `<file>.fixed`
 * sibling with the exact expected text, every `.fixed` file must match, and the
 * fixed fixture must have no such fix left. (UL403 offers `unitlint harden` as
 * an unsafe fix on nearly every service: applied everywhere, it would bury
 * each folder's own fix under the same hardening block.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixOf, lint } from "../src/engine/lint.js";
import { applyFixes } from "../src/fixers/apply.js";
import { MAX_FIX_PASSES } from "../src/fixers/loop.js";
import type { Settings } from "../src/engine/settings.js";
import type { Fix } from "../src/fixers/types.js";
import { RULES } from "../src/rules/index.js";

const UNITS = path.join(import.meta.dirname, "units");
const MARKER = /^\s*#\s*expect(?:@([+-]?\d+))?:\s*(.*)$/;
const MARKER_AT = /^\s*#\s*expect-at:\s*(\S+)\s+(.*)$/;

/** Rules whose findings cannot come from a checked-in fixture, and where they are tested instead. */
const TESTED_ELSEWHERE: Record<string, string> = {
  UL006: "a 1 MiB line is generated in test/parser.test.ts",
  UL900: "unreadable files (dangling links, directories) are built in test/model.test.ts and test/cli.test.ts",
  UL208: "programs must exist (and be executable) under a --root tree: built in test/model.test.ts",
  UL209: "a socket's service must be missing from a --root tree's search path: built in test/oracle/refusals.test.ts",
  UL901: "a crashing rule is injected in test/engine.test.ts",
};

interface Expectation {
  path: string;
  line: number;
  rule: string;
}

function filesUnder(p: string): string[] {
  const stat = fs.lstatSync(p);
  if (!stat.isDirectory()) return stat.isFile() && !p.endsWith(".fixed") ? [p] : [];
  return fs.readdirSync(p).flatMap((name) => filesUnder(path.join(p, name)));
}

/** Applies the fixes (see above) to a copy of the fixture until none is left; returns the copy's files (relative path → text) and whether fixes remain. */
function fixCopy(fixture: string, folder: string): { texts: Map<string, string>; passes: number; leftover: string[] } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-fix-"));
  try {
    const copy = path.join(tmp, path.basename(fixture));
    fs.cpSync(fixture, copy, { recursive: true, verbatimSymlinks: true });
    let passes = 0;
    const fixable = (): Map<string, Fix[]> => {
      const byFile = new Map<string, Fix[]>();
      for (const f of lint({ paths: [path.basename(fixture)], cwd: tmp, settings: settingsOf(fixture) }).findings) {
        const fix = fixOf(f);
        if (fix && (fix.applicability === "safe" || f.rule === folder)) byFile.set(f.path, [...(byFile.get(f.path) ?? []), fix]);
      }
      return byFile;
    };
    for (let byFile = fixable(); byFile.size > 0 && passes < MAX_FIX_PASSES; byFile = fixable()) {
      passes++;
      for (const [file, fixes] of byFile) {
        const abs = path.join(tmp, file);
        fs.writeFileSync(abs, applyFixes(fs.readFileSync(abs, "latin1"), fixes).text, "latin1");
      }
    }
    const texts = new Map(filesUnder(copy).map((f) => [path.relative(tmp, f), fs.readFileSync(f, "latin1")]));
    return { texts, passes, leftover: [...fixable().keys()] };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function expectationsOf(file: string, shown: string): Expectation[] {
  const text = fs.readFileSync(file, "latin1");
  const lines = text.split(/\r\n|\n|\r/);
  const out: Expectation[] = [];
  lines.forEach((line, index) => {
    const at = MARKER_AT.exec(line);
    if (at) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(shown), at[1]!));
      for (const rule of at[2]!.trim().split(/\s+/).filter(Boolean)) out.push({ path: target, line: 1, rule });
      return;
    }
    const m = MARKER.exec(line.replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, ""));
    if (!m) return;
    let target: number;
    if (m[1] === undefined) {
      target = index + 1;
      while (target < lines.length && /^\s*([#;].*)?$/.test(lines[target]!)) target++;
      target += 1;
    } else if (/^[+-]/.test(m[1])) {
      target = index + 1 + Number(m[1]);
    } else {
      target = Number(m[1]);
    }
    for (const rule of m[2]!.trim().split(/\s+/).filter(Boolean)) out.push({ path: shown, line: target, rule });
  });
  return out;
}

function sortKey(e: Expectation): string {
  return `${e.path}\0${String(e.line).padStart(8, "0")}\0${e.rule}`;
}

/** Settings a fixture asks for with a `# unitlint-test-config: {json}` line. */
function settingsOf(fixture: string): Partial<Settings> {
  for (const file of filesUnder(fixture)) {
    const m = /^#\s*unitlint-test-config:\s*(\{.*\})\s*$/m.exec(fs.readFileSync(file, "latin1"));
    if (m) return JSON.parse(m[1]!) as Partial<Settings>;
  }
  return {};
}

function check(fixture: string): { expected: Expectation[]; actual: Expectation[] } {
  const cwd = UNITS;
  const report = lint({ paths: [path.relative(cwd, fixture)], cwd, settings: settingsOf(fixture) });
  const expected = filesUnder(fixture)
    .flatMap((f) => expectationsOf(f, path.relative(cwd, f).split(path.sep).join("/")))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const actual = report.findings
    .map((f) => ({ path: f.path, line: f.line, rule: f.rule }))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return { expected, actual };
}

const folders = fs.readdirSync(UNITS).filter((d) => fs.statSync(path.join(UNITS, d)).isDirectory()).sort();

describe("fixtures in test/units", () => {
  for (const folder of folders) {
    const fixtures = fs.readdirSync(path.join(UNITS, folder)).filter((n) => !n.endsWith(".fixed")).sort();
    describe(folder, () => {
      for (const name of fixtures) {
        const fixture = path.join(UNITS, folder, name);
        it(name, () => {
          const { expected, actual } = check(fixture);
          if (folder === "ok") expect(expected).toEqual([]);
          expect(actual).toEqual(expected);
        });
        it(`${name}: fixes give exactly the .fixed text`, () => {
          const { texts, passes, leftover } = fixCopy(fixture, folder);
          expect(leftover, "fixable findings left after fixing").toEqual([]);
          expect(passes).toBeLessThan(MAX_FIX_PASSES);
          for (const original of filesUnder(fixture)) {
            const rel = path.relative(path.dirname(fixture), original);
            const fixed = texts.get(rel);
            const expectedFile = `${original}.fixed`;
            const want = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, "latin1") : fs.readFileSync(original, "latin1");
            expect(fixed, `${rel}${fs.existsSync(expectedFile) ? " vs .fixed" : " changed by a fix: add a .fixed file"}`).toBe(want);
          }
        });
      }
    });
  }

  it("has a folder with a reporting and a clean fixture for every rule", () => {
    for (const rule of RULES) {
      if (TESTED_ELSEWHERE[rule.id]) continue;
      const dir = path.join(UNITS, rule.id);
      expect(fs.existsSync(dir), `test/units/${rule.id}/ is missing`).toBe(true);
      const results = fs.readdirSync(dir).map((name) => check(path.join(dir, name)));
      expect(
        results.some((r) => r.expected.some((e) => e.rule === rule.id)),
        `${rule.id} needs a fixture that triggers it`,
      ).toBe(true);
      // Clean for this rule: other rules may still report (UL403 reports nearly every service).
      expect(
        results.some((r) => !r.expected.some((e) => e.rule === rule.id)),
        `${rule.id} needs a clean fixture`,
      ).toBe(true);
    }
  });

  it("has no folder for an unknown rule", () => {
    const known = new Set(RULES.map((r) => r.id));
    for (const folder of folders) if (folder !== "ok") expect(known.has(folder), folder).toBe(true);
  });
});
