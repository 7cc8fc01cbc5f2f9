/**
 * `unitlint doctor`: live checks of a running manager (system, or the calling
 * user's with --user). It reads; it never starts, stops, restarts or kills
 * anything, and every program it runs goes through exec.ts.
 */
import os from "node:os";
import fs from "node:fs";
import type { Report } from "../engine/report.js";
import type { Settings } from "../engine/settings.js";
import type { Policy } from "../config/load.js";
import type { Severity } from "../rules/types.js";
import type { Runner } from "./exec.js";
import type { DoctorFinding } from "./findings.js";
import { checkJournal } from "./journal.js";
import { checkAllLinger, checkOwnLinger } from "./linger.js";
import { checkLoops } from "./loops.js";
import { checkPortHolders } from "./port-holders.js";
import { lintLoaded } from "./static.js";
import { readServices, type ManagerScope, type Properties } from "./systemctl.js";
import { checkTime } from "./time.js";

export interface DoctorOptions {
  scope: ManagerScope;
  /** Seconds between two samples of the units (0: one sample). */
  watchSec: number;
  run: Runner;
  settings: Partial<Settings>;
  policy: Policy | null;
  /** The /proc to read (tests may point elsewhere). */
  proc?: string;
  /** Waits between samples (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
}

/** A report like the linter's whose findings also name their unit. */
export interface DoctorReport extends Omit<Report, "findings"> {
  findings: DoctorFinding[];
}

export type DoctorResult =
  | { ok: true; report: DoctorReport; notes: string[] }
  /** The manager could not be asked at all: a tool error. */
  | { ok: false; error: string };

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function compare(a: DoctorFinding, b: DoctorFinding): number {
  const key = (f: DoctorFinding): Array<string | number> => [f.path, f.line, f.column, f.rule, f.unit ?? "", f.message];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return ORDER[a.severity] - ORDER[b.severity];
}

export async function doctor(options: DoctorOptions): Promise<DoctorResult> {
  const { scope, run } = options;
  const first = await readServices(run, scope);
  if (typeof first === "string") return { ok: false, error: `cannot read the ${scope} manager's units: ${first}` };
  let later: Map<string, Properties> | null = null;
  if (options.watchSec > 0) {
    await (options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(options.watchSec * 1000);
    const second = await readServices(run, scope);
    if (typeof second === "string") return { ok: false, error: `cannot read the ${scope} manager's units: ${second}` };
    later = new Map(second.map((p) => [p.Id!, p]));
  }
  const current = first.map((p) => later?.get(p.Id!) ?? p);
  const notes: string[] = [];
  const loaded = lintLoaded(current, scope, options.settings, options.policy);
  const findings: DoctorFinding[] = [
    ...loaded.findings,
    ...checkLoops(first, { scope, later, watchSec: options.watchSec, pathOf: loaded.pathOf }),
    ...checkPortHolders(current, { scope, unitOf: loaded.unitOf, proc: options.proc }),
  ];
  const journal = await checkJournal(run, scope);
  findings.push(...journal.findings);
  if (journal.note) notes.push(journal.note);
  if (scope === "user") {
    const enabled = current.filter((p) => p.UnitFileState === "enabled").map((p) => p.Id!);
    findings.push(...(await checkOwnLinger(run, os.userInfo().username, enabled)));
  } else {
    let passwd = "";
    try {
      passwd = fs.readFileSync("/etc/passwd", "utf8");
    } catch {
      notes.push("linger not checked: /etc/passwd is unreadable");
    }
    findings.push(...(await checkAllLinger(run, passwd)));
  }
  const time = await checkTime(run);
  findings.push(...time.findings);
  if (time.note) notes.push(time.note);
  findings.sort(compare);
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const report: DoctorReport = {
    ...loaded.report,
    findings,
    summary: { errors: count("error"), warnings: count("warning"), infos: count("info"), units: loaded.report.units.length },
  };
  return { ok: true, report, notes };
}
