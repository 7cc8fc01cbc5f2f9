/**
 * Doctor's findings: the linter's Finding shape plus the unit they are about.
 * The live checks have ids of their own in the UL8xx range (they are not rules:
 * nothing in a unit file triggers them, so they are not in the rule registry).
 */
import type { Finding } from "../engine/report.js";
import type { Severity } from "../rules/types.js";
import type { Assignment } from "../model/unit.js";

export interface DoctorFinding extends Finding {
  /** The unit the finding is about, or null for the host (clock, linger). */
  unit: string | null;
}

export const CHECKS = {
  restartLoop: { id: "UL801", name: "restart-loop" },
  gaveUp: { id: "UL802", name: "start-limit-gave-up" },
  failed: { id: "UL803", name: "unit-failed" },
  restarted: { id: "UL804", name: "restarted" },
  portHolder: { id: "UL811", name: "orphan-port-holder" },
  journalNoise: { id: "UL821", name: "journal-noise" },
  noLinger: { id: "UL831", name: "user-without-linger" },
  clock: { id: "UL841", name: "clock-not-synchronized" },
} as const;

export type Check = (typeof CHECKS)[keyof typeof CHECKS];

/** A finding about a unit (at a line of its file when `at` is given, else at its fragment, or nowhere). */
export function finding(check: Check, severity: Severity, unit: string | null, message: string, at: { path: string; from?: Assignment } | null = null): DoctorFinding {
  const range = at?.from?.entry.range;
  return {
    rule: check.id,
    name: check.name,
    severity,
    message,
    path: at?.path ?? "",
    line: range?.line ?? 1,
    column: range?.column ?? 1,
    endLine: range?.endLine ?? 1,
    endColumn: range?.endColumn ?? 1,
    fix: null,
    docs: null,
    unit,
  };
}
