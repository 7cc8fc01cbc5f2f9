/**
 * Every fix, checked by systemd 252: each fixture that has `.fixed` files is verified with
 * `systemd-analyze verify` as it is and as fixed; the fixed version must not bring a message
 * the original did not have (fixes may only take warnings away).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";

const UNITS = path.resolve(import.meta.dirname, "..", "units");
const UNIT_FILE = /\.(service|socket|timer|path|mount|automount|swap|target|slice)$/;
const hasSystemd = ensureSystemdAnalyze();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-fixed-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Fixtures (a file, or a directory inside a rule's folder) with at least one .fixed file. */
function fixturesWithFixes(): string[] {
  const out: string[] = [];
  for (const rule of fs.readdirSync(UNITS)) {
    for (const entry of fs.readdirSync(path.join(UNITS, rule))) {
      const p = path.join(UNITS, rule, entry);
      const hasFixed = fs.statSync(p).isDirectory() ? (fs.readdirSync(p, { recursive: true }) as string[]).some((f) => f.endsWith(".fixed")) : fs.existsSync(`${p}.fixed`);
      if (hasFixed && !entry.endsWith(".fixed")) out.push(path.relative(UNITS, p));
    }
  }
  return out.sort();
}

/** Copies a fixture, taking each file's .fixed text instead when `fixed`. */
function copy(fixture: string, to: string, fixed: boolean): string[] {
  const src = path.join(UNITS, fixture);
  const files = fs.statSync(src).isDirectory() ? (fs.readdirSync(src, { recursive: true }) as string[]).map((f) => path.join(fixture, f)) : [fixture];
  const units: string[] = [];
  for (const rel of files) {
    const from = path.join(UNITS, rel);
    if (rel.endsWith(".fixed") || !fs.statSync(from).isFile()) continue;
    const target = path.join(to, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(fixed && fs.existsSync(`${from}.fixed`) ? `${from}.fixed` : from, target);
    if (UNIT_FILE.test(rel)) units.push(target);
  }
  return units;
}

/**
 * What this host lacks rather than what the unit says: the fixtures' programs (/usr/bin/app …)
 * and the units they name are not installed here. A unit systemd refused before the fix is
 * checked further once fixed, and then meets these.
 */
const HOST_SPECIFIC = [/ is not executable: No such file or directory$/, /Unit \S+ not found\.$/];

/** systemd-analyze verify's messages for the units, without paths and line numbers. */
function messages(units: readonly string[]): string[] {
  const r = spawnSync("systemd-analyze", ["verify", "--man=no", ...units], { encoding: "utf8" });
  const lines = `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => l.trim() !== "" && !HOST_SPECIFIC.some((h) => h.test(l)));
  return [...new Set(lines.map((l) => l.replace(/^\/\S*?:(\d+:)? /, "").replaceAll(tmp, "")))].sort();
}

describe.skipIf(!hasSystemd)(hasSystemd ? "fixes, verified by systemd 252" : SKIP_NO_SYSTEMD, () => {
  const fixtures = fixturesWithFixes();

  it("cover every fixture with a .fixed file", () => {
    expect(fixtures.length).toBeGreaterThan(12);
  });

  for (const fixture of fixtures) {
    it(`${fixture}: the fixed version brings no new systemd-analyze verify message`, () => {
      const before = messages(copy(fixture, path.join(tmp, "before"), false));
      const after = messages(copy(fixture, path.join(tmp, "after"), true));
      const normalise = (list: string[], side: string) => list.map((m) => m.replaceAll(`/${side}/`, "/"));
      const was = new Set(normalise(before, "before"));
      expect(normalise(after, "after").filter((m) => !was.has(m))).toEqual([]);
    });
  }
});
