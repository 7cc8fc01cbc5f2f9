/**
 * `.unitlint.json` (found upwards, --config, --no-config, JSON with comments, validation, rule
 * levels by id or name, overrides by glob, scope, ignore, systemdVersion, failOn, rule options)
 * and inline suppressions (next-line with continuation lines, file, unused ones reported with a
 * fix, --no-inline-config). The checked-in schemas/config.schema.json must be current.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../src/config/schema.js";
import { stripJsonComments } from "../src/config/jsonc.js";
import { resolveConfig } from "../src/config/load.js";
import { lint, lintText } from "../src/engine/lint.js";
import { RULES } from "../src/rules/index.js";
import { ensureBuilt, REPO, runBin as run } from "./helpers/bin.js";
import { treeTracker } from "./helpers/tree.js";
import { BASELINE_252_TEXT } from "./helpers/baseline.js";

const trees = treeTracker();
beforeAll(() => ensureBuilt());
afterEach(() => trees.cleanupAll());

const STORM = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";
/** rule, path, line, severity of each finding of a JSON run. */
function findings(args: string[], cwd: string): { status: number | null; found: string[]; stderr: string } {
  const r = run(["--format", "json", ...args], { cwd });
  const report = r.stdout ? (JSON.parse(r.stdout) as { findings: Array<{ rule: string; path: string; line: number; severity: string }> }) : { findings: [] };
  return { status: r.status, found: report.findings.map((f) => `${f.rule} ${f.path}:${f.line} ${f.severity}`), stderr: r.stderr };
}

describe("schemas/config.schema.json", () => {
  it("is generated from the rule registry and up to date (npm run gen)", () => {
    expect(fs.readFileSync(path.join(REPO, "schemas", "config.schema.json"), "utf8")).toBe(`${JSON.stringify(configSchema(RULES), null, 2)}\n`);
  });
});

describe("JSON with comments", () => {
  it("blanks comments outside strings and keeps positions", () => {
    const text = '{ // a\n  "a": "http://x", /* b\n c */ "b": 1 }';
    expect(stripJsonComments(text)).toBe('{     \n  "a": "http://x",     \n      "b": 1 }');
    expect(JSON.parse(stripJsonComments(text))).toEqual({ a: "http://x", b: 1 });
  });
});

describe(".unitlint.json", () => {
  it("is found upwards; sets levels by id or name, per glob, ignores paths, and decides failOn", () => {
    const t = trees.make({
      ".unitlint.json": '{\n  // the team\'s policy\n  "rules": { "restart-storm": "warning", "UL102": "off" },\n  "overrides": [{ "files": "deploy/prod/**", "rules": { "UL101": "error" } }],\n  "ignore": ["vendor"],\n  "failOn": "error"\n}\n',
      "deploy/prod/gw.service": STORM,
      "deploy/dev/gw.service": STORM,
      "vendor/v.service": STORM,
    });
    const r = findings(["."], t.abs("deploy"));
    // UL403's exposure info sits on each [Service] header; the levels under test are UL101's.
    expect(r.found).toEqual(["UL403 dev/gw.service:1 info", "UL101 dev/gw.service:4 warning", "UL403 prod/gw.service:1 info", "UL101 prod/gw.service:4 error"]);
    expect(r.status).toBe(1);
    // Only warnings: failOn "error" passes.
    expect(findings(["dev"], t.abs("deploy")).status).toBe(0);
    // --fail-on wins over the file.
    expect(findings(["--fail-on", "warning", "dev"], t.abs("deploy")).status).toBe(1);
    // ignore applies to directory walks, not to files named explicitly.
    expect(findings(["."], t.root).found).toEqual([
      "UL403 deploy/dev/gw.service:1 info",
      "UL101 deploy/dev/gw.service:4 warning",
      "UL403 deploy/prod/gw.service:1 info",
      "UL101 deploy/prod/gw.service:4 error",
    ]);
    expect(findings(["vendor/v.service"], t.root).found).toEqual(["UL403 vendor/v.service:1 info", "UL101 vendor/v.service:4 warning"]);
  });

  it("matches ignore and overrides globs as .gitignore does, like custom rules' paths", () => {
    const t = trees.make({
      ".unitlint.json": JSON.stringify({
        rules: { UL403: "off", UL101: "warning" },
        overrides: [{ files: "*.legacy.service", rules: { UL101: "info" } }, { files: "deploy/*.service", rules: { UL101: "error" } }],
        ignore: ["vendor", "scratch/"],
      }),
      "a.legacy.service": STORM,
      "deploy/b.service": STORM,
      "deploy/nested/c.legacy.service": STORM,
      "deploy/nested/d.service": STORM,
      "lib/vendor/x.service": STORM,
      "scratch/y.service": STORM,
    });
    // A glob without "/" matches at any depth; with one, it is anchored at the configuration's
    // directory and "*" stays within one segment; a directory name covers everything under it.
    expect(findings(["."], t.root).found).toEqual([
      "UL101 a.legacy.service:4 info",
      "UL101 deploy/b.service:4 error",
      "UL101 deploy/nested/c.legacy.service:4 info",
      "UL101 deploy/nested/d.service:4 warning",
    ]);
  });

  it("gives systemdVersion, linger users, scope overrides and rule options, with flags winning", () => {
    const t = trees.make({
      ".unitlint.json": JSON.stringify({
        systemdVersion: 252,
        overrides: [{ files: "user-units/*", scope: "user" }],
        rules: { UL101: { options: { fixRestartSec: 30 } } },
      }),
      "gw.service": STORM,
      "user-units/node.service": "[Service]\nExecStart=/usr/bin/node\nUser=root\n",
    });
    const r = run(["--format", "json", "."], { cwd: t.root });
    const report = JSON.parse(r.stdout) as { tool: { systemd: { version: number } }; findings: Array<{ rule: string; path: string; message: string }> };
    expect(report.tool.systemd.version).toBe(252);
    expect(report.findings.find((f) => f.rule === "UL101")?.message).toMatch(/use RestartSec=30s or more$/);
    // The override made it a user unit: User= in a user unit (UL204).
    expect(report.findings.some((f) => f.rule === "UL204" && f.path === "user-units/node.service")).toBe(true);
    const flagged = JSON.parse(run(["--format", "json", "--systemd-version", "254", "."], { cwd: t.root }).stdout) as { tool: { systemd: { version: number } } };
    expect(flagged.tool.systemd.version).toBe(254);
  });

  it("gives UL403 its threshold and warnAbove options (by id or name); each bar is exclusive", () => {
    // Exposures for systemd 252, as its systemd-analyze security --offline=true prints them: 9.6 UNSAFE, 8.2 EXPOSED, 4.8 OK.
    const units = {
      "plain.service": "[Service]\nExecStart=/usr/bin/gw\n",
      "mid.service": "[Service]\nExecStart=/usr/bin/gw\nPrivateTmp=yes\nProtectSystem=strict\nProtectHome=yes\nNoNewPrivileges=yes\nPrivateDevices=yes\n",
      "closed.service":
        "[Service]\nExecStart=/usr/bin/gw\nCapabilityBoundingSet=\nSystemCallFilter=~@clock @cpu-emulation @debug @module @mount @obsolete @privileged @raw-io @reboot @resources @swap\nRestrictNamespaces=yes\n",
    };
    const ul403 = (config: object): { status: number | null; found: string[] } => {
      const t = trees.make({ ".unitlint.json": JSON.stringify({ systemdVersion: 252, ...config }), ...units });
      const r = run(["--format", "json", "."], { cwd: t.root });
      const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; path: string; line: number; severity: string; message: string }> };
      // Every finding of these units is UL403's: the status is UL403's alone.
      expect(report.findings.filter((f) => f.rule !== "UL403")).toEqual([]);
      return { status: r.status, found: report.findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.message}`) };
    };
    const gaps = (to: string) => `; the largest gaps: CapabilityBoundingSet=, SystemCallFilter= and RestrictNamespaces=, which would bring it to ${to}; \`unitlint security\` lists every check`;
    const MID = `mid.service:1 info exposure 8.2 EXPOSED (systemd-analyze security's score for systemd 252)${gaps("3.7")}`;
    const PLAIN = `plain.service:1 info exposure 9.6 UNSAFE (systemd-analyze security's score for systemd 252)${gaps("4.8")}`;
    // Default: above 4.9 (MEDIUM and worse), as info, which does not fail the run.
    expect(ul403({})).toEqual({ status: 0, found: [MID, PLAIN] });
    // threshold 0: every service with a missing protection, the OK one too.
    expect(ul403({ rules: { UL403: { options: { threshold: 0 } } } })).toEqual({
      status: 0,
      found: [
        "closed.service:1 info exposure 4.8 OK (systemd-analyze security's score for systemd 252); the largest gaps: RestrictAddressFamilies=, PrivateNetwork= and User=/DynamicUser=, which would bring it to 3.3; `unitlint security` lists every check",
        MID,
        PLAIN,
      ],
    });
    // warnAbove 9.5: 9.6 becomes a warning (and fails the run), 8.2 stays info; threshold 8.1 still reports 8.2.
    expect(ul403({ rules: { UL403: { options: { threshold: 8.1, warnAbove: 9.5 } } } })).toEqual({
      status: 1,
      found: [
        MID,
        `plain.service:1 warning exposure 9.6 UNSAFE (systemd-analyze security's score for systemd 252), above the warning threshold 9.5${gaps("4.8")}`,
      ],
    });
    // By the rule's name; a score equal to a bar is not above it: 8.2 is not reported, 9.6 stays info.
    expect(ul403({ rules: { "sandboxing-exposure": { options: { threshold: 8.2, warnAbove: 9.6 } } } })).toEqual({ status: 0, found: [PLAIN] });
  });

  it("with --config uses that file, with --no-config none", () => {
    const t = trees.make({ ".unitlint.json": '{ "rules": { "UL101": "off" } }', "strict.json": '{ "rules": { "UL101": "info" } }', "gw.service": STORM });
    expect(findings(["gw.service"], t.root).found.filter((f) => f.startsWith("UL101"))).toEqual([]);
    expect(findings(["--config", "strict.json", "gw.service"], t.root).found.filter((f) => f.startsWith("UL101"))).toEqual(["UL101 gw.service:4 info"]);
    expect(findings(["--no-config", "gw.service"], t.root).found.filter((f) => f.startsWith("UL101"))).toEqual(["UL101 gw.service:4 error"]);
  });

  it("refuses an invalid file with exit 2 and one line per problem, naming the JSON pointer", () => {
    const t = trees.make({ ".unitlint.json": '{ "rules": { "UL999": "off", "UL101": "loud" }, "bogus": 1 }', "gw.service": STORM });
    const r = run(["gw.service"], { cwd: t.root });
    expect(r.status).toBe(2);
    const file = t.abs(".unitlint.json");
    expect(r.stderr).toBe(
      `unitlint: config ${file}: /: must NOT have additional properties (bogus)\n` +
        `unitlint: config ${file}: /rules: must NOT have additional properties (UL999)\n` +
        `unitlint: config ${file}: /rules/UL101: must be equal to one of the allowed values: "off", "info", "warning", "error"\n`,
    );
    const broken = trees.make({ ".unitlint.json": '{\n  "rules": {,\n}', "gw.service": STORM });
    const b = run(["gw.service"], { cwd: broken.root });
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/^unitlint: .*\.unitlint\.json: not JSON: .* at line 2, column \d+\n$/);
  });
});

describe("levels by tag", () => {
  it("apply to every rule with the tag, and a rule's own entry wins", () => {
    const { policy } = resolveConfig("/x/.unitlint.json", { rules: { "tag:restart": "off", UL101: "info" } }, RULES);
    const text = "[Service]\nExecStart=/usr/bin/gw\nRestart=on-failure\nRestartSec=0\n";
    const found = lintText(text, "gw.service", { policy }).findings.map((f) => `${f.rule} ${f.severity}`);
    expect(found.filter((f) => f.startsWith("UL1"))).toEqual(["UL101 info"]);
    expect(lintText(text, "gw.service").findings.filter((f) => f.rule.startsWith("UL1")).map((f) => f.rule)).toEqual(["UL104", "UL101"]);
  });
});

describe("overrides for files that could not be read", () => {
  it("match them by their path in the run's directory, not the process's", () => {
    const t = trees.make({ "broken/gw.service": { symlink: "missing.service" }, "ok/gw.service": { symlink: "missing.service" } });
    const { policy } = resolveConfig(t.abs(".unitlint.json"), { overrides: [{ files: "broken/**", rules: { UL900: "off" } }] }, RULES);
    const found = lint({ paths: ["."], cwd: t.root, policy }).findings.map((f) => `${f.rule} ${f.path}`);
    expect(found).toEqual(["UL900 ok/gw.service"]);
  });
});

describe("custom rules in the configuration", () => {
  const CUSTOM = {
    custom: [
      {
        id: "ACME-001",
        name: "prod-memory-max",
        severity: "error",
        message: "{unit} runs in production without a memory limit: set {key}= in [{section}]",
        match: { paths: ["prod/**"] },
        require: { key: "Service.MemoryMax" },
        fix: { set: "1G" },
      },
    ],
    rules: { "ACME-001": "warning" },
  };

  it("run with the built-in rules, take levels and suppressions, and fix", () => {
    const t = trees.make({
      ".unitlint.json": JSON.stringify(CUSTOM),
      "prod/api.service": "[Service]\nExecStart=/usr/bin/api\n",
      "prod/db.service": "# unitlint-disable-file prod-memory-max -- sized by the operator\n[Service]\nExecStart=/usr/bin/db\n",
      "dev/api.service": "[Service]\nExecStart=/usr/bin/api\n",
    });
    const r = run(["--format", "json", "."], { cwd: t.root });
    const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; path: string; line: number; severity: string; message: string }> };
    expect(report.findings.filter((f) => f.rule.startsWith("ACME") || f.rule === "UL008").map((f) => `${f.rule} ${f.path}:${f.line} ${f.severity} ${f.message}`)).toEqual([
      "ACME-001 prod/api.service:1 warning api.service runs in production without a memory limit: set MemoryMax= in [Service]",
    ]);
    run(["--fix", "--unsafe-fixes", "prod/api.service"], { cwd: t.root });
    // The custom fix (MemoryMax=1G) lands after the built-in unsafe fixes of the same run: UL403's
    // (harden baseline: start limit, restart block, sandboxing) and UL104's (Restart=always with RestartPreventExitStatus=78).
    expect(fs.readFileSync(t.abs("prod/api.service"), "utf8")).toBe(
      "[Unit]\nStartLimitIntervalSec=60s\nStartLimitBurst=5\n\n" +
        "[Service]\nExecStart=/usr/bin/api\nRestart=always\nRestartPreventExitStatus=78\nRestartSec=5s\n" +
        BASELINE_252_TEXT +
        "MemoryMax=1G\n",
    );
  });

  it("are checked beyond the schema (an unknown key), with exit 2", () => {
    const bad = { custom: [{ ...CUSTOM.custom[0], require: { key: "Service.MemoryMaxx" } }] };
    const t = trees.make({ ".unitlint.json": JSON.stringify(bad), "a.service": "[Service]\nExecStart=/usr/bin/a\n" });
    const r = run(["a.service"], { cwd: t.root });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unitlint: config .*\.unitlint\.json: \/custom\/0\/require\/key: .*MemoryMaxx.*\n$/);
  });
});

describe("inline suppressions", () => {
  const lint = (text: string, inlineConfig = true) =>
    lintText(text, "x.service", { inlineConfig }).findings.map((f) => `${f.rule} ${f.line} ${f.severity} ${f.message}${f.fix ? ` [fix: ${f.fix.title}]` : ""}`);

  it("next-line covers the next directive with its continuation lines; file covers the file", () => {
    const text =
      "[Service]\n# unitlint-disable-next-line UL107 -- wait for it\nExecStart=\\\n  /usr/bin/gw\nRestart=always\n# unitlint-disable-next-line restart-storm\nRestartSec=0\n";
    expect(lint(text).filter((l) => /UL101|UL008/.test(l))).toEqual([
      "UL008 2 warning unitlint-disable-next-line UL107 suppresses nothing: that rule reports nothing on line 3–4 [fix: Delete the suppression comment]",
    ]);
    // Above another line it covers nothing: the finding stays and the comment is reported.
    const moved = lint(text.replace("Restart=always\n# unitlint-disable-next-line restart-storm\n", "# unitlint-disable-next-line restart-storm\nRestart=always\n"));
    expect(moved.filter((l) => /UL101|UL008 5/.test(l)).map((l) => l.slice(0, 9))).toEqual(["UL008 5 w", "UL101 7 e"]);
    expect(lint("# unitlint-disable-file UL101\n[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n").filter((l) => /UL101|UL008/.test(l))).toEqual([]);
  });

  it("reports unknown rule names, and is ignored with --no-inline-config", () => {
    const text = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\n# unitlint-disable-next-line UL101, no-such-rule\nRestartSec=0\n";
    expect(lint(text).filter((l) => /UL101|UL008/.test(l))).toEqual(['UL008 4 warning unitlint-disable-next-line names "no-such-rule", which is no rule of unitlint']);
    expect(lint(text, false).filter((l) => /UL101|UL008/.test(l)).map((l) => l.slice(0, 12))).toEqual(["UL101 5 erro"]);
  });

  it("--fix deletes a suppression that suppresses nothing", () => {
    const t = trees.make({ "gw.service": "[Service]\nExecStart=/usr/bin/gw\n# unitlint-disable-next-line UL101\nRestart=always\nRestartSec=5s\n" });
    run(["--no-config", "--fix", "gw.service"], { cwd: t.root });
    expect(fs.readFileSync(t.abs("gw.service"), "utf8")).toBe("[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=5s\n");
  });
});
