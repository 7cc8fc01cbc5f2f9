/** The engine: rule phases, crash isolation, ordering and de-duplication. */
import { afterEach, describe, expect, it } from "vitest";
import { lint, lintText, sortFindings } from "../src/engine/lint.js";
import type { Finding } from "../src/engine/report.js";
import { DIRECTIVES } from "../src/data/directives.generated.js";
import { RULES } from "../src/rules/index.js";
import type { Rule } from "../src/rules/types.js";
import { treeTracker } from "./helpers/tree.js";

/** Docs for rules that exist only in these tests. */
const TEST_DOCS = { summary: "test", rationale: "test", bad: "", good: "", seeAlso: [] };

const trees = treeTracker();
afterEach(() => trees.cleanupAll());

const STORM = "[Service]\nExecStart=/usr/bin/foo\nRestart=always\nRestartSec=0\n";

const crashing: Rule = {
  id: "UL999",
  name: "always-crashes",
  severity: "error",
  phase: "unit",
  docs: TEST_DOCS,
  check() {
    throw new Error("boom");
  },
};

describe("engine", () => {
  it("turns a crashing rule into an internal-error finding and keeps the other rules' findings", () => {
    const report = lintText(STORM, "gw.service", { rules: [...RULES, crashing] });
    expect(report.findings.map((f) => [f.rule, f.path, f.line, f.message])).toEqual([
      [
        "UL403",
        "gw.service",
        1,
        "exposure 9.4 UNSAFE (systemd-analyze security's score for systemd 262); the largest gaps: CapabilityBoundingSet=, SystemCallFilter= and RestrictNamespaces=, which would bring it to 4.6; `unitlint security` lists every check",
      ],
      ["UL901", "gw.service", 1, "rule UL999 (always-crashes) crashed: boom"],
      ["UL101", "gw.service", 4, expect.stringContaining("Restart=always with RestartSec=0")],
    ]);
  });

  it("runs type-restricted rules only on their types", () => {
    // A socket unit does not read [Service]: only the socket's own rules speak (unknown section, nothing to listen on), not the service rules.
    expect(lintText(STORM, "gw.socket").findings.map((f) => f.rule)).toEqual(["UL301", "UL308"]);
    expect(lintText(STORM, "gw.service").findings.map((f) => f.rule)).toEqual(["UL403", "UL101"]);
  });

  it("reports a drop-in shared by several units once", () => {
    const dir = trees.make({
      "a.service": "[Service]\nExecStart=/bin/a\n",
      "b.service": "[Service]\nExecStart=/bin/b\n",
      "service.d/10-bad.conf": "[Service]\nnonsense\n",
    }).root;
    const report = lint({ paths: ["."], cwd: dir });
    // Each service also gets its own UL403 exposure info (on its [Service] header); the shared drop-in's UL003 comes once.
    expect(report.findings.map((f) => [f.rule, f.path, f.line])).toEqual([
      ["UL403", "a.service", 1],
      ["UL403", "b.service", 1],
      ["UL003", "service.d/10-bad.conf", 2],
    ]);
    expect(report.units.find((u) => u.name === "a.service")?.dropins).toEqual(["service.d/10-bad.conf"]);
    expect(report.units.find((u) => u.name === "b.service")?.dropins).toEqual(["service.d/10-bad.conf"]);
  });

  it("runs declarative directive rules on the assignments their match selects, at the assignment's file and line", () => {
    const made = (assignments: "last" | "list" | "all"): Rule => ({
      id: "UL998",
      name: "no-foo-environment",
      severity: "warning",
      phase: "directive",
      types: ["service"],
      docs: TEST_DOCS,
      match: { section: "Service", key: "Environment", assignments },
      test: (value) => (value.startsWith("FOO=") ? `Environment=${value} sets FOO` : null),
    });
    const dir = trees.make({
      "a.service": "[Service]\nEnvironment=FOO=1\nEnvironment=\nEnvironment=FOO=2\nEnvironment=BAR=3\n",
      "a.service.d/x.conf": "[Service]\nEnvironment=FOO=4\n",
    }).root;
    const run = (assignments: "last" | "list" | "all") =>
      lint({ paths: ["."], cwd: dir, rules: [made(assignments)] }).findings.map((f) => [f.path, f.line, f.message]);
    expect(run("last")).toEqual([["a.service.d/x.conf", 2, "Environment=FOO=4 sets FOO"]]);
    expect(run("list")).toEqual([
      ["a.service", 4, "Environment=FOO=2 sets FOO"],
      ["a.service.d/x.conf", 2, "Environment=FOO=4 sets FOO"],
    ]);
    expect(run("all")).toEqual([
      ["a.service", 2, "Environment=FOO=1 sets FOO"],
      ["a.service", 4, "Environment=FOO=2 sets FOO"],
      ["a.service.d/x.conf", 2, "Environment=FOO=4 sets FOO"],
    ]);
  });

  it("runs project rules once over all checked units, which can still read every unit's directives", () => {
    const sameExec: Rule = {
      id: "UL997",
      name: "same-exec",
      severity: "info",
      phase: "project",
      docs: TEST_DOCS,
      check({ units, report }) {
        const byExec = new Map<string, typeof units[number][]>();
        for (const u of units) {
          const exec = u.value("Service", "ExecStart");
          if (exec) byExec.set(exec, [...(byExec.get(exec) ?? []), u]);
        }
        for (const [exec, list] of byExec) {
          if (list.length > 1) for (const u of list) report({ file: u.file, span: u.last("Service", "ExecStart")!.entry.range, message: `${exec} also runs in ${list.filter((x) => x !== u).map((x) => x.name).join(", ")}` });
        }
      },
    };
    const dir = trees.make({
      "a.service": "[Service]\nExecStart=/bin/gw --port 1\n",
      "b.service": "[Unit]\nDescription=b\n[Service]\nExecStart=/bin/gw --port 1\n",
      "c.service": "[Service]\nExecStart=/bin/other\n",
    }).root;
    const report = lint({ paths: ["."], cwd: dir, rules: [sameExec] });
    expect(report.findings.map((f) => [f.path, f.line, f.message])).toEqual([
      ["a.service", 2, "/bin/gw --port 1 also runs in b.service"],
      ["b.service", 4, "/bin/gw --port 1 also runs in a.service"],
    ]);
  });

  it("sorts findings by path, line, column, rule and message, and drops exact duplicates", () => {
    const f = (path: string, line: number, column: number, rule: string, message = "m"): Finding => ({
      rule, name: rule, severity: "error", message, path, line, column, endLine: line, endColumn: column + 1, fix: null, docs: null,
    });
    const sorted = sortFindings([f("b", 1, 1, "UL001"), f("a", 2, 1, "UL001"), f("a", 1, 5, "UL002"), f("a", 1, 5, "UL001"), f("a", 1, 5, "UL001")]);
    expect(sorted.map((x) => `${x.path}:${x.line}:${x.column}:${x.rule}`)).toEqual(["a:1:5:UL001", "a:1:5:UL002", "a:2:1:UL001", "b:1:1:UL001"]);
  });

  it("summarises counts by severity", () => {
    const report = lintText("Description=x\n[Service]\nExecStart=/bin/x\nRestart=always\nRestartSec=0\n", "x.service");
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ["UL002", "warning"],
      ["UL403", "info"],
      ["UL101", "error"],
    ]);
    expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 1, units: 1 });
  });
});

describe("values named like Object.prototype's members", () => {
  it("crash no rule, in any setting of any section", () => {
    const SECTION_TYPE: Record<string, string> = { Unit: "service", Install: "service", Service: "service", Socket: "socket", Timer: "timer", Path: "path", Mount: "mount", Automount: "automount", Swap: "swap", Slice: "slice", Scope: "scope" };
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      for (const [section, keys] of Object.entries(DIRECTIVES)) {
        const type = SECTION_TYPE[section];
        if (!type) continue;
        const text = `[${section}]\n${Object.keys(keys).map((key) => `${key}=${word}`).join("\n")}\n[${word}]\n${word}=${word}\n`;
        const crashed = lintText(text, `x.${type}`).findings.filter((f) => f.rule === "UL901");
        expect(crashed.map((f) => f.message), `${section} = ${word}`).toEqual([]);
      }
    }
  });
});
