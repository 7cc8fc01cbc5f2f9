/**
 * The missing protections of an assessed unit, grouped by the setting that would close them
 * (the 26 CapabilityBoundingSet= rows are one setting, the 11 SystemCallFilter= rows another, …)
 * and ranked by how much exposure they carry, with the exact exposure once some are closed.
 */
import { SECURITY_CHECKS } from "../data/security.generated.js";
import { exposureOfBadness, pointsOf, type Badness } from "./score.js";

export interface Gap {
  /** The setting, e.g. "PrivateNetwork=" or "CapabilityBoundingSet=". */
  setting: string;
  /** Σ badness · weight / range of its rows: how much it weighs. */
  weight: number;
  /** Σ ⌈badness · weight / range⌉ of its rows: what it adds to the score's numerator. */
  points: number;
}

/** The setting a row is about: "CapabilityBoundingSet=~CAP_KILL" → "CapabilityBoundingSet=". */
export const settingOf = (id: string): string => id.replace(/=~.*$/, "=");

/** The settings in table order, and the place of each row's setting among them (by the row's place in the table). */
const SETTINGS: string[] = [];
const ROW_SETTING: number[] = SECURITY_CHECKS.map((row) => {
  const setting = settingOf(row.id);
  if (!SETTINGS.includes(setting)) SETTINGS.push(setting);
  return SETTINGS.indexOf(setting);
});

/** The `count` settings with a row that is not fully protected that weigh most, largest first (ties in table order). */
export function largestGaps(badness: Badness, count: number): Gap[] {
  const weight: number[] = new Array<number>(SETTINGS.length).fill(0);
  const points: number[] = new Array<number>(SETTINGS.length).fill(0);
  for (let i = 0; i < SECURITY_CHECKS.length; i++) {
    const row = SECURITY_CHECKS[i]!;
    const bad = badness[i]!;
    if (bad === null || bad === 0) continue;
    const s = ROW_SETTING[i]!;
    weight[s]! += (bad * row.weight) / row.range;
    points[s]! += pointsOf(row, bad);
  }
  const open: number[] = [];
  for (let i = 0; i < SETTINGS.length; i++) if (weight[i]! > 0) open.push(i);
  open.sort((a, b) => weight[b]! - weight[a]! || a - b);
  return open.slice(0, count).map((i) => ({ setting: SETTINGS[i]!, weight: weight[i]!, points: points[i]! }));
}

/** The exposure (0–100) the unit would have with these gaps fully closed. */
export function exposureWithout(badness: Badness, closed: readonly Gap[]): number {
  return exposureOfBadness(badness, closed.reduce((sum, g) => sum + g.points, 0));
}
