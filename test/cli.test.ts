/**
 * The command line end to end: spawns the real binary (`node bin/unitlint.js`,
 * which runs dist/) in a temporary working directory and checks exit codes,
 * stdout and stderr. The JSON report is validated against
 * schemas/report.schema.json.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/engine/report.js";
import { BIN, ensureBuilt, REPO, runBin } from "./helpers/bin.js";
import { treeTracker, type Tree } from "./helpers/tree.js";

const PKG_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;

/** An error (UL101 at line 4), and UL403's info on the [Service] header: a plain long-running service. */
const STORM = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";
/** No finding at all: a oneshot, which UL403 (long-running services only) leaves alone. */
const CLEAN = "[Service]\nType=oneshot\nExecStart=/usr/bin/true\n";
/** Only a warning: UL003 (line has no '=') at line 3 (a oneshot too, so no UL403 info). */
const WARN = "[Service]\nExecStart=/usr/bin/true\nnonsense\nType=oneshot\n";
const UL003_MESSAGE = "line has no '=': systemd ignores it";
const UL101_MESSAGE = /^Restart=always with RestartSec=0: crash loop: 5 starts within a fraction of a second/;
/** UL403 on STORM, whatever systemd release is targeted (the exact text for systemd 252 is in the --format json test). */
const UL403_MESSAGE = /^exposure \d+\.\d UNSAFE \(systemd-analyze security's score for systemd \d+\); the largest gaps: CapabilityBoundingSet=, SystemCallFilter= and RestrictNamespaces=, which would bring it to \d+\.\d; `unitlint security` lists every check$/;
const ESC = "\u001b[";

let validate: ValidateFunction;

beforeAll(() => {
  ensureBuilt();
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schemas", "report.schema.json"), "utf8")) as object;
  validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
});

const trees = treeTracker();
afterEach(() => trees.cleanupAll());

const run = runBin;

/** Runs with --format json, checks the output against the schema and returns the report. */
function runJson(args: string[], options: Parameters<typeof run>[1]): Report & { status: number | null } {
  const r = run(["--format", "json", ...args], options);
  expect(r.stderr).toBe("");
  const report = JSON.parse(r.stdout) as Report;
  const valid = validate(report);
  expect(validate.errors ?? [], "report matches schemas/report.schema.json").toEqual([]);
  expect(valid).toBe(true);
  return { ...report, status: r.status };
}

function where(report: Report): Array<[string, string, number, number]> {
  return report.findings.map((f) => [f.rule, f.path, f.line, f.column]);
}

function project(spec: Parameters<Tree["add"]>[0]): Tree {
  return trees.make(spec);
}

describe("exit codes", () => {
  it("is 0 for a clean file", () => {
    const t = project({ "ok.service": CLEAN });
    expect(run(["ok.service"], { cwd: t.root })).toEqual({ status: 0, stdout: "✔ no problems in 1 unit (1 checked)\n", stderr: "" });
  });

  it("is 1 for an error (RestartSec=0) and for a warning at the default --fail-on warning", () => {
    const t = project({ "bad.service": STORM, "warn.service": WARN });
    expect(run(["bad.service"], { cwd: t.root }).status).toBe(1);
    expect(run(["warn.service"], { cwd: t.root }).status).toBe(1);
  });

  it("follows --fail-on: only warnings pass with error, an info fails with info", () => {
    const t = project({
      "warn.service": WARN,
      "bad.service": STORM,
      // UL007 (info): a comment right after a byte-order mark.
      "bom.service": "\uFEFF# comment\n[Service]\nExecStart=/usr/bin/true\n",
    });
    expect(run(["--fail-on", "error", "warn.service"], { cwd: t.root }).status).toBe(0);
    expect(run(["--fail-on", "error", "warn.service", "bad.service"], { cwd: t.root }).status).toBe(1);
    expect(run(["bom.service"], { cwd: t.root }).status).toBe(0);
    expect(run(["--fail-on", "info", "bom.service"], { cwd: t.root }).status).toBe(1);
    // bom.service is a plain long-running service, so UL403 adds its info on the [Service] header: infos alone pass by default.
    expect(runJson(["bom.service"], { cwd: t.root }).findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ["UL007", "info", 1],
      ["UL403", "info", 2],
    ]);
  });

  it("is 2 with a message on stderr for a missing path, and prints no report", () => {
    const t = project({ "ok.service": CLEAN });
    expect(run(["ok.service", "nope.service"], { cwd: t.root })).toEqual({
      status: 2,
      stdout: "",
      stderr: 'unitlint: no such file or directory: "nope.service"\n',
    });
  });

  it("is 2 for an unknown option, a bad option value, --user with --system, or no path at all", () => {
    const t = project({ "ok.service": CLEAN });
    const cases: Array<[string[], RegExp]> = [
      [["--bogus", "ok.service"], /^unitlint: Unknown argument: bogus\n/],
      [["--format", "xml", "ok.service"], /^unitlint: Invalid values:\n.*format.*"xml"/s],
      [["--fail-on", "fatal", "ok.service"], /^unitlint: Invalid values:\n.*fail-on.*"fatal"/s],
      [["--user", "--system", "ok.service"], /^unitlint: Arguments user and system are mutually exclusive\n/],
      [[], /^unitlint: no paths given\n/],
      [["--stdin-filename", "x.service", "ok.service"], /^unitlint: --stdin-filename needs - among the paths\n/],
    ];
    for (const [args, stderr] of cases) {
      const r = run(args, { cwd: t.root });
      expect([args, r.status, r.stdout]).toEqual([args, 2, ""]);
      expect(r.stderr).toMatch(stderr);
    }
  });
});

describe("--format json", () => {
  it("matches the schema and has exact findings, units and summary", () => {
    const t = project({ "bad.service": STORM, "warn.service": WARN, "ok.service": CLEAN });
    const report = runJson(["."], { cwd: t.root });
    expect(report.status).toBe(1);
    expect(report.version).toBe(1);
    // Without --systemd-version: the local systemctl's version when there is one (systemd 252 here), else the newest known.
    expect(report.tool).toEqual({ name: "unitlint", version: PKG_VERSION, systemd: { version: expect.any(Number), source: expect.stringMatching(/^(systemctl|newest)$/) } });
    expect(runJson([".", "--systemd-version", "250"], { cwd: t.root }).tool.systemd).toEqual({ version: 250, source: "option" });
    // UL403's score, its gaps and its fix depend on the release: the exact findings are those for systemd 252.
    const for252 = runJson([".", "--systemd-version", "252"], { cwd: t.root });
    expect(for252.findings).toEqual([
      {
        rule: "UL403",
        name: "sandboxing-exposure",
        severity: "info",
        message:
          "exposure 9.6 UNSAFE (systemd-analyze security's score for systemd 252); the largest gaps: CapabilityBoundingSet=, SystemCallFilter= and RestrictNamespaces=, which would bring it to 4.8; `unitlint security` lists every check",
        path: "bad.service",
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 10,
        fix: {
          applicability: "unsafe",
          title:
            "Add the 21 settings `unitlint harden` (baseline) adds",
        },
        docs: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL403.md",
      },
      {
        rule: "UL101",
        name: "restart-storm",
        severity: "error",
        message: expect.stringMatching(UL101_MESSAGE),
        path: "bad.service",
        line: 4,
        column: 1,
        endLine: 4,
        endColumn: 13,
        fix: { applicability: "safe", title: "Set RestartSec=5s" },
        docs: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL101.md",
      },
      {
        rule: "UL003",
        name: "missing-equals",
        severity: "warning",
        message: UL003_MESSAGE,
        path: "warn.service",
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 9,
        fix: null,
        docs: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL003.md",
      },
    ]);
    expect(for252.summary).toEqual({ errors: 1, warnings: 1, infos: 1, units: 3 });
    // Whatever the release: the same findings, and UL403's text only differs in its numbers.
    expect(report.findings.map((f) => [f.rule, f.severity, f.path, f.line, f.column, f.endLine, f.endColumn])).toEqual(
      for252.findings.map((f) => [f.rule, f.severity, f.path, f.line, f.column, f.endLine, f.endColumn]),
    );
    expect(report.findings[0]!.message).toMatch(UL403_MESSAGE);
    expect(report.units.map((u) => [u.path, u.status])).toEqual([
      ["bad.service", "checked"],
      ["ok.service", "checked"],
      ["warn.service", "checked"],
    ]);
    expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 1, units: 3 });
  });

  it("describes every unit status in a way the schema accepts", () => {
    const t = project({
      "etc/systemd/system/real.service": STORM,
      "etc/systemd/system/nick.service": { symlink: "real.service" },
      "etc/systemd/system/multi-user.target.wants/real.service": { symlink: "/etc/systemd/system/real.service" },
      "etc/systemd/system/off.service": { symlink: "/dev/null" },
      "etc/systemd/system/empty.service": "",
      "etc/systemd/system/gone.service": { symlink: "/nowhere.service" },
      "etc/systemd/system/dup.service": CLEAN,
      "usr/lib/systemd/system/dup.service": CLEAN,
      "etc/systemd/system/real.service.d/10-x.conf": "[Service]\nNice=1\n",
      "home/alice/.config/systemd/user/agent.service": CLEAN,
    });
    const report = runJson(["."], { cwd: t.root });
    expect(report.units.map((u) => [u.path, u.status])).toEqual([
      ["etc/systemd/system/dup.service", "checked"],
      ["etc/systemd/system/empty.service", "masked"],
      ["etc/systemd/system/gone.service", "unreadable"],
      ["etc/systemd/system/nick.service", "alias"],
      ["etc/systemd/system/off.service", "masked"],
      ["etc/systemd/system/real.service", "checked"],
      ["home/alice/.config/systemd/user/agent.service", "checked"],
      ["usr/lib/systemd/system/dup.service", "skipped"],
    ]);
    expect(where(report)).toEqual([
      ["UL900", "etc/systemd/system/gone.service", 1, 1],
      ["UL403", "etc/systemd/system/real.service", 1, 1],
      ["UL101", "etc/systemd/system/real.service", 4, 1],
    ]);
  });
});

describe("the schema", () => {
  const good = (): Report => ({
    version: 1,
    tool: { name: "unitlint", version: "0.1.0", systemd: { version: 252, source: "systemctl" } },
    units: [
      { path: "a.service", name: "a.service", type: "service", scope: "system", owner: null, status: "checked", aliases: [], dropins: [], enabledBy: [] },
      { path: "b.service", name: "b.service", type: "service", scope: "user", owner: "alice", status: "alias", reason: "symbolic link to a.service", aliasOf: "a.service", aliases: [], dropins: [], enabledBy: [] },
    ],
    findings: [
      { rule: "UL003", name: "missing-equals", severity: "warning", message: "m", path: "a.service", line: 3, column: 1, endLine: 3, endColumn: 9, fix: { applicability: "safe", title: "t" }, docs: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL003.md" },
    ],
    summary: { errors: 0, warnings: 1, infos: 0, units: 2 },
  });

  it("accepts a well-formed report", () => {
    expect(validate(good())).toBe(true);
    const r = good();
    r.findings[0]!.docs = null; // a rule without a page
    expect(validate(r)).toBe(true);
  });

  it("rejects unknown properties, bad enums, 0-based positions and status/reason mismatches", () => {
    const broken: Array<[string, (r: Record<string, any>) => void]> = [
      ["extra top-level property", (r) => (r.extra = 1)],
      ["extra finding property", (r) => (r.findings[0].docsUrl = "x")],
      ["severity", (r) => (r.findings[0].severity = "fatal")],
      ["line 0", (r) => (r.findings[0].line = 0)],
      ["column 0", (r) => (r.findings[0].column = 0)],
      ["rule id", (r) => (r.findings[0].rule = "X1")],
      ["fix applicability", (r) => (r.findings[0].fix.applicability = "maybe")],
      ["docs elsewhere", (r) => (r.findings[0].docs = "https://example.com/UL003.md")],
      ["no docs", (r) => delete r.findings[0].docs],
      ["status", (r) => (r.units[0].status = "ignored")],
      ["scope", (r) => (r.units[0].scope = "global")],
      ["type", (r) => (r.units[0].type = "unit")],
      ["checked unit with a reason", (r) => (r.units[0].reason = "why")],
      ["alias without aliasOf", (r) => delete r.units[1].aliasOf],
      ["not checked without a reason", (r) => delete r.units[1].reason],
      ["enabledBy kind", (r) => r.units[0].enabledBy.push({ target: "x.target", kind: "after", path: "p" })],
      ["report version", (r) => (r.version = 2)],
      ["tool name", (r) => (r.tool.name = "other")],
      ["negative count", (r) => (r.summary.errors = -1)],
    ];
    for (const [what, mutate] of broken) {
      const r = good() as unknown as Record<string, any>;
      mutate(r);
      expect([what, validate(r)]).toEqual([what, false]);
    }
  });
});

describe("standard input", () => {
  it("lints - as the file named by --stdin-filename, shown as given", () => {
    const t = project({});
    const report = runJson(["-", "--stdin-filename", "foo.service"], { cwd: t.root, input: STORM });
    expect(report.status).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.path, f.line, f.column, f.endColumn])).toEqual([
      ["UL403", "foo.service", 1, 1, 10],
      ["UL101", "foo.service", 4, 1, 13],
    ]);
    expect(report.units.map((u) => [u.path, u.name, u.type, u.scope])).toEqual([["foo.service", "foo.service", "service", "system"]]);

    const nested = runJson(["-", "--stdin-filename", "./deploy/systemd/user/gw.service"], { cwd: t.root, input: `# header\n${STORM}` });
    expect(where(nested)).toEqual([
      ["UL403", "./deploy/systemd/user/gw.service", 2, 1],
      ["UL101", "./deploy/systemd/user/gw.service", 5, 1],
    ]);
    expect(nested.units[0]!.scope).toBe("user");
  });

  it("shows <stdin> without --stdin-filename, in stylish output too", () => {
    const t = project({});
    const input = "[Service]\nExecStart=/usr/bin/true\nnonsense\n";
    const report = runJson(["-"], { cwd: t.root, input });
    expect(where(report)).toEqual([["UL003", "<stdin>", 3, 1]]);
    const r = run(["-"], { cwd: t.root, input });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`  <stdin>:3:1  warning  ${UL003_MESSAGE}  UL003\n`);
  });

  it("lints standard input together with files", () => {
    const t = project({ "bad.service": STORM });
    const report = runJson(["bad.service", "-", "--stdin-filename", "a.service"], { cwd: t.root, input: WARN });
    expect(where(report)).toEqual([
      ["UL003", "a.service", 3, 1],
      ["UL403", "bad.service", 1, 1],
      ["UL101", "bad.service", 4, 1],
    ]);
  });
});

describe("stylish output", () => {
  it("shows path:line:col, severity, message, rule, the source line with a marker, and a summary", () => {
    const t = project({ "bad.service": STORM });
    const findings = runJson(["bad.service"], { cwd: t.root }).findings;
    expect(findings.map((f) => f.rule)).toEqual(["UL403", "UL101"]);
    const [exposure, storm] = findings.map((f) => f.message);
    expect(exposure).toMatch(UL403_MESSAGE);
    const r = run(["bad.service"], { cwd: t.root });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "bad.service",
        `  bad.service:1:1  info     ${exposure}  UL403`,
        "     1 | [Service]",
        "       | ^^^^^^^^^",
        `  bad.service:4:1  error    ${storm}  UL101`,
        "     4 | RestartSec=0",
        "       | ^^^^^^^^^^^^",
        "",
        "✖ 2 problems (1 error, 0 warnings, 1 info) in 1 unit (1 checked)",
        "",
      ].join("\n"),
    );
  });

  it("puts the marker under the range, keeping tabs", () => {
    const t = project({ "warn.service": "[Service]\n\tnonsense here\n" });
    const r = run(["warn.service"], { cwd: t.root });
    expect(r.stdout).toContain(`  warn.service:2:2  warning  ${UL003_MESSAGE}  UL003\n     2 | \tnonsense here\n       | \t^^^^^^^^^^^^^\n`);
  });
});

describe("colour", () => {
  const t = () => project({ "bad.service": STORM });

  it("is off by default when stdout is not a terminal, with --no-color, and with NO_COLOR=1", () => {
    const tree = t();
    for (const [args, env] of [
      [["bad.service"], {}],
      [["--no-color", "bad.service"], {}],
      [["bad.service"], { NO_COLOR: "1" }],
      [["--no-color", "bad.service"], { FORCE_COLOR: "1" }],
    ] as Array<[string[], Record<string, string>]>) {
      const r = run(args, { cwd: tree.root, env });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("bad.service:4:1");
      expect([args, env, r.stdout.includes("\u001b")]).toEqual([args, env, false]);
    }
  });

  it("is on with FORCE_COLOR=1 or --color (which beats NO_COLOR)", () => {
    const tree = t();
    for (const [args, env] of [
      [["bad.service"], { FORCE_COLOR: "1" }],
      [["--color", "bad.service"], {}],
      [["--color", "bad.service"], { NO_COLOR: "1" }],
    ] as Array<[string[], Record<string, string>]>) {
      const r = run(args, { cwd: tree.root, env });
      expect([args, env, r.stdout]).toEqual([args, env, expect.stringContaining(`${ESC}31merror  ${ESC}0m`)]);
      expect(r.stdout).toContain(`${ESC}4mbad.service${ESC}0m`);
    }
  });
});

describe("UNITLINT_TIMING", () => {
  const ROW = /^(UL\d{3} [a-z0-9-]+|\(parse\)) +\| +\d+\.\d \| +\d+\.\d%$/;

  it("prints the ten slowest rules (=1) or every rule that ran (=all) on standard error, and changes nothing else", () => {
    const tree = project({ "bad.service": STORM });
    const plain = run(["bad.service"], { cwd: tree.root });
    const top = run(["bad.service"], { cwd: tree.root, env: { UNITLINT_TIMING: "1" } });
    const all = run(["bad.service"], { cwd: tree.root, env: { UNITLINT_TIMING: "all" } });
    expect([top.status, top.stdout, all.stdout]).toEqual([plain.status, plain.stdout, plain.stdout]);
    expect(plain.stderr).toBe("");

    const lines = top.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Rule +\| Time \(ms\) \| Relative$/);
    expect(lines[1]).toMatch(/^:-+\|-+:-\|-+:$/);
    expect(lines.slice(2, 12).filter((l) => ROW.test(l))).toHaveLength(10);
    expect(lines.slice(12)).toEqual([expect.stringMatching(/^\(\d+ more; UNITLINT_TIMING=all lists them\)$/), expect.stringMatching(/^rules and parsing: \d+\.\d ms$/)]);

    const rows = all.stderr.trimEnd().split("\n").slice(2, -1);
    expect(rows.every((l) => ROW.test(l))).toBe(true);
    // Every rule that applies to a service, and the parser, once each.
    const names = rows.map((l) => l.split(" | ")[0]!.trim());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["(parse)", "UL101 restart-storm", "UL304 invalid-value", "UL403 sandboxing-exposure", "UL202 shared-port"]));
    expect(names.length).toBe(lines.length - 4 + Number(/^\((\d+) more/.exec(lines[12]!)![1]));
  });
});

describe("--quiet", () => {
  it("prints nothing when nothing reaches --fail-on", () => {
    const t = project({ "ok.service": CLEAN, "warn.service": WARN });
    expect(run(["--quiet", "ok.service"], { cwd: t.root })).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(run(["-q", "--fail-on", "error", "warn.service"], { cwd: t.root })).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("prints only findings at or above --fail-on, and counts only those", () => {
    const t = project({ "bad.service": STORM, "warn.service": WARN });
    const r = run(["--quiet", "--fail-on", "error", "bad.service", "warn.service"], { cwd: t.root });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("bad.service:4:1  error");
    expect(r.stdout).not.toContain("warn.service");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("✖ 1 problem (1 error, 0 warnings, 0 infos) in 2 units (2 checked)");

    const report = runJson(["--quiet", "--fail-on", "error", "bad.service", "warn.service"], { cwd: t.root });
    expect(where(report)).toEqual([["UL101", "bad.service", 4, 1]]);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0, units: 2 });
    // Without --quiet the warning is there, and UL403's info.
    expect(where(runJson(["--fail-on", "error", "bad.service", "warn.service"], { cwd: t.root }))).toEqual([
      ["UL403", "bad.service", 1, 1],
      ["UL101", "bad.service", 4, 1],
      ["UL003", "warn.service", 3, 1],
    ]);
  });
});

describe("--help and --version", () => {
  it("--help exits 0 and lists the options, examples and exit codes", () => {
    const t = project({});
    for (const flag of ["--help", "-h"]) {
      const r = run([flag], { cwd: t.root });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/^unitlint \[PATH\.\.\.\]\n/);
      for (const text of ["--format", "--root", "--fail-on", "--stdin-filename", "--quiet", "Examples:", "unitlint /etc/systemd/system", "unitlint --root /mnt/image", "Exit codes:"]) {
        expect(r.stdout).toContain(text);
      }
    }
  });

  it("--version prints package.json's version", () => {
    const t = project({});
    expect(run(["--version"], { cwd: t.root })).toEqual({ status: 0, stdout: `${PKG_VERSION}\n`, stderr: "" });
    expect(run(["-V"], { cwd: t.root })).toEqual({ status: 0, stdout: `${PKG_VERSION}\n`, stderr: "" });
  });
});

describe("paths and order", () => {
  it("orders findings by path, line, column and rule whatever the argument order", () => {
    const t = project({
      "b.service": Buffer.concat([Buffer.from([0xff, 0x3d, 0x31, 0x0a]), Buffer.from("[Service]\nnonsense\nExecStart=/bin/b\n")]),
      "a.service": STORM,
      "a.service.d/10-x.conf": "[Service]\nbroken\n",
    });
    // (b.service has an ExecStart= so that only the syntax rules speak about it: its invalid UTF-8 makes systemd refuse it, so UL403 gives it no score.)
    const expected = [
      ["UL403", "a.service", 1, 1],
      ["UL101", "a.service", 4, 1],
      ["UL003", "a.service.d/10-x.conf", 2, 1],
      ["UL005", "b.service", 1, 1],
      ["UL003", "b.service", 3, 1],
    ];
    expect(where(runJson(["b.service", "a.service", "a.service.d"], { cwd: t.root }))).toEqual(expected);
    expect(where(runJson(["a.service.d", "b.service", "a.service"], { cwd: t.root }))).toEqual(expected);
    expect(where(runJson(["."], { cwd: t.root }))).toEqual(expected);
    const a = run(["b.service", "a.service", "a.service.d"], { cwd: t.root }).stdout;
    const b = run(["."], { cwd: t.root }).stdout;
    expect(a).toBe(b);
  });

  it("shows absolute paths for absolute arguments, paths relative to the working directory otherwise", () => {
    const t = project({ "units/bad.service": STORM });
    const abs = t.abs("units/bad.service");
    const storm = (p: string) => [
      ["UL403", p, 1, 1],
      ["UL101", p, 4, 1],
    ];
    expect(where(runJson([abs], { cwd: t.root }))).toEqual(storm(abs));
    expect(where(runJson([t.abs("units")], { cwd: t.root }))).toEqual(storm(abs));
    expect(where(runJson(["units"], { cwd: t.root }))).toEqual(storm("units/bad.service"));
    // Relative arguments are shown relative to the working directory, not verbatim.
    expect(where(runJson(["../units/./bad.service"], { cwd: t.abs("units") }))).toEqual(storm("bad.service"));
    expect(run([abs], { cwd: t.root }).stdout).toContain(`  ${abs}:4:1  error`);
  });

  it("lints the search paths of --root when no path is given", () => {
    const t = project({
      "img/etc/systemd/system/bad.service": STORM,
      "img/opt/elsewhere.service": STORM,
    });
    const report = runJson(["--root", "img"], { cwd: t.root });
    expect(where(report)).toEqual([
      ["UL403", "img/etc/systemd/system/bad.service", 1, 1],
      // The image has no /usr/bin/gw.
      ["UL208", "img/etc/systemd/system/bad.service", 2, 1],
      ["UL101", "img/etc/systemd/system/bad.service", 4, 1],
    ]);
    expect(report.units.map((u) => u.path)).toEqual(["img/etc/systemd/system/bad.service"]);
  });
});

describe("unreadable files", () => {
  // Tests run as root, where chmod 000 does not stop a read, so unreadable files are made with a dangling
  // symbolic link and a directory named like a unit instead.
  it("reports UL900 for a dangling link and a directory named x.service, and lints the other files", () => {
    const t = project({
      "units/gone.service": { symlink: "missing.service" },
      "units/x.service": { dir: true },
      "units/bad.service": STORM,
      "units/ok.service": CLEAN,
    });
    const report = runJson(["units"], { cwd: t.root });
    expect(report.status).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.path, f.line, f.message])).toEqual([
      ["UL403", "units/bad.service", 1, expect.stringMatching(UL403_MESSAGE)],
      ["UL101", "units/bad.service", 4, expect.stringMatching(UL101_MESSAGE)],
      ["UL900", "units/gone.service", 1, "dangling symbolic link to missing.service"],
      ["UL900", "units/x.service", 1, "is a directory, not a unit file"],
    ]);
    expect(report.units.map((u) => [u.path, u.status])).toEqual([
      ["units/bad.service", "checked"],
      ["units/gone.service", "unreadable"],
      ["units/ok.service", "checked"],
      ["units/x.service", "unreadable"],
    ]);

    // Named explicitly, a dangling link is a finding, not a missing path (exit 1, not 2).
    const r = run(["units/gone.service"], { cwd: t.root });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("  units/gone.service:1:1  error    dangling symbolic link to missing.service  UL900\n");
  });
});

describe("bad input", () => {
  it("does not crash on a binary file", () => {
    // An ELF-like header ending in NUL (a line end for systemd), bytes that are not UTF-8, then a section.
    const bytes = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
      Buffer.from([0xff, 0xfe, 0x0a]),
      Buffer.from("[Service]\nExecStart=/bin/\u00e9\n"),
      Buffer.from([0xc3, 0x28, 0x0a]),
    ]);
    const t = project({ "blob.service": bytes });
    const report = runJson(["blob.service"], { cwd: t.root });
    expect(report.status).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.line, f.column, f.endLine, f.endColumn])).toEqual([
      ["UL002", 1, 1, 1, 8],
      // A line that is not UTF-8 gets only UL005: systemd stops reading there (and refuses the unit, so UL403 gives it no score).
      ["UL005", 2, 1, 2, 3],
      ["UL005", 5, 1, 5, 3],
    ]);
    const r = run(["blob.service"], { cwd: t.root });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("blob.service:5:1  error    line is not valid UTF-8: systemd refuses to load the unit  UL005\n");
  });

  it("does not crash on a huge line, and shortens it in stylish output", () => {
    const t = project({ "huge.service": `[Service]\nExecStart=/usr/bin/${"x".repeat(2 * 1024 * 1024)}\n` });
    const report = runJson(["huge.service"], { cwd: t.root });
    expect(report.status).toBe(1);
    // systemd cannot read the line and refuses the unit for it (UL006), before it looks for a command (no UL107); nothing to score (no UL403).
    expect(report.findings.map((f) => [f.rule, f.line, f.column, f.endLine, f.endColumn])).toEqual([["UL006", 2, 1, 2, 20 + 2 * 1024 * 1024]]);
    const r = run(["huge.service"], { cwd: t.root });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`     2 | ExecStart=/usr/bin/${"x".repeat(200 - 19)}…\n`);
    expect(r.stdout.length).toBeLessThan(2000);
  });

  it("stops quietly when the reader of its output goes away (unitlint … | head)", async () => {
    // Regression: the binary died with an unhandled EPIPE error and a stack trace.
    const spec: Record<string, string> = {};
    for (let i = 0; i < 300; i++) spec[`u${i}.service`] = STORM;
    const t = project(spec);
    for (const format of ["stylish", "json"]) {
      const child = spawn(process.execPath, [BIN, "--format", format, "."], { cwd: t.root, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      // Read one chunk, then close the pipe, like `head -c 10`.
      child.stdout.once("data", () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      expect([format, code, stderr]).toEqual([format, 1, ""]);
    }
  });

  it("does not crash on empty standard input or a file of NULs", () => {
    const t = project({ "nul.service": Buffer.alloc(1000) });
    expect(run(["-", "--stdin-filename", "e.service"], { cwd: t.root, input: "" })).toEqual({
      status: 0,
      stdout: "✔ no problems in 1 unit (1 checked)\n",
      stderr: "",
    });
    const report = runJson(["nul.service"], { cwd: t.root });
    expect(report.status).toBe(0);
    expect(report.findings).toEqual([]);
  });
});

describe("stylish output and hostile input", () => {
  it("shows control characters of a checked file as visible symbols, never as raw escapes", () => {
    const t = project({ "evil.service": "[Service]\nExecStart=/bin/x\nRestart=always\nRestartSec=0\n\u001b[2J\u0007\n" });
    const r = run(["evil.service", "--no-color"], { cwd: t.root });
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain("evil.service:5:1  warning  line has no '=': systemd ignores it  UL003\n     5 | \u241b[2J\u2407\n       | ^^^^^\n");
  });
});

describe("--defaults", () => {
  const UNIT = "[Unit]\nOnFailure=alert.service\n[Service]\nExecStart=/bin/gw\nRestart=always\n";

  it("judges units that say nothing with the host's manager defaults", () => {
    const t = project({
      "gw.service": UNIT,
      // 0xA is 10: systemd reads the number with base 0 (safe_atou()).
      "system.conf": "# a host that restarts after 2 s\n[Manager]\nDefaultRestartSec=2s\nDefaultStartLimitIntervalSec=1min\nDefaultStartLimitBurst=0xA\n",
    });
    // systemd's own defaults: 100 ms, a restart storm (and UL403's info on [Service], which no manager default changes).
    expect(runJson(["gw.service"], { cwd: t.root }).findings.map((f) => [f.rule, f.line])).toEqual([
      ["UL403", 3],
      ["UL101", 5],
    ]);
    // This host: 2 s, and 10 starts take 18 s < 1 min, so the limit trips; OnFailure= reacts: nothing to say about restarts.
    expect(runJson(["gw.service", "--defaults", "system.conf"], { cwd: t.root }).findings.map((f) => [f.rule, f.line])).toEqual([["UL403", 3]]);
  });

  it("is a tool error (exit 2) when the file is missing or says something it cannot use", () => {
    const t = project({ "gw.service": UNIT, "bad.conf": "[Manager]\nDefaultRestartSec=soon\n" });
    const missing = run(["gw.service", "--defaults", "nope.conf"], { cwd: t.root });
    expect([missing.status, missing.stdout]).toEqual([2, ""]);
    expect(missing.stderr).toBe('unitlint: cannot read --defaults "nope.conf": ENOENT\n');
    const bad = run(["gw.service", "--defaults", "bad.conf"], { cwd: t.root });
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, "", "unitlint: bad.conf: line 2: DefaultRestartSec=soon is not a time span\n"]);
  });
});

describe("start-up code cache", () => {
  it("is written beside the bundle, named after its mtime and size, and a damaged one is replaced", () => {
    const t = project({ "gw.service": CLEAN });
    const dist = path.join(REPO, "dist");
    const stat = fs.statSync(path.join(dist, "unitlint.cjs"));
    const cache = path.join(dist, `unitlint.cjs.${Math.trunc(stat.mtimeMs)}-${stat.size}.cache`);
    expect(run(["gw.service"], { cwd: t.root }).status).toBe(0);
    expect(fs.existsSync(cache)).toBe(true);
    fs.writeFileSync(cache, "not a V8 code cache");
    const r = run(["gw.service"], { cwd: t.root });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(fs.readFileSync(cache).length).toBeGreaterThan(1000);
    expect(fs.readdirSync(dist).filter((n) => n.endsWith(".cache"))).toEqual([path.basename(cache)]);
  });
});

describe("unitlint security", () => {
  it("runs through the binary: the score, --threshold, and options that belong to other commands", () => {
    const t = project({ "gw.service": STORM });
    const r = run(["security", "--threshold", "5", "--systemd-version", "252", "gw.service"], { cwd: t.root });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Overall exposure level for gw.service: 9.6 UNSAFE");
    expect(run(["security", "--threshold", "9.6", "--systemd-version", "252", "gw.service"], { cwd: t.root }).status).toBe(0);
    expect(run(["--threshold", "5", "gw.service"], { cwd: t.root })).toEqual({ status: 2, stdout: "", stderr: "unitlint: --threshold is an option of unitlint security\n" });
  });
});
