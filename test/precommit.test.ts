/**
 * The pre-commit hooks (.pre-commit-hooks.yaml), run by the real pre-commit (Debian package
 * `pre-commit`, installed here when missing and root) from a temporary git repository whose
 * .pre-commit-config.yaml points at a snapshot of this checkout: its working tree as git sees it
 * (tracked and untracked files, not ignored ones, so no node_modules/ and no dist/), committed in
 * a temporary repository. pre-commit installs the hook repository itself (`npm install`, which
 * builds dist/, `npm pack`, `npm install -g` of the tarball, from the npm registry), once for the
 * whole file: PRE_COMMIT_HOME is a temporary directory the cases share.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "./helpers/bin.js";

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
  require_serial: boolean;
}

const HOOKS = parse(fs.readFileSync(path.join(REPO, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

const STORM = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";
const CLEAN = "[Unit]\nDescription=app\n\n[Service]\nExecStart=/usr/bin/app\n";

describe(".pre-commit-hooks.yaml", () => {
  it("has unitlint and unitlint --fix as node hooks that get every file in one run", () => {
    expect(HOOKS.map((h) => [h.id, h.entry, h.language, h.pass_filenames, h.require_serial])).toEqual([
      ["unitlint", "unitlint", "node", true, true],
      ["unitlint-fix", "unitlint --fix", "node", true, true],
    ]);
    expect(HOOKS[1]!.files).toBe(HOOKS[0]!.files);
  });

  it("matches unit files and their drop-ins, not other .d/*.conf files", () => {
    // pre-commit applies `files` with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(HOOKS[0]!.files);
    const suffixes = ["service", "socket", "timer", "path", "mount", "automount", "swap", "target", "slice", "scope", "device"];
    const matched = [
      ...suffixes.map((s) => `etc/systemd/system/foo.${s}`),
      "foo@.service",
      "deploy/foo@bar.timer",
      "foo.service.d/override.conf",
      "etc/systemd/system/foo@.service.d/10-limits.conf",
      "usr/lib/systemd/system/foo-.service.d/50-x.conf",
      "etc/systemd/system/service.d/10-all.conf",
      "system/user-.slice.d/10-memory.conf",
    ];
    const ignored = [
      "README.md",
      "foo.service.bak",
      "foo.services",
      "foo.service.d/override.txt",
      "foo.service.d/nested/override.conf",
      "etc/sysctl.d/99-forward.conf",
      "etc/apt/apt.conf.d/50unattended-upgrades.conf",
      "etc/modprobe.d/blacklist.conf",
      "etc/systemd/system.conf",
      "myservice.d/x.conf",
    ];
    expect(matched.filter((f) => !files.test(f))).toEqual([]);
    expect(ignored.filter((f) => files.test(f))).toEqual([]);
  });
});

/** Runs a command; throws with its output when it cannot start. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 120_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function present(): boolean {
  return spawnSync("pre-commit", ["--version"], { stdio: "ignore" }).status === 0;
}

function ensurePreCommit(): boolean {
  if (!present() && process.getuid?.() === 0) {
    spawnSync("apt-get", ["update"], { stdio: "ignore" });
    spawnSync("apt-get", ["install", "-y", "pre-commit"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  return present() && spawnSync("git", ["--version"], { stdio: "ignore" }).status === 0;
}

const hasPreCommit = ensurePreCommit();
const SKIPPED =
  "SKIPPED: pre-commit (or git) is not installed and could not be installed (apt-get install -y pre-commit needs root and Debian's archive); the pre-commit hooks were not run";
if (!hasPreCommit) console.warn(`\n*** ${SKIPPED} ***\n`);

describe.skipIf(!hasPreCommit)(hasPreCommit ? "the hooks, run by the real pre-commit" : SKIPPED, () => {
  let tmp: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  /** The environment of a user's shell: none of the npm script or vitest variables this test runs under. */
  function cleanEnv(): NodeJS.ProcessEnv {
    const out: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (/^npm_/i.test(k) || /^(NODE_ENV|NODE_OPTIONS|INIT_CWD|VITEST.*|NO_COLOR|FORCE_COLOR)$/.test(k)) continue;
      out[k] = v;
    }
    return {
      ...out,
      PRE_COMMIT_HOME: path.join(tmp, "pre-commit-home"),
      // Neither this machine's git configuration nor its hooks take part.
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "unitlint test",
      GIT_AUTHOR_EMAIL: "test@unitlint.invalid",
      GIT_COMMITTER_NAME: "unitlint test",
      GIT_COMMITTER_EMAIL: "test@unitlint.invalid",
    };
  }

  function git(args: string[], cwd: string): string {
    const r = run("git", args, cwd, env);
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
    return r.stdout.trim();
  }

  /** Copies the working tree as git sees it (no ignored files) into a new repository; returns its commit. */
  function snapshotCheckout(dest: string): string {
    const listed = git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO).split("\0").filter(Boolean);
    for (const rel of listed) {
      const from = path.join(REPO, rel);
      const stat = fs.lstatSync(from, { throwIfNoEntry: false });
      if (stat === undefined) continue; // deleted in the working tree
      const to = path.join(dest, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
      else fs.copyFileSync(from, to);
    }
    git(["init", "-q"], dest);
    git(["add", "-A"], dest);
    git(["-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot of the unitlint checkout"], dest);
    return git(["rev-parse", "HEAD"], dest);
  }

  function write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), text);
  }

  /** Runs one hook on files, staged first as for a commit (pre-commit sees a fix as a change to a staged file). */
  function preCommit(hook: string, files: string[]): SpawnSyncReturns<string> {
    git(["add", "--", ...files], project);
    return run("pre-commit", ["run", hook, "--color", "never", "--files", ...files], project, env);
  }

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-pre-commit-"));
    env = cleanEnv();
    const hookRepo = path.join(tmp, "unitlint");
    const rev = snapshotCheckout(hookRepo);
    expect(fs.existsSync(path.join(hookRepo, "dist")), "the snapshot must not carry a build: pre-commit's install makes it").toBe(false);
    project = path.join(tmp, "project");
    fs.mkdirSync(project);
    git(["init", "-q"], project);
    write(
      ".pre-commit-config.yaml",
      `repos:\n  - repo: ${JSON.stringify(hookRepo)}\n    rev: ${rev}\n    hooks:\n      - id: unitlint\n      - id: unitlint-fix\n`,
    );
    git(["add", ".pre-commit-config.yaml"], project);
    const install = run("pre-commit", ["install-hooks"], project, env, 900_000);
    if (install.status !== 0) {
      const log = path.join(tmp, "pre-commit-home", "pre-commit.log");
      throw new Error(`pre-commit install-hooks failed:\n${install.stdout}${install.stderr}\n${fs.existsSync(log) ? fs.readFileSync(log, "utf8") : ""}`);
    }
  }, 900_000);

  afterAll(() => {
    if (tmp !== undefined) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("rejects a bad unit, naming the rule", () => {
    write("bad.service", STORM);
    const r = preCommit("unitlint", ["bad.service"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^unitlint\.+Failed$/m);
    expect(r.stdout).toContain("- hook id: unitlint\n- exit code: 1\n");
    expect(r.stdout).toMatch(/^ {2}bad\.service:4:1 {2}error {4}Restart=always with RestartSec=0: crash loop: .* {2}UL101$/m);
  });

  it("passes a clean unit", () => {
    write("clean.service", CLEAN);
    const r = preCommit("unitlint", ["clean.service"]);
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/^unitlint\.+Passed$/m)]);
  });

  it("lints a drop-in with its unit, and leaves other .d/*.conf files alone", () => {
    write("app.service", CLEAN);
    write("app.service.d/override.conf", "[Service]\nExecStart=/usr/bin/app --verbose\n");
    write("sysctl.d/99-forward.conf", "net.ipv4.ip_forward=1\n");
    const r = preCommit("unitlint", ["app.service", "app.service.d/override.conf", "sysctl.d/99-forward.conf"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}app\.service\.d\/override\.conf:2:1 {2}error {4}this drop-in adds a second ExecStart= .* {2}UL106$/m);
    // app.service is a plain long-running service: UL403's info (its sandboxing exposure) on its [Service] header.
    expect(r.stdout).toMatch(/^ {2}app\.service:4:1 {2}info {5}exposure \d+\.\d UNSAFE \(systemd-analyze security's score for systemd \d+\); .* {2}UL403\n {5}4 \| \[Service\]$/m);
    expect(r.stdout).toContain("✖ 2 problems (1 error, 0 warnings, 1 info) in 1 unit (1 checked)");
    expect(r.stdout).not.toContain("sysctl.d");
    // A commit that changes only the drop-in: it is still judged with its unit, whose own findings stay out.
    const alone = preCommit("unitlint", ["app.service.d/override.conf"]);
    expect(alone.status).toBe(1);
    expect(alone.stdout).toMatch(/^ {2}app\.service\.d\/override\.conf:2:1 {2}error {4}this drop-in adds a second ExecStart= .* {2}UL106$/m);
    expect(alone.stdout).toContain("✖ 1 problem (1 error, 0 warnings, 0 infos) in 1 unit (1 checked)");
    expect(preCommit("unitlint", ["sysctl.d/99-forward.conf"]).stdout).toMatch(/^unitlint\.+\(no files to check\)Skipped$/m);
  });

  it("the fix hook rewrites a fixable unit, which then passes", () => {
    write("storm.service", STORM);
    const r = preCommit("unitlint-fix", ["storm.service"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^unitlint \(fix\)\.+Failed$/m);
    expect(r.stdout).toContain("- hook id: unitlint-fix\n");
    expect(r.stdout).toContain("- files were modified by this hook\n");
    expect(r.stdout).toContain("unitlint: fixed storm.service: Set RestartSec=5s\n");
    expect(fs.readFileSync(path.join(project, "storm.service"), "utf8")).toBe(STORM.replace("RestartSec=0", "RestartSec=5s"));
    const again = preCommit("unitlint", ["storm.service"]);
    expect([again.status, again.stdout]).toEqual([0, expect.stringMatching(/^unitlint\.+Passed$/m)]);
  });
});
