/**
 * Drop-ins on random trees: seeded, so every run draws the same ones. Each tree is a root with a
 * few units (plain, with dashes for prefix drop-ins, a template and its instances, sockets, an alias
 * link) spread over the search-path directories (DIRS), and drop-in
 * directories of their names, their dash prefixes, their template, their alias and their type
 * (service.d/, socket.d/), holding .conf files, other files, empty files and links to /dev/null.
 * systemd-analyze verify --root (252) with debug logging dumps each unit with its "DropIn Path:"
 * lines, in the order systemd reads them; unitlint (lint of the root's search paths) must list the
 * same drop-ins in the same order for every unit with a file of its own. systemd lists an empty or
 * /dev/null drop-in too (it holds nothing and masks a same-named one in a later directory); unitlint
 * drops it from the list, so those are left out of systemd's.
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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-dropins-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * The system search path of 252 (systemd-analyze unit-paths; /lib on Debian's split /usr), but for
 * /run/systemd/generator*, and /run/systemd/transient: verify's test-run manager puts those in a
 * temporary directory of its own, while a running manager (and unitlint) reads them.
 */
const DIRS = [
  "etc/systemd/system.control",
  "run/systemd/system.control",
  "etc/systemd/system",
  "etc/systemd/system.attached",
  "run/systemd/system",
  "run/systemd/system.attached",
  "usr/local/lib/systemd/system",
  "lib/systemd/system",
  "usr/lib/systemd/system",
];
const UNITS = ["a.service", "a-b.service", "a-b-c.service", "b.service", "x@i.service", "x@j-k.service", "s.socket", "a-b.socket"];
const DROPIN_DIRS = ["al.service", "a.service", "a-b.service", "a-b-c.service", "a-.service", "a-b-.service", "b.service", "service", "socket", "x@.service", "x@i.service", "x@j-k.service", "x@j-.service", "x-.service", "s.socket", "a-.socket", "a-b.socket"];
const DROPIN_FILES = ["10-a.conf", "20-b.conf", "override.conf", "x.txt"];

/** Writes one random tree under `root`; returns the names of the units in it to verify. */
function drawTree(root: string, draw: (n: number) => number): string[] {
  const pick = <T>(list: readonly T[]): T => list[draw(list.length)]!;
  const write = (rel: string, text: string | null): void => {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (fs.lstatSync(abs, { throwIfNoEntry: false })) return;
    if (text === null) fs.symlinkSync("/dev/null", abs);
    else fs.writeFileSync(abs, text);
  };
  const names = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const name = pick(UNITS);
    names.add(name);
    write(`${pick(DIRS)}/${name}`, name.endsWith(".socket") ? "[Socket]\nListenStream=1\n" : "[Service]\nExecStart=/bin/true\n");
  }
  if (draw(2) === 1) write(`${pick(DIRS)}/x@.service`, "[Service]\nExecStart=/bin/true\n");
  // al.service -> a.service: a relative link beside one of its files, or an absolute one from another directory.
  const withA = DIRS.filter((d) => fs.existsSync(path.join(root, d, "a.service")));
  if (withA.length > 0 && draw(2) === 1) {
    const target = pick(withA);
    const at = draw(2) === 1 ? target : pick(DIRS);
    const link = path.join(root, at, "al.service");
    fs.mkdirSync(path.dirname(link), { recursive: true });
    if (!fs.lstatSync(link, { throwIfNoEntry: false })) fs.symlinkSync(at === target ? "a.service" : `/${target}/a.service`, link);
  }
  for (let i = 0; i < 10; i++) {
    const rel = `${pick(DIRS)}/${pick(DROPIN_DIRS)}.d/${pick(DROPIN_FILES)}`;
    const kind = draw(10);
    write(rel, kind === 0 ? null : kind === 1 ? "" : `[${rel.includes("socket") ? "Socket" : "Service"}]\nNice=${i}\n`);
  }
  const exists = (name: string): boolean => DIRS.some((d) => fs.existsSync(path.join(root, d, name)));
  return [...names].filter((name) => exists(name) || (name.includes("@") && exists(name.replace(/@.*\./, "@."))));
}

/** What systemd's dump says: each unit's fragment and its drop-ins with content, root-relative. */
function systemdDropIns(root: string, names: readonly string[]): Map<string, { fragment: string; dropins: string[] }> {
  const r = spawnSync("systemd-analyze", ["verify", `--root=${root}`, "--man=no", ...names], { encoding: "utf8", env: { ...process.env, SYSTEMD_LOG_LEVEL: "debug" }, maxBuffer: 1 << 26 });
  const out = new Map<string, { fragment: string; dropins: string[] }>();
  let current: { fragment: string; dropins: string[] } | null = null;
  const rel = (abs: string): string => path.relative(root, abs);
  for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) {
    let m = /^\s*-> Unit (\S+):$/.exec(line);
    if (m) {
      current = { fragment: "", dropins: [] };
      out.set(m[1]!, current);
      continue;
    }
    m = /^\s+Fragment Path: (.*)$/.exec(line);
    if (m && current) current.fragment = rel(m[1]!);
    m = /^\s+DropIn Path: (.*)$/.exec(line);
    if (m && current && fs.statSync(m[1]!).size > 0) current.dropins.push(rel(m[1]!));
  }
  return out;
}

describe.skipIf(!hasSystemd)(hasSystemd ? "random drop-in trees: unitlint merges what systemd-analyze verify --root merges" : SKIP_NO_SYSTEMD, () => {
  it("lists the same drop-ins, in the same order, for every unit of three seeded draws", () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const seed of [11, 2026, 31337]) {
      const draw = seededRandom(seed);
      for (let n = 0; n < 40; n++) {
        const root = path.join(tmp, `${seed}-${n}`);
        fs.mkdirSync(root);
        const names = drawTree(root, draw);
        if (names.length === 0) continue;
        const theirs = systemdDropIns(root, names);
        const report = lint({ paths: [], root: ".", cwd: root, settings: { systemdVersion: 252 } });
        for (const name of names) {
          const systemd = theirs.get(name);
          // An instance without a file of its own is linted as its template, once for all instances.
          const unit = systemd ? report.units.find((u) => u.name === name && u.status === "checked" && u.path === systemd.fragment) : undefined;
          if (!systemd || !unit) continue;
          compared++;
          if (unit.dropins.join(" ") !== systemd.dropins.join(" ")) {
            disagreements.push(`${seed}-${n} ${name} | systemd: ${systemd.dropins.join(" ")} | unitlint: ${unit.dropins.join(" ")}`);
          }
        }
      }
    }
    console.log(`random drop-in trees: ${compared} units compared with systemd-analyze verify 252; ${disagreements.length} disagree`);
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(300);
  }, 180_000);
});
