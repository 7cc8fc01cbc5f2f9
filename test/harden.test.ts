/**
 * `unitlint harden`: the exact text it writes, what it leaves out (user units, JIT runtimes,
 * /home, settings the unit already has), template validation, and — with systemd 252 as the
 * oracle — the exposure score it reaches and that every hardened Debian service still passes
 * `systemd-analyze verify` with no new warning.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { builtinTemplate, loadTemplate } from "../src/fixers/harden.js";
import { NEEDS_USER_NAMESPACE, userManagerIgnores } from "../src/model/user-manager.js";
import { ensureBuilt, runBin as run } from "./helpers/bin.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD } from "./helpers/systemd-analyze.js";
import { treeTracker } from "./helpers/tree.js";
import { BASELINE_252_TEXT } from "./helpers/baseline.js";

const trees = treeTracker();
beforeAll(() => ensureBuilt());
afterEach(() => trees.cleanupAll());

const PLAIN = "[Unit]\nDescription=web\n\n[Service]\nExecStart=/usr/bin/webd --port 8080\n\n[Install]\nWantedBy=multi-user.target\n";

/** Hardens one file in a fresh tree and returns its new text. */
function harden(text: string, args: string[] = [], name = "etc/systemd/system/web.service"): string {
  const t = trees.make({ [name]: text });
  const r = run(["harden", "--root", ".", "--systemd-version", "252", ...args], { cwd: t.root });
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return fs.readFileSync(t.abs(name), "utf8");
}

describe("harden", () => {
  it("ships a built-in template that its schema accepts (runs read it without validating)", () => {
    expect(loadTemplate()).toEqual(builtinTemplate());
  });

  it("adds no sandboxing to the services a sandbox would break the machine through, and says why", () => {
    const svc = (lines: string) => `[Service]\n${lines}\n`;
    const units: Record<string, string> = {
      "etc/systemd/system/early.service": `[Unit]\nDefaultDependencies=no\n\n${svc("Type=oneshot\nExecStart=/usr/local/sbin/prepare")}`,
      // An empty DefaultDependencies= resets nothing (systemd cannot parse it): "no" stays.
      "etc/systemd/system/early2.service": `[Unit]\nDefaultDependencies=no\n\n${svc("Type=oneshot\nExecStart=/usr/local/sbin/prepare")}`,
      "etc/systemd/system/early2.service.d/reset.conf": "[Unit]\nDefaultDependencies=\n",
      "etc/systemd/system/ssh.service": svc("ExecStart=/usr/sbin/sshd -D"),
      "etc/systemd/system/cron.service": svc("ExecStart=/usr/sbin/cron -f"),
      "etc/systemd/system/bus.service": svc("ExecStart=/usr/bin/dbus-daemon --system"),
      "etc/systemd/system/boot-script.service": svc("Type=forking\nExecStart=/etc/rc.local start"),
      "etc/systemd/system/docker.service": svc("ExecStart=/usr/bin/dockerd -H fd://"),
      "etc/systemd/system/vm.service": svc("ExecStart=/usr/bin/qemu-system-x86_64 -m 1G"),
      "etc/systemd/system/upgrade.service": svc("Type=oneshot\nExecStart=/usr/bin/unattended-upgrade"),
      "etc/systemd/system/journal.service": svc("ExecStart=/usr/lib/systemd/systemd-journald"),
      "etc/systemd/system/tmpfiles.service": svc("Type=oneshot\nExecStart=systemd-tmpfiles --create"),
      "etc/systemd/system/pam.service": svc("ExecStart=/usr/local/bin/kiosk\nPAMName=login"),
      "etc/systemd/system/console.service": svc("ExecStart=-/usr/local/bin/menu\nStandardInput=tty"),
      "etc/systemd/system/manager.service": svc("ExecStart=/usr/local/bin/supervisor\nDelegate=yes"),
      // Not an instance: User=%i is an empty user name, and systemd refuses the unit.
      "etc/systemd/system/refused.service": svc("ExecStart=/usr/local/bin/app\nUser=%i"),
    };
    const t = trees.make(units);
    const r = run(["harden", "--root", ".", "--systemd-version", "252"], { cwd: t.root });
    const INHERIT = "would inherit its sandbox (no sudo under NoNewPrivileges=, a read-only /usr, /etc and home)";
    expect(r.stderr.split("\n").filter((l) => l.includes("adds no sandboxing"))).toEqual([
      "unitlint: harden adds no sandboxing to etc/systemd/system/boot-script.service: it runs the administrator's boot script (rc.local): every command in it " + INHERIT,
      "unitlint: harden adds no sandboxing to etc/systemd/system/bus.service: it starts services on demand (dbus-daemon): every service it starts " + INHERIT,
      "unitlint: harden adds no sandboxing to etc/systemd/system/console.service: it is a terminal login or shell (StandardInput=tty): everything it starts " + INHERIT,
      "unitlint: harden adds no sandboxing to etc/systemd/system/cron.service: it runs users' jobs (cron): every job " + INHERIT,
      "unitlint: harden adds no sandboxing to etc/systemd/system/docker.service: it runs containers or virtual machines (dockerd): they would inherit its sandbox (no devices such as /dev/kvm, a read-only /usr and /etc)",
      "unitlint: harden adds no sandboxing to etc/systemd/system/early.service: it runs at early boot or late shutdown (DefaultDependencies=no), without the file systems and devices a sandbox needs",
      "unitlint: harden adds no sandboxing to etc/systemd/system/early2.service: it runs at early boot or late shutdown (DefaultDependencies=no), without the file systems and devices a sandbox needs",
      "unitlint: harden adds no sandboxing to etc/systemd/system/journal.service: it is systemd's own (/usr/lib/systemd/systemd-journald), sandboxed by its authors as far as its job allows",
      "unitlint: harden adds no sandboxing to etc/systemd/system/manager.service: it manages processes of its own (Delegate=yes): they " + INHERIT,
      "unitlint: harden adds no sandboxing to etc/systemd/system/pam.service: it opens login sessions (PAMName=): every session " + INHERIT,
      "unitlint: harden adds no sandboxing to etc/systemd/system/refused.service: systemd refuses to load it (its parser fails on line 3; `unitlint` says why): fix that first",
      "unitlint: harden adds no sandboxing to etc/systemd/system/ssh.service: it starts login sessions (sshd): every session " + INHERIT,
      "unitlint: harden adds no sandboxing to etc/systemd/system/tmpfiles.service: it is systemd's own (systemd-tmpfiles), sandboxed by its authors as far as its job allows",
      "unitlint: harden adds no sandboxing to etc/systemd/system/upgrade.service: it installs software (unattended-upgrade): ProtectSystem= would make /usr and /etc, where software goes, read-only to it",
      "unitlint: harden adds no sandboxing to etc/systemd/system/vm.service: it runs a virtual machine (qemu-system-x86_64): it would inherit its sandbox (no devices such as /dev/kvm, a read-only /usr and /etc)",
    ]);
    // Nothing written: the lint rules' own fixes (which harden applies too) have nothing to do in these units.
    for (const [name, text] of Object.entries(units)) expect(fs.readFileSync(t.abs(name), "utf8"), name).toBe(text);
  });

  it("adds sandboxing to packaged units only with --vendor, and then as a drop-in", () => {
    const t = trees.make({ "usr/lib/systemd/system/web.service": PLAIN });
    const dropIn = "etc/systemd/system/web.service.d/50-unitlint.conf";
    const plain = run(["harden", "--root", ".", "--systemd-version", "252"], { cwd: t.root });
    expect(plain.stderr.split("\n")[0]).toBe(
      "unitlint: harden adds no sandboxing to usr/lib/systemd/system/web.service: it comes with a package: what a packaged daemon needs (devices, writing /etc or /home, kernel tunables) is not in its unit file, and its sandboxing is its package's choice; `unitlint harden --vendor` hardens it anyway, as a drop-in",
    );
    expect(fs.existsSync(t.abs(dropIn))).toBe(false);
    const vendor = run(["harden", "--vendor", "--root", ".", "--systemd-version", "252"], { cwd: t.root });
    expect(vendor.stderr).not.toContain("adds no sandboxing");
    expect(fs.readFileSync(t.abs(dropIn), "utf8")).toContain(`[Service]\nRestart=always\nRestartPreventExitStatus=78\nRestartSec=5s\n${BASELINE_252_TEXT}`);
    expect(fs.readFileSync(t.abs("usr/lib/systemd/system/web.service"), "utf8")).toBe(PLAIN);
    expect(run(["--vendor", "."], { cwd: t.root })).toEqual({ status: 2, stdout: "", stderr: "unitlint: --vendor is an option of unitlint harden\n" });
  });

  it("marks for user units only settings a user manager applies without a user namespace (the facts UL204 and UL206 report)", () => {
    const forUsers = Object.values(builtinTemplate().profiles).flatMap((p) => p.settings.filter((s) => s.user).map((s) => s.key));
    expect(forUsers.length).toBeGreaterThan(0);
    expect(forUsers.filter((key) => userManagerIgnores(key) || NEEDS_USER_NAMESPACE.has(key))).toEqual([]);
  });

  it("adds the restart block and the baseline profile after the service's own settings", () => {
    expect(harden(PLAIN)).toBe(
      "[Unit]\nDescription=web\nStartLimitIntervalSec=60s\nStartLimitBurst=5\n\n[Service]\nExecStart=/usr/bin/webd --port 8080\n" +
        // Restart=on-failure from the template, made Restart=always + RestartPreventExitStatus=78 by UL104's fix (unsafe fixes are implied).
        "Restart=always\nRestartPreventExitStatus=78\nRestartSec=5s\n" +
        BASELINE_252_TEXT +
        "\n[Install]\nWantedBy=multi-user.target\n",
    );
  });

  it("backs off with RestartSteps= on systemd ≥ 254 instead of a start limit", () => {
    const t = trees.make({ "etc/systemd/system/web.service": PLAIN });
    run(["harden", "--root", ".", "--systemd-version", "254"], { cwd: t.root });
    const text = fs.readFileSync(t.abs("etc/systemd/system/web.service"), "utf8");
    expect(text).toContain("RestartSec=5s\nRestartSteps=5\nRestartMaxDelaySec=5min\n");
    expect(text).not.toContain("StartLimit");
  });

  it("is idempotent and never changes a setting the unit has (nothing is weakened)", () => {
    const own = "[Service]\nExecStart=/usr/bin/webd\nRestart=always\nRestartSec=30s\nProtectSystem=true\nPrivateTmp=no\n";
    const once = harden(own);
    expect(once).toContain("Restart=always\nRestartSec=30s\nProtectSystem=true\nPrivateTmp=no\n");
    expect(once.match(/ProtectSystem=/g)).toHaveLength(1);
    expect(once.match(/PrivateTmp=/g)).toHaveLength(1);
    expect(harden(once)).toBe(once);
  });

  it("leaves out MemoryDenyWriteExecute= for JIT runtimes and ProtectHome= for programs under /home", () => {
    expect(harden("[Service]\nExecStart=/usr/bin/node /srv/app/server.js\n")).not.toContain("MemoryDenyWriteExecute");
    expect(harden("[Service]\nExecStart=/bin/sh -c 'exec java -jar /srv/app.jar'\n")).not.toContain("MemoryDenyWriteExecute");
    const home = harden("[Service]\nExecStart=/home/alice/bin/node-agent\n");
    expect(home).not.toContain("ProtectHome");
    expect(home).toContain("MemoryDenyWriteExecute=yes");
  });

  it("leaves out what a unit says it needs: devices, the clock, kernel modules and tunables", () => {
    const cases: Array<[string, string]> = [
      ["[Service]\nExecStart=/usr/sbin/gpsd -N /dev/ttyUSB0\n", "PrivateDevices"],
      ["[Service]\nExecStart=/usr/bin/reader\nDeviceAllow=/dev/ttyS0 rw\n", "PrivateDevices"],
      ["[Service]\nExecStart=/usr/sbin/chronyd -d\n", "ProtectClock"],
      ["[Service]\nExecStart=/usr/bin/clockd\nAmbientCapabilities=CAP_SYS_TIME\n", "ProtectClock"],
      ["[Service]\nExecStartPre=/sbin/modprobe wireguard\nExecStart=/usr/bin/vpn\n", "ProtectKernelModules"],
      ["[Service]\nExecStartPre=/bin/sh -c 'sysctl -w net.ipv4.ip_forward=1'\nExecStart=/usr/bin/router\n", "ProtectKernelTunables"],
      ["[Service]\nExecStartPre=/bin/sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'\nExecStart=/usr/bin/router\n", "ProtectKernelTunables"],
    ];
    for (const [service, left] of cases) {
      const out = harden(service);
      expect([service, out.includes(`${left}=`), out.includes("NoNewPrivileges=yes")]).toEqual([service, false, true]);
    }
    // Look-alikes keep everything: /dev/stdout, a program named sysctl-exporter, a capability dropped.
    for (const service of [
      "[Service]\nExecStart=/usr/bin/webd --log /dev/stdout\n",
      "[Service]\nExecStart=/usr/bin/sysctl-exporter --modprobe-free\n",
      "[Service]\nExecStart=/usr/bin/webd\nCapabilityBoundingSet=~CAP_SYS_TIME CAP_SYS_MODULE\n",
    ]) {
      const out = harden(service);
      expect([service, ["PrivateDevices=", "ProtectClock=", "ProtectKernelModules=", "ProtectKernelTunables="].every((s) => out.includes(s))]).toEqual([service, true]);
    }
  });

  it("leaves out RestrictRealtime= for services that ask for realtime scheduling and for audio servers", () => {
    for (const service of [
      "[Service]\nExecStart=/usr/bin/mixer\nLimitRTPRIO=40\n",
      "[Service]\nExecStart=/usr/bin/mixer\nCPUSchedulingPolicy=fifo\n",
      "[Service]\nExecStart=/usr/bin/pipewire\n",
      "[Service]\nExecStart=/usr/bin/mpd --no-daemon\n",
    ]) {
      expect([service, harden(service).includes("RestrictRealtime")]).toEqual([service, false]);
    }
    for (const service of ["[Service]\nExecStart=/usr/bin/mixer\nLimitRTPRIO=0\n", "[Service]\nExecStart=/usr/bin/mixer\nCPUSchedulingPolicy=batch\n"]) {
      expect([service, harden(service).includes("RestrictRealtime=yes")]).toEqual([service, true]);
    }
  });

  it("gives user units only what works in an unprivileged user manager", () => {
    const text = harden("[Service]\nExecStart=/usr/bin/agent\n\n[Install]\nWantedBy=default.target\n", [], "home/alice/.config/systemd/user/agent.service");
    const added = text.split("\n").filter((l) => /^(NoNew|Private|Protect|Restrict|Lock|SystemCall|UMask|Memory)/.test(l));
    expect(added).toEqual([
      "NoNewPrivileges=yes",
      "RestrictSUIDSGID=yes",
      "LockPersonality=yes",
      "RestrictRealtime=yes",
      "RestrictNamespaces=yes",
      "SystemCallArchitectures=native",
      "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
      "UMask=0077",
      "MemoryDenyWriteExecute=yes",
    ]);
  });

  it("strict keeps the one capability a service on a port below 1024 needs", () => {
    const text = harden("[Service]\nExecStart=/usr/bin/webd --port 80\n", ["--profile", "strict"]);
    expect(text).toContain("ProtectSystem=strict\n");
    expect(text).toContain("CapabilityBoundingSet=CAP_NET_BIND_SERVICE\nAmbientCapabilities=CAP_NET_BIND_SERVICE\n");
    expect(text).toContain("DynamicUser=yes\n");
    expect(text).not.toContain("IPAddressDeny");
  });

  it("previews with --diff and writes nothing", () => {
    const t = trees.make({ "etc/systemd/system/web.service": PLAIN });
    const r = run(["harden", "--diff", "--root", ".", "--systemd-version", "252"], { cwd: t.root });
    expect(r.status).toBe(1);
    expect(r.stdout.startsWith("--- a/etc/systemd/system/web.service\n+++ b/etc/systemd/system/web.service\n")).toBe(true);
    expect(r.stdout).toContain("+ProtectKernelLogs=yes\n");
    expect(fs.readFileSync(t.abs("etc/systemd/system/web.service"), "utf8")).toBe(PLAIN);
  });

  it("takes a template of your own that extends the built-in one", () => {
    const own = { version: 1, profiles: { "web-strict": { extends: "strict", settings: [{ key: "MemoryMax", value: "1G" }, { key: "ProtectSystem", value: "full" }] } } };
    const t = trees.make({ "etc/systemd/system/web.service": PLAIN, "ops/hardened.json": JSON.stringify(own) });
    run(["harden", "--root", ".", "--systemd-version", "252", "--template", "ops/hardened.json", "--profile", "web-strict"], { cwd: t.root });
    const text = fs.readFileSync(t.abs("etc/systemd/system/web.service"), "utf8");
    // The built-in restart block, strict's settings, and the profile's own (its ProtectSystem=full wins over strict's).
    expect(text).toContain("RestartSec=5s\n");
    expect(text).toContain("SystemCallFilter=@system-service\n");
    expect(text).toContain("ProtectSystem=full\n");
    expect(text).toContain("MemoryMax=1G\n");
  });

  it("refuses an invalid template or an unknown profile with exit 2", () => {
    const t = trees.make({ "web.service": PLAIN, "bad.json": JSON.stringify({ version: 1, restart: {}, profiles: { x: { settings: [{ key: "A" }] } } }) });
    const bad = run(["harden", "--template", "bad.json", "web.service"], { cwd: t.root });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      `unitlint: invalid template ${t.abs("bad.json")}: /restart must have required property 'restartSec'; /profiles/x/settings/0 must have required property 'value'\n`,
    );
    expect(run(["harden", "--profile", "paranoid", "web.service"], { cwd: t.root }).stderr).toBe('unitlint: the template has no profile "paranoid" (it has baseline, strict)\n');
    expect(run(["--profile", "strict", "web.service"], { cwd: t.root })).toEqual({ status: 2, stdout: "", stderr: "unitlint: --profile is an option of unitlint harden\n" });
    expect(fs.readFileSync(t.abs("web.service"), "utf8")).toBe(PLAIN);
  });
});

const hasSystemd = ensureSystemdAnalyze();
const DEBIAN = path.resolve(import.meta.dirname, "..", "..", "shared", "corpus", "debian");

/** systemd-analyze security --offline=true's overall exposure for one unit file. */
function exposure(file: string): number {
  const r = spawnSync("systemd-analyze", ["security", "--offline=true", file], { encoding: "utf8" });
  return Number(/Overall exposure level for \S+: (\d+\.\d)/.exec(r.stdout + r.stderr)?.[1]);
}

describe.skipIf(!hasSystemd)(hasSystemd ? "harden, measured by systemd 252" : SKIP_NO_SYSTEMD, () => {
  it("brings a plain root service from 9.6 to ≤ 6.0 (baseline) and ≤ 3.0 (strict)", () => {
    const t = trees.make({ "plain.service": PLAIN });
    expect(exposure(t.abs("plain.service"))).toBe(9.6);
    const baseline = trees.make({ "plain.service": PLAIN });
    const r = run(["harden", "--systemd-version", "252", "plain.service"], { cwd: baseline.root });
    const after = exposure(baseline.abs("plain.service"));
    expect(after).toBeLessThanOrEqual(6.0);
    // harden's own before → after is systemd's.
    expect(r.stderr).toContain(`unitlint: harden plain.service: exposure 9.6 UNSAFE → ${after.toFixed(1)} MEDIUM\n`);
    const strict = trees.make({ "plain.service": PLAIN });
    run(["harden", "--profile", "strict", "--systemd-version", "252", "plain.service"], { cwd: strict.root });
    expect(exposure(strict.abs("plain.service"))).toBeLessThanOrEqual(3.0);
  });

  it.skipIf(!fs.existsSync(DEBIAN))("leaves every hardened Debian service with no new systemd-analyze verify warning (baseline and strict)", () => {
    const services: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && e.name.endsWith(".service") && !e.name.includes("@")) services.push(p);
      }
    };
    walk(DEBIAN);
    expect(services.length).toBeGreaterThan(100);
    for (const profile of ["baseline", "strict"]) {
      // Flat copies (not vendor paths), so harden edits them in place.
      const spec: Record<string, string> = {};
      for (const s of services) spec[`${path.basename(path.dirname(path.dirname(path.dirname(path.dirname(s)))))}--${path.basename(s)}`] = fs.readFileSync(s, "latin1");
      const t = trees.make(spec);
      const names = Object.keys(spec);
      const messages = (): Map<string, Set<string>> => {
        const r = spawnSync("systemd-analyze", ["verify", "--man=no", ...names], { cwd: t.root, encoding: "utf8", maxBuffer: 1 << 26 });
        const out = new Map<string, Set<string>>();
        for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) {
          const m = /^(?:\/[^:]*\/)?([^/:]+\.service)(?::\d+)?: (.*)$/.exec(line);
          if (!m) continue;
          const set = out.get(m[1]!) ?? new Set<string>();
          // The flat copy lacks the package's other units; which missing one verify names first varies between runs.
          set.add(m[2]!.replace(/Unit \S+ not found\./, "Unit … not found."));
          out.set(m[1]!, set);
        }
        return out;
      };
      const before = messages();
      run(["harden", "--profile", profile, "--systemd-version", "252", "--quiet", "."], { cwd: t.root });
      const changed = names.filter((n) => fs.readFileSync(t.abs(n), "latin1") !== spec[n]);
      expect(changed.length).toBeGreaterThan(100);
      const after = messages();
      const added = [...after].flatMap(([file, set]) => [...set].filter((m) => !before.get(file)?.has(m)).map((m) => `${file}: ${m}`));
      expect(added).toEqual([]);
    }
  }, 300_000);
});
