/**
 * The missing protections of an assessed unit, grouped by the setting that would close them
 * (the 26 CapabilityBoundingSet= rows are one setting, the 11 SystemCallFilter= rows another, …)
 * and ranked by how much exposure they carry, with the exact exposure once some are closed.
 */
import { score, type Assessment, type RowResult } from "./score.js";

export interface Gap {
  /** The setting, e.g. "PrivateNetwork=" or "CapabilityBoundingSet=". */
  setting: string;
  rows: RowResult[];
  /** Σ badness · weight / range of its rows: what it adds to the score's numerator. */
  weight: number;
}

/** The setting a row is about: "CapabilityBoundingSet=~CAP_KILL" → "CapabilityBoundingSet=". */
export const settingOf = (id: string): string => id.replace(/=~.*$/, "=");

/** Every setting with a row that is not fully protected, largest first (ties in table order). */
export function gaps(assessment: Assessment): Gap[] {
  const bySetting = new Map<string, Gap>();
  for (const r of assessment.rows) {
    if (r.badness === null || r.badness === 0) continue;
    const setting = settingOf(r.row.id);
    let gap = bySetting.get(setting);
    if (!gap) bySetting.set(setting, (gap = { setting, rows: [], weight: 0 }));
    gap.rows.push(r);
    gap.weight += (r.badness * r.row.weight) / r.row.range;
  }
  return [...bySetting.values()].sort((a, b) => b.weight - a.weight);
}

/** The exposure (0–100) the unit would have with these gaps fully closed. */
export function exposureWithout(assessment: Assessment, closed: readonly Gap[]): number {
  const fixed = new Set(closed.flatMap((g) => g.rows));
  return score(assessment.rows.map((r) => ({ row: r.row, badness: fixed.has(r) ? 0 : r.badness }))).exposure;
}
