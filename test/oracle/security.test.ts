/**
 * The exposure score against systemd 252's own `systemd-analyze security --offline=true`: every
 * system service of the Debian corpus, and generated units that drive every check through each of
 * its cases (test/oracle/security-cases.ts), must get the same printed score and, row by row, the
 * same verdict (badness, or "does not apply") and the same exposure column.
 *
 * Each tree is built in a temporary root (the corpus's lib/ and usr/lib/ search paths merged, as on a
 * host with all those packages installed) and assessed in one call with --root, so drop-ins count on
 * both sides and the host's own units do not.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SECURITY_CHECKS, type SecurityCheckRow } from "../../src/data/security.generated.js";
import { lint } from "../../src/engine/lint.js";
import { discover } from "../../src/model/discover.js";
import { loadProject } from "../../src/model/load.js";
import type { Unit } from "../../src/model/unit.js";
import { formatExposure } from "../../src/security/levels.js";
import { assessUnit } from "../../src/security/score.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";
import { CASES, USER_CASES, type SecurityCase } from "./security-cases.js";
import { analyzeSecurity, printedName, type OracleUnit } from "./security-oracle.js";

const DEBIAN = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "corpus", "debian");
const hasCorpus = fs.existsSync(DEBIAN);
const hasSystemd = ensureSystemdAnalyze();
const VERSION = 252;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-security-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

if (!hasSystemd) console.warn(`\n*** ${SKIP_NO_SYSTEMD}: the exposure score was not compared with systemd-analyze security ***\n`);
if (!hasCorpus) console.warn(`\n*** SKIPPED: ${DEBIAN} not found: the Debian corpus was not compared with systemd-analyze security ***\n`);

/** Units of the tree under `root` (its search paths, or the given paths), by name (checked ones only). */
function loadTree(root: string, paths: string[] = []): Map<string, Unit> {
  const project = loadProject(discover(paths, { cwd: root, root: paths.length ? null : root }), { cwd: root, root: paths.length ? null : root });
  return new Map(project.units.filter((u) => u.status === "checked").map((u) => [u.name, u]));
}

/** Writes units (and their drop-ins) into `dir`. */
function writeCases(dir: string, cases: readonly SecurityCase[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const c of cases) {
    fs.writeFileSync(path.join(dir, c.name), c.text);
    for (const [file, text] of Object.entries(c.dropins ?? {})) {
      fs.mkdirSync(path.join(dir, `${c.name}.d`), { recursive: true });
      fs.writeFileSync(path.join(dir, `${c.name}.d`, file), text);
    }
  }
  return cases.map((c) => c.name);
}

interface Comparison {
  compared: number;
  agreeing: number;
  /** "name: what differs" */
  differences: string[];
  /** Per check: the badness values systemd gave ("n/a" for not applicable). */
  seen: Map<string, Set<string>>;
}

/** Compares unitlint with the oracle on every named unit systemd assessed. */
function compare(units: Map<string, Unit>, oracle: Map<string, OracleUnit>, names: readonly string[]): Comparison {
  const out: Comparison = { compared: 0, agreeing: 0, differences: [], seen: new Map() };
  for (const name of names) {
    const theirs = oracle.get(printedName(name));
    if (!theirs) continue;
    out.compared++;
    const unit = units.get(name);
    if (!unit) {
      out.differences.push(`${name}: not loaded by unitlint`);
      continue;
    }
    const ours = assessUnit(unit, { version: VERSION, mode: "systemd" });
    const diffs: string[] = [];
    if (formatExposure(ours.exposure) !== theirs.exposure || ours.level !== theirs.level) diffs.push(`score ${formatExposure(ours.exposure)} ${ours.level} ≠ ${theirs.exposure} ${theirs.level}`);
    for (const r of ours.rows) {
      const t = theirs.rows.get(r.row.id);
      const exposure = r.exposure === null ? "" : formatExposure(r.exposure);
      if (!t) {
        diffs.push(`${r.row.id} missing from systemd's table`);
        continue;
      }
      if (t.badness !== r.badness || t.exposure !== exposure) diffs.push(`${r.row.id} ${r.badness ?? "n/a"} (${exposure}) ≠ ${t.badness ?? "n/a"} (${t.exposure})`);
      const seen = out.seen.get(r.row.id) ?? new Set<string>();
      seen.add(String(t.badness ?? "n/a"));
      out.seen.set(r.row.id, seen);
    }
    if (theirs.rows.size !== ours.rows.length) diffs.push(`systemd shows ${theirs.rows.size} rows, unitlint ${ours.rows.length}`);
    if (diffs.length === 0) out.agreeing++;
    else out.differences.push(`${name}: ${diffs.join("; ")}`);
  }
  return out;
}

/** Every verdict a check can give (systemd-facts §12 "The table"); "n/a": the row does not apply. */
function verdictsOf(row: SecurityCheckRow): string[] {
  const byKind: Partial<Record<SecurityCheckRow["assess"], string[]>> = {
    user: ["0", "9", "10"],
    supplementaryGroups: ["n/a", "0", "1"],
    removeIpc: ["n/a", "0", "1"],
    protectHome: ["0", "1", "5", "10"],
    protectSystem: ["0", "3", "5", "10"],
    umask: ["0", "1", "2", "5", "10"],
    protectProc: ["0", "1", "3"],
    systemCallArchitectures: ["0", "8", "10"],
    systemCallFilter: ["0", "9", "10"],
    ipAddressAllow: ["0", "2", "5", "10"],
    deviceAllow: ["0", "5", "10"],
  };
  const values = byKind[row.assess] ?? ["0", "1"];
  return (row.ddo ? ["n/a", ...values] : values).sort();
}

describe.skipIf(!hasSystemd)(hasSystemd ? "exposure score: unitlint agrees with systemd-analyze security 252" : `${SKIP_NO_SYSTEMD} (exposure score)`, () => {
  it.skipIf(!hasCorpus)(hasCorpus ? "on every system service of the Debian corpus" : `SKIPPED: ${DEBIAN} not found`, () => {
    const root = path.join(tmp, "debian");
    const names: string[] = [];
    for (const pkg of fs.readdirSync(DEBIAN).sort()) {
      for (const dir of ["lib/systemd/system", "usr/lib/systemd/system"]) {
        const from = path.join(DEBIAN, pkg, dir);
        if (!fs.existsSync(from)) continue;
        fs.cpSync(from, path.join(root, dir), { recursive: true, verbatimSymlinks: true });
        names.push(...fs.readdirSync(from).filter((f) => f.endsWith(".service") && fs.statSync(path.join(from, f)).isFile()));
      }
    }
    names.sort();
    const { units: oracle } = analyzeSecurity(names, { root });
    const result = compare(loadTree(root), oracle, names);
    // The units systemd refuses to load are symbolic links stored as plain files: unitlint reports each as an error.
    const refused = names.filter((n) => !oracle.has(printedName(n)));
    const report = lint({ paths: [], root, cwd: root, settings: { systemdVersion: VERSION } });
    const unreported = refused.filter((n) => !report.findings.some((f) => f.severity === "error" && f.path.endsWith(`/${n}`) && (f.rule === "UL002" || f.rule === "UL107")));
    console.log(
      `security oracle, Debian corpus: ${result.agreeing}/${result.compared} units agree with systemd-analyze security 252 (score and every row); ` +
        `the other ${refused.length} of ${names.length} are refused by systemd, and reported as errors by unitlint`,
    );
    expect(result.differences).toEqual([]);
    expect(unreported).toEqual([]);
    expect(result.compared).toBeGreaterThan(300);
  }, 120_000);

  it("on generated units that drive every check through each of its verdicts", () => {
    const root = path.join(tmp, "cases");
    const names = writeCases(path.join(root, "etc/systemd/system"), CASES);
    const { units: oracle, stderr } = analyzeSecurity(names, { root });
    const missing = names.filter((n) => !oracle.has(printedName(n)));
    expect(missing, `systemd did not assess these cases:\n${stderr}`).toEqual([]);
    const result = compare(loadTree(root), oracle, names);
    console.log(`security oracle, generated cases: ${result.agreeing}/${result.compared} units agree`);
    expect(result.differences).toEqual([]);
    const uncovered = SECURITY_CHECKS.flatMap((row) => {
      const seen = [...(result.seen.get(row.id) ?? [])].sort();
      return seen.join(" ") === verdictsOf(row).join(" ") ? [] : [`${row.id}: systemd gave ${seen.join(" ")}, expected ${verdictsOf(row).join(" ")}`];
    });
    expect(uncovered).toEqual([]);
  }, 120_000);

  it("on user units, as systemd-analyze security --user scores them", () => {
    const dir = path.join(tmp, "user", "etc/systemd/user");
    const runtimeDir = path.join(tmp, "runtime");
    fs.mkdirSync(runtimeDir, { mode: 0o700, recursive: true });
    const names = writeCases(dir, USER_CASES);
    const { units: oracle, stderr } = analyzeSecurity(names.map((n) => path.join(dir, n)), { user: true, runtimeDir });
    expect(names.filter((n) => !oracle.has(n)), stderr).toEqual([]);
    const units = loadTree(dir, names);
    expect([...units.values()].every((u) => u.scope === "user")).toBe(true);
    const result = compare(units, oracle, names);
    expect(result.differences).toEqual([]);
  }, 60_000);
});
