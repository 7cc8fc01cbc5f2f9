/** The engine: rule phases, crash isolation, ordering and de-duplication. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, lintText, sortFindings } from "../src/engine/lint.js";
import type { Finding } from "../src/engine/report.js";
import { RULES } from "../src/rules/index.js";
import type { Rule } from "../src/rules/types.js";

const STORM = "[Service]\nExecStart=/usr/bin/foo\nRestart=always\nRestartSec=0\n";

const crashing: Rule = {
  id: "UL999",
  name: "always-crashes",
  severity: "error",
  phase: "unit",
  docs: { summary: "test", rationale: "test", bad: "", good: "", seeAlso: [] },
  check() {
    throw new Error("boom");
  },
};

describe("engine", () => {
  it("turns a crashing rule into an internal-error finding and keeps the other rules' findings", () => {
    const report = lintText(STORM, "gw.service", { rules: [...RULES, crashing] });
    expect(report.findings.map((f) => [f.rule, f.path, f.line, f.message])).toEqual([
      ["UL901", "gw.service", 1, "rule UL999 (always-crashes) crashed: boom"],
      ["UL101", "gw.service", 4, expect.stringContaining("Restart=always with RestartSec=0")],
    ]);
  });

  it("runs type-restricted rules only on their types", () => {
    expect(lintText(STORM, "gw.socket").findings).toEqual([]);
    expect(lintText(STORM, "gw.service").findings.map((f) => f.rule)).toEqual(["UL101"]);
  });

  it("reports a drop-in shared by several units once", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-engine-"));
    try {
      fs.mkdirSync(path.join(dir, "service.d"));
      fs.writeFileSync(path.join(dir, "a.service"), "[Service]\nExecStart=/bin/a\n");
      fs.writeFileSync(path.join(dir, "b.service"), "[Service]\nExecStart=/bin/b\n");
      fs.writeFileSync(path.join(dir, "service.d", "10-bad.conf"), "[Service]\nnonsense\n");
      const report = lint({ paths: ["."], cwd: dir });
      expect(report.findings.map((f) => [f.rule, f.path, f.line])).toEqual([["UL003", "service.d/10-bad.conf", 2]]);
      expect(report.units.find((u) => u.name === "a.service")?.dropins).toEqual(["service.d/10-bad.conf"]);
      expect(report.units.find((u) => u.name === "b.service")?.dropins).toEqual(["service.d/10-bad.conf"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sorts findings by path, line, column, rule and message, and drops exact duplicates", () => {
    const f = (path: string, line: number, column: number, rule: string, message = "m"): Finding => ({
      rule, name: rule, severity: "error", message, path, line, column, endLine: line, endColumn: column + 1, fix: null,
    });
    const sorted = sortFindings([f("b", 1, 1, "UL001"), f("a", 2, 1, "UL001"), f("a", 1, 5, "UL002"), f("a", 1, 5, "UL001"), f("a", 1, 5, "UL001")]);
    expect(sorted.map((x) => `${x.path}:${x.line}:${x.column}:${x.rule}`)).toEqual(["a:1:5:UL001", "a:1:5:UL002", "a:2:1:UL001", "b:1:1:UL001"]);
  });

  it("summarises counts by severity", () => {
    const report = lintText("Description=x\n[Service]\nRestart=always\nRestartSec=0\n", "x.service");
    expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 0, units: 1 });
  });
});
