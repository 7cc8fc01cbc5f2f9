/**
 * The restart rules (UL101–UL107) against a real systemd user manager. Every
 * scenario boots its own manager in a private mount namespace (see harness.ts and
 * ../shared/docs/real-systemd.md), runs the unit, and reads what happened: the
 * service's own start log, `systemctl show`, and the manager's console log.
 * Restart timers fire RestartSec plus 20–250 ms, so timing checks have margins.
 *
 * Each test first asks unitlint about the same unit files: which rules report
 * (the bad unit must be reported, the fixed one not), and what it predicts for a
 * service that keeps failing (predictCrashLoop, which the rule messages quote);
 * the real manager must then do what was predicted.
 */
import { beforeEach, describe, it } from "vitest";
import { lintWithProject } from "../../src/engine/lint.js";
import { DEFAULT_SETTINGS } from "../../src/engine/settings.js";
import { predictCrashLoop, restartPolicy, type CrashLoop } from "../../src/model/restart-policy.js";
import { makeTree } from "../helpers/tree.js";
import { countRuns, LOG_START, once, runChecked, systemdAvailable, type Scenario } from "./harness.js";

const available = systemdAvailable();
const TITLE = available.ok
  ? `real systemd ${available.version} user manager`
  : `SKIPPED: real systemd not available: ${available.why}`;
const TIMEOUT = 120_000; // includes waiting for one of the two manager slots

const counted = countRuns(available, "real-systemd tests", available.ok ? `systemd ${available.version}` : "");

const run = runChecked;


/** What unitlint says about a scenario's unit files: the rules that report, and its crash-loop prediction for one unit. */
function unitlint(units: Record<string, string>, unit = "a.service"): { rules: string[]; loop: CrashLoop } {
  const tree = makeTree(units);
  try {
    const { report, project } = lintWithProject({ paths: ["."], cwd: tree.root });
    const u = project.units.find((x) => x.name === unit);
    if (!u) throw new Error(`unitlint found no ${unit}`);
    return { rules: [...new Set(report.findings.map((f) => f.rule))].sort(), loop: predictCrashLoop(restartPolicy(u, DEFAULT_SETTINGS)) };
  } finally {
    tree.cleanup();
  }
}

/** Seconds from the first logged start. */
const rel = (times: number[]): number[] => times.map((t) => t - times[0]!);
const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

const failing = (extra: string, unitSection = ""): string =>
  `${unitSection ? `[Unit]\n${unitSection}\n` : ""}[Service]\n${extra}\nExecStart=/bin/sh -c '${LOG_START}; exit 1'\n`;

const refused = (unit: string): string => `${unit}: Start request repeated too quickly.`;
const REFUSED = refused("a.service");

describe.skipIf(!available.ok).concurrent(TITLE, () => {
  beforeEach(() => {
    counted();
  });

  describe("UL101 restart storm", () => {
    it("UL101 premise: the manager's defaults are RestartSec=100ms and a 10 s / 5 start limit", ({ expect }) => {
      if (!available.ok) return;
      expect(available.defaults).toMatchObject({
        DefaultRestartUSec: "100ms",
        DefaultStartLimitIntervalUSec: "10s",
        DefaultStartLimitBurst: "5",
      });
    });

    it("UL101: Restart=always + RestartSec=0, exit 1 at once: exactly 5 starts, then refused and failed", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": failing("Restart=always\nRestartSec=0") };
      const said = unitlint(units);
      expect(said.rules).toContain("UL101");
      expect(said.loop).toEqual({ kind: "trips", starts: 5, withinSec: 0 });
      const r = await run({
        name: "ul101-storm",
        units,
        steps: [{ do: "start", unit: "a.service" }, { do: "sleep", seconds: 1.5 }, { do: "show", unit: "a.service", label: "end" }],
      });
      const starts = r.starts("a.service");
      expect(starts).toHaveLength(said.loop.kind === "trips" ? said.loop.starts : -1);
      const refusals = r.logged(REFUSED);
      expect(refusals).toHaveLength(1);
      expect(refusals[0]!.t - starts[0]!).toBeLessThan(1.5);
      expect(refusals[0]!.t).toBeGreaterThan(starts[4]!);
      expect(r.step("end").props).toMatchObject({ ActiveState: "failed", Result: "exit-code", NRestarts: "5" });
    });

    it("UL101/UL304: an empty RestartSec= in a drop-in restores nothing: RestartSec=0 stays, 5 starts at once, then refused", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": failing("Restart=always\nRestartSec=0"), "a.service.d/reset.conf": "[Service]\nRestartSec=\n" };
      const said = unitlint(units);
      expect(said.rules).toEqual(expect.arrayContaining(["UL101", "UL304"]));
      expect(said.loop).toEqual({ kind: "trips", starts: 5, withinSec: 0 });
      const r = await run({
        name: "ul101-empty-reset",
        units,
        steps: [{ do: "start", unit: "a.service" }, { do: "sleep", seconds: 1.5 }, { do: "show", unit: "a.service", props: ["RestartUSec", "ActiveState", "NRestarts"], label: "end" }],
      });
      const starts = r.starts("a.service");
      expect(starts).toHaveLength(5);
      expect(starts[4]! - starts[0]!).toBeLessThan(0.5);
      expect(r.step("end").props).toMatchObject({ RestartUSec: "0", ActiveState: "failed", NRestarts: "5" });
    });

    it("UL101: StartLimitBurst=010 is octal (safe_atou() reads base 0): 8 starts at once, then refused", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": failing("Restart=always\nRestartSec=0", "StartLimitIntervalSec=60\nStartLimitBurst=010") };
      const said = unitlint(units);
      expect(said.rules).toContain("UL101");
      expect(said.loop).toEqual({ kind: "trips", starts: 8, withinSec: 0 });
      const r = await run({
        name: "ul101-octal-burst",
        units,
        steps: [{ do: "start", unit: "a.service" }, { do: "sleep", seconds: 1.5 }, { do: "show", unit: "a.service", props: ["ActiveState", "NRestarts"], label: "end" }],
      });
      expect(r.starts("a.service")).toHaveLength(8);
      expect(r.logged(REFUSED)).toHaveLength(1);
      expect(r.step("end").props).toMatchObject({ ActiveState: "failed", NRestarts: "8" });
    });

    it("UL101: RestartSec=0 with [Unit] StartLimitBurst=0 keeps restarting (> 20 starts in 2 s) until stopped", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": failing("Restart=always\nRestartSec=0", "StartLimitBurst=0") };
      const said = unitlint(units);
      expect(said.rules).toContain("UL101");
      expect(said.loop).toMatchObject({ kind: "forever", limitDisabled: true });
      const r = await run({
        name: "ul101-burst0",
        units,
        steps: [
          { do: "start", unit: "a.service", label: "start" },
          { do: "sleep", seconds: 2 },
          { do: "show", unit: "a.service", label: "busy" },
          { do: "stop", unit: "a.service", label: "stop" },
          { do: "sleep", seconds: 0.5 },
          { do: "show", unit: "a.service", label: "stopped" },
        ],
      });
      const starts = r.starts("a.service");
      const t0 = starts[0]!;
      expect(starts.filter((t) => t - t0 <= 2).length).toBeGreaterThan(20);
      expect(r.logged(REFUSED)).toHaveLength(0);
      expect(r.step("busy").props.ActiveState).toMatch(/^(activating|active|deactivating)$/);
      expect(Number(r.step("busy").props.NRestarts)).toBeGreaterThan(20);
      expect(starts.filter((t) => t > r.step("stop").t1)).toHaveLength(0);
      expect(r.step("stopped").props.ActiveState).toMatch(/^(inactive|failed)$/);
    });

    it("UL101 fix: RestartSec=5s: at most 2 starts in 6 s and the unit is not failed", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": failing("Restart=always\nRestartSec=5s") };
      const said = unitlint(units);
      expect(said.rules).not.toContain("UL101");
      expect(said.loop).toMatchObject({ kind: "forever", limitDisabled: false });
      const r = await run({
        name: "ul101-fixed",
        units,
        steps: [{ do: "start", unit: "a.service" }, { do: "sleep", seconds: 6 }, { do: "show", unit: "a.service", label: "end" }],
      });
      const starts = r.starts("a.service");
      expect(starts.length).toBeGreaterThanOrEqual(1);
      expect(starts.length).toBeLessThanOrEqual(2);
      if (starts.length === 2) expect(gaps(starts)[0]).toBeGreaterThanOrEqual(5);
      expect(r.logged(REFUSED)).toHaveLength(0);
      const end = r.step("end").props;
      expect(end.ActiveState).toMatch(/^(activating|active)$/);
      expect(end.SubState).toMatch(/^(auto-restart|start|running)$/);
    });
  });

  describe("UL102 start-limit budget", () => {
    it("UL102: RestartSec=1s with the default 10 s / 5: 5 starts, refused about 5 s in", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": failing("Restart=always\nRestartSec=1s") };
      const said = unitlint(units);
      expect(said.rules).toContain("UL102");
      expect(said.loop).toEqual({ kind: "trips", starts: 5, withinSec: 4 });
      const r = await run({
        name: "ul102-1s",
        units,
        steps: [
          { do: "start", unit: "a.service" },
          { do: "wait-for", unit: "a.service", prop: "ActiveState", values: ["failed"], timeoutMs: 9000, label: "failed" },
          { do: "sleep", seconds: 0.3 },
          { do: "show", unit: "a.service", label: "end" },
        ],
      });
      const starts = r.starts("a.service");
      expect(starts).toHaveLength(5);
      for (const g of gaps(starts)) {
        expect(g).toBeGreaterThanOrEqual(1);
        expect(g).toBeLessThan(1.3);
      }
      const refusals = r.logged(REFUSED);
      expect(refusals).toHaveLength(1);
      // Predicted: the 5th start at 4 s, the refused 6th one RestartSec (1 s) later, plus slack.
      const at = refusals[0]!.t - starts[0]!;
      expect(at).toBeGreaterThanOrEqual(4);
      expect(at).toBeLessThanOrEqual(6);
      expect(starts[4]! - starts[0]!).toBeGreaterThanOrEqual(said.loop.kind === "trips" ? said.loop.withinSec : -1);
      expect(r.step("end").props).toMatchObject({ ActiveState: "failed", NRestarts: "5" });
    });

    it("UL102: StartLimitIntervalSec=6 + StartLimitBurst=10 + RestartSec=1 never trips (> 10 starts in 14 s, not failed)", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": failing("Restart=always\nRestartSec=1", "StartLimitIntervalSec=6\nStartLimitBurst=10") };
      const said = unitlint(units);
      expect(said.rules).toContain("UL102");
      expect(said.loop).toMatchObject({ kind: "forever", limitDisabled: false, perDay: 86_400 });
      const r = await run({
        name: "ul102-useless",
        units,
        steps: [{ do: "start", unit: "a.service" }, { do: "sleep", seconds: 14 }, { do: "show", unit: "a.service", label: "end" }],
      });
      const starts = r.starts("a.service");
      expect(starts.length).toBeGreaterThan(10);
      // Why it never trips: 1 s + slack per cycle fits fewer than 10 starts into any 6 s window.
      expect(rel(starts).filter((t) => t <= 6).length).toBeLessThan(10);
      for (const g of gaps(starts)) expect(g).toBeGreaterThanOrEqual(1);
      expect(r.logged(REFUSED)).toHaveLength(0);
      expect(r.step("end").props.ActiveState).toMatch(/^(activating|active)$/);
    });
  });

  describe("UL103 StartLimitIntervalSec= in [Service]", () => {
    // Both units in one manager (their start limits are per unit). A manual start 10.5 s
    // after the refusal tells the effective interval apart: a 10 s window has closed by
    // then, a 60 s one has not.
    const units = {
      "svc.service": "[Service]\nRestart=always\nRestartSec=0\nStartLimitIntervalSec=60\nStartLimitBurst=3\n" + `ExecStart=/bin/sh -c '${LOG_START}; exit 1'\n`,
      "unit.service": failing("Restart=always\nRestartSec=0", "StartLimitIntervalSec=60\nStartLimitBurst=3"),
    };
    const scenario = once(() =>
      run({
        name: "ul103",
        units,
        steps: ["svc", "unit"].flatMap((u): Scenario["steps"] => [
          { do: "start", unit: `${u}.service` },
          { do: "wait-for", unit: `${u}.service`, prop: "ActiveState", values: ["failed"], timeoutMs: 3000 },
          { do: "show", unit: `${u}.service`, props: ["ActiveState", "NRestarts", "StartLimitIntervalUSec", "StartLimitBurst"], label: `${u}-limits` },
        ]).concat([
          { do: "sleep", seconds: 10.5 },
          { do: "start", unit: "svc.service", label: "svc-manual" },
          { do: "start", unit: "unit.service", label: "unit-manual" },
          { do: "sleep", seconds: 0.5 },
        ]),
      }),
    );

    it("UL103: [Service] StartLimitIntervalSec=60 is an unknown key; the limit stays 10 s / 3", { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint({ "svc.service": units["svc.service"] }, "svc.service");
      expect(said.rules).toContain("UL103");
      expect(said.loop).toEqual({ kind: "trips", starts: 3, withinSec: 0 });
      const r = await scenario();
      expect(r.logged("svc.service:4: Unknown key 'StartLimitIntervalSec' in section [Service], ignoring.")).toHaveLength(1);
      expect(r.step("svc-limits").props).toMatchObject({ ActiveState: "failed", StartLimitIntervalUSec: "10s", StartLimitBurst: "3", NRestarts: "3" });
      const starts = r.starts("svc.service");
      const manual = r.step("svc-manual");
      expect(starts.filter((t) => t < manual.t0)).toHaveLength(3);
      expect(r.logged(refused("svc.service")).filter((l) => l.t < manual.t0)).toHaveLength(1);
      // 10 s later the window has closed: the manual start is accepted and the storm runs again.
      expect(manual.rc).toBe(0);
      expect(starts.filter((t) => t >= manual.t0)).toHaveLength(3);
      expect(r.logged(refused("svc.service"))).toHaveLength(2);
    });

    it("UL103 fix: StartLimitIntervalSec=60 in [Unit] is accepted: 3 starts, refused, and still refused 10 s later", { timeout: TIMEOUT }, async ({ expect }) => {
      expect(unitlint({ "unit.service": units["unit.service"] }, "unit.service").rules).not.toContain("UL103");
      const r = await scenario();
      expect(r.logged("unit.service").filter((l) => l.text.includes("Unknown key"))).toHaveLength(0);
      expect(r.step("unit-limits").props).toMatchObject({ ActiveState: "failed", StartLimitIntervalUSec: "1min", StartLimitBurst: "3", NRestarts: "3" });
      expect(r.starts("unit.service")).toHaveLength(3);
      // Refused again. systemctl blames "the control process" because Result= is still
      // exit-code; only the manager's log names the start limit.
      const manual = r.step("unit-manual");
      expect(manual.rc).not.toBe(0);
      expect(manual.output).toContain("Job for unit.service failed");
      expect(r.logged(refused("unit.service"))).toHaveLength(2);
    });
  });

  describe("UL104 Restart=on-failure and clean exits", () => {
    const longRunning = (extra: string): string => `[Service]\n${extra}\nExecStart=/bin/sh -c '${LOG_START}; exec sleep 600'\n`;
    const killSteps = (via: "kill" | "systemctl"): Scenario["steps"] => [
      { do: "start", unit: "a.service" },
      { do: "sleep", seconds: 0.3 },
      { do: "show", unit: "a.service", label: "before" },
      { do: "kill", unit: "a.service", signal: "TERM", via, label: "kill" },
      { do: "sleep", seconds: 0.8 },
      { do: "show", unit: "a.service", label: "after" },
    ];

    for (const via of ["kill", "systemctl"] as const) {
      it(`UL104: Restart=on-failure, SIGTERM from outside (${via === "kill" ? "kill PID" : "systemctl --user kill"}): not restarted, inactive with Result=success`, { timeout: TIMEOUT }, async ({ expect }) => {
        const units = { "a.service": longRunning("Restart=on-failure") };
        expect(unitlint(units).rules).toContain("UL104");
        const r = await run({ name: `ul104-term-${via}`, logLevel: "debug", units, steps: killSteps(via) });
        expect(r.step("before").props.ActiveState).toBe("active");
        expect(r.step("kill").rc).toBe(0);
        expect(r.starts("a.service")).toHaveLength(1);
        expect(r.logged("a.service: Main process exited, code=killed, status=15/TERM")).toHaveLength(1);
        expect(r.logged("a.service: Service will not restart (restart setting)")).toHaveLength(1);
        expect(r.logged("Scheduled restart job")).toHaveLength(0);
        expect(r.step("after").props).toMatchObject({ ActiveState: "inactive", Result: "success", NRestarts: "0" });
      });
    }

    it("UL104: Restart=always, SIGTERM from outside: restarted and active again", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": longRunning("Restart=always") };
      expect(unitlint(units).rules).not.toContain("UL104");
      const r = await run({ name: "ul104-term-always", logLevel: "debug", units, steps: killSteps("kill") });
      expect(r.starts("a.service")).toHaveLength(2);
      expect(r.logged("a.service: Scheduled restart job, restart counter is at 1.")).toHaveLength(1);
      const after = r.step("after").props;
      expect(after).toMatchObject({ ActiveState: "active", SubState: "running", NRestarts: "1" });
      expect(after.MainPID).not.toBe(r.step("before").props.MainPID);
    });

    it("UL104: Restart=on-failure, exit 78: restarted", { timeout: TIMEOUT }, async ({ expect }) => {
      const r = await run({
        name: "ul104-exit78",
        logLevel: "debug",
        units: { "a.service": `[Service]\nRestart=on-failure\nRestartSec=200ms\nExecStart=/bin/sh -c '${LOG_START}; exit 78'\n` },
        steps: [{ do: "start", unit: "a.service" }, { do: "sleep", seconds: 0.7 }, { do: "show", unit: "a.service", label: "end" }],
      });
      expect(r.starts("a.service").length).toBeGreaterThanOrEqual(2);
      expect(r.logged("a.service: Main process exited, code=exited, status=78/CONFIG").length).toBeGreaterThanOrEqual(2);
      expect(r.logged("a.service: Scheduled restart job, restart counter is at 1.")).toHaveLength(1);
      // (ExecMainStatus is not checked: a show can land just as the next run has started.)
      expect(Number(r.step("end").props.NRestarts)).toBeGreaterThanOrEqual(1);
    });

    it("UL104: Restart=always + RestartPreventExitStatus=78, exit 78: not restarted, failed", { timeout: TIMEOUT }, async ({ expect }) => {
      const r = await run({
        name: "ul104-prevent",
        logLevel: "debug",
        units: { "a.service": `[Service]\nRestart=always\nRestartPreventExitStatus=78\nExecStart=/bin/sh -c '${LOG_START}; exit 78'\n` },
        steps: [{ do: "start", unit: "a.service" }, { do: "sleep", seconds: 0.7 }, { do: "show", unit: "a.service", label: "end" }],
      });
      expect(r.starts("a.service")).toHaveLength(1);
      expect(r.logged("Scheduled restart job")).toHaveLength(0);
      expect(r.step("end").props).toMatchObject({ ActiveState: "failed", Result: "exit-code", ExecMainStatus: "78", NRestarts: "0" });
    });
  });

  describe("UL105 Type=oneshot + Restart=", () => {
    const oneshot = (restart: string): string => `[Service]\nType=oneshot\nRestart=${restart}\nExecStart=/bin/sh -c '${LOG_START}'\n`;
    const steps: Scenario["steps"] = [
      { do: "show", unit: "a.service", label: "load" },
      { do: "start", unit: "a.service", label: "start" },
    ];

    it("UL105: Type=oneshot + Restart=always refuses to load (bad-setting)", { timeout: TIMEOUT }, async ({ expect }) => {
      expect(unitlint({ "a.service": oneshot("always") }).rules).toContain("UL105");
      const r = await run({ name: "ul105-always", units: { "a.service": oneshot("always") }, steps });
      expect(r.step("load").props.LoadState).toBe("bad-setting");
      expect(
        r.logged("a.service: Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing."),
      ).not.toHaveLength(0);
      expect(r.step("start").rc).not.toBe(0);
      expect(r.step("start").output).toContain("bad unit file setting");
      expect(r.starts("a.service")).toHaveLength(0);
    });

    it("UL105 fix: Type=oneshot + Restart=on-failure loads and runs", { timeout: TIMEOUT }, async ({ expect }) => {
      expect(unitlint({ "a.service": oneshot("on-failure") }).rules).not.toContain("UL105");
      const r = await run({ name: "ul105-onfailure", units: { "a.service": oneshot("on-failure") }, steps });
      expect(r.step("load").props.LoadState).toBe("loaded");
      expect(r.logged("Refusing")).toHaveLength(0);
      expect(r.step("start").rc).toBe(0);
      expect(r.starts("a.service")).toHaveLength(1);
    });
  });

  describe("UL106 ExecStart= added by a drop-in", () => {
    // One manager: first the drop-in without the reset, then the fixed drop-in and a daemon-reload.
    const load = (label: string): Scenario["steps"][number] => ({ do: "show", unit: "a.service", props: ["LoadState", "ExecStart", "DropInPaths"], label });
    const scenario = once(() =>
      run({
        name: "ul106",
        units: { "a.service": "[Service]\nExecStart=/bin/true\n", "a.service.d/override.conf": "[Service]\nExecStart=/bin/false\n" },
        steps: [
          load("broken"),
          { do: "start", unit: "a.service", label: "start-broken" },
          { do: "write", files: { "a.service.d/override.conf": "[Service]\nExecStart=\nExecStart=/bin/false\n" } },
          { do: "daemon-reload", label: "reload" },
          load("fixed"),
          { do: "start", unit: "a.service", label: "start-fixed" },
        ],
      }),
    );

    it("UL106: a drop-in ExecStart= without the empty reset makes two ExecStart= and the unit refuses to load", { timeout: TIMEOUT }, async ({ expect }) => {
      expect(unitlint({ "a.service": "[Service]\nExecStart=/bin/true\n", "a.service.d/override.conf": "[Service]\nExecStart=/bin/false\n" }).rules).toContain("UL106");
      const r = await scenario();
      expect(r.step("broken").props.LoadState).toBe("bad-setting");
      expect(r.step("broken").props.DropInPaths).toContain("a.service.d/override.conf");
      expect(
        r.logged("a.service: Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing."),
      ).not.toHaveLength(0);
      expect(r.step("start-broken").rc).not.toBe(0);
      expect(r.step("start-broken").output).toContain("bad unit file setting");
    });

    it("UL106 fix: `ExecStart=` first in the drop-in resets the list; the unit loads with the drop-in's command only", { timeout: TIMEOUT }, async ({ expect }) => {
      expect(unitlint({ "a.service": "[Service]\nExecStart=/bin/true\n", "a.service.d/override.conf": "[Service]\nExecStart=\nExecStart=/bin/false\n" }).rules).not.toContain("UL106");
      const r = await scenario();
      expect(r.step("reload").rc).toBe(0);
      const fixed = r.step("fixed").props;
      expect(fixed.LoadState).toBe("loaded");
      expect(fixed.ExecStart).toContain("path=/bin/false");
      expect(fixed.ExecStart).not.toContain("/bin/true");
      expect(r.log.filter((l) => l.t > r.step("reload").t0 && l.text.includes("Refusing"))).toHaveLength(0);
      expect(r.step("start-fixed").rc).toBe(0);
    });
  });

  describe("UL107 no ExecStart=", () => {
    const steps: Scenario["steps"] = [
      { do: "show", unit: "a.service", label: "load" },
      { do: "start", unit: "a.service", label: "start" },
      { do: "show", unit: "a.service", label: "started" },
      { do: "stop", unit: "a.service", label: "stop" },
    ];

    it("UL107: Type=simple without ExecStart= refuses to load", { timeout: TIMEOUT }, async ({ expect }) => {
      expect(unitlint({ "a.service": "[Service]\nType=simple\n" }).rules).toContain("UL107");
      const r = await run({ name: "ul107-simple", units: { "a.service": "[Service]\nType=simple\n" }, steps });
      expect(r.step("load").props.LoadState).toBe("bad-setting");
      expect(r.logged("a.service: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.")).not.toHaveLength(0);
      expect(r.step("start").rc).not.toBe(0);
    });

    it("UL107: Type=simple with only ExecStop= refuses to load (no ExecStart= is for oneshot only)", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": `[Service]\nType=simple\nExecStop=/bin/sh -c '${LOG_START}'\n` };
      expect(unitlint(units).rules).toContain("UL107");
      const r = await run({ name: "ul107-simple-stop", units, steps });
      expect(r.step("load").props.LoadState).toBe("bad-setting");
      expect(r.logged("a.service: Service has no ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.")).not.toHaveLength(0);
      expect(r.step("start").rc).not.toBe(0);
      expect(r.starts("a.service")).toHaveLength(0);
    });

    it("UL107 fix: Type=oneshot + RemainAfterExit=yes with only ExecStop= loads, stays active (exited), runs ExecStop= on stop", { timeout: TIMEOUT }, async ({ expect }) => {
      const units = { "a.service": `[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStop=/bin/sh -c '${LOG_START}'\n` };
      expect(unitlint(units).rules).not.toContain("UL107");
      const r = await run({
        name: "ul107-oneshot",
        units,
        steps,
      });
      expect(r.step("load").props.LoadState).toBe("loaded");
      expect(r.logged("Refusing")).toHaveLength(0);
      expect(r.step("start").rc).toBe(0);
      expect(r.step("started").props).toMatchObject({ ActiveState: "active", SubState: "exited" });
      expect(r.step("stop").rc).toBe(0);
      expect(r.starts("a.service")).toHaveLength(1); // ExecStop= logged once
    });
  });
});
