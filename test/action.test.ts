/**
 * The GitHub Action (action.yml, composite): its inputs, the unitlint options its scripts use
 * (all from the option table), and its steps run here as GitHub would run them: each `run:`
 * script with `bash --noprofile --norc -eo pipefail`, `${{ … }}` filled in from the inputs and
 * the earlier steps' outputs, `if:` conditions evaluated. `npm ci` (installing the action) is
 * replaced by the test's build, and `uses:` steps are only checked to be chosen or skipped.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FORMATS, OPTIONS } from "../src/cli/options.js";
import { ensureBuilt, REPO } from "./helpers/bin.js";

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
}
interface Action {
  name: string;
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(REPO, "action.yml"), "utf8")) as Action;
const STORM = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";
const CLEAN = "[Service]\nExecStart=/usr/bin/true\n";

describe("action.yml", () => {
  it("is a composite action with the inputs paths, args, sarif-file and upload-sarif", () => {
    expect(action.name).toBe("unitlint");
    expect(action.runs.using).toBe("composite");
    expect(Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, [v.required, v.default]]))).toEqual({
      paths: [false, "."],
      args: [false, ""],
      "sarif-file": [false, "unitlint.sarif"],
      "upload-sarif": [false, "true"],
    });
    expect(Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, v.value]))).toEqual({
      "sarif-file": "${{ inputs.sarif-file }}",
      "exit-code": "${{ steps.lint.outputs.exit-code }}",
    });
  });

  it("runs unitlint only with options of the option table, and formats it knows", () => {
    const longs = new Map<string, { type: string }>(Object.entries(OPTIONS) as Array<[string, { type: string }]>);
    const shorts = new Set<string>(Object.values(OPTIONS).flatMap((o) => ("alias" in o ? [o.alias] : [])));
    const invocations = action.runs.steps.flatMap((s) => (s.run ?? "").split("\n")).filter((l) => /\bnpx .* unitlint /.test(l));
    expect(invocations).toHaveLength(2);
    const used: string[] = [];
    for (const line of invocations) {
      const words = line.slice(line.indexOf(" unitlint ") + " unitlint ".length).split(/\s+/).filter(Boolean);
      for (const [i, word] of words.entries()) {
        if (!word.startsWith("-")) continue;
        used.push(word);
        const long = /^--(?:no-)?([a-z-]+)$/.exec(word);
        if (long) {
          const spec = longs.get(long[1]!);
          expect(spec, `${word} is not in OPTIONS`).toBeDefined();
          if (word.startsWith("--no-")) expect(spec!.type, `${word} negates a non-boolean`).toBe("boolean");
        } else {
          expect(shorts.has(word.slice(1)), `${word} is not an alias in OPTIONS`).toBe(true);
        }
        if (word === "--format") expect(FORMATS as readonly string[]).toContain(words[i + 1]);
      }
    }
    expect(used).toEqual(["--format", "--output-file", "--format"]);
    expect(invocations[0]).toContain('unitlint --format sarif --output-file "$UNITLINT_SARIF" $UNITLINT_ARGS $UNITLINT_PATHS');
  });

  it("uploads with github/codeql-action/upload-sarif and sets up Node.js with actions/setup-node", () => {
    const uses = action.runs.steps.filter((s) => s.uses !== undefined);
    expect(uses.map((s) => [s.uses, s.with])).toEqual([
      ["actions/setup-node@v4", { "node-version": 20 }],
      ["github/codeql-action/upload-sarif@v4", { sarif_file: "${{ inputs.sarif-file }}", category: "unitlint" }],
    ]);
    for (const s of action.runs.steps) if (s.run !== undefined) expect(s.shell, s.name).toBe("bash");
  });
});

/** What a simulated run of the action did. */
interface ActionRun {
  /** Per step name: skipped, or its exit status, output and GITHUB_OUTPUT values. */
  steps: Map<string, "skipped" | { status: number | null; stdout: string; stderr: string; outputs: Record<string, string> }>;
  /** The name of the step that failed the job, if any. */
  failedAt: string | null;
}

/** `${{ inputs.X }}` and `${{ steps.ID.outputs.X }}`, the only expressions the action may use. */
function expand(text: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => value(expr, inputs, outputs));
}

function value(expr: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  let m = /^inputs\.([\w-]+)$/.exec(expr);
  if (m) {
    if (!(m[1]! in inputs)) throw new Error(`unknown input ${m[1]}`);
    return inputs[m[1]!]!;
  }
  m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
  if (m) return outputs[m[1]!]?.[m[2]!] ?? "";
  throw new Error(`expression the test cannot evaluate: ${expr}`);
}

/** `if:` conditions of the form `A == 'x' && B != 'y'` (no always()/failure(): a failed step ends the job). */
function condition(expr: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): boolean {
  return expr.split("&&").every((part) => {
    const m = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
    if (!m) throw new Error(`condition the test cannot evaluate: ${part}`);
    return (value(m[1]!, inputs, outputs) === m[3]) === (m[2] === "==");
  });
}

function runAction(cwd: string, given: Record<string, string>): ActionRun {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default]));
  const outputs: Record<string, Record<string, string>> = {};
  const steps: ActionRun["steps"] = new Map();
  for (const step of action.runs.steps) {
    if (step.if !== undefined && !condition(step.if, inputs, outputs)) {
      steps.set(step.name, "skipped");
      continue;
    }
    if (step.run === undefined || step.run.startsWith("npm ci ")) {
      // `uses:` steps, and the install that ensureBuilt() stands for.
      steps.set(step.name, { status: 0, stdout: "", stderr: "", outputs: {} });
      continue;
    }
    const outputFile = path.join(cwd, "..", `github-output-${steps.size}`);
    fs.writeFileSync(outputFile, "");
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: outputFile };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, outputs);
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step.run, inputs, outputs)], {
      cwd,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    const written = Object.fromEntries(
      fs
        .readFileSync(outputFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    if (step.id !== undefined) outputs[step.id] = written;
    steps.set(step.name, { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: written });
    if (r.status !== 0) return { steps, failedAt: step.name };
  }
  return { steps, failedAt: null };
}

function ran(r: ActionRun, name: string) {
  const s = r.steps.get(name);
  if (s === undefined || s === "skipped") throw new Error(`step ${name} did not run`);
  return s;
}

// Each run starts npx two or three times, slow on a loaded machine.
describe("action.yml, run as GitHub runs a composite action", { timeout: 180_000 }, () => {
  let dir: string;
  let workspace: string;
  beforeAll(() => ensureBuilt());
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function setUp(files: Record<string, string>): void {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-action-"));
    workspace = path.join(dir, "workspace");
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
      fs.writeFileSync(path.join(workspace, rel), text);
    }
  }

  it("writes the SARIF report, uploads it, prints the findings and fails the job with exit code 1", () => {
    setUp({ "deploy/gw.service": STORM, "deploy/ok.service": CLEAN });
    const r = runAction(workspace, { paths: "deploy/gw.service\n  deploy/ok.service", "sarif-file": "out/unitlint.sarif" });
    expect(ran(r, "Check for Node.js 20 or newer").outputs).toEqual({ needed: "false" });
    expect(r.steps.get("Set up Node.js")).toBe("skipped");
    const lint = ran(r, "Run unitlint");
    expect([lint.status, lint.outputs]).toEqual([0, { "exit-code": "1" }]);
    expect(lint.stdout).toContain("deploy/gw.service:4:1  error    Restart=always with RestartSec=0: crash loop");
    // Both are plain long-running services: UL403's info (sandboxing exposure, scored for the local
    // systemd's release) on each [Service] header. Infos do not fail the job.
    for (const unit of ["gw", "ok"]) expect(lint.stdout).toMatch(new RegExp(`\n  deploy/${unit}\\.service:1:1  info     exposure \\d+\\.\\d UNSAFE \\(systemd-analyze security's score for systemd \\d+\\); .*  UL403\n {5}1 \\| \\[Service\\]\n`));
    expect(lint.stdout).toContain("✖ 3 problems (1 error, 0 warnings, 2 infos) in 2 units (2 checked)");
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, "out", "unitlint.sarif"), "utf8")) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ["UL403", "deploy/gw.service", 1],
      ["UL101", "deploy/gw.service", 4],
      ["UL403", "deploy/ok.service", 1],
    ]);
    expect(ran(r, "Upload the SARIF report").status).toBe(0);
    const fail = ran(r, "Fail on unitlint's exit code");
    expect([fail.status, fail.stdout]).toEqual([
      1,
      "::error title=unitlint::unitlint exited with 1 (1: findings at or above --fail-on; 2: unitlint could not do its job)\n",
    ]);
    expect(r.failedAt).toBe("Fail on unitlint's exit code");
  });

  it("passes on clean units, still uploading the (empty) report, and passes args through", () => {
    setUp({ "gw.service": STORM.replace("RestartSec=0", "RestartSec=500ms"), "ok.service": CLEAN });
    // RestartSec=500ms is a warning (UL101): it fails by default, not with --fail-on error.
    const failing = runAction(workspace, {});
    expect(ran(failing, "Run unitlint").outputs).toEqual({ "exit-code": "1" });
    fs.rmSync(path.join(workspace, "unitlint.sarif"));
    const r = runAction(workspace, { args: "--fail-on error" });
    expect(r.failedAt).toBe(null);
    const lint = ran(r, "Run unitlint");
    expect([lint.status, lint.outputs, lint.stdout]).toEqual([0, { "exit-code": "0" }, ""]);
    expect(fs.existsSync(path.join(workspace, "unitlint.sarif"))).toBe(true);
    expect(ran(r, "Upload the SARIF report").status).toBe(0);
    expect(ran(r, "Fail on unitlint's exit code").status).toBe(0);
  });

  it("does not upload when upload-sarif is false", () => {
    setUp({ "gw.service": STORM });
    const r = runAction(workspace, { "upload-sarif": "false" });
    expect(r.steps.get("Upload the SARIF report")).toBe("skipped");
    expect(ran(r, "Fail on unitlint's exit code").status).toBe(1);
  });

  it("skips the upload and fails with exit code 2 when unitlint cannot do its job", () => {
    setUp({ "gw.service": STORM });
    const r = runAction(workspace, { paths: "missing.service" });
    const lint = ran(r, "Run unitlint");
    expect(lint.outputs).toEqual({ "exit-code": "2" });
    expect(lint.stderr).toContain("missing.service");
    expect(r.steps.get("Upload the SARIF report")).toBe("skipped");
    expect(ran(r, "Fail on unitlint's exit code").status).toBe(2);
  });

  it("treats inputs as data: shell syntax in a path is not run", () => {
    setUp({ "gw.service": CLEAN });
    const r = runAction(workspace, { paths: "gw.service;touch${IFS}pwned $(touch pwned2)" });
    expect(fs.existsSync(path.join(workspace, "pwned"))).toBe(false);
    expect(fs.existsSync(path.join(workspace, "pwned2"))).toBe(false);
    expect(ran(r, "Run unitlint").outputs).toEqual({ "exit-code": "2" });
  });
});
