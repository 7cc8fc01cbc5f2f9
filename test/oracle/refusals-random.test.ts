/**
 * Refusals on random units: seeded, so every run draws the same ones. Each unit gets a few lines
 * drawn from pools of settings that make systemd refuse a unit alone or together (no ExecStart=,
 * two of them, Type=oneshot with Restart=always, Accept=yes with a datagram socket or Service=,
 * PAMName= with KillMode=process, Type=dbus without BusName=, User=%i in a plain unit, …), with
 * their resets, invalid spellings and harmless neighbours, and a third of them a drop-in beside
 * them drawn from the same pool. One batched `systemd-analyze verify`
 * 252 says which units it refuses ("Unit … has a bad unit file setting", or "… failed to load
 * properly" for a file it cannot read); unitlint must report an
 * error saying systemd refuses the unit on exactly those.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { seededRandom } from "../helpers/random.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";

const hasSystemd = ensureSystemdAnalyze();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-random-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The lines each unit type draws from. BusName= names the unit itself (%N): in one batched verify, services sharing a bus name would not load as the file alone does. */
const POOLS: Record<string, { section: string; lines: string[] }> = {
  service: {
    section: "Service",
    lines: [
      "ExecStart=/bin/true", "ExecStart=", "ExecStart=/bin/false", "ExecStart=-/bin/true", "ExecStart=true", "ExecStart=%i", "ExecStop=/bin/true",
      "Type=oneshot", "Type=simple", "Type=forking", "Type=notify", "Type=dbus", "Type=", "Type=bogus", "BusName=org.example.%N", "RemainAfterExit=yes",
      "Restart=always", "Restart=on-failure", "Restart=", "Restart=no", "Restart=on-success", "PAMName=login", "KillMode=process", "KillMode=mixed",
      "KillMode=", "User=%i", "Group=%I", "User=root", "WorkingDirectory=%i", "RootDirectory=%i", "DynamicUser=yes", "DynamicUser=maybe", "SupplementaryGroups=%i",
      "[Service] # note", "no equals sign", "ExecStart=@/bin/true x", "ExecStart=|/bin/true", "ExecStart=!!/bin/true", "ExecStart=-", "ExecStart=/bin/true ; /bin/false",
      "Type=notify-reload", "SuccessAction=exit", "ExecStart=/bin/x\\q", "[Unit]", "Description=%i", "[Install]",
      "ExecStart=%i /bin/true", "ExecStart=/bin/echo %i x", "SupplementaryGroups=wheel %i", "ReadWritePaths=%i /srv", "ExecStart=%i-/bin/true", "ExecStart=@%i/bin/echo x",
      "PIDFile=../x.pid", "PIDFile=x.pid", "SELinuxContext=%Z", "SELinuxContext=-%Z", "WorkingDirectory=-relative",
    ],
  },
  socket: {
    section: "Socket",
    lines: [
      "ListenStream=8080", "ListenStream=0x50", "ListenStream=", "ListenStream=08080", "ListenDatagram=[::1", "ListenDatagram=53", "ListenDatagram=",
      "ListenFIFO=/run/x.fifo", "ListenSequentialPacket=/run/s.sock", "ListenStream=/run/y.sock", "Accept=yes", "Accept=no", "Accept=", "Accept=maybe",
      "Service=x.service", "Service=", "Service=%i", "MaxConnections=0", "MaxConnections=0x0", "MaxConnections=1", "PAMName=login", "KillMode=mixed",
      "ListenStream=%i", "ListenStream=127.0.0.1:0x50", "Accept=%i", "[Socket] x", "ExecStartPre=/bin/true", "ExecStartPre=%i",
      "ExecStartPre=%I /bin/true",
    ],
  },
  path: {
    section: "Path",
    lines: ["PathExists=/x", "PathExists=", "PathExists=relative", "PathChanged=/etc/%i", "PathChanged=%i", "Unit=%i", "Unit=x.path", "Unit=x.service", "MakeDirectory=yes", "DirectoryMode=0755", "PathModified=/x", "TriggerLimitBurst=0x5", "[Path] junk", "DirectoryNotEmpty=/srv/q"],
  },
  timer: {
    section: "Timer",
    lines: ["OnCalendar=daily", "OnCalendar=every day", "OnCalendar=", "OnBootSec=5min", "OnBootSec=5 mins", "OnBootSec=", "OnClockChange=yes", "Persistent=true", "Unit=%i", "OnCalendar=%i", "OnActiveSec=0x10", "[Timer] x"],
  },
};

/** Writes `count` random units of each type (with the services their sockets and timers start); their names and texts. */
function writeUnits(dir: string, count: number, seed: number): Array<[string, string]> {
  const draw = seededRandom(seed);
  const units: Array<[string, string]> = [];
  for (const [type, pool] of Object.entries(POOLS)) {
    for (let i = 0; i < count; i++) {
      const lines = Array.from({ length: 1 + draw(5) }, () => pool.lines[draw(pool.lines.length)]!);
      const name = `${type.slice(0, 2)}${i}.${type}`;
      const text = `[${pool.section}]\n${lines.join("\n")}\n`;
      fs.writeFileSync(path.join(dir, name), text);
      let shown = text;
      if (draw(3) === 0) {
        // A drop-in beside it, merged after it: its lines can complete, reset or break the unit.
        const more = Array.from({ length: 1 + draw(3) }, () => pool.lines[draw(pool.lines.length)]!);
        fs.mkdirSync(path.join(dir, `${name}.d`));
        fs.writeFileSync(path.join(dir, `${name}.d`, "override.conf"), `[${pool.section}]\n${more.join("\n")}\n`);
        shown += `+ ${name}.d/override.conf: ${more.join(" | ")}`;
      }
      units.push([name, shown]);
      if (type !== "service") {
        // What a socket (also with Accept=yes) or timer starts, so that only the unit itself is judged.
        for (const started of [`${type.slice(0, 2)}${i}.service`, `${type.slice(0, 2)}${i}@.service`]) fs.writeFileSync(path.join(dir, started), "[Service]\nExecStart=/bin/true\n");
      }
    }
  }
  return units;
}

describe.skipIf(!hasSystemd)(hasSystemd ? "random units: unitlint refuses what systemd-analyze verify refuses" : SKIP_NO_SYSTEMD, () => {
  it("agrees on every unit of three seeded draws (services, sockets, path units, timers)", () => {
    const disagreements: string[] = [];
    let refusedCount = 0;
    let total = 0;
    for (const seed of [777, 4242, 12345]) {
      const dir = fs.mkdtempSync(path.join(tmp, "draw-"));
      const units = writeUnits(dir, 60, seed);
      const verify = spawnSync("systemd-analyze", ["verify", "--man=no", ...units.map(([name]) => name)], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 });
      const refused = new Set([...`${verify.stdout}\n${verify.stderr}`.matchAll(/^Unit (\S+) (?:has a bad unit file setting\.|failed to load properly\b)/gm)].map((m) => m[1]!));
      const report = lint({ paths: ["."], cwd: dir, settings: { systemdVersion: 252 } });
      for (const [name, text] of units) {
        // A finding caused by the drop-in is reported at the drop-in's line.
        const ours = report.findings.filter((f) => (f.path === name || f.path.startsWith(`${name}.d/`)) && f.severity === "error" && /refuse/.test(f.message));
        if (refused.has(name) !== ours.length > 0) disagreements.push(`${name} ${JSON.stringify(text)}: systemd ${refused.has(name) ? "refuses" : "loads"} it; unitlint: ${ours.map((f) => `${f.rule} ${f.message}`).join(" / ") || "-"}`);
        if (refused.has(name)) refusedCount++;
        total++;
      }
    }
    console.log(`random units: ${total - refusedCount} loaded and ${refusedCount} refused by systemd-analyze verify 252; unitlint agrees on all but ${disagreements.length}`);
    expect(disagreements).toEqual([]);
    // The draws hold both verdicts in numbers.
    expect(total).toBe(720);
    expect(refusedCount).toBeGreaterThan(100);
    expect(total - refusedCount).toBeGreaterThan(100);
  }, 120_000);
});
