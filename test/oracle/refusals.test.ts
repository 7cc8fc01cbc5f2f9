/**
 * The rules about units systemd refuses to load, against systemd's own loader: for each case,
 * `systemd-analyze verify` of the file alone refuses it exactly when the rule reports it.
 * UL307 (unit-file-name): "Where= setting doesn't match unit name. Refusing.", a swap's "Value of What=
 * and unit name do not match" or "Failed to prepare filename", and the name systemd-escape gives; UL308 (missing-type-setting): "Unit has no Listen
 * setting", "Timer unit lacks value setting", "Path unit lacks path setting", "What= setting is missing";
 * UL309 (conflicting-settings): Accept=yes with Service=, a non-accepting socket or MaxConnections=0,
 * PAMName= with the wrong KillMode=, Type=dbus without BusName=; UL208 (missing-program): "Command …
 * is not executable" under --root; UL209 (socket-without-service): "service … not loaded, socket cannot be
 * started" under --root; UL310 (api-file-system-mount): "Cannot
 * create mount unit for API file system", and the path `systemd-escape --unescape --path` gives a name.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { RULES } from "../../src/rules/index.js";
import { pathFromUnitName, unitNameFromPath } from "../../src/model/unit-name.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";

const hasSystemd = ensureSystemdAnalyze();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-names-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const mount = (where: string | null): string => `[Mount]\n${where === null ? "" : `Where=${where}\n`}What=/dev/sdb1\n`;
const automount = (where: string): string => `[Automount]\nWhere=${where}\n`;

/** [file name, text]: matching names, mismatches, escapes, ignored Where= values, invalid names. */
const CASES: Array<[string, string]> = [
  ["data.mount", mount("/srv/data")],
  ["srv-data.mount", mount("/srv/data")],
  ["srv-trailing.mount", mount("/srv/trailing/")],
  ["srv-doubled.mount", mount("//srv//doubled")],
  ["srv-dot.mount", mount("/srv/./dot")],
  ["srv-my\\x2ddata.mount", mount("/srv/my-data")],
  ["srv-my-data.mount", mount("/srv/my-data")],
  ["srv-my\\x20data.mount", mount("/srv/my data")],
  ["srv-caf\\xc3\\xa9.mount", mount("/srv/café")],
  ["srv-a:b.mount", mount("/srv/a:b")],
  ["srv-a\\x3ab.mount", mount("/srv/a:b")],
  ["srv-.hidden.mount", mount("/srv/.hidden")],
  ["\\x2ehidden.mount", mount("/.hidden")],
  ["-.mount", mount("/")],
  ["srv-none.mount", mount(null)],
  ["relative.mount", mount("srv/relative")],
  ["dotdot.mount", mount("/srv/../dotdot")],
  ["srv-last.mount", `[Mount]\nWhere=/srv/first\nWhere=/srv/last\nWhat=/dev/sdb1\n`],
  ["srv-data4.automount", automount("/srv/data4")],
  ["data5.automount", automount("/srv/data5")],
  ["swap.swap", "[Swap]\nWhat=/var/swapfile\n"],
  ["var-swapfile.swap", "[Swap]\nWhat=/var/swapfile\n"],
  ["dev-disk-by\\x2duuid-ab\\x2dcd.swap", "[Swap]\nWhat=/dev/disk/by-uuid/ab-cd\n"],
  ["rel.swap", "[Swap]\nWhat=relative\n"],
  ["uuid.swap", "[Swap]\nWhat=UUID=0a1b\n"],
  ["nowhat.swap", "[Swap]\nPriority=1\n"],
  ["bad%name.service", "[Service]\nExecStart=/bin/true\n"],
  ["with space.service", "[Service]\nExecStart=/bin/true\n"],
  ["good_name-1.service", "[Service]\nExecStart=/bin/true\n"],
];

/** For each case: [name, whether systemd-analyze verify refuses it with `refusal`, whether `rule` reports it]. */
function compare(cases: ReadonlyArray<[string, string]>, refusal: RegExp, rule: string): Array<[string, boolean, boolean]> {
  return cases.map(([name, text]) => {
    const dir = fs.mkdtempSync(path.join(tmp, "case-"));
    fs.writeFileSync(path.join(dir, name), text);
    const r = spawnSync("systemd-analyze", ["verify", "--man=no", `./${name}`], { cwd: dir, encoding: "utf8" });
    const refused = refusal.test(`${r.stdout}\n${r.stderr}`);
    const ours = lint({ paths: [name], cwd: dir, rules: RULES.filter((r) => r.id === rule), settings: { systemdVersion: 252 } }).findings.length > 0;
    return [name, refused, ours];
  });
}

describe.skipIf(!hasSystemd)(hasSystemd ? "unit file names: unitlint agrees with systemd-analyze verify" : SKIP_NO_SYSTEMD, () => {
  it("refuses exactly the names and Where=/What= paths systemd refuses", () => {
    const rows = compare(CASES, /Where= setting doesn't match unit name|Value of What= and unit name do not match|Failed to prepare filename/, "UL307");
    expect(rows.filter(([, refused, ours]) => refused !== ours)).toEqual([]);
    // The cases cover both verdicts.
    expect(rows.filter(([, refused]) => refused).length).toBeGreaterThanOrEqual(6);
    expect(rows.filter(([, refused]) => !refused).length).toBeGreaterThanOrEqual(10);
  });

  it("gives the name `systemd-escape --path --suffix=mount` gives", () => {
    const paths = ["/srv/data", "/srv/my-data", "/srv/my data", "/srv/café", "/srv/a:b", "/.hidden", "/srv/.hidden", "/", "//srv//x/"];
    const escaped = spawnSync("systemd-escape", ["--path", "--suffix=mount", ...paths], { encoding: "utf8" });
    expect(escaped.status, escaped.stderr).toBe(0);
    // It prints the names on one line, separated by spaces (an escaped name has none of its own).
    expect(paths.map((p) => unitNameFromPath(p, "mount"))).toEqual(escaped.stdout.trim().split(" "));
  });
});

/** [file name, text]: each type without its setting, with it, with it reset by an empty assignment, with only invalid values. */
const TYPE_CASES: Array<[string, string]> = [
  ["s0.socket", "[Socket]\nAccept=no\n"],
  ["s1.socket", "[Socket]\nListenStream=8080\n"],
  ["s2.socket", "[Socket]\nListenStream=8080\nListenDatagram=\n"],
  ["s3.socket", "[Socket]\nListenStream=8080\nListenDatagram=\nListenFIFO=/run/s3.fifo\n"],
  ["s4.socket", "[Socket]\nListenStream=notaport:x\n"],
  ["t0.timer", "[Timer]\nPersistent=true\n"],
  ["t1.timer", "[Timer]\nOnCalendar=daily\n"],
  ["t2.timer", "[Timer]\nOnCalendar=every day\n"],
  ["t3.timer", "[Timer]\nOnCalendar=daily\nOnBootSec=\n"],
  ["t4.timer", "[Timer]\nOnClockChange=yes\n"],
  ["t5.timer", "[Timer]\nOnBootSec=5min\nOnUnitActiveSec=1h\n"],
  ["p0.path", "[Path]\nUnit=p0.service\n"],
  ["p1.path", "[Path]\nPathChanged=/etc/p1\n"],
  ["p2.path", "[Path]\nPathExists=relative\n"],
  ["p3.path", "[Path]\nPathChanged=/etc/p3\nPathExists=\n"],
  ["srv-m0.mount", "[Mount]\nWhere=/srv/m0\n"],
  ["srv-m1.mount", "[Mount]\nWhere=/srv/m1\nWhat=/dev/sdb1\n"],
  ["srv-m2.mount", "[Mount]\nWhere=/srv/m2\nWhat=\n"],
  ["-.mount", "[Mount]\nWhere=/\n"],
];

describe.skipIf(!hasSystemd)(hasSystemd ? "settings a unit type needs: unitlint agrees with systemd-analyze verify" : SKIP_NO_SYSTEMD, () => {
  it("reports exactly the sockets, timers, path units and mounts systemd refuses for lack of them", () => {
    const rows = compare(TYPE_CASES, /Unit has no Listen setting|Timer unit lacks value setting|Path unit lacks path setting|What= setting is missing/, "UL308");
    expect(rows.filter(([, refused, ours]) => refused !== ours)).toEqual([]);
    expect(rows.filter(([, refused]) => refused).length).toBeGreaterThanOrEqual(9);
    expect(rows.filter(([, refused]) => !refused).length).toBeGreaterThanOrEqual(7);
  });
});

const svc = (lines: string): string => `[Service]\nExecStart=/bin/true\n${lines}`;

/** [file name, text]: each combination systemd refuses, and its neighbours it accepts. */
const CONFLICT_CASES: Array<[string, string]> = [
  ["c1.socket", "[Socket]\nListenStream=9001\nAccept=yes\nService=x.service\n"],
  ["c2.socket", "[Socket]\nListenStream=9002\nAccept=no\nService=x.service\n"],
  ["c3.socket", "[Socket]\nListenDatagram=9003\nAccept=yes\n"],
  ["c4.socket", "[Socket]\nListenStream=9004\nAccept=yes\n"],
  ["c5.socket", "[Socket]\nListenSequentialPacket=/run/c5.sock\nAccept=yes\n"],
  ["c6.socket", "[Socket]\nListenFIFO=/run/c6.fifo\nAccept=yes\n"],
  ["c7.socket", "[Socket]\nListenDatagram=9007\nListenStream=\nListenStream=9008\nAccept=yes\n"],
  ["c8.socket", "[Socket]\nListenStream=9009\nAccept=yes\nMaxConnections=0\n"],
  ["c9.socket", "[Socket]\nListenStream=9010\nAccept=yes\nMaxConnections=1\n"],
  // An address systemd cannot parse is ignored, so it makes no non-accepting socket; a valid one after it does.
  ["c10.socket", "[Socket]\nListenStream=9012\nListenDatagram=[::1\nAccept=yes\n"],
  ["c11.socket", "[Socket]\nListenStream=9013\nListenDatagram=[::1\nListenDatagram=9014\nAccept=yes\n"],
  ["k1.service", svc("PAMName=login\nKillMode=process\n")],
  ["k2.service", svc("PAMName=login\nKillMode=mixed\n")],
  ["k3.service", svc("PAMName=login\n")],
  ["k4.service", svc("KillMode=process\n")],
  ["k5.socket", "[Socket]\nListenStream=9011\nPAMName=login\nKillMode=mixed\n"],
  ["b1.service", svc("Type=dbus\n")],
  ["b2.service", svc("Type=dbus\nBusName=org.example.B2\n")],
];

describe.skipIf(!hasSystemd)(hasSystemd ? "conflicting settings: unitlint agrees with systemd-analyze verify" : SKIP_NO_SYSTEMD, () => {
  it("reports exactly the combinations systemd refuses", () => {
    const rows = compare(
      CONFLICT_CASES,
      /Explicit service configuration for accepting socket units|sockets are non-accepting|MaxConnection= setting too small|has PAM enabled|no D-Bus service name has been specified/,
      "UL309",
    );
    expect(rows.filter(([, refused, ours]) => refused !== ours)).toEqual([]);
    expect(rows.filter(([, refused]) => refused).length).toBeGreaterThanOrEqual(6);
    expect(rows.filter(([, refused]) => !refused).length).toBeGreaterThanOrEqual(7);
  });
});

const tmpfsAt = (where: string | null): string => `[Mount]\nWhat=tmpfs\n${where === null ? "" : `Where=${where}\n`}Type=tmpfs\n`;

/** Mount points systemd refuses as API file systems, their neighbours it accepts, and the path taken from the name when Where= is missing. */
const API_PATHS = [
  "/proc", "/sys", "/dev", "/dev/shm", "/dev/pts", "/run", "/sys/kernel/security", "/sys/fs/smackfs", "/sys/fs/cgroup", "/sys/fs/cgroup/unified",
  "/sys/fs/pstore", "/sys/firmware/efi/efivars", "/sys/fs/bpf", "/sys/fs/selinux", "/dev/console", "/proc/kmsg", "/proc/sys",
  "/proc/sys/kernel/random/boot_id", "/run/host", "/run/host/incoming",
  "/proc/self", "/proc/sys/fs/binfmt_misc", "/sys/kernel/debug", "/sys/kernel/config", "/dev/hugepages", "/dev/mqueue", "/dev/shm/app",
  "/run/hostx", "/run/user/1000", "/sys/fs/cgroupx", "/tmp", "/srv/data",
];
const API_CASES: Array<[string, string]> = [
  ...API_PATHS.map((where): [string, string] => [unitNameFromPath(where, "mount"), tmpfsAt(where)]),
  ["dev-pts.mount", tmpfsAt(null)],
  ["srv-cache.mount", tmpfsAt(null)],
  // Refused for its name first: UL307's finding, not this one.
  ["srv-shm.mount", tmpfsAt("/dev/shm")],
  ["proc.mount", tmpfsAt("/srv/proc")],
];

describe.skipIf(!hasSystemd)(hasSystemd ? "API file systems: unitlint agrees with systemd-analyze verify" : SKIP_NO_SYSTEMD, () => {
  it("reports exactly the mount units systemd refuses as API file systems", () => {
    const rows = compare(API_CASES, /Cannot create mount unit for API file system/, "UL310");
    expect(rows.filter(([, refused, ours]) => refused !== ours)).toEqual([]);
    expect(rows.filter(([, refused]) => refused).length).toBeGreaterThanOrEqual(20);
    expect(rows.filter(([, refused]) => !refused).length).toBeGreaterThanOrEqual(12);
  });

  it("reads a unit name as a path as `systemd-escape --unescape --path` does", () => {
    const names = ["proc", "dev-shm", "srv-my\\x2ddata", "srv-caf\\xc3\\xa9", "-", "srv-a:b", "srv-\\x2ehidden", "srv-a\\x2fb", "srv-a\\x00b", "a\\x2e"];
    const unescaped = spawnSync("systemd-escape", ["--unescape", "--path", ...names], { encoding: "utf8" });
    expect(unescaped.status, unescaped.stderr).toBe(0);
    expect(names.map((n) => pathFromUnitName(`${n}.mount`))).toEqual(unescaped.stdout.trim().split(" "));
    for (const bad of ["-srv", "srv-", "srv--data", "srv\\xzz", ".", "..", "srv-.-a", "srv-..", "srv-\\x2e", "srv\\x2f", "\\x2fsrv", "srv\\x2f\\x2fa"]) {
      expect(spawnSync("systemd-escape", ["--unescape", "--path", bad]).status, bad).not.toBe(0);
      expect(pathFromUnitName(`${bad}.mount`), bad).toBeNull();
    }
  });
});

/** [unit, command lines] run inside an image whose /usr/bin holds a program, a plain file and links. */
const PROGRAM_CASES: Array<[string, string]> = [
  ["p-present.service", "ExecStart=/usr/bin/present\n"],
  ["p-missing.service", "ExecStart=/usr/bin/missing\n"],
  ["p-data.service", "ExecStart=/usr/bin/data\n"],
  ["p-abslink.service", "ExecStart=/usr/bin/abslink\n"],
  ["p-rellink.service", "ExecStart=/usr/bin/rellink\n"],
  ["p-hostonly.service", "ExecStart=/usr/bin/hostonly\n"],
  ["p-ignored.service", "ExecStart=/usr/bin/present\nExecStopPost=-/usr/bin/gone\n"],
  ["p-pre.service", "ExecStartPre=/usr/bin/missing-pre\nExecStart=/usr/bin/present\nExecReload=/usr/bin/missing-reload\n"],
  ["p-two.service", "ExecStart=/usr/bin/present ; /usr/bin/missing-second\nType=oneshot\n"],
  ["p-second.service", "ExecStartPre=/usr/bin/present\nExecStartPre=/usr/bin/missing-second-pre\nExecStart=/usr/bin/present\n"],
];

/** verify checks only the first command of each setting (verify_executables()); systemd runs them all, and fails on these. */
const BEYOND_VERIFY = ["p-second.service /usr/bin/missing-second-pre", "p-two.service /usr/bin/missing-second"];

describe.skipIf(!hasSystemd)(hasSystemd ? "programs: unitlint agrees with systemd-analyze verify --root" : SKIP_NO_SYSTEMD, () => {
  it("reports exactly the commands whose program systemd finds missing or not executable inside the root", () => {
    const img = fs.mkdtempSync(path.join(tmp, "img-"));
    const file = (rel: string, text: string, mode = 0o644): void => {
      fs.mkdirSync(path.dirname(path.join(img, rel)), { recursive: true });
      fs.writeFileSync(path.join(img, rel), text, { mode });
    };
    file("usr/bin/present", "#!/bin/sh\n", 0o755);
    file("usr/bin/data", "not a program\n");
    fs.symlinkSync("/usr/bin/present", path.join(img, "usr/bin/abslink"));
    fs.symlinkSync("present", path.join(img, "usr/bin/rellink"));
    // Absolute: inside the image it leads to its /bin/true, which it does not have.
    fs.symlinkSync("/bin/true", path.join(img, "usr/bin/hostonly"));
    for (const [name, lines] of PROGRAM_CASES) file(`etc/systemd/system/${name}`, `[Service]\n${lines}`);
    const names = PROGRAM_CASES.map(([name]) => name);
    const r = spawnSync("systemd-analyze", ["verify", `--root=${img}`, "--man=no", ...names], { encoding: "utf8" });
    const theirs = [...`${r.stdout}\n${r.stderr}`.matchAll(/^(\S+): Command (\S+) is not executable/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    const report = lint({ paths: [], root: img, cwd: tmp, rules: RULES.filter((rule) => rule.id === "UL208") });
    const ours = report.findings.map((f) => `${path.basename(f.path)} ${/runs (\S+),/.exec(f.message)![1]}`).sort();
    expect(ours).toEqual([...theirs, ...BEYOND_VERIFY].sort());
    expect(theirs).toEqual([
      "p-data.service /usr/bin/data",
      "p-hostonly.service /usr/bin/hostonly",
      "p-missing.service /usr/bin/missing",
      "p-pre.service /usr/bin/missing-pre",
      "p-pre.service /usr/bin/missing-reload",
    ]);
  });
});

/** [file under etc/systemd/system or usr/lib/systemd/system, text]: sockets with and without the service they start. */
const SOCKET_CASES: Array<[string, string]> = [
  ["etc/systemd/system/lonely.socket", "[Socket]\nListenStream=8080\n"],
  ["etc/systemd/system/paired.socket", "[Socket]\nListenStream=8081\n"],
  ["usr/lib/systemd/system/paired.service", "[Service]\nExecStart=/usr/bin/d\n"],
  ["etc/systemd/system/acc.socket", "[Socket]\nListenStream=8082\nAccept=yes\n"],
  ["etc/systemd/system/acc.service", "[Service]\nExecStart=/usr/bin/d\n"],
  ["etc/systemd/system/named.socket", "[Socket]\nListenStream=8083\nService=other.service\n"],
  ["etc/systemd/system/renamed.socket", "[Socket]\nListenStream=8085\nService=paired.service\n"],
  ["etc/systemd/system/tpl.socket", "[Socket]\nListenStream=8084\nAccept=yes\n"],
  ["etc/systemd/system/tpl@.service", "[Service]\nExecStart=/usr/bin/d\n"],
];

describe.skipIf(!hasSystemd)(hasSystemd ? "sockets: unitlint agrees with systemd-analyze verify --root" : SKIP_NO_SYSTEMD, () => {
  it("reports exactly the sockets whose service is nowhere in the search path", () => {
    const img = fs.mkdtempSync(path.join(tmp, "sockets-"));
    for (const [rel, text] of [...SOCKET_CASES, ["usr/bin/d", "#!/bin/sh\n"] as [string, string]]) {
      fs.mkdirSync(path.dirname(path.join(img, rel)), { recursive: true });
      fs.writeFileSync(path.join(img, rel), text, { mode: rel.startsWith("usr/bin/") ? 0o755 : 0o644 });
    }
    const sockets = SOCKET_CASES.map(([rel]) => path.basename(rel)).filter((n) => n.endsWith(".socket"));
    const r = spawnSync("systemd-analyze", ["verify", `--root=${img}`, "--man=no", ...sockets], { encoding: "utf8" });
    const theirs = [...`${r.stdout}\n${r.stderr}`.matchAll(/^(\S+): service \S+ not loaded, socket cannot be started/gm)].map((m) => m[1]).sort();
    const ours = lint({ paths: [], root: img, cwd: tmp, rules: RULES.filter((rule) => rule.id === "UL209") }).findings.map((f) => path.basename(f.path)).sort();
    expect(ours).toEqual(theirs);
    expect(theirs).toEqual(["acc.socket", "lonely.socket", "named.socket"]);
  });
});
