/**
 * `unitlint doctor --user` against a real systemd user manager (harness.ts,
 * ../shared/docs/real-systemd.md). In one manager:
 *
 * - orphan.service starts a listener and moves it out of the manager's tree into
 *   the scenario's own cgroup, where a process started by hand in a shell would
 *   be: from then on nothing of the manager owns it (its oneshot unit is gone);
 * - gateway.service wants the same port, fails to bind it and restarts for ever;
 * - giveup.service exits at once with the default limits and gives up;
 * - doctor.service runs the built binary (`doctor --user --format json --watch 2`)
 *   inside the namespace, as an operator would on that host, and writes its
 *   report, stderr and exit code to a directory outside the namespace.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, it } from "vitest";
import { BIN, ensureBuilt } from "../helpers/bin.js";
import { parseShow } from "../../src/doctor/systemctl.js";
import { countRuns, runChecked, systemdAvailable, type ScenarioResult } from "./harness.js";

const available = systemdAvailable();
const TITLE = available.ok ? `real systemd ${available.version} user manager` : `SKIPPED: real systemd not available: ${available.why}`;
const TIMEOUT = 180_000;
const counted = countRuns(available, "real-systemd doctor tests", available.ok ? `systemd ${available.version}` : "");

const UNIT_DIR = "/root/.config/systemd/user";

/** A free TCP port on 127.0.0.1 (the namespace shares the host's network). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Python one-liners (no `%` or `$`, which unit files would expand). argv is ['-c', '--port', PORT].
const LISTEN = "import socket,sys,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1); s.bind(('127.0.0.1',int(sys.argv[2]))); s.listen(); time.sleep(600)";
/** Moves itself to the top of the scenario's cgroup (every hierarchy systemd uses), forks, and the child listens. */
const orphan = (out: string): string =>
  "import os,sys,socket,time; " +
  "h=lambda c: '/sys/fs/cgroup/systemd' if c=='name=systemd' else ('/sys/fs/cgroup/unified' if os.path.isdir('/sys/fs/cgroup/unified') else '/sys/fs/cgroup'); " +
  "[open(h(c)+'/'+p.split('/')[1]+'/cgroup.procs','w').write(str(os.getpid())) for n,c,p in [l.split(':',2) for l in open('/proc/self/cgroup').read().split()] if c in ('','name=systemd')]; " +
  "os.fork() and sys.exit(0); os.setsid(); " +
  "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1); s.bind(('127.0.0.1',int(sys.argv[2]))); s.listen(); " +
  `open('${out}/orphan.pid','w').write(str(os.getpid())); time.sleep(600)`;

interface Run {
  r: ScenarioResult;
  port: number;
  orphanPid: number;
  report: { findings: Array<{ rule: string; name: string; severity: string; message: string; unit: string | null; path: string; line: number }>; summary: Record<string, number> };
  stderr: string;
  exitCode: number;
}

let result: Promise<Run> | null = null;

async function runIt(): Promise<Run> {
  ensureBuilt();
  const port = await freePort();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-doctor-"));
  fs.chmodSync(out, 0o755);
  try {
    const r = await runChecked({
      name: "doctor",
      budgetSec: 90,
      units: {
        "orphan.service": `[Service]\nType=oneshot\nExecStart=/usr/bin/python3 -c "${orphan(out)}" --port ${port}\n`,
        "gateway.service": `[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/usr/bin/python3 -c "${LISTEN}" --port ${port}\nRestart=always\nRestartSec=1\n`,
        "giveup.service": "[Service]\nExecStart=/bin/false\nRestart=always\n",
        "doctor.service":
          `[Service]\nType=oneshot\nTimeoutStartSec=60\nEnvironment=XDG_RUNTIME_DIR=/run/user/0\n` +
          `ExecStart=/bin/sh -c '${process.execPath} ${BIN} doctor --user --format json --watch 2 --no-config >${out}/doctor.json 2>${out}/doctor.err; echo $$? >${out}/doctor.rc'\n`,
      },
      steps: [
        { do: "start", unit: "orphan.service", label: "orphan" },
        { do: "sleep", seconds: 0.5 },
        { do: "start-noblock", unit: "gateway.service" },
        { do: "start-noblock", unit: "giveup.service" },
        { do: "sleep", seconds: 3 },
        { do: "show", unit: "giveup.service", label: "giveup" },
        { do: "show", unit: "gateway.service", label: "before" },
        { do: "start", unit: "doctor.service", label: "doctor" },
        { do: "show", unit: "gateway.service", label: "after" },
      ],
    });
    const read = (f: string): string => (fs.existsSync(path.join(out, f)) ? fs.readFileSync(path.join(out, f), "utf8") : "");
    const json = read("doctor.json");
    const stderr = read("doctor.err");
    if (!json.startsWith("{")) throw new Error(`doctor wrote no report; stderr: ${stderr}\nmanager log:\n${r.logText}`);
    return { r, port, orphanPid: Number(read("orphan.pid")), report: JSON.parse(json) as Run["report"], stderr, exitCode: Number(read("doctor.rc")) };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe.skipIf(!available.ok)(TITLE, () => {
  beforeAll(() => {
    result = runIt();
    result.catch(() => undefined);
  });
  beforeEach(() => {
    counted();
  });
  const get = (): Promise<Run> => result!;

  it("premise: the orphan holds the port outside the manager, and gateway.service loops on it", { timeout: TIMEOUT }, async ({ expect }) => {
    const { r, orphanPid } = await get();
    expect(r.step("orphan").rc).toBe(0);
    expect(orphanPid).toBeGreaterThan(1);
    expect(r.step("before").props).toMatchObject({ ActiveState: "activating", SubState: "auto-restart", Result: "exit-code", ExecMainStatus: "1" });
    expect(Number(r.step("before").props.NRestarts)).toBeGreaterThanOrEqual(2);
    expect(r.logged("gateway.service: Scheduled restart job").length).toBeGreaterThanOrEqual(2);
  });

  it("doctor --user --format json exits 1 and says on stderr what it could not check (no journal, no timedated here)", { timeout: TIMEOUT }, async ({ expect }) => {
    const { exitCode, stderr, r } = await get();
    expect(r.step("doctor").rc).toBe(0);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/^unitlint doctor: clock not checked: /m);
  });

  it("UL801: reports the restart loop of gateway.service with its NRestarts", { timeout: TIMEOUT }, async ({ expect }) => {
    const { report, r } = await get();
    const loops = report.findings.filter((f) => f.rule === "UL801");
    expect(loops.map((f) => [f.unit, f.severity, f.name, f.path])).toEqual([["gateway.service", "error", "restart-loop", `${UNIT_DIR}/gateway.service`]]);
    const m = /NRestarts=(\d+), up (\d+) in 2 s/.exec(loops[0]!.message);
    expect(m, loops[0]!.message).not.toBeNull();
    const n = Number(m![1]);
    expect(n).toBeGreaterThanOrEqual(Number(r.step("before").props.NRestarts) + 1);
    expect(n).toBeLessThanOrEqual(Number(r.step("after").props.NRestarts));
    expect(Number(m![2])).toBeGreaterThanOrEqual(1);
    expect(loops[0]!.message).toContain("fix the cause, then `systemctl --user restart gateway.service`");
    expect(loops[0]!.message).toContain("`journalctl --user -u gateway.service -n 50`");
  });

  it("UL811: reports the port, the orphan's PID, command line and parent, and the remediation, at the ExecStart= line", { timeout: TIMEOUT }, async ({ expect }) => {
    const { report, port, orphanPid } = await get();
    const holders = report.findings.filter((f) => f.rule === "UL811");
    expect(holders.map((f) => [f.unit, f.severity, f.path, f.line])).toEqual([["gateway.service", "error", `${UNIT_DIR}/gateway.service`, 4]]);
    const msg = holders[0]!.message;
    expect(msg).toContain(`port ${port}/tcp (\`--port ${port}\` in ExecStart=) is held by PID ${orphanPid}, which is not part of gateway.service (`);
    // Between two starts the unit has no cgroup; during one (python starting) it has its own, which the orphan is not in.
    expect(msg).toMatch(/which is not part of gateway\.service \((which has no processes now: ControlGroup= is empty|not under its ControlGroup=\/ul-systest-[^ ]*\/gateway\.service)\): `/);
    expect(msg).toMatch(new RegExp(`\`/usr/bin/python3 -c ".*" --port ${port}\` \\(parent \\d+ \\([^)]+\\), running for \\d+ s, cgroup /ul-systest-[^/]+\\)`));
    expect(msg).toContain(`If it is a stray copy: \`kill ${orphanPid}\`, then \`systemctl --user restart gateway.service\``);
  });

  it("UL802: giveup.service (exits at once, default limits) is reported as given up, with the manager's NRestarts", { timeout: TIMEOUT }, async ({ expect }) => {
    const { report, r } = await get();
    const shown = r.step("giveup").props;
    expect(shown).toMatchObject({ ActiveState: "failed", Result: "exit-code" });
    // doctor's parser reads real systemctl show output as the harness does.
    expect(parseShow(r.step("giveup").output)).toEqual([shown]);
    const gaveUp = report.findings.filter((f) => f.rule === "UL802");
    expect(gaveUp.map((f) => [f.unit, f.severity, f.name])).toEqual([["giveup.service", "error", "start-limit-gave-up"]]);
    expect(gaveUp[0]!.message).toBe(
      `giveup.service gave up: failed after ${shown.NRestarts} restarts (Result=exit-code, NRestarts=${shown.NRestarts}, exit status 1): the start limit tripped (StartLimitBurst=5 in StartLimitIntervalSec=10s) and nothing will restart it (Restart=always); see why with \`journalctl --user -u giveup.service -n 50\`, fix the cause, then \`systemctl --user reset-failed giveup.service\` and \`systemctl --user restart giveup.service\``,
    );
    expect(r.logged("giveup.service: Start request repeated too quickly.")).toHaveLength(1);
  });

  it("the static findings of the loaded files come with their unit (UL101 on giveup.service: Restart=always at RestartSec's 100 ms default)", { timeout: TIMEOUT }, async ({ expect }) => {
    const { report } = await get();
    const statics = report.findings.filter((f) => /^UL[0-7]/.test(f.rule) && f.unit === "giveup.service");
    expect(statics.map((f) => f.path)).toContain(`${UNIT_DIR}/giveup.service`);
    expect(report.findings.filter((f) => f.unit === "orphan.service" || f.unit === "doctor.service").map((f) => f.rule)).not.toContain("UL801");
  });
});
