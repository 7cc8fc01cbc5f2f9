/**
 * The syntax rules against systemd's own parser: for our fixtures and for the
 * real unit files in ../shared/corpus, every syntax message that
 * `systemd-analyze verify` prints must be a finding of ours at the same file and
 * line, and the other way round. systemd names the last physical line of a
 * continued line, which is our finding's endLine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DIRECTIVES } from "../../src/data/directives.generated.js";
import { lint } from "../../src/engine/lint.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD, verify } from "../helpers/systemd-analyze.js";

const SYNTAX_MESSAGES: Array<[RegExp, string]> = [
  [/^Invalid section header/, "UL001"],
  [/^Assignment outside of section/, "UL002"],
  [/^Missing '='/, "UL003"],
  [/^Missing key name before '='/, "UL004"],
  [/^String is not UTF-8 clean/, "UL005"],
  [/^(Continuation line|Line) too long/, "UL006"],
  [/^Unknown section '/, "UL301"],
  [/^Unknown key '/, "UL302"],
];
const SYNTAX_RULES = new Set(["UL001", "UL002", "UL003", "UL004", "UL005", "UL006", "UL007", "UL301", "UL302"]);

const REPO = path.resolve(import.meta.dirname, "..", "..");
const CORPUS = path.resolve(REPO, "..", "shared", "corpus");
const UNIT_SUFFIX = /\.(service|socket|timer|path|mount|automount|swap|target|slice)$/;
const hasSystemd = ensureSystemdAnalyze();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-oracle-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

/** Copies files flat into a fresh directory (systemd-analyze wants plain unit names); returns copy → original. */
function stage(files: string[], name: string): Map<string, string> {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  const map = new Map<string, string>();
  files.forEach((file, i) => {
    const copy = path.join(dir, `${i}-${path.basename(file)}`);
    fs.copyFileSync(file, copy);
    map.set(copy, file);
  });
  return map;
}

/**
 * systemd 252 calls keys that later versions added "unknown" too; unknown-key (UL302) is only about
 * keys no version knows (newer keys are the version rules' business), so those are left out.
 */
function knownToSomeVersion(message: string): boolean {
  const m = /^Unknown key '([^']+)' in section \[([^\]]+)\]/.exec(message);
  return m !== null && Object.hasOwn(DIRECTIVES[m[2]!] ?? {}, m[1]!);
}

function compare(files: string[], name: string): { ours: string[]; theirs: string[] } {
  const staged = stage(files, name);
  const theirs = verify([...staged.keys()], tmp)
    .map((m) => ({ ...m, rule: SYNTAX_MESSAGES.find(([re]) => re.test(m.message))?.[1] }))
    .filter((m) => m.rule && !knownToSomeVersion(m.message))
    .map((m) => `${path.basename(m.path)}:${m.line}:${m.rule}`);
  const report = lint({ paths: [...staged.keys()], cwd: tmp });
  // systemd reports the BOM quirk as an ordinary "Assignment outside of section", and
  // StartLimitIntervalSec= in [Service] as an unknown key, which start-limit-in-service (UL103) explains.
  const ignoredInterval = (f: { rule: string; message: string }): boolean => f.rule === "UL103" && f.message.startsWith("systemd does not read StartLimitIntervalSec=");
  const ours = report.findings
    .filter((f) => SYNTAX_RULES.has(f.rule) || ignoredInterval(f))
    .map((f) => `${path.basename(f.path)}:${f.endLine}:${f.rule === "UL007" ? "UL002" : ignoredInterval(f) ? "UL302" : f.rule}`);
  return { ours: [...new Set(ours)].sort(), theirs: [...new Set(theirs)].sort() };
}

describe.skipIf(!hasSystemd)(hasSystemd ? "syntax findings match systemd-analyze verify" : SKIP_NO_SYSTEMD, () => {
  it("on the syntax fixtures in test/units", () => {
    const files = walk(path.join(REPO, "test", "units")).filter((f) => UNIT_SUFFIX.test(f) && !f.includes(".d/") && /\/(UL00\d|UL30\d|ok)\//.test(f));
    const { ours, theirs } = compare(files, "fixtures");
    expect(ours.length).toBeGreaterThan(5);
    expect(ours).toEqual(theirs);
  });

  const corpusPresent = fs.existsSync(CORPUS);
  it.skipIf(!corpusPresent)(corpusPresent ? "on every unit file of ../shared/corpus" : "SKIPPED: ../shared/corpus not found", () => {
    const files = walk(CORPUS).filter((f) => UNIT_SUFFIX.test(f) && !/\.(wants|requires|upholds|d)\//.test(f));
    const { ours, theirs } = compare(files, "corpus");
    expect(files.length).toBeGreaterThan(500);
    expect(ours).toEqual(theirs);
  }, 300_000);
});
