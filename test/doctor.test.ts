/**
 * unitlint doctor's parsers and checks (src/doctor/). Parsers get exact input and
 * exact expectations; /proc is read for real (this process listens on a port);
 * journalctl, loginctl and timedatectl run for real where they work here, and
 * recorded output in systemd 252's format (test/doctor/) stands in where they
 * cannot (no systemd as PID 1, no journald, no logind), as the test names say.
 * The whole command against a real manager is test/system/doctor.test.ts.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemRunner, type CommandResult, type Runner } from "../src/doctor/exec.js";
import { checkJournal, countNoise, journalArgs, journalFilesPresent } from "../src/doctor/journal.js";
import { checkAllLinger, lingerFinding, lingerOf, parseLoginctlUser, parsePasswd } from "../src/doctor/linger.js";
import { checkLoops } from "../src/doctor/loops.js";
import { checkPortHolders } from "../src/doctor/port-holders.js";
import { inCgroup, inodeOwners, parseCgroup, parseCmdline, parseProcNetTcp, parseStat, readProcess, socketInode, tcpListeners } from "../src/doctor/proc.js";
import { lintLoaded } from "../src/doctor/static.js";
import { parseListUnits, parseShow, splitPaths, SHOW_PROPERTIES } from "../src/doctor/systemctl.js";
import { checkTime, clockFindings, parseTimedatectl } from "../src/doctor/time.js";
import { runDoctor } from "../src/cli/doctor.js";
import type { CliArgs } from "../src/cli/options.js";
import type { Io } from "../src/cli/main.js";

const FIXTURES = path.join(import.meta.dirname, "doctor");
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const SHOW = parseShow(fixture("systemctl-show.txt"));
const PID1_IS_SYSTEMD = fs.existsSync("/run/systemd/system");
const USER = os.userInfo().username;

/** A Runner answering from a table of "program args" → result; anything else is "not found". */
function fakeRunner(table: Record<string, CommandResult>, calls: string[] = []): Runner {
  return async (program, args) => {
    const key = [program, ...args].join(" ");
    calls.push(key);
    return table[key] ?? { ok: false, code: null, stdout: "", stderr: "", why: `${program} is not installed (not found on PATH)` };
  };
}
const ok = (stdout: string): CommandResult => ({ ok: true, stdout, stderr: "" });

describe("systemctl show / list-units parsing", () => {
  it("parseShow: one block per unit, split at the first =, empty values kept (recorded systemctl show, systemd 252 format)", () => {
    expect(SHOW.map((p) => p.Id)).toEqual(["gateway.service", "backup.service", "proxy.service", "halt.service"]);
    expect(SHOW[0]).toMatchObject({ NRestarts: "609", ControlGroup: "", SubState: "auto-restart" });
    expect(parseShow("Environment=A=1 B=2\nExecMainStatus=0\n\n\nId=b.service\n")).toEqual([{ Environment: "A=1 B=2", ExecMainStatus: "0" }, { Id: "b.service" }]);
    expect(splitPaths(SHOW[0]!.DropInPaths)).toEqual(["/etc/systemd/system/gateway.service.d/10-port.conf", "/etc/systemd/system/gateway.service.d/override.conf"]);
    expect(splitPaths("")).toEqual([]);
    expect(Object.keys(SHOW[0]!).sort()).toEqual([...SHOW_PROPERTIES].sort());
  });

  it("parseListUnits: the first word, without the ● of failed units", () => {
    const text = "  gateway.service loaded activating auto-restart Gateway\n● backup.service  loaded failed     failed       Backup job\n-.slice loaded active active Root Slice\n\n";
    expect(parseListUnits(text)).toEqual(["gateway.service", "backup.service", "-.slice"]);
  });
});

describe("/proc parsing", () => {
  it("parseProcNetTcp: listening sockets only, IPv4 and IPv6 addresses as ss prints them, port and inode", () => {
    const tcp =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
      "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1105 1 000000004b4da902 100 0 0 10 0\n" +
      "   1: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 99871 1 0000000000000000 100 0 0 10 0\n" +
      "   2: 0100007F:ACFB 0100007F:E06C 06 00000000:00000000 03:000012CB 00000000     0        0 0 3 00000000fb2913a6\n";
    expect(parseProcNetTcp(tcp)).toEqual([
      { address: "0.0.0.0", port: 2024, uid: 0, inode: 1105 },
      { address: "127.0.0.1", port: 18789, uid: 1000, inode: 99871 },
    ]);
    const tcp6 =
      "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
      "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2001 1 0 100 0 0 10 0\n" +
      "   1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2002 1 0 100 0 0 10 0\n" +
      "   2: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000    33        0 2003 1 0 100 0 0 10 0\n";
    expect(parseProcNetTcp(tcp6)).toEqual([
      { address: "::", port: 22, uid: 0, inode: 2001 },
      { address: "::1", port: 8080, uid: 0, inode: 2002 },
      { address: "2001:db8::1", port: 80, uid: 33, inode: 2003 },
    ]);
  });

  it("parseCgroup: the name=systemd hierarchy on hybrid hosts, else the unified one", () => {
    const hybrid = "12:pids:/system.slice/a.service\n1:name=systemd:/system.slice/a.service\n0::/system.slice/a.service\n";
    expect(parseCgroup(hybrid)).toBe("/system.slice/a.service");
    expect(parseCgroup("9:name=systemd:/ul-systest-1-x/app.slice/gw.service\n4:memory:/other\n0::/elsewhere\n")).toBe("/ul-systest-1-x/app.slice/gw.service");
    expect(parseCgroup("0::/user.slice/user-1000.slice/user@1000.service/app.slice/gw.service\n")).toBe("/user.slice/user-1000.slice/user@1000.service/app.slice/gw.service");
    expect(parseCgroup("")).toBeNull();
  });

  it("inCgroup: the group itself or below it, not a sibling with the same prefix; never an empty ControlGroup=", () => {
    expect(inCgroup("/system.slice/gw.service", "/system.slice/gw.service")).toBe(true);
    expect(inCgroup("/system.slice/gw.service/payload", "/system.slice/gw.service")).toBe(true);
    expect(inCgroup("/system.slice/gw.service2", "/system.slice/gw.service")).toBe(false);
    expect(inCgroup("/system.slice/gw.service", "")).toBe(false);
  });

  it("parseStat: comm with spaces and parentheses; ppid and starttime (field 22)", () => {
    const stat = "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 12345678 300 18446744073709551615\n";
    expect(parseStat(stat)).toEqual({ comm: "my (odd) prog", ppid: 1, starttime: 987654 });
    expect(parseStat("garbage")).toBeNull();
  });

  it("parseCmdline and socketInode", () => {
    expect(parseCmdline(Buffer.from("/usr/bin/gw\u0000--port\u000018789\u0000--name\u0000a b\u0000"))).toEqual(["/usr/bin/gw", "--port", "18789", "--name", "a b"]);
    expect(parseCmdline(Buffer.from("python3\0-c\0print(1)\0"))).toEqual(["python3", "-c", "print(1)"]);
    expect(socketInode("socket:[99871]")).toBe(99871);
    expect(socketInode("pipe:[99871]")).toBeNull();
  });
});

describe("/proc for real: this process listens on a port", () => {
  let server: net.Server;
  let port: number;
  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("tcpListeners, inodeOwners and readProcess find this process, its command line, parent and cgroup", () => {
    const sockets = tcpListeners(port);
    expect(sockets.map((s) => [s.address, s.port, s.uid])).toEqual([["127.0.0.1", port, process.getuid!()]]);
    const owners = inodeOwners(new Set([sockets[0]!.inode]));
    expect(owners.get(sockets[0]!.inode)).toEqual([process.pid]);
    const p = readProcess(process.pid)!;
    expect(p.args).toEqual(fs.readFileSync("/proc/self/cmdline", "utf8").split("\0").slice(0, -1));
    expect(p.ppid).toBe(process.ppid);
    expect(p.cgroup).toBe(parseCgroup(fs.readFileSync("/proc/self/cgroup", "utf8")));
    expect(p.uid).toBe(process.getuid!());
    expect(p.ageSec).toBeGreaterThanOrEqual(0);
    expect(p.ageSec).toBeLessThan(process.uptime() + 5);
  });

  it("checkPortHolders: a listener outside the unit's ControlGroup is reported with its PID and the remediation, at the ExecStart= line; inside it, nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-doctor-"));
    try {
      const file = path.join(dir, "gw.service");
      fs.writeFileSync(file, `[Service]\nExecStart=/usr/bin/gw --port ${port}\nRestart=always\nRestartSec=5\n`);
      const props = { Id: "gw.service", FragmentPath: file, DropInPaths: "", ActiveState: "activating", SubState: "auto-restart", NRestarts: "12", ControlGroup: "/system.slice/gw.service" };
      const loaded = lintLoaded([props], "system", {}, null);
      const found = checkPortHolders([props], { scope: "system", unitOf: loaded.unitOf });
      expect(found.map((f) => [f.rule, f.name, f.severity, f.unit, f.path, f.line, f.column, f.endColumn])).toEqual([
        ["UL811", "orphan-port-holder", "error", "gw.service", file, 2, 1, 30 + String(port).length],
      ]);
      const self = readProcess(process.pid)!;
      expect(found[0]!.message).toContain(
        `port ${port}/tcp (\`--port ${port}\` in ExecStart=) is held by PID ${process.pid}, which is not part of gw.service (not under its ControlGroup=/system.slice/gw.service): `,
      );
      expect(found[0]!.message).toContain(`(parent ${process.ppid} (${self.parentComm}), running for `);
      expect(found[0]!.message).toContain(
        `; while it does, every start of gw.service fails to bind the port (gw.service is activating/auto-restart, NRestarts=12). If it is a stray copy: \`kill ${process.pid}\`, then \`systemctl restart gw.service\``,
      );
      expect(checkPortHolders([{ ...props, ControlGroup: self.cgroup! }], { scope: "system", unitOf: loaded.unitOf })).toEqual([]);
      // The unit's own files are linted too, and their findings name the unit.
      expect(loaded.findings.every((f) => f.unit === "gw.service" && f.path === file)).toBe(true);
      expect(loaded.pathOf("gw.service")).toBe(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("restart loops (recorded systemctl show, systemd 252 format)", () => {
  const ctx = { scope: "system" as const, later: null, watchSec: 0, pathOf: (id: string) => `/etc/systemd/system/${id}` };

  it("auto-restart is a loop; failed with a restart policy gave up; failed by RestartPreventExitStatus= only failed; restarts of a running unit are info", () => {
    const found = checkLoops(SHOW, ctx);
    expect(found.map((f) => [f.rule, f.name, f.severity, f.unit, f.path])).toEqual([
      ["UL801", "restart-loop", "error", "gateway.service", "/etc/systemd/system/gateway.service"],
      ["UL802", "start-limit-gave-up", "error", "backup.service", "/etc/systemd/system/backup.service"],
      ["UL804", "restarted", "info", "proxy.service", "/etc/systemd/system/proxy.service"],
      ["UL803", "unit-failed", "warning", "halt.service", "/etc/systemd/system/halt.service"],
    ]);
    expect(found[0]!.message).toBe(
      "gateway.service is in a restart loop: activating/auto-restart, NRestarts=609 (Restart=always, RestartSec=100ms, last result exit-code, exit status 78); see why with `journalctl -u gateway.service -n 50`, fix the cause, then `systemctl restart gateway.service`",
    );
    expect(found[1]!.message).toBe(
      "backup.service gave up: failed after 4 restarts (Result=exit-code, NRestarts=4, exit status 1): the start limit tripped (StartLimitBurst=5 in StartLimitIntervalSec=10s) and nothing will restart it (Restart=on-failure); see why with `journalctl -u backup.service -n 50`, fix the cause, then `systemctl reset-failed backup.service` and `systemctl restart backup.service`",
    );
    expect(found[2]!.message).toBe("proxy.service was restarted 2 times (NRestarts=2) and is active/running now");
    expect(found[3]!.message).toBe("halt.service failed (Result=exit-code, exit status 78, Restart=always); see why with `journalctl -u halt.service -n 50`, then `systemctl restart halt.service`");
  });

  it("--watch: a running unit whose NRestarts grew between the samples is a loop; start-limit-hit is giving up whatever the counter", () => {
    const proxy = SHOW[2]!;
    const later = new Map([["proxy.service", { ...proxy, NRestarts: "5" }]]);
    const found = checkLoops([proxy], { ...ctx, scope: "user", later, watchSec: 5 });
    expect(found.map((f) => f.message)).toEqual([
      "proxy.service is in a restart loop: active/running, NRestarts=5, up 3 in 5 s (Restart=always, RestartSec=5s, last result success, exit status 0); see why with `journalctl --user -u proxy.service -n 50`, fix the cause, then `systemctl --user restart proxy.service`",
    ]);
    const hit = checkLoops([{ ...SHOW[3]!, Id: "x.service", Result: "start-limit-hit", NRestarts: "0" }], ctx);
    expect(hit.map((f) => f.rule)).toEqual(["UL802"]);
  });
});

describe("journal noise", () => {
  it("countNoise: restart and start-failure messages by catalog id, per UNIT= or USER_UNIT= (recorded journalctl -o json)", () => {
    expect([...countNoise(fixture("journalctl.json"))]).toEqual([
      ["gateway.service", { restarts: 2, failures: 1 }],
      ["node.service", { restarts: 1, failures: 0 }],
    ]);
  });

  it("checkJournal: fixed arguments, one finding per unit (recorded output)", async () => {
    const calls: string[] = [];
    const run = fakeRunner({ [["journalctl", ...journalArgs("system")].join(" ")]: ok(fixture("journalctl.json")) }, calls);
    const { findings, note } = await checkJournal(run, "system");
    expect(calls).toEqual(["journalctl --since=-1h --no-pager --output=json MESSAGE_ID=5eb03494b6584870a536b337290809b3 MESSAGE_ID=be02cf6855d2428ba40df7e9d022f03d"]);
    expect(note).toBeNull();
    expect(findings.map((f) => [f.rule, f.severity, f.unit, f.path])).toEqual([
      ["UL821", "info", "gateway.service", ""],
      ["UL821", "info", "node.service", ""],
    ]);
    expect(findings[0]!.message).toBe(
      'the journal of the last hour has 2 "Scheduled restart job" and 1 "Failed to start" messages for gateway.service; read them with `journalctl -u gateway.service --since=-1h` (`systemctl status gateway.service` shows its state)',
    );
  });

  it("checkJournal: journalctl missing gives a note, not a finding", async () => {
    const { findings, note } = await checkJournal(fakeRunner({}), "user");
    expect(findings).toEqual([]);
    expect(note).toBe("journal noise not checked: journalctl is not installed (not found on PATH)");
  });

  const noJournal = journalFilesPresent() === false;
  it.skipIf(!noJournal)(`${noJournal ? "" : "SKIPPED: this host has journal files; "}real journalctl with no journal files (no journald here): exit 0, nothing printed, and a note says why`, async () => {
    const { findings, note } = await checkJournal(systemRunner(process.env), "system");
    expect(findings).toEqual([]);
    expect(note).toBe("journal noise not checked: no journal files in /run/log/journal or /var/log/journal (is systemd-journald running?)");
  });
});

describe("time", () => {
  it("parseTimedatectl and clockFindings (recorded timedatectl show, systemd 252 format: NTP off, not synchronised)", () => {
    const state = parseTimedatectl(fixture("timedatectl-show.txt"));
    expect(state).toEqual({ ntp: false, synchronized: false, timezone: "Etc/UTC" });
    expect(clockFindings(state!).map((f) => [f.rule, f.name, f.severity, f.unit, f.message])).toEqual([
      ["UL841", "clock-not-synchronized", "warning", null, "the system clock is not synchronised (NTPSynchronized=no, NTP=no): timers and logs drift; NTP is off: `timedatectl set-ntp true`"],
    ]);
    expect(clockFindings({ ntp: true, synchronized: true, timezone: null })).toEqual([]);
    expect(clockFindings({ ntp: true, synchronized: false, timezone: null })[0]!.message).toContain("NTP is on but has not synchronised yet");
  });

  it.skipIf(PID1_IS_SYSTEMD)(`${PID1_IS_SYSTEMD ? "SKIPPED: systemd is PID 1 here; " : ""}real timedatectl without systemd as PID 1: a note with its own complaint`, async () => {
    const { findings, note } = await checkTime(systemRunner(process.env));
    expect(findings).toEqual([]);
    expect(note).toBe("clock not checked: `timedatectl show --no-pager` failed (exit 1): System has not been booted with systemd as init system (PID 1). Can't operate.");
  });
});

describe("linger", () => {
  it("parseLoginctlUser (recorded loginctl show-user) and parsePasswd", () => {
    expect(parseLoginctlUser(fixture("loginctl-show-user.txt"))).toEqual({ linger: false, state: "active" });
    expect(parseLoginctlUser("")).toBeNull();
    expect(parsePasswd("root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\nbroken\n")).toEqual([
      { name: "root", uid: 0, home: "/root" },
      { name: "alice", uid: 1000, home: "/home/alice" },
    ]);
  });

  it("checkAllLinger: a user with enabled user units and no linger file (loginctl not working: falls back to /var/lib/systemd/linger)", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-linger-"));
    try {
      const wants = path.join(root, "home/alice/.config/systemd/user/default.target.wants");
      fs.mkdirSync(wants, { recursive: true });
      fs.symlinkSync("../node.service", path.join(wants, "node.service"));
      fs.mkdirSync(path.join(root, "home/bob/.config/systemd/user/default.target.wants"), { recursive: true });
      fs.symlinkSync("../gw.service", path.join(root, "home/bob/.config/systemd/user/default.target.wants/gw.service"));
      const lingerDir = path.join(root, "linger");
      fs.mkdirSync(lingerDir);
      fs.writeFileSync(path.join(lingerDir, "bob"), "");
      const passwd = "alice:x:1000:1000::/home/alice:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\ncarol:x:1002:1002::/home/carol:/bin/sh\n";
      const found = await checkAllLinger(fakeRunner({}), passwd, root, lingerDir);
      expect(found.map((f) => [f.rule, f.name, f.severity, f.unit, f.message])).toEqual([
        [
          "UL831",
          "user-without-linger",
          "warning",
          null,
          "alice has enabled user units (node.service) but no linger (no /var/lib/systemd/linger/alice): they start only when alice logs in, and stop when alice's last session ends; `loginctl enable-linger alice`",
        ],
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("lingerOf from loginctl output (recorded), and lingerFinding's message for it", async () => {
    const state = await lingerOf(fakeRunner({ "loginctl show-user --property=Linger --property=State -- alice": ok(fixture("loginctl-show-user.txt")) }), "alice", "/nonexistent");
    expect(state).toEqual({ linger: false, state: "active", source: "loginctl" });
    expect(lingerFinding("alice", ["a.service", "b.service"], state)!.message).toBe(
      "alice has enabled user units (a.service, b.service) but no linger (Linger=no, State=active): they start only when alice logs in, and stop when alice's last session ends; `loginctl enable-linger alice`",
    );
    expect(lingerFinding("alice", [], state)).toBeNull();
  });

  it.skipIf(PID1_IS_SYSTEMD)(`${PID1_IS_SYSTEMD ? "SKIPPED: systemd is PID 1 here; " : ""}real loginctl without logind fails, and linger is read from the linger directory`, async () => {
    const r = await systemRunner(process.env)("loginctl", ["show-user", "--property=Linger", "--", "root"]);
    expect(r.ok).toBe(false);
    expect(await lingerOf(systemRunner(process.env), "root", "/nonexistent")).toEqual({ linger: false, state: null, source: "file" });
  });
});

describe("running commands", () => {
  it("a missing program, a timeout, a failure: each with a clear reason; never a program outside the list", async () => {
    const missing = await systemRunner({ PATH: "/nonexistent" })("systemctl", ["--version"]);
    expect(missing).toMatchObject({ ok: false, code: null, why: "systemctl is not installed (not found on PATH)" });
    const slow = await systemRunner(process.env, 300)("journalctl", ["--follow", "--no-pager"]);
    expect(slow).toMatchObject({ ok: false, why: "`journalctl --follow --no-pager` did not finish within 0.3 s" });
    const failed = await systemRunner(process.env)("systemctl", ["--no-such-option"]);
    expect(failed).toMatchObject({ ok: false, code: 1, why: "`systemctl --no-such-option` failed (exit 1): systemctl: unrecognized option '--no-such-option'" });
    await expect(systemRunner(process.env)("sh" as "ss", ["-c", "true"])).rejects.toThrow("doctor may not run sh");
  });

  it("real ss runs with its fixed arguments", async () => {
    const r = await systemRunner(process.env)("ss", ["-tln"]);
    expect(r.ok).toBe(true);
    expect(r.ok && r.stdout.split("\n")[0]).toMatch(/^State\s+Recv-Q\s+Send-Q\s+Local Address:Port/);
  });
});

describe("unitlint doctor (CLI, recorded manager output)", () => {
  const io = (): Io & { out: string; err: string } => {
    const o = { out: "", err: "", stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t), readStdin: () => Buffer.alloc(0), env: {}, isTTY: false, cwd: "/" };
    return o;
  };
  const args = (extra: Partial<CliArgs> = {}): CliArgs => ({ paths: ["doctor"], format: "json", inlineConfig: true, quiet: false, fix: false, unsafeFixes: false, diff: false, dropIn: false, vendor: false, config: false, systemdVersion: "252", ...extra });
  const LIST = "systemctl --user list-units --type=service --all --plain --no-legend --full --no-pager";
  const show = (names: string[]): string => ["systemctl", "--user", "show", "--no-pager", ...SHOW_PROPERTIES.map((p) => `--property=${p}`), "--", ...names].join(" ");
  const table = {
    [LIST]: ok("gateway.service loaded activating auto-restart Gateway\nproxy.service loaded active running Proxy\n"),
    [show(["gateway.service", "proxy.service"])]: ok(fixture("systemctl-show.txt").split("\n\nId=backup")[0] + "\n\n" + "Id=proxy.service" + fixture("systemctl-show.txt").split("\n\nId=proxy.service")[1]!.split("\n\nId=halt")[0] + "\n"),
    "timedatectl show --no-pager": ok(fixture("timedatectl-show.txt")),
    [`loginctl show-user --property=Linger --property=State -- ${USER}`]: ok(fixture("loginctl-show-user.txt")),
  };
  const LINGER = `${USER} has enabled user units (proxy.service) but no linger (Linger=no, State=active): they start only when ${USER} logs in, and stop when ${USER}'s last session ends; \`loginctl enable-linger ${USER}\``;

  it("--format json: the findings with their unit, notes on stderr, exit 1", async () => {
    const o = io();
    const code = await runDoctor(args({ user: true }), o, { run: fakeRunner(table), proc: "/nonexistent" });
    expect(o.err).toBe("unitlint doctor: journal noise not checked: journalctl is not installed (not found on PATH)\n");
    const report = JSON.parse(o.out) as { findings: Array<{ rule: string; unit: string | null; severity: string }>; summary: unknown };
    expect(report.findings.map((f) => [f.rule, f.unit, f.severity])).toEqual([
      ["UL801", "gateway.service", "error"],
      ["UL804", "proxy.service", "info"],
      ["UL831", null, "warning"],
      ["UL841", null, "warning"],
    ]);
    expect(report.summary).toEqual({ errors: 1, warnings: 2, infos: 1, units: 0 });
    expect(code).toBe(1);
  });

  it("--fail-on error --quiet with only warnings: exit 0; stylish groups by unit", async () => {
    const quiet = { ...table, [LIST]: ok("proxy.service loaded active running Proxy\n"), [show(["proxy.service"])]: table[show(["gateway.service", "proxy.service"])]!.ok ? ok("Id=proxy.service" + fixture("systemctl-show.txt").split("\n\nId=proxy.service")[1]!.split("\n\nId=halt")[0] + "\n") : ok("") };
    const o = io();
    expect(await runDoctor(args({ user: true, format: "stylish", failOn: "error" }), o, { run: fakeRunner(quiet), proc: "/nonexistent" })).toBe(0);
    expect(o.out).toBe(
      `proxy.service\n  info     proxy.service was restarted 2 times (NRestarts=2) and is active/running now  UL804\n\nhost\n  warning  ${LINGER}  UL831\n  warning  the system clock is not synchronised (NTPSynchronized=no, NTP=no): timers and logs drift; NTP is off: \`timedatectl set-ntp true\`  UL841\n\n✖ 3 problems (0 errors, 2 warnings, 1 infos; 0 unit files checked)\n`,
    );
  });

  it("bad --watch, paths and linter-only options are tool errors (exit 2)", async () => {
    for (const [extra, message] of [
      [{ watch: "0" }, 'unitlint doctor: --watch "0": expected a number of seconds from 1 to 9999\n'],
      [{ paths: ["doctor", "x.service"] }, 'unitlint doctor: takes no paths (it asks the running manager), got "x.service"\n'],
      [{ fix: true }, "unitlint doctor: --fix is not an option of unitlint doctor\n"],
    ] as const) {
      const o = io();
      expect(await runDoctor(args(extra as Partial<CliArgs>), o, { run: fakeRunner(table) })).toBe(2);
      expect(o.err).toBe(message);
    }
  });

  it.skipIf(PID1_IS_SYSTEMD)(`${PID1_IS_SYSTEMD ? "SKIPPED: systemd is PID 1 here; " : ""}real systemctl without systemd as PID 1: exit 2 with systemctl's own complaint`, async () => {
    const o = io();
    expect(await runDoctor(args(), { ...o, env: process.env })).toBe(2);
    expect(o.err).toBe(
      "unitlint doctor: cannot read the system manager's units: `systemctl list-units --type=service --all --plain --no-legend --full --no-pager` failed (exit 1): System has not been booted with systemd as init system (PID 1). Can't operate.\n",
    );
  });
});
