/**
 * Static findings of the loaded units: the linter run on the files the manager
 * actually loaded (FragmentPath=, DropInPaths=), so that "it is looping" comes
 * with "because RestartSec=0". Also gives the other checks the loaded Unit
 * objects (the ports a service listens on come from them).
 */
import fs from "node:fs";
import { lintWithProject } from "../engine/lint.js";
import type { Report } from "../engine/report.js";
import type { Settings } from "../engine/settings.js";
import type { Policy } from "../config/load.js";
import type { Unit } from "../model/unit.js";
import type { DoctorFinding } from "./findings.js";
import { splitPaths, type ManagerScope, type Properties } from "./systemctl.js";

export interface StaticResult {
  report: Report;
  findings: DoctorFinding[];
  /** The loaded unit behind each unit Id (an instance maps to its template's files). */
  unitOf: (id: string) => Unit | undefined;
  /** The fragment of each unit Id, for findings about the unit as a whole. */
  pathOf: (id: string) => string | null;
}

/** Files the manager reports that are not unit files we can read: masked (/dev/null) or gone. */
const usable = (file: string): boolean => file.startsWith("/") && file !== "/dev/null" && fs.existsSync(file);

export function lintLoaded(units: readonly Properties[], scope: ManagerScope, settings: Partial<Settings>, policy: Policy | null): StaticResult {
  const files = new Set<string>();
  const fragmentOf = new Map<string, string>();
  for (const p of units) {
    const fragment = p.FragmentPath ?? "";
    if (!usable(fragment)) continue;
    fragmentOf.set(p.Id!, fragment);
    files.add(fragment);
    for (const d of splitPaths(p.DropInPaths)) if (usable(d)) files.add(d);
  }
  const { report, project } = lintWithProject({ paths: [...files].sort(), cwd: "/", scope, settings, policy, systemdVersionSource: "systemctl" });
  const byPath = new Map<string, Unit>();
  const unitByFile = new Map<string, string>();
  for (const u of project.units) byPath.set(u.path, u);
  for (const [id, fragment] of fragmentOf) {
    const u = byPath.get(fragment);
    if (!u) continue;
    for (const f of u.files()) if (!unitByFile.has(f.path)) unitByFile.set(f.path, id);
  }
  const findings: DoctorFinding[] = report.findings.map((f) => ({ ...f, unit: unitByFile.get(f.path) ?? null }));
  return {
    report,
    findings,
    unitOf: (id) => {
      const fragment = fragmentOf.get(id);
      return fragment === undefined ? undefined : byPath.get(fragment);
    },
    pathOf: (id) => fragmentOf.get(id) ?? null,
  };
}
