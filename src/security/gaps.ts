/**
 * The missing protections of an assessed unit, grouped by the setting that would close them
 * (the 26 CapabilityBoundingSet= rows are one setting, the 11 SystemCallFilter= rows another, …)
 * and ranked by how much exposure they carry, with what closing some takes off the score.
 */
import { SECURITY_CHECKS } from "../data/security.generated.js";
import { pointsOf, type Badness } from "./score.js";

export interface Gap {
  /** The setting, e.g. "PrivateNetwork=" or "CapabilityBoundingSet=". */
  setting: string;
  /** Σ badness · weight / range of its rows: how much it weighs. */
  weight: number;
  /** Σ ⌈badness · weight / range⌉ of its rows: what it adds to the score's numerator. */
  points: number;
}

/** The setting a row is about: "CapabilityBoundingSet=~CAP_KILL" → "CapabilityBoundingSet=". */
const settingOf = (id: string): string => id.replace(/=~.*$/, "=");

/** The settings in table order, and the place of each row's setting among them (by the row's place in the table). */
const SETTINGS: string[] = [];
const ROW_SETTING: number[] = SECURITY_CHECKS.map((row) => {
  const setting = settingOf(row.id);
  if (!SETTINGS.includes(setting)) SETTINGS.push(setting);
  return SETTINGS.indexOf(setting);
});

/** Every setting the table scores, without "=" ("User=/DynamicUser=" is both), in table order. */
export const SCORED_KEYS: readonly string[] = SETTINGS.flatMap((setting) => setting.split("/").map((key) => key.slice(0, -1)));

/** The setting of the table's row `i`. */
export const settingOfRow = (i: number): string => SETTINGS[ROW_SETTING[i]!]!;

/** Per-setting sums, reused from call to call (UL403 ranks the gaps of every service). */
const weightOf = new Float64Array(SETTINGS.length);
const pointsOfSetting = new Float64Array(SETTINGS.length);

/** The `count` settings with a row that is not fully protected that weigh most, largest first (ties in table order). */
export function largestGaps(badness: Badness, count: number): Gap[] {
  weightOf.fill(0);
  pointsOfSetting.fill(0);
  for (let i = 0; i < SECURITY_CHECKS.length; i++) {
    const row = SECURITY_CHECKS[i]!;
    const bad = badness[i]!;
    if (bad === null || bad === 0) continue;
    const s = ROW_SETTING[i]!;
    weightOf[s]! += (bad * row.weight) / row.range;
    pointsOfSetting[s]! += pointsOf(row, bad);
  }
  // A few passes for the few largest: no sorting of every setting.
  const out: Gap[] = [];
  while (out.length < count) {
    let best = -1;
    for (let s = 0; s < SETTINGS.length; s++) if (weightOf[s]! > 0 && (best < 0 || weightOf[s]! > weightOf[best]!)) best = s;
    if (best < 0) break;
    out.push({ setting: SETTINGS[best]!, weight: weightOf[best]!, points: pointsOfSetting[best]! });
    weightOf[best] = 0;
  }
  return out;
}

/** What closing these gaps fully takes off the exposure's numerator (see Sums.exposureLess()). */
export function pointsOfGaps(closed: readonly Gap[]): number {
  return closed.reduce((sum, g) => sum + g.points, 0);
}
