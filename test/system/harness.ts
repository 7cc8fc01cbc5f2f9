/**
 * Runs scenarios against a real systemd user manager in a private mount namespace
 * (the recipe in ../shared/docs/real-systemd.md). Each scenario gets a fresh temp
 * dir, a fresh cgroup and a fresh manager: scenario.sh does the namespace work and
 * the steps, ptylog.py captures the manager's console log, and this file writes the
 * inputs and reads the observations back.
 */
import { spawn, spawnSync } from "node:child_process";
import { afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const HERE = import.meta.dirname;
const SCRIPT = path.join(HERE, "scenario.sh");

/** Put this in ExecStart= so the service logs each of its own starts (`%%` is the unit-file escape for `%`). */
export const LOG_START = "date +%%s.%%N >>@LOG@";

export type Step =
  | { do: "start" | "start-noblock" | "stop" | "reset-failed"; unit: string; label?: string }
  | { do: "daemon-reload"; label?: string }
  | { do: "sleep"; seconds: number; label?: string }
  /** `via: "kill"` sends the signal to MainPID with kill(1); `"systemctl"` uses `systemctl --user kill --kill-who=main`. */
  | { do: "kill"; unit: string; signal: string; via: "kill" | "systemctl"; label?: string }
  /** `unit: "-"` reads manager properties. */
  | { do: "show"; unit: string; props?: string[]; label?: string }
  /** Polls every 50 ms until `prop` is one of `values` (or the timeout passes); the output is the last value. */
  | { do: "wait-for"; unit: string; prop: string; values: string[]; timeoutMs: number; label?: string }
  /** Writes more unit files mid-run (follow with daemon-reload). */
  | { do: "write"; files: Record<string, string>; label?: string }
  /** `systemctl --user enable|disable UNIT` (the output holds its warnings). */
  | { do: "enable" | "disable"; unit: string; label?: string }
  /**
   * Lists the user unit dir; the step's `props` map each path relative to it to the
   * link's target for a symlink, `(dir)` for a directory and `(file)` for anything else.
   */
  | { do: "files"; label?: string };

export interface Scenario {
  /** Short name, used for temp dir and cgroup names. */
  name: string;
  /**
   * Unit files by path relative to the user unit dir ("x.service", "x.service.d/override.conf").
   * `@LOG@` becomes a per-run file for that unit (see `starts()`), `@DIR@` the run's temp dir.
   */
  units: Record<string, string>;
  steps: Step[];
  logLevel?: "info" | "debug";
  /** Hard bound for the whole run inside the namespace; default: sleeps and waits + 20 s. */
  budgetSec?: number;
  /**
   * Run the manager and every systemctl as this unprivileged user instead of root
   * (real-systemd.md recipe step 8), with HOME=/home/<user> on a namespace-private
   * tmpfs and a delegated child cgroup. A name missing from /etc/passwd is added to
   * namespace-private copies of /etc/passwd and /etc/group (the host's stay untouched).
   * Lower-case letters, digits, `-` and `_` only.
   */
  user?: string;
}

export interface StepResult {
  step: Step;
  /** Epoch seconds when the step began and ended. */
  t0: number;
  t1: number;
  rc: number;
  output: string;
  /** For `show`: the key=value lines. */
  props: Record<string, string>;
}

export interface LogLine {
  t: number;
  text: string;
}

export interface ScenarioResult {
  /** Why the run was aborted, if it was (guard failed, manager did not boot, budget exceeded). */
  error: string | null;
  /** True when the script reported the cgroup removed and nothing of ours is left. */
  cleanedUp: boolean;
  exitCode: number | null;
  stderr: string;
  /** Epoch seconds when the manager reached "running". */
  ready: number;
  steps: StepResult[];
  /** The manager's console log, each line stamped with its arrival time. */
  log: LogLine[];
  logText: string;
  /** Epoch times of the unit's own start log lines (from `@LOG@`). */
  starts(unit: string): number[];
  /** The step with this label. */
  step(label: string): StepResult;
  /** The log lines containing `fragment`. */
  logged(fragment: string): LogLine[];
}

const unitOf = (file: string): string => file.split("/")[0]!.replace(/\.d$/, "");

function hierarchies(): string[] {
  if (fs.existsSync("/sys/fs/cgroup/cgroup.controllers")) return ["/sys/fs/cgroup"];
  return ["/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"].filter((h) => fs.existsSync(h));
}

function budgetOf(s: Scenario): number {
  if (s.budgetSec) return s.budgetSec;
  let t = 20;
  for (const step of s.steps) {
    if (step.do === "sleep") t += step.seconds;
    if (step.do === "wait-for") t += step.timeoutMs / 1000;
  }
  return Math.ceil(t);
}

interface Prepared {
  dir: string;
  cgroup: string;
  args: string[];
  budget: number;
}

function writeUnits(target: string, files: Record<string, string>, dir: string): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(target, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const log = path.join(dir, "starts", unitOf(rel));
    fs.writeFileSync(file, text.replaceAll("@LOG@", log).replaceAll("@DIR@", dir));
  }
}

function stepLine(step: Step, index: number, dir: string): string {
  switch (step.do) {
    case "start":
    case "start-noblock":
    case "stop":
    case "reset-failed":
    case "enable":
    case "disable":
      return `${step.do} ${step.unit}`;
    case "files":
      return "files";
    case "daemon-reload":
      return "reload";
    case "sleep":
      return `sleep ${step.seconds}`;
    case "kill":
      return `kill ${step.unit} ${step.signal} ${step.via}`;
    case "show":
      return `show ${step.unit} ${(step.props ?? SHOW_PROPS).join(",")}`;
    case "wait-for":
      return `waitfor ${step.unit} ${step.prop} ${step.values.join(",")} ${Math.round(step.timeoutMs)}`;
    case "write":
      writeUnits(path.join(dir, "files", String(index)), step.files, dir);
      return `write ${index}`;
  }
}

/** What `show` reads unless told otherwise. */
export const SHOW_PROPS = ["ActiveState", "SubState", "Result", "NRestarts", "ExecMainStatus", "LoadState", "MainPID"];

function prepare(s: Scenario): Prepared {
  const safe = s.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 40);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `unitlint-systest-${safe}-`));
  fs.mkdirSync(path.join(dir, "starts"));
  fs.mkdirSync(path.join(dir, "units"));
  writeUnits(path.join(dir, "units"), s.units, dir);
  const lines = s.steps.map((step, i) => {
    // scenario.sh splits step lines on blanks: names, signals and values must have none.
    const { label: _label, files: _files, ...fields } = step as Step & { files?: unknown };
    if (/\s/.test(JSON.stringify(fields))) throw new Error(`blank in step ${JSON.stringify(step)}`);
    return stepLine(step, i, dir);
  });
  fs.writeFileSync(path.join(dir, "steps"), lines.join("\n") + "\n");
  const cgroup = `ul-systest-${process.pid}-${path.basename(dir).slice(-6)}`;
  const outerNs = fs.readlinkSync("/proc/self/ns/mnt");
  const budget = budgetOf(s);
  if (s.user !== undefined && !/^[a-z_][a-z0-9_-]*$/.test(s.user)) throw new Error(`bad user name ${s.user}`);
  const args = ["--mount", "--propagation", "private", "bash", SCRIPT, dir, outerNs, cgroup, String(budget), s.logLevel ?? "info", s.user ?? "-"];
  return { dir, cgroup, args, budget };
}

const read = (file: string): string | null => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);

/**
 * Last resort when the script was killed before its own teardown (it created the cgroup,
 * so everything in it is ours): kill those PIDs, then remove the cgroup deepest first.
 */
export function emergencyCleanup(cgroup: string): void {
  const dirs: string[] = [];
  const walk = (d: string): void => {
    dirs.push(d);
    for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name));
  };
  for (let round = 0; round < 20; round++) {
    dirs.length = 0;
    for (const h of hierarchies()) if (fs.existsSync(path.join(h, cgroup))) walk(path.join(h, cgroup));
    if (dirs.length === 0) return;
    for (const d of dirs) {
      for (const pid of (read(path.join(d, "cgroup.procs")) ?? "").split("\n").filter(Boolean)) {
        if (Number(pid) !== process.pid) {
          try {
            process.kill(Number(pid), "SIGKILL");
          } catch {
            /* already gone */
          }
        }
      }
    }
    for (const d of dirs.reverse()) {
      try {
        fs.rmdirSync(d);
      } catch {
        /* still busy; next round */
      }
    }
    spawnSync("sleep", ["0.05"]);
  }
}

function collect(s: Scenario, p: Prepared, exitCode: number | null, stderr: string): ScenarioResult {
  const { dir } = p;
  const cleanedUp = read(path.join(dir, "cleanup"))?.trim() === "ok";
  if (!cleanedUp && fs.existsSync(path.join(dir, "cgroup-made"))) emergencyCleanup(p.cgroup);
  const steps: StepResult[] = [];
  s.steps.forEach((step, i) => {
    const meta = read(path.join(dir, `step-${i}.meta`));
    if (meta === null) return;
    const [t0, t1, rc] = meta.trim().split(" ").map(Number);
    const output = read(path.join(dir, `step-${i}.out`)) ?? "";
    const props: Record<string, string> = {};
    if (step.do === "show") {
      for (const line of output.split("\n")) {
        const eq = line.indexOf("=");
        if (eq > 0) props[line.slice(0, eq)] = line.slice(eq + 1);
      }
    }
    if (step.do === "files") {
      for (const line of output.split("\n").filter(Boolean)) {
        const [file, type, target] = line.split("\t");
        props[file!] = type === "l" ? target! : type === "d" ? "(dir)" : "(file)";
      }
    }
    steps.push({ step, t0: t0!, t1: t1!, rc: rc!, output: output.trim(), props });
  });
  const log: LogLine[] = (read(path.join(dir, "manager.log")) ?? "")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const sp = line.indexOf(" ");
      return { t: Number(line.slice(0, sp)), text: line.slice(sp + 1).replace(/\r/g, "") };
    });
  const starts = new Map<string, number[]>();
  for (const f of fs.readdirSync(path.join(dir, "starts"))) {
    const times = (read(path.join(dir, "starts", f)) ?? "").split("\n").filter(Boolean).map(Number);
    starts.set(f, times);
  }
  const result: ScenarioResult = {
    error: read(path.join(dir, "error"))?.trim() ?? (exitCode === 0 ? null : `scenario.sh exited with ${exitCode}`),
    cleanedUp,
    exitCode,
    stderr,
    ready: Number(read(path.join(dir, "ready")) ?? NaN),
    steps,
    log,
    logText: log.map((l) => l.text).join("\n"),
    starts: (unit) => starts.get(unit) ?? [],
    step: (label) => {
      const found = steps.find((r) => r.step.label === label);
      if (!found) throw new Error(`no step labelled ${label} ran; error: ${result.error}`);
      return found;
    },
    logged: (fragment) => log.filter((l) => l.text.includes(fragment)),
  };
  if (!process.env.UNITLINT_KEEP_SYSTEST) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
  return result;
}

// At most two managers at once on the whole machine (it has two cores, and restart timing needs
// them), whichever test file runs them: vitest runs the system test files in parallel processes,
// so the slots are lock files (created exclusively, holding the owner's pid; a dead owner's slot is taken over).
const MAX_PARALLEL = 2;
const SLOT_DIR = path.join(os.tmpdir(), "unitlint-systemd-slots");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function takeSlot(): Promise<string> {
  fs.mkdirSync(SLOT_DIR, { recursive: true });
  for (;;) {
    for (let i = 0; i < MAX_PARALLEL; i++) {
      const slot = path.join(SLOT_DIR, `slot-${i}`);
      try {
        fs.writeFileSync(slot, String(process.pid), { flag: "wx" });
        return slot;
      } catch {
        const owner = Number(fs.readFileSync(slot, { encoding: "utf8", flag: "a+" }));
        if (owner > 0 && owner !== process.pid && !alive(owner)) fs.rmSync(slot, { force: true });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a scenario in its own namespace, cgroup and manager. */
export async function runScenario(s: Scenario): Promise<ScenarioResult> {
  const slot = await takeSlot();
  try {
    const p = prepare(s);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn("unshare", p.args, { stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const term = setTimeout(() => child.kill("SIGTERM"), (p.budget + 10) * 1000);
      const kill = setTimeout(() => child.kill("SIGKILL"), (p.budget + 20) * 1000);
      child.on("close", (code) => {
        clearTimeout(term);
        clearTimeout(kill);
        resolve({ code, stderr: err });
      });
    });
    return collect(s, p, code, stderr);
  } finally {
    fs.rmSync(slot, { force: true });
  }
}

/** The same, blocking (used once, to decide whether the tests can run at all). */
export function runScenarioSync(s: Scenario): ScenarioResult {
  const p = prepare(s);
  const r = spawnSync("unshare", p.args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", timeout: (p.budget + 10) * 1000 });
  return collect(s, p, r.status, r.stderr ?? "");
}

export type Availability =
  | { ok: true; version: number; defaults: Record<string, string> }
  | { ok: false; why: string };

let cached: Availability | null = null;

/** Can a real systemd user manager run here? Checks the prerequisites, then boots one (once per process). */
export function systemdAvailable(): Availability {
  cached ??= probe();
  return cached;
}

function probe(): Availability {
  if (process.env.UNITLINT_NO_SYSTEMD) return { ok: false, why: "UNITLINT_NO_SYSTEMD is set" };
  if (process.platform !== "linux") return { ok: false, why: `not Linux (${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, why: "not running as root (needs unshare --mount and cgroup writes)" };
  for (const [cmd, args] of [
    ["unshare", ["--version"]],
    ["systemctl", ["--version"]],
    ["python3", ["--version"]],
  ] as const) {
    if (spawnSync(cmd, args, { stdio: "ignore" }).status !== 0) return { ok: false, why: `${cmd} not found` };
  }
  const version = spawnSync("systemd", ["--version"], { encoding: "utf8" });
  const m = /^systemd (\d+)/.exec(version.stdout ?? "");
  if (version.status !== 0 || !m) return { ok: false, why: "the systemd binary is not installed" };
  const hs = hierarchies();
  if (hs.length === 0 || (hs.length === 1 && hs[0] !== "/sys/fs/cgroup")) {
    return { ok: false, why: "unknown cgroup layout (need cgroup v2 or the hybrid systemd+unified layout)" };
  }
  if (spawnSync("unshare", ["--mount", "--propagation", "private", "true"], { stdio: "ignore" }).status !== 0) {
    return { ok: false, why: "unshare --mount --propagation private is not permitted here" };
  }
  const boot = runScenarioSync({
    name: "probe",
    units: {},
    steps: [{ do: "show", unit: "-", props: ["Version", "DefaultRestartUSec", "DefaultStartLimitIntervalUSec", "DefaultStartLimitBurst"], label: "m" }],
    budgetSec: 20,
  });
  if (boot.error) return { ok: false, why: `the user manager did not boot: ${boot.error}` };
  if (!boot.cleanedUp) return { ok: false, why: "teardown of the probe manager left its cgroup behind" };
  return { ok: true, version: Number(m[1]), defaults: boot.step("m").props };
}

const userCache = new Map<string, Availability>();

/**
 * Can a real systemd user manager run as the unprivileged `user` here (Scenario.user)?
 * Needs everything systemdAvailable() needs, plus setpriv; then boots one (once per user and process).
 */
export function userManagerAvailable(user: string): Availability {
  let a = userCache.get(user);
  if (!a) {
    a = probeUser(user);
    userCache.set(user, a);
  }
  return a;
}

function probeUser(user: string): Availability {
  const base = systemdAvailable();
  if (!base.ok) return base;
  if (spawnSync("setpriv", ["--version"], { stdio: "ignore" }).status !== 0) return { ok: false, why: "setpriv not found" };
  const boot = runScenarioSync({
    name: "probe-user",
    user,
    units: {},
    steps: [{ do: "show", unit: "-", props: ["Version", "ControlGroup"], label: "m" }],
    budgetSec: 20,
  });
  if (boot.error) return { ok: false, why: `the user manager did not boot as ${user}: ${boot.error}` };
  if (!boot.cleanedUp) return { ok: false, why: `teardown of the probe manager (as ${user}) left its cgroup behind` };
  return base;
}

/** Runs a scenario and insists that it ran to the end and cleaned up after itself. */
export async function runChecked(s: Scenario): Promise<ScenarioResult> {
  const r = await runScenario(s);
  if (r.error || !r.cleanedUp) {
    throw new Error(`scenario ${s.name}: ${r.error ?? "teardown incomplete"}\nstderr: ${r.stderr}\nmanager log:\n${r.logText}`);
  }
  return r;
}

/** One scenario shared by several tests (each checks its own side of it). */
export function once(f: () => Promise<ScenarioResult>): () => Promise<ScenarioResult> {
  let p: Promise<ScenarioResult> | undefined;
  return () => (p ??= f());
}

/**
 * Counts the real-systemd tests of a file and prints how many ran (or why none
 * did) when the file ends. Call `counted()` in a beforeEach: vitest runs no
 * hooks for skipped tests, and none at all when every test is skipped, which is
 * why the "0 ran" line is printed at once in that case.
 */
export function countRuns(available: Availability, what: string, detail: string): () => void {
  let ran = 0;
  const report = (): void =>
    console.log(available.ok ? `[system] ${ran} ${what} ran (${detail})` : `[system] 0 ${what} ran: ${available.why}`);
  afterAll(report);
  if (!available.ok) report();
  return () => {
    ran++;
  };
}
