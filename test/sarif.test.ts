/**
 * `--format sarif` checked by Microsoft's SARIF validator (`Sarif.Multitool validate`, from the npm
 * package @microsoft/sarif-multitool, a self-contained native binary: no .NET needed), with its
 * SARIF rules and its GitHub code scanning rules, and by ajv against the SARIF 2.1.0 JSON schema
 * that the validator ships (the validator lets some schema errors through: in a trial, an unknown
 * `level` and a `startColumn` of 0 passed it).
 *
 * The validator exits 0 whatever it finds; it reports each problem as a result of its own SARIF
 * log (-o), with level error, warning or note. Notes are advice (e.g. rule names in PascalCase,
 * code snippets); errors and warnings must not occur.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, REPO, runBin } from "./helpers/bin.js";
import { treeTracker } from "./helpers/tree.js";

const require = createRequire(import.meta.url);

/** The validator's binary, if its package for this platform is installed and it runs here. */
function findMultitool(): { bin: string } | { skip: string } {
  let bin: string;
  try {
    bin = require("@microsoft/sarif-multitool") as string;
  } catch (error) {
    return { skip: `SKIPPED: @microsoft/sarif-multitool has no build for ${process.platform} installed (${(error as Error).message.split("\n")[0]}); npm ci installs it on Linux, macOS and Windows` };
  }
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (r.status !== 0) return { skip: `SKIPPED: the SARIF validator ${bin} does not run on this machine (${process.arch}): ${r.error?.message ?? r.stderr.trim()}` };
  return { bin };
}

const multitool = findMultitool();
if ("skip" in multitool) console.warn(`\n*** ${multitool.skip}: --format sarif was only checked against the schema ***\n`);

const SCHEMA = path.join(REPO, "node_modules", "@microsoft", "sarif-multitool-linux", "sarif-2.1.0.json");
const hasSchema = fs.existsSync(SCHEMA);
const SKIP_SCHEMA = `SKIPPED: ${SCHEMA} not found (the validator's package for Linux is not installed here)`;
if (!hasSchema) console.warn(`\n*** ${SKIP_SCHEMA} ***\n`);

const trees = treeTracker();
const out = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-sarif-"));
afterAll(() => {
  trees.cleanupAll();
  fs.rmSync(out, { recursive: true, force: true });
});

/** SARIF logs of unitlint covering what it can put in one: every example, fixes, a BOM, emoji, bytes, absolute paths, stdin, nothing. */
const logs: Record<string, string> = {};

beforeAll(() => {
  ensureBuilt();
  const t = trees.make({
    "bom emoji.service": "\uFEFF[Service]\nExecStart=/usr/bin/echo 😀 é %Z\nRestart=always\nRestartSec=0\n",
    "latin.service": Buffer.from("[Service]\nExecStart=/usr/bin/gw caf\xe9\nRestart=on-failure\nRestartSec=0\n", "latin1"),
    "getty@.service": "[Unit]\nDescription=a template # with a hash\n[Service]\nExecStart=/sbin/agetty %I\nRestart=always\nRestartSec=0\nnonsense\n",
    // A unit with no finding, for a log with no results: a oneshot service, as UL403 reports every long-running one.
    "ok.service": "[Service]\nType=oneshot\nExecStart=/usr/bin/true\n",
  });
  const sarif = (name: string, args: string[], options: { cwd: string; input?: string }): void => {
    const r = runBin(["--format", "sarif", ...args], options);
    expect([name, r.stderr]).toEqual([name, ""]);
    logs[name] = r.stdout;
    fs.writeFileSync(path.join(out, `${name}.sarif`), r.stdout);
  };
  sarif("examples", ["examples/"], { cwd: REPO });
  sarif("special", ["bom emoji.service", "latin.service", "getty@.service"], { cwd: t.root });
  sarif("absolute", [t.abs("getty@.service")], { cwd: os.tmpdir() });
  sarif("stdin", ["-"], { cwd: t.root, input: "[Service]\nnonsense\n" });
  sarif("clean", ["ok.service"], { cwd: t.root });
  const custom = trees.make({
    ".unitlint.json": JSON.stringify({
      custom: [{ id: "ACME-002", name: "no-root-services", severity: "warning", message: "{key}={value}: services must run as a dedicated user", forbid: { key: "Service.User", values: ["root"] }, fix: { remove: true } }],
    }),
    "root.service": "[Service]\nExecStart=/usr/bin/true\nUser=root\n",
  });
  sarif("custom", ["root.service"], { cwd: custom.root });
}, 120_000);

describe("--format sarif", () => {
  it("produces logs with results, fixes and every kind of location", () => {
    const all = Object.values(logs).map((l) => JSON.parse(l) as { runs: Array<{ results: Array<{ ruleId: string; fixes?: unknown[]; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> });
    const results = all.flatMap((l) => l.runs[0]!.results);
    const uris = new Set(results.flatMap((r) => r.locations?.map((l) => l.physicalLocation.artifactLocation.uri) ?? []));
    expect(results.length).toBeGreaterThan(15);
    expect(results.filter((r) => r.fixes).length).toBeGreaterThan(4);
    for (const uri of ["bom%20emoji.service", "latin.service", "getty@.service", "%3Cstdin%3E", "file:///"]) expect([...uris].some((u) => u.startsWith(uri)), uri).toBe(true);
    expect(JSON.parse(logs.clean!).runs[0].results).toEqual([]);
    // A configuration's custom rule is described like a built-in one (without a docs page).
    const custom = JSON.parse(logs.custom!) as { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } }; results: Array<{ ruleId: string; ruleIndex: number }> }> };
    const rules = custom.runs[0]!.tool.driver.rules;
    // root.service is a plain long-running service: UL403's info on its [Service] header comes first.
    expect(custom.runs[0]!.results.map((r) => [r.ruleId, rules[r.ruleIndex]!.id])).toEqual([
      ["UL403", "UL403"],
      ["ACME-002", "ACME-002"],
    ]);
    expect(Object.keys(rules[rules.length - 1]!)).toEqual(["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"]);
  });

  it.skipIf(!hasSchema)(hasSchema ? "matches the SARIF 2.1.0 JSON schema (ajv)" : SKIP_SCHEMA, () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8").replace(/^\uFEFF/, "")) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    // The formats the schema uses for what unitlint writes; it writes no date-time or uuid.
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("uri-reference", (s: string) => /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/.test(s));
    ajv.addFormat("date-time", true);
    ajv.addFormat("uuid", true);
    const validate = ajv.compile(schema);
    for (const [name, text] of Object.entries(logs)) {
      validate(JSON.parse(text));
      expect([name, validate.errors ?? []]).toEqual([name, []]);
    }
    // The check can fail: a column of 0 and an unknown level are caught.
    const broken = JSON.parse(logs.examples!) as { runs: Array<{ results: Array<{ level: string; locations: Array<{ physicalLocation: { region: { startColumn: number } } }> }> }> };
    broken.runs[0]!.results[0]!.level = "fatal";
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startColumn = 0;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/runs/0/results/0/level", "/runs/0/results/0/locations/0/physicalLocation/region/startColumn"]));
  });

  it.skipIf("skip" in multitool)("skip" in multitool ? multitool.skip : "passes Microsoft's SARIF validator (SARIF and GitHub rules) without an error or a warning", () => {
    const { bin } = multitool as { bin: string };
    // SARIF2006 fetches every URI of the log over HTTP; the docs pages are not a thing to test offline.
    const config = path.join(out, "validator.xml");
    fs.writeFileSync(config, '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n    <Property Key="RuleEnabled" Value="Disabled" />\n  </Properties>\n</Properties>\n');
    // A log the validator must reject, so that this test can fail: a region ending before it starts.
    const broken = JSON.parse(logs.examples!) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number; endLine: number } } }> }> }> };
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.endLine = 0;
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 5;
    fs.writeFileSync(path.join(out, "zz-broken.sarif"), JSON.stringify(broken));
    const files = Object.keys(logs).map((n) => path.join(out, `${n}.sarif`));
    const report = path.join(out, "validation.json");
    const r = spawnSync(bin, ["validate", "--config", config, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note", "--output", report, ...files, path.join(out, "zz-broken.sarif")], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect([r.status, r.error]).toEqual([0, undefined]);
    const validation = JSON.parse(fs.readFileSync(report, "utf8").replace(/^\uFEFF/, "")) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string; message: { arguments?: string[] }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    const problems = validation.runs[0]!.results
      .filter((x) => x.level === "error" || x.level === "warning")
      .map((x) => `${path.basename(decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri))}: ${x.level} ${x.ruleId} ${JSON.stringify(x.message.arguments)}`);
    expect(problems.filter((p) => !p.startsWith("zz-broken"))).toEqual([]);
    expect(problems.filter((p) => p.startsWith("zz-broken")).join("\n")).toMatch(/error SARIF1007|error JSON/);
  }, 180_000);
});
