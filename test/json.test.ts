/** The JSON report is written in pieces but reads exactly like JSON.stringify(report). */
import { describe, expect, it } from "vitest";
import type { Report } from "../src/engine/report.js";
import { formatJson, writeJson } from "../src/report/json.js";

function report(units: number, findings: number): Report {
  return {
    version: 1,
    tool: { name: "unitlint", version: "0.0.0", systemd: { version: 262, source: "newest" } },
    units: Array.from({ length: units }, (_, i) => ({ path: `u${i}.service`, name: `u${i}.service`, type: "service", scope: "system", owner: null, status: "checked", aliases: [], dropins: [], enabledBy: [] })),
    findings: Array.from({ length: findings }, (_, i) => ({ rule: "UL101", name: "restart-storm", severity: "error", message: `m × ${i} "q"`, path: "u.service", line: i + 1, column: 1, endLine: i + 1, endColumn: 2, fix: i % 2 ? null : { applicability: "safe", title: "t" }, docs: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL101.md" })),
    summary: { errors: findings, warnings: 0, infos: 0, units },
  };
}

describe("writeJson", () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 1201],
  ])("matches JSON.stringify for %d units and %d findings", (units, findings) => {
    const r = report(units, findings);
    expect(formatJson(r)).toBe(`${JSON.stringify(r)}\n`);
  });

  it("writes a large report in several pieces", () => {
    const pieces: string[] = [];
    writeJson(report(2, 1201), (t) => pieces.push(t));
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200_000);
  });
});
