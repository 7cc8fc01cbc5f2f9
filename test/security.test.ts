/**
 * The exposure score (src/security/) and `unitlint security` (src/cli/security.ts): exact tables,
 * scores and JSON for a few units, the formula, version quirks, user units, and the secret
 * detection of UL401. The agreement with systemd-analyze itself is proved in
 * test/oracle/security.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { parseThreshold, runSecurity, type SecurityJson, type SecurityOptions } from "../src/cli/security.js";
import type { Io } from "../src/cli/main.js";
import { SECURITY_CHECKS } from "../src/data/security.generated.js";
import { lintText } from "../src/engine/lint.js";
import type { Settings } from "../src/engine/settings.js";
import { discover } from "../src/model/discover.js";
import { loadProject } from "../src/model/load.js";
import type { Unit } from "../src/model/unit.js";
import { canDo } from "../src/security/descriptions.js";
import { formatExposure, levelOf } from "../src/security/levels.js";
import { assessUnit, score, type Assessment } from "../src/security/score.js";
import { credentialReason, environmentAssignments } from "../src/security/secrets.js";
import { scoreUnit } from "../src/security/user-scope.js";
import { treeTracker } from "./helpers/tree.js";

const REPO = path.resolve(import.meta.dirname, "..");
const trees = treeTracker();
afterEach(() => trees.cleanupAll());

const WEB = "[Service]\nExecStart=/usr/sbin/webd\nDynamicUser=yes\nPrivateNetwork=yes\nProtectHome=read-only\nSystemCallFilter=@system-service\nRestrictAddressFamilies=AF_UNIX\nCapabilityBoundingSet=\n";
const PLAIN = "[Service]\nExecStart=/usr/sbin/daemon\n";

/** Loads the units of a tree (files relative to its root). */
function units(spec: Record<string, string>): Map<string, Unit> {
  const t = trees.make(spec);
  const project = loadProject(discover(Object.keys(spec), { cwd: t.root }), { cwd: t.root });
  return new Map(project.units.map((u) => [u.path, u]));
}

function unitOf(text: string, file = "etc/systemd/system/x.service"): Unit {
  return units({ [file]: text }).get(file)!;
}

const shown = (a: Assessment): string => `${formatExposure(a.exposure)} ${a.level}`;
const badness = (a: Assessment, jsonField: string): number | null | undefined => a.rows.find((r) => r.row.jsonField === jsonField)?.badness;

function run(paths: string[], options: Partial<SecurityOptions>, files: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const t = trees.make(files);
  const out = { stdout: "", stderr: "" };
  const io: Io = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), readStdin: () => Buffer.alloc(0), env: {}, isTTY: false, cwd: t.root };
  const code = runSecurity(paths, { systemdVersion: 252, ...options }, io);
  return { code, ...out };
}

describe("the score", () => {
  it("is ceil(100 · Σ ceil(badness · weight / range) / Σ weight) over the rows that apply", () => {
    const [user, groups, devices] = SECURITY_CHECKS;
    // 2000·10/10 = 2000, 200 (n/a), 1000·1/1 = 1000 → ceil(100 · 3000 / 3000) = 100
    expect(score([{ row: user!, badness: 10 }, { row: groups!, badness: null }, { row: devices!, badness: 1 }]).exposure).toBe(100);
    // ceil(2000·3/10) = 600 → ceil(100 · 600 / 3000) = 20; the row's share: ceil(ceil(3·2000·100/10) / 3000) = 20
    const a = score([{ row: user!, badness: 3 }, { row: devices!, badness: 0 }]);
    expect([a.exposure, a.rows.map((r) => r.exposure)]).toEqual([20, [20, null]]);
  });

  it("names the levels as systemd-analyze does", () => {
    expect([0, 1, 9, 10, 49, 50, 74, 75, 89, 90, 99, 100].map((e) => `${formatExposure(e)} ${levelOf(e)}`)).toEqual([
      "0.0 PERFECT", "0.1 SAFE", "0.9 SAFE", "1.0 OK", "4.9 OK", "5.0 MEDIUM", "7.4 MEDIUM", "7.5 EXPOSED", "8.9 EXPOSED", "9.0 UNSAFE", "9.9 UNSAFE", "10.0 DANGEROUS",
    ]);
  });

  it("gives a service that sets nothing 9.6 under systemd 252, and 9.4 from 254, where an unset PrivateMounts= reads as on", () => {
    const unit = unitOf(PLAIN);
    expect(shown(assessUnit(unit, { version: 252, mode: "systemd" }))).toBe("9.6 UNSAFE");
    expect(shown(assessUnit(unit, { version: 253, mode: "systemd" }))).toBe("9.6 UNSAFE");
    expect(shown(assessUnit(unit, { version: 254, mode: "systemd" }))).toBe("9.4 UNSAFE");
    expect(badness(assessUnit(unitOf(`${PLAIN}PrivateMounts=no\n`), { version: 254, mode: "systemd" }), "PrivateMounts")).toBe(1);
  });

  it("knows which words each release accepts, and where open_tree() belongs", () => {
    const disconnected = unitOf(`${PLAIN}PrivateTmp=disconnected\n`);
    expect(badness(assessUnit(disconnected, { version: 252, mode: "systemd" }), "PrivateTmp")).toBe(1);
    expect(badness(assessUnit(disconnected, { version: 257, mode: "systemd" }), "PrivateTmp")).toBe(0);
    // Denying the @mount calls that exist on x86_64 in 252 includes open_tree(), which 258 moved to @file-system.
    const mount = unitOf(`${PLAIN}SystemCallFilter=~chroot fsconfig fsmount fsopen fspick mount mount_setattr move_mount pivot_root umount2\n`);
    expect(badness(assessUnit(mount, { version: 252, mode: "systemd" }), "SystemCallFilter_mount")).toBe(10);
    expect(badness(assessUnit(mount, { version: 258, mode: "systemd" }), "SystemCallFilter_mount")).toBe(0);
  });

  it("scores a user unit as root up to 261 (as systemd-analyze --user), as unprivileged on main, and honestly as its owner", () => {
    const unit = unitOf(`${PLAIN}ProtectProc=invisible\nPrivateTmp=yes\n`, "home/alice/.config/systemd/user/sync.service");
    expect([unit.scope, unit.owner]).toEqual(["user", "alice"]);
    const at252 = assessUnit(unit, { version: 252, mode: "systemd" });
    expect([shown(at252), badness(at252, "UserOrDynamicUser"), badness(at252, "RemoveIPC"), badness(at252, "KeyringMode")]).toEqual(["9.4 UNSAFE", 10, null, 1]);
    const main = assessUnit(unit, { version: 262, mode: "systemd" });
    expect([badness(main, "UserOrDynamicUser"), badness(main, "SupplementaryGroups"), badness(main, "RemoveIPC")]).toEqual([0, 0, null]);
    const scored = scoreUnit(unit, 252);
    expect([shown(scored.assessment), badness(scored.assessment, "ProtectProc")]).toEqual(["9.2 UNSAFE", 3]);
    expect(scored.notes).toEqual([
      "a user unit: scored as it runs, as alice, not root; systemd-analyze security --user (systemd 252) prints 9.4 UNSAFE",
      "a user manager does not apply ProtectProc=: scored as unset",
    ]);
    // From 254 the sandboxing also turns on PrivateUsers=.
    expect(scoreUnit(unit, 254).notes).toContain("its sandboxing makes a user manager turn on PrivateUsers= (systemd 254 and later)");
    // root's own user manager runs its units as root.
    const rootUnit = unitOf(PLAIN, "root/.config/systemd/user/job.service");
    expect(badness(scoreUnit(rootUnit, 252).assessment, "UserOrDynamicUser")).toBe(10);
  });

  it("describes every check that has only two outcomes", () => {
    const multi = new Set(["user", "protectHome", "protectSystem", "umask", "protectProc", "systemCallArchitectures", "systemCallFilter", "ipAddressAllow", "deviceAllow"]);
    expect(SECURITY_CHECKS.filter((r) => !multi.has(r.assess) && canDo(r) === r.id).map((r) => r.id)).toEqual([]);
  });
});

describe("unitlint security", () => {
  it("prints a table like systemd-analyze's, most exposing checks first, and the overall score", () => {
    const r = run(["web.service"], {}, { "web.service": WEB });
    expect(r).toEqual({ code: 0, stderr: "", stdout: `${TABLE}\n` });
  });

  it("exits 1 when a unit scores above --threshold, and says which", () => {
    const files = { "web.service": WEB, "plain.service": PLAIN };
    const above = run(["."], { threshold: 50 }, files);
    expect([above.code, above.stdout.split("\n").at(-2)]).toEqual([1, "✖ 1 of 2 services above 5.0: plain.service (9.6)"]);
    expect(above.stdout).toContain("→ Overall exposure level for plain.service: 9.6 UNSAFE\n");
    const below = run(["."], { threshold: 96 }, files);
    expect([below.code, below.stdout.split("\n").at(-2)]).toEqual([0, "✔ 2 services assessed: none above 9.6"]);
    expect([parseThreshold("7.5"), parseThreshold("0"), parseThreshold("10")]).toEqual([75, 0, 100]);
    expect(parseThreshold("75")).toMatch(/expected an exposure from 0 to 10 .*systemd-analyze's --threshold=75 is 7.5 here/);
    expect(parseThreshold("7.55")).toMatch(/at most one decimal/);
  });

  it("prints one JSON object that matches schemas/security.schema.json", () => {
    const files = { "etc/systemd/system/web.service": WEB, "home/alice/.config/systemd/user/sync.service": `${PLAIN}ProtectProc=invisible\n`, "etc/systemd/system/t.timer": "[Timer]\nOnCalendar=daily\n" };
    const r = run([], { root: ".", format: "json", systemdVersion: 254 }, files);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.endsWith("}\n") && r.stdout.indexOf("\n") === r.stdout.length - 1).toBe(true);
    const report = JSON.parse(r.stdout) as SecurityJson;
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schemas", "security.schema.json"), "utf8")) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.units.map((u) => [u.path, u.unit, u.scope, u.exposure, u.level, u.notes.length, u.checks.length])).toEqual([
      ["etc/systemd/system/web.service", "web.service", "system", 3.2, "OK", 0, 81],
      ["home/alice/.config/systemd/user/sync.service", "sync.service", "user", 9.2, "UNSAFE", 2, 81],
    ]);
    expect(report.units[0]!.checks.slice(0, 3)).toEqual([
      { id: "UserOrDynamicUser", setting: "User=/DynamicUser=", ok: true, exposure: null },
      { id: "SupplementaryGroups", setting: "SupplementaryGroups=", ok: true, exposure: null },
      { id: "PrivateDevices", setting: "PrivateDevices=", ok: false, exposure: 0.2 },
    ]);
    expect(report.units[1]!.checks.find((c) => c.id === "RemoveIPC")).toEqual({ id: "RemoveIPC", setting: "RemoveIPC=", ok: null, exposure: null });
  });

  it("is a tool error (exit 2) without paths, for a missing path, and for standard input", () => {
    expect(run([], {}, {})).toEqual({ code: 2, stdout: "", stderr: 'unitlint security: no paths given\nRun e.g. "unitlint security /etc/systemd/system".\n' });
    expect(run(["nope.service"], {}, {})).toEqual({ code: 2, stdout: "", stderr: 'unitlint security: no such file or directory: "nope.service"\n' });
    expect(run(["-"], {}, {}).code).toBe(2);
  });

  it("notes that systemd refuses a unit for a line of its main file, and gives it no score", () => {
    const refused = run(["bad.service"], { format: "json" }, { "bad.service": `${PLAIN}User=%i\n` });
    expect((JSON.parse(refused.stdout) as SecurityJson).units.map((u) => [u.unit, u.notes])).toEqual([
      ["bad.service", [`systemd refuses to load this unit (its parser fails on line 3; \`unitlint\` says why), so systemd-analyze security gives it no score: this is the score of its settings as written`]],
    ]);
  });

  it("notes each drop-in systemd stops reading at a line its parser fails on, and scores without the lines from there", () => {
    const files = {
      "web.service": PLAIN,
      "web.service.d/a.conf": "[Service]\nPrivateTmp=yes\nUser=%i\nProtectSystem=strict\n",
      "web.service.d/b.conf": "[Service]\nExecStart=\nExecStart=/bin/x\n",
      "plain.service": `${PLAIN}PrivateTmp=yes\n`,
    };
    const units = (JSON.parse(run(["web.service", "plain.service"], { format: "json" }, files).stdout) as SecurityJson).units;
    expect(units.map((u) => [u.unit, u.notes])).toEqual([
      ["plain.service", []],
      ["web.service", ["systemd stops reading web.service.d/a.conf at line 3 (its parser fails there; `unitlint` says why): the settings from that line on are not applied, nor counted here"]],
    ]);
    // PrivateTmp=yes (line 2) counts; ProtectSystem=strict (line 4) does not: the same score as plain.service.
    expect(units[1]!.exposure).toBe(units[0]!.exposure);
  });

  it("says when there is no service to assess", () => {
    expect(run(["t.timer"], {}, { "t.timer": "[Timer]\nOnCalendar=daily\n" })).toEqual({ code: 0, stdout: "✔ no service to assess\n", stderr: "" });
  });
});

describe("UL403 sandboxing-exposure", () => {
  const ul403 = (text: string, settings: Partial<Settings> = {}) =>
    lintText(text, "agent.service", { settings: { systemdVersion: 252, ...settings } })
      .findings.filter((f) => f.rule === "UL403")
      .map((f) => [f.line, f.severity, f.message]);
  /** A service systemd rates OK (2.1): everything but a user, a network cut and a device list. */
  const OK_LEVEL = `${PLAIN}PrivateTmp=yes\nProtectSystem=strict\nProtectHome=yes\nNoNewPrivileges=yes\nCapabilityBoundingSet=\nProtectKernelTunables=yes\nProtectKernelModules=yes\nProtectKernelLogs=yes\nProtectControlGroups=yes\nProtectClock=yes\nProtectHostname=yes\nRestrictNamespaces=yes\nSystemCallFilter=@system-service\nSystemCallArchitectures=native\nLockPersonality=yes\nRestrictRealtime=yes\nRestrictSUIDSGID=yes\nMemoryDenyWriteExecute=yes\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\nProtectProc=invisible\nProcSubset=pid\nUMask=0077\nPrivateUsers=yes\n`;

  it("reports every long-running service systemd rates MEDIUM or worse, with its largest gaps and what closing them gives", () => {
    expect(ul403(PLAIN)).toEqual([
      [
        1,
        "info",
        "exposure 9.6 UNSAFE (systemd-analyze security's score for systemd 252); the largest gaps: CapabilityBoundingSet=, SystemCallFilter= and RestrictNamespaces=, which would bring it to 4.8; `unitlint security` lists every check",
      ],
    ]);
  });

  it("says which settings make a service worse than systemd's defaults", () => {
    expect(ul403(`${PLAIN}AmbientCapabilities=CAP_NET_ADMIN\nNotifyAccess=all\n`)).toEqual([
      [
        1,
        "info",
        "exposure 9.8 UNSAFE (systemd-analyze security's score for systemd 252), more than the 9.6 of the same service with systemd's defaults because of its NotifyAccess= and AmbientCapabilities=; the largest gaps: CapabilityBoundingSet=, SystemCallFilter= and RestrictNamespaces=, which would bring it to 5.0; `unitlint security` lists every check",
      ],
    ]);
  });

  it("leaves services rated OK alone unless the threshold says otherwise, and warns above warnAbove", () => {
    expect(ul403(OK_LEVEL)).toEqual([]);
    expect(ul403(OK_LEVEL, { sandboxingThreshold: 0 }).map(([line, severity, message]) => [line, severity, String(message).split(";")[0]])).toEqual([
      [1, "info", "exposure 2.1 OK (systemd-analyze security's score for systemd 252)"],
    ]);
    expect(ul403(PLAIN, { sandboxingThreshold: 9.6 })).toEqual([]);
    expect(ul403(PLAIN, { sandboxingWarnAbove: 9 }).map(([line, severity, message]) => [line, severity, String(message).split(";")[0]])).toEqual([
      [1, "warning", "exposure 9.6 UNSAFE (systemd-analyze security's score for systemd 252), above the warning threshold 9.0"],
    ]);
    expect(ul403(PLAIN, { sandboxingWarnAbove: 9.6 })[0]?.[1]).toBe("info");
  });

  it("says how the score is computed for user units and for releases before systemd-analyze security existed", () => {
    const source = (text: string, options: Parameters<typeof lintText>[2]) =>
      lintText(text, "agent.service", options).findings.filter((f) => f.rule === "UL403").map((f) => /^exposure [0-9.]+ [A-Z]+ \((.*?)\);/.exec(f.message)?.[1]);
    expect(source(PLAIN, { scope: "user", settings: { systemdVersion: 252 } })).toEqual([
      "systemd-analyze security's score for systemd 252, computed as the unit runs: as its user, where systemd-analyze security --user assumes root",
    ]);
    expect(source(PLAIN, { scope: "user", settings: { systemdVersion: 262 } })).toEqual(["systemd-analyze security's score for systemd 262, computed as the unit runs: as its user"]);
    expect(source(PLAIN, { settings: { systemdVersion: 230 } })).toEqual(["the score systemd-analyze security, a verb of systemd 240 and later, gives systemd 230's settings"]);
  });

  it("offers no fix for a service harden adds no sandboxing to, and says why", () => {
    const findings = lintText("[Service]\nExecStart=/usr/sbin/sshd -D\n", "ssh.service", { settings: { systemdVersion: 252 } }).findings.filter((f) => f.rule === "UL403");
    expect(findings.map((f) => [f.fix, f.message.split("; ").slice(-1)[0]])).toEqual([
      [
        null,
        "`unitlint harden` adds no sandboxing to it: it starts login sessions (sshd): every session would inherit its sandbox (no sudo under NoNewPrivileges=, a read-only /usr, /etc and home)",
      ],
    ]);
  });

  it("leaves oneshot services, and services without ExecStart=, alone", () => {
    expect(ul403("[Service]\nType=oneshot\nExecStart=/usr/bin/true\n", { sandboxingThreshold: 0 })).toEqual([]);
    expect(ul403("[Service]\nDescription=x\n", { sandboxingThreshold: 0 })).toEqual([]);
  });

  it("leaves a service alone that systemd refuses for a line of its main file, as systemd-analyze security does", () => {
    // agent.service is no instance: User=%i is an empty user name, which fails the unit.
    expect(ul403("[Service]\nExecStart=/usr/bin/agent\nUser=%i\n")).toEqual([]);
    expect(ul403("[Service]\nExecStart=/usr/bin/agent\nPIDFile=../x.pid\n")).toEqual([]);
    expect(ul403("[Service]\nExecStart=/usr/bin/agent\nUser=agent\n").map(([line, severity]) => [line, severity])).toEqual([[1, "info"]]);
  });
});

describe("UL401's secret detection", () => {
  it("goes by the name, or by the shape of the value, and leaves paths and references alone", () => {
    const cases: Array<[string, string]> = [
      ["OPENAI_API_KEY", "x1"], ["DB_PASSWORD", "x1"], ["GITHUB_TOKEN", "x1"], ["JWT_SECRET", "x1"], ["X", "sk-proj-4fJ2kQ9xLmN3pR7sT1vW5yZ8"],
      ["X", `ghp_${"a1".repeat(18)}`], ["X", "AKIAIOSFODNN7EXAMPLE"], ["X", "postgres://u:p@db/x"],
      ["API_KEY_FILE", "x1"], ["PUBLIC_KEY", "x1"], ["SSH_AUTH_SOCK", "x1"], ["PASSWORD_MIN_LENGTH", "8"], ["API_KEY", "/etc/key"], ["API_KEY", "${KEY}"], ["TOKEN", ""], ["X", "https://example.com/"],
    ];
    expect(cases.map(([n, v]) => credentialReason(n, v) !== null)).toEqual([true, true, true, true, true, true, true, true, false, false, false, false, false, false, false, false]);
    expect(credentialReason("X", "AKIAIOSFODNN7EXAMPLE")).toBe("its value looks like an AWS access key ID (AKIA…)");
  });

  it("splits Environment= as systemd does", () => {
    expect(environmentAssignments(`A=1 "B=two words" 'C=x y' D=a\\ b E`)).toEqual([
      { name: "A", value: "1" }, { name: "B", value: "two words" }, { name: "C", value: "x y" }, { name: "D", value: "a b" },
    ]);
  });
});

const TABLE = `web.service  (web.service, system)
  NAME                                                        DESCRIPTION                                                         EXPOSURE
✗ RestrictNamespaces=~user                                    may create user namespaces                                               0.3
✗ PrivateDevices=                                             may reach the host's hardware devices                                    0.2
✗ PrivateMounts=                                              may change the host's mount table                                        0.2
✗ PrivateUsers=                                               may see the host's other users                                           0.2
✗ ProtectControlGroups=                                       may write to the control group file system                               0.2
✗ ProtectKernelModules=                                       may load kernel modules                                                  0.2
✗ ProtectKernelTunables=                                      may change kernel tunables (/proc/sys, /sys)                             0.2
✗ ProtectKernelLogs=                                          may read and write the kernel log                                        0.2
✗ ProtectClock=                                               may set the system and hardware clocks                                   0.2
✗ ProtectProc=                                                sees every process in /proc                                              0.2
✗ SystemCallArchitectures=                                    system calls of every ABI                                                0.2
✗ SystemCallFilter=~@privileged                               the allow-list lets @privileged through (e.g. chown)                     0.2
✗ SystemCallFilter=~@resources                                the allow-list lets @resources through (e.g. ioprio_set)                 0.2
✗ IPAddressDeny=                                              no IP address allow-list                                                 0.2
✗ DeviceAllow=                                                no device access list                                                    0.2
✗ ProtectHome=                                                may read home directories                                                0.1
✗ ProtectHostname=                                            may change the host name                                                 0.1
✗ RootDirectory=/RootImage=                                   may see the host's whole file system (no RootDirectory=/RootImage=)      0.1
✗ LockPersonality=                                            may switch to another execution domain (personality)                     0.1
✗ MemoryDenyWriteExecute=                                     may map memory both writable and executable                              0.1
✗ UMask=                                                      files it creates are world-readable                                      0.1
✗ ProcSubset=                                                 may see all of /proc, not only the process directories                   0.1
✗ RestrictRealtime=                                           may take realtime scheduling                                             0.1
✗ RestrictNamespaces=~mnt                                     may create mount namespaces                                              0.1
✗ RestrictNamespaces=~ipc                                     may create IPC namespaces                                                0.1
✗ RestrictNamespaces=~pid                                     may create PID namespaces                                                0.1
✗ RestrictNamespaces=~cgroup                                  may create cgroup namespaces                                             0.1
✗ RestrictNamespaces=~net                                     may create network namespaces                                            0.1
✗ RestrictNamespaces=~uts                                     may create host name namespaces                                          0.1
✗ RestrictAddressFamilies=~AF_UNIX                            may open local (AF_UNIX) sockets                                         0.1
✓ User=/DynamicUser=                                          runs as a transient user (DynamicUser=)
✓ SupplementaryGroups=                                        cannot use the rights of supplementary groups
✓ PrivateNetwork=                                             cannot reach the host's network
✓ PrivateTmp=                                                 cannot see other services' temporary files
✓ ProtectSystem=                                              the whole OS file hierarchy is read-only
✓ NoNewPrivileges=                                            cannot gain privileges through setuid programs or file capabilities
✓ CapabilityBoundingSet=~CAP_SYS_ADMIN                        cannot use CAP_SYS_ADMIN (near-root administration)
✓ CapabilityBoundingSet=~CAP_SET(UID|GID|PCAP)                cannot change its user, group or capabilities
✓ CapabilityBoundingSet=~CAP_SYS_PTRACE                       cannot trace and inspect other processes
✓ CapabilityBoundingSet=~CAP_SYS_TIME                         cannot set the system clock
✓ CapabilityBoundingSet=~CAP_NET_ADMIN                        cannot reconfigure the network
✓ CapabilityBoundingSet=~CAP_SYS_RAWIO                        cannot do raw I/O to devices and ports
✓ CapabilityBoundingSet=~CAP_SYS_MODULE                       cannot load kernel modules (CAP_SYS_MODULE)
✓ CapabilityBoundingSet=~CAP_AUDIT_*                          cannot use the audit subsystem
✓ CapabilityBoundingSet=~CAP_SYSLOG                           cannot use privileged kernel log operations
✓ CapabilityBoundingSet=~CAP_SYS_(NICE|RESOURCE)              cannot raise priorities and exceed resource limits
✓ CapabilityBoundingSet=~CAP_MKNOD                            cannot create device nodes
✓ CapabilityBoundingSet=~CAP_(CHOWN|FSETID|SETFCAP)           cannot change file owners, setuid bits and file capabilities
✓ CapabilityBoundingSet=~CAP_(DAC_*|FOWNER|IPC_OWNER)         cannot bypass file and IPC permission checks
✓ CapabilityBoundingSet=~CAP_KILL                             cannot signal any process
✓ CapabilityBoundingSet=~CAP_NET_(BIND_SERVICE|BROADCAST|RAW) cannot bind low ports, broadcast and use raw sockets
✓ CapabilityBoundingSet=~CAP_SYS_BOOT                         cannot reboot the machine
✓ CapabilityBoundingSet=~CAP_MAC_*                            cannot override or configure mandatory access control
✓ CapabilityBoundingSet=~CAP_LINUX_IMMUTABLE                  cannot set immutable and append-only file flags
✓ CapabilityBoundingSet=~CAP_IPC_LOCK                         cannot lock memory
✓ CapabilityBoundingSet=~CAP_SYS_CHROOT                       cannot call chroot()
✓ CapabilityBoundingSet=~CAP_BLOCK_SUSPEND                    cannot block system suspend
✓ CapabilityBoundingSet=~CAP_WAKE_ALARM                       cannot set timers that wake the system
✓ CapabilityBoundingSet=~CAP_LEASE                            cannot take leases on other users' files
✓ CapabilityBoundingSet=~CAP_SYS_TTY_CONFIG                   cannot configure terminals (vhangup())
✓ CapabilityBoundingSet=~CAP_SYS_PACCT                        cannot switch process accounting (acct())
✓ CapabilityBoundingSet=~CAP_BPF                              cannot load BPF programs
✓ KeyringMode=                                                cannot share its kernel keyring with other services
✓ NotifyAccess=                                               cannot let any of its processes report the service's state
✓ RemoveIPC=                                                  cannot leave System V IPC objects behind
✓ Delegate=                                                   cannot manage its own control group subtree
✓ RestrictSUIDSGID=                                           cannot create setuid and setgid files
✓ RestrictAddressFamilies=~AF_(INET|INET6)                    cannot open Internet sockets
✓ RestrictAddressFamilies=~AF_NETLINK                         cannot open netlink sockets
✓ RestrictAddressFamilies=~AF_PACKET                          cannot open packet sockets
✓ RestrictAddressFamilies=~…                                  cannot open sockets of other, rarer families
✓ SystemCallFilter=~@swap                                     the allow-list leaves out @swap
✓ SystemCallFilter=~@obsolete                                 the allow-list leaves out @obsolete
✓ SystemCallFilter=~@clock                                    the allow-list leaves out @clock
✓ SystemCallFilter=~@cpu-emulation                            the allow-list leaves out @cpu-emulation
✓ SystemCallFilter=~@debug                                    the allow-list leaves out @debug
✓ SystemCallFilter=~@mount                                    the allow-list leaves out @mount
✓ SystemCallFilter=~@module                                   the allow-list leaves out @module
✓ SystemCallFilter=~@raw-io                                   the allow-list leaves out @raw-io
✓ SystemCallFilter=~@reboot                                   the allow-list leaves out @reboot
✓ AmbientCapabilities=                                        cannot start with ambient capabilities

→ Overall exposure level for web.service: 3.4 OK

✔ 1 service assessed (systemd 252 rules)`;
