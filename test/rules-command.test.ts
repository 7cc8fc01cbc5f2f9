/** `unitlint rules` and `unitlint explain <id|name>`, through run() and once through the real binary. */
import { describe, expect, it } from "vitest";
import { run, type Io } from "../src/cli/main.js";
import { findRule, RULES } from "../src/rules/index.js";
import { ensureBuilt, REPO, runBin } from "./helpers/bin.js";

async function cli(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const io: Io = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), readStdin: () => Buffer.alloc(0), env: {}, isTTY: false, cwd: REPO };
  const status = await run(argv, io);
  return { status, ...out };
}

/** The start of each cell of a table line whose cells are separated by two or more spaces. */
function cellStarts(line: string): number[] {
  return [...line.matchAll(/(?:^|(?<= {2}))\S/g)].map((m) => m.index);
}

describe("unitlint rules", () => {
  it("lists every rule in registry order as a table aligned on its header", async () => {
    const r = await cli("rules");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toMatch(/^ID {5}NAME +SEVERITY {2}FIXABLE +TAGS$/);
    expect(lines.slice(1).map((l) => l.split(" ")[0])).toEqual(RULES.map((r) => r.id));
    const starts = cellStarts(lines[0]!);
    for (const line of lines) expect(cellStarts(line), line).toEqual(starts);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `))!.split(/ {2,}/);
    expect(row("UL001")).toEqual(["UL001", "invalid-section-header", "error", "no", "syntax"]);
    expect(row("UL103")).toEqual(["UL103", "start-limit-in-service", "warning", "safe or unsafe", "restart"]);
    expect(row("UL104")).toEqual(["UL104", "on-failure-ignores-clean-exit", "warning", "unsafe", "restart"]);
    expect(row("UL403")).toEqual(["UL403", "sandboxing-exposure", "info", "unsafe", "security"]);
    expect(row("UL901")).toEqual(["UL901", "internal-error", "error", "no", "tool"]);
  });

  it("prints the same list as JSON with --format json", async () => {
    const r = await cli("rules", "--format", "json");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(list.map((x) => x.id)).toEqual(RULES.map((r) => r.id));
    expect(list.find((x) => x.id === "UL204")).toEqual({
      id: "UL204",
      name: "user-unit-identity",
      severity: "error",
      fixable: ["safe"],
      tags: ["scope"],
      types: null,
      scopes: ["user"],
      summary: findRule("UL204")!.docs.summary,
      docs: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL204.md",
    });
  });

  it("takes no arguments and no report format", async () => {
    expect(await cli("rules", "UL101")).toEqual({ status: 2, stdout: "", stderr: 'unitlint: rules takes no arguments (got "UL101"); use "unitlint explain UL101" for one rule\n' });
    expect(await cli("rules", "--format", "sarif")).toEqual({ status: 2, stdout: "", stderr: "unitlint: rules prints stylish or json, not --format sarif\n" });
  });

  it("runs from the real binary", () => {
    ensureBuilt();
    const r = runBin(["rules"], { cwd: REPO });
    expect([r.status, r.stderr, r.stdout.split("\n").length]).toEqual([0, "", RULES.length + 2]);
  });
});

describe("unitlint explain", () => {
  it("prints a rule's documentation, by id or name, the id in any letter case", async () => {
    const { docs } = findRule("UL004")!;
    const expected = [
      "UL004 missing-key",
      "severity: warning   fixable: no   tags: syntax   applies to: all units",
      "",
      docs.summary,
      "",
      "Why:",
      docs.rationale,
      "",
      "Reported:",
      "    [Service]",
      "    =/usr/bin/foo",
      "",
      "Not reported:",
      "    [Service]",
      "    ExecStart=/usr/bin/foo",
      "",
      "Fix safety:",
      "No automatic fix.",
      "",
      "See also:",
      "  - systemd.syntax(7)",
      "",
      "Docs: https://github.com/unitlint/unitlint/blob/main/docs/rules/UL004.md",
      "",
    ].join("\n");
    for (const query of ["UL004", "ul004", "missing-key"]) expect(await cli("explain", query)).toEqual({ status: 0, stdout: expected, stderr: "" });
  });

  it("shows what a fix may change, and keeps blank lines of an example unindented", async () => {
    const r = await cli("explain", "UL103");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("severity: warning   fixable: safe or unsafe   tags: restart   applies to: service units\n");
    expect(r.stdout).toContain(`\nFix safety:\n${findRule("UL103")!.docs.fixSafety}\n`);
    expect(r.stdout).toContain("    OnFailure=notify-admin@%n.service\n\n    [Service]\n");
  });

  it("prints the whole documentation as JSON with --format json", async () => {
    const r = await cli("explain", "restart-storm", "--format", "json");
    const rule = findRule("UL101")!;
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toEqual({
      id: "UL101",
      name: "restart-storm",
      severity: "error",
      fixable: ["safe"],
      tags: ["restart"],
      types: ["service"],
      scopes: null,
      summary: rule.docs.summary,
      rationale: rule.docs.rationale,
      bad: rule.docs.bad,
      good: rule.docs.good,
      fixSafety: rule.docs.fixSafety,
      seeAlso: [...rule.docs.seeAlso],
      docs: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL101.md",
    });
  });

  it("exits 2 for an unknown rule, with a did-you-mean when one rule is clearly meant", async () => {
    const tail = 'Run "unitlint rules" to list them.\n';
    expect(await cli("explain", "restart-strom")).toEqual({ status: 2, stdout: "", stderr: `unitlint: no rule "restart-strom"; did you mean "restart-storm"?\n${tail}` });
    expect(await cli("explain", "UL1O1")).toEqual({ status: 2, stdout: "", stderr: `unitlint: no rule "UL1O1"; did you mean "UL101"?\n${tail}` });
    expect(await cli("explain", "frobnicate")).toEqual({ status: 2, stdout: "", stderr: `unitlint: no rule "frobnicate"\n${tail}` });
  });

  it("exits 2 without exactly one rule", async () => {
    const usage = 'unitlint: explain takes one rule id or name, e.g. "unitlint explain UL101" or "unitlint explain restart-storm"\n';
    expect(await cli("explain")).toEqual({ status: 2, stdout: "", stderr: usage });
    expect(await cli("explain", "UL101", "UL102")).toEqual({ status: 2, stdout: "", stderr: usage });
  });
});
