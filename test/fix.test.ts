/**
 * --fix, --diff, --unsafe-fixes and --drop-in end to end, through the real binary: exact
 * patches, exact written files, idempotence, `patch -p1` equal to --fix, drop-ins for vendor
 * units, refused symbolic links, and a kill in the middle of a big --fix run.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, runBin as run } from "./helpers/bin.js";
import { treeTracker } from "./helpers/tree.js";
import { BASELINE_252, BASELINE_252_TEXT } from "./helpers/baseline.js";

const trees = treeTracker();
beforeAll(() => ensureBuilt());
afterEach(() => trees.cleanupAll());

const STORM = "[Unit]\nDescription=gw\n\n[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";
const STORM_FIXED = "[Unit]\nDescription=gw\n\n[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=5s\n";
const ON_FAILURE = "[Service]\nExecStart=/usr/bin/proxy\nRestart=on-failure\nRestartSec=5s\n";
const hasPatch = spawnSync("patch", ["--version"], { stdio: "ignore" }).status === 0;

/** Every file under dir (relative path → content), links as "-> target". */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) walk(p);
      else out[rel] = fs.readFileSync(p, "latin1");
    }
  };
  walk(dir);
  return out;
}

describe("--diff", () => {
  it("prints exactly what --fix would change, as a patch, writes nothing, and exits 1", () => {
    const t = trees.make({ "gw.service": STORM, "clean.service": STORM_FIXED });
    const before = snapshot(t.root);
    const r = run(["--diff", "."], { cwd: t.root });
    expect(r.stdout).toBe(
      "--- a/gw.service\n+++ b/gw.service\n@@ -4,4 +4,4 @@\n [Service]\n ExecStart=/usr/bin/gw\n Restart=always\n-RestartSec=0\n+RestartSec=5s\n",
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(snapshot(t.root)).toEqual(before);
  });

  it("is empty, with exit 0, when there is nothing to fix; unsafe fixes only with --unsafe-fixes", () => {
    const t = trees.make({ "proxy.service": ON_FAILURE });
    expect(run(["--diff", "."], { cwd: t.root })).toEqual({ status: 0, stdout: "", stderr: "" });
    const r = run(["--diff", "--unsafe-fixes", "."], { cwd: t.root });
    // UL104's unsafe fix (Restart=always, RestartPreventExitStatus=78) and UL403's (harden baseline:
    // a start limit in a new [Unit] section and the sandboxing settings).
    expect(r.stdout).toBe(
      "--- a/proxy.service\n+++ b/proxy.service\n@@ -1,4 +1,28 @@\n" +
        "+[Unit]\n+StartLimitIntervalSec=60s\n+StartLimitBurst=5\n+\n" +
        " [Service]\n ExecStart=/usr/bin/proxy\n-Restart=on-failure\n+Restart=always\n+RestartPreventExitStatus=78\n RestartSec=5s\n" +
        BASELINE_252.map((l) => `+${l}\n`).join(""),
    );
    expect(r.status).toBe(1);
  });

  it("refuses --unsafe-fixes and --drop-in without --fix or --diff", () => {
    const t = trees.make({ "gw.service": STORM });
    expect(run(["--unsafe-fixes", "."], { cwd: t.root })).toEqual({ status: 2, stdout: "", stderr: "unitlint: --unsafe-fixes needs --fix or --diff\n" });
    expect(run(["--drop-in", "."], { cwd: t.root })).toEqual({ status: 2, stdout: "", stderr: "unitlint: --drop-in needs --fix or --diff\n" });
  });

  it.skipIf(!hasPatch)(hasPatch ? "applied with patch -p1 gives exactly what --fix writes (CRLF, drop-ins and created files included)" : "SKIPPED: the patch program is not installed", () => {
    const spec = {
      "etc/systemd/system/gw.service": STORM.replace(/\n/g, "\r\n"),
      "etc/systemd/system/worker.service": "[Unit]\nDescription=w\n\n[Service]\nExecStart=/usr/bin/w\nRestart=always\nRestartSec=10\nStartLimitIntervalSec=60\nStartLimitBurst=10\n",
      "etc/systemd/system/proxy.service": ON_FAILURE,
      "etc/systemd/system/proxy.service.d/override.conf": "[Service]\nExecStart=/usr/bin/proxy --port 1\n",
      "usr/lib/systemd/system/vendor.service": STORM,
    };
    const viaPatch = trees.make(spec);
    const viaFix = trees.make(spec);
    const diff = run(["--root", ".", "--diff", "--unsafe-fixes"], { cwd: viaPatch.root });
    expect(diff.status).toBe(1);
    const applied = spawnSync("patch", ["-p1", "--quiet", "--binary"], { cwd: viaPatch.root, input: diff.stdout, encoding: "utf8" });
    expect(applied.stderr + applied.stdout).toBe("");
    expect(applied.status).toBe(0);
    run(["--root", ".", "--fix", "--unsafe-fixes"], { cwd: viaFix.root });
    expect(snapshot(viaPatch.root)).toEqual(snapshot(viaFix.root));
    // UL101's RestartSec=5s, plus UL403's unsafe fix (harden baseline: start limit and sandboxing), all in CRLF.
    const hardened =
      "[Unit]\nDescription=gw\nStartLimitIntervalSec=60s\nStartLimitBurst=5\n\n[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=5s\n" +
      BASELINE_252_TEXT;
    expect(snapshot(viaFix.root)["etc/systemd/system/gw.service"]).toBe(hardened.replace(/\n/g, "\r\n"));
  });
});

describe("--fix", () => {
  it("writes the fixed files, says what it did, reminds to reload, and reports what remains", () => {
    const t = trees.make({ "gw.service": STORM, "proxy.service": ON_FAILURE });
    const r = run(["--fix", "."], { cwd: t.root });
    expect(fs.readFileSync(t.abs("gw.service"), "utf8")).toBe(STORM_FIXED);
    expect(fs.readFileSync(t.abs("proxy.service"), "utf8")).toBe(ON_FAILURE);
    expect(r.stderr).toBe("unitlint: fixed gw.service: Set RestartSec=5s\nunitlint: run systemctl daemon-reload for systemd to use the changed files\n");
    // What remains: the unsafe fix was not applied, so its finding is still reported.
    expect(r.stdout).toMatch(/proxy\.service:3:1 +warning .*UL104/);
    expect(r.stdout).not.toMatch(/UL101/);
    expect(r.status).toBe(1);
  });

  it("is idempotent: a second run changes nothing", () => {
    const t = trees.make({ "gw.service": STORM, "usr/lib/systemd/system/v.service": STORM });
    run(["--fix", "--root", ".", "--unsafe-fixes"], { cwd: t.root });
    const once = snapshot(t.root);
    const again = run(["--fix", "--root", ".", "--unsafe-fixes"], { cwd: t.root });
    expect(again.stderr).toBe("");
    expect(snapshot(t.root)).toEqual(once);
    expect(run(["--diff", "--root", ".", "--unsafe-fixes"], { cwd: t.root }).stdout).toBe("");
  });

  it("never edits a vendor unit: writes a drop-in with only the changed settings", () => {
    const vendor = "[Unit]\nDescription=v\n\n[Service]\nExecStart=/usr/bin/v\nRestart=always\nRestartSec=0\nStartLimitIntervalSec=60\n";
    const t = trees.make({ "usr/lib/systemd/system/v.service": vendor, "usr/lib/systemd/user/u.service": STORM });
    const r = run(["--fix", "--root", "."], { cwd: t.root });
    expect(fs.readFileSync(t.abs("usr/lib/systemd/system/v.service"), "utf8")).toBe(vendor);
    expect(fs.readFileSync(t.abs("etc/systemd/system/v.service.d/50-unitlint.conf"), "utf8")).toBe(
      "# Written by unitlint: changes to v.service, which belongs to a package.\n[Unit]\nStartLimitIntervalSec=60\n\n[Service]\nRestartSec=5s\n",
    );
    expect(fs.readFileSync(t.abs("etc/systemd/user/u.service.d/50-unitlint.conf"), "utf8")).toBe(
      "# Written by unitlint: changes to u.service, which belongs to a package.\n[Service]\nRestartSec=5s\n",
    );
    expect(r.stderr).toBe(
      "unitlint: wrote drop-in etc/systemd/system/v.service.d/50-unitlint.conf: Move to [Unit] as StartLimitIntervalSec=60; Set RestartSec=5s\n" +
        "unitlint: wrote drop-in etc/systemd/user/u.service.d/50-unitlint.conf: Set RestartSec=5s\n" +
        "unitlint: run systemctl daemon-reload and systemctl --user daemon-reload for systemd to use the changed files\n",
    );
    // The ignored line left in the vendor file is harmless now, and said so.
    expect(r.stdout).toMatch(/v\.service:8:1 +info +systemd does not read StartLimitIntervalSec= in \[Service\] \("Unknown key"\); harmless here, since \[Unit\] sets StartLimitIntervalSec=60/);
  });

  it("with --drop-in writes a drop-in for any unit", () => {
    const t = trees.make({ "etc/systemd/system/gw.service": STORM });
    run(["--fix", "--drop-in", "--root", "."], { cwd: t.root });
    expect(fs.readFileSync(t.abs("etc/systemd/system/gw.service"), "utf8")).toBe(STORM);
    expect(fs.readFileSync(t.abs("etc/systemd/system/gw.service.d/50-unitlint.conf"), "utf8")).toBe(
      "# Written by unitlint: changes to gw.service, which belongs to a package.\n[Service]\nRestartSec=5s\n",
    );
  });

  it("does not write through a symbolic link: reports it, leaves the target alone, fixes the rest, exits 2", () => {
    const t = trees.make({ "real/gw.service": STORM, "units/gw.service": { symlink: "../real/gw.service" }, "units/other.service": STORM });
    const r = run(["--fix", "units"], { cwd: t.root });
    expect(fs.readFileSync(t.abs("real/gw.service"), "utf8")).toBe(STORM);
    expect(fs.lstatSync(t.abs("units/gw.service")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(t.abs("units/other.service"), "utf8")).toBe(STORM_FIXED);
    expect(r.stderr).toContain(
      "unitlint: cannot write units/gw.service (left unchanged): is a symbolic link to ../real/gw.service: not edited through the link (fix the file it points to)\n",
    );
    expect(r.status).toBe(2);
  });

  it("keeps the file's mode", () => {
    const t = trees.make({ "gw.service": STORM });
    fs.chmodSync(t.abs("gw.service"), 0o640);
    run(["--fix", "."], { cwd: t.root });
    expect(fs.statSync(t.abs("gw.service")).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(t.root)).toEqual(["gw.service"]);
  });

  it("leaves every file either old or new when killed in the middle of a big run", async () => {
    const spec: Record<string, string> = {};
    const names = Array.from({ length: 2000 }, (_, i) => `u${String(i).padStart(4, "0")}.service`);
    for (const n of names) spec[n] = STORM;
    const t = trees.make(spec);
    const child = spawn(process.execPath, [BIN, "--fix", "--quiet", "."], { cwd: t.root, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // Kill as soon as the first file has been replaced.
    const first = t.abs(names[0]!);
    for (let i = 0; i < 6000 && fs.readFileSync(first, "utf8") === STORM; i++) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await exited;
    const contents = names.map((n) => fs.readFileSync(t.abs(n), "utf8"));
    expect(contents.filter((c) => c !== STORM && c !== STORM_FIXED)).toEqual([]);
    expect(contents.filter((c) => c === STORM_FIXED).length).toBeGreaterThan(0);
    // Killed mid-way, not after the end (otherwise this test proves nothing).
    expect(contents.filter((c) => c === STORM).length).toBeGreaterThan(0);
  }, 120_000);
});
