/**
 * The exposure score of `systemd-analyze security` (assess() in src/analyze/analyze-security.c;
 * systemd-facts §12 "Formula"), in integer arithmetic with round-up division:
 *   exposure = ⌈100 · Σ ⌈badness · weight / range⌉ / Σ weight⌉ over the rows that apply (0–100),
 *   a row's share = ⌈⌈badness · weight · 100 / range⌉ / Σ weight⌉ (shown only when badness > 0).
 */
import { SECURITY_CHECKS, type SecurityCheckRow } from "../data/security.generated.js";
import type { Unit } from "../model/unit.js";
import { assessRow } from "./checks.js";
import { securityInfo, type InfoOptions } from "./info.js";
import { levelOf, type Level } from "./levels.js";

export interface RowResult {
  row: SecurityCheckRow;
  /** 0 … row.range; null when the row does not apply. */
  badness: number | null;
  /** True when the row is fully satisfied (badness 0), null when it does not apply. */
  ok: boolean | null;
  /** The row's share of the exposure (0–100 scale), null when it adds nothing. */
  exposure: number | null;
  detail?: string;
}

export interface Assessment {
  /** 0–100; systemd prints it divided by 10. */
  exposure: number;
  level: Level;
  rows: RowResult[];
}

const divRoundUp = (a: number, b: number): number => Math.floor((a + b - 1) / b);

/** A row's part of the exposure's numerator: ⌈badness · weight / range⌉. */
export const pointsOf = (row: SecurityCheckRow, badness: number): number => divRoundUp(badness * row.weight, row.range);

/** Σ ⌈badness · weight / range⌉ and Σ weight, accumulated row by row. */
export class Sums {
  weight = 0;
  badness = 0;

  add(row: SecurityCheckRow, badness: number | null): void {
    if (badness === null || row.weight === 0) return;
    this.badness += pointsOf(row, badness);
    this.weight += row.weight;
  }

  /** The exposure (0–100), less `points` of the numerator (rows that would be fixed). */
  exposureLess(points: number): number {
    return this.weight === 0 ? 0 : divRoundUp((this.badness - points) * 100, this.weight);
  }

  get exposure(): number {
    return this.exposureLess(0);
  }
}

/** A row's badness for one unit (null: not applicable), before it is scored. */
export interface RowVerdict {
  row: SecurityCheckRow;
  badness: number | null;
  detail?: string;
}

/** Each row's badness (null: not applicable), in the table's order (SECURITY_CHECKS). */
export type Badness = ReadonlyArray<number | null>;

/**
 * The sums behind the overall exposure (0–100) of a unit's badness by row, without building the
 * scored rows: `exposure`, and `exposureLess(points)` for the same unit with some rows closed.
 */
export function sumsOfBadness(badness: Badness): Sums {
  const sums = new Sums();
  for (let i = 0; i < SECURITY_CHECKS.length; i++) sums.add(SECURITY_CHECKS[i]!, badness[i]!);
  return sums;
}

/** Scores rows whose badness is known (null: not applicable). */
export function score(verdicts: readonly RowVerdict[]): Assessment {
  const sums = new Sums();
  for (const { row, badness } of verdicts) sums.add(row, badness);
  const { exposure, weight: weightSum } = sums;
  const rows = verdicts.map(({ row, badness, detail }) => ({
    row,
    badness,
    ok: badness === null ? null : badness === 0,
    exposure: badness === null || badness === 0 ? null : divRoundUp(divRoundUp(badness * row.weight * 100, row.range), weightSum),
    ...(detail !== undefined ? { detail } : {}),
  }));
  return { exposure, level: levelOf(exposure), rows };
}

/** Each row's badness for a loaded unit, without what it means: for ranking and counting. */
export function badnessOf(unit: Unit, options: InfoOptions): Array<number | null> {
  const info = securityInfo(unit, options);
  return SECURITY_CHECKS.map((row) => assessRow(row, info, options.version).badness);
}

/** Assesses a loaded unit as the targeted systemd release's `systemd-analyze security --offline` would. */
export function assessUnit(unit: Unit, options: InfoOptions): Assessment {
  const info = securityInfo(unit, options);
  return score(
    SECURITY_CHECKS.map((row) => {
      const verdict = assessRow(row, info, options.version);
      return verdict.detail === undefined ? { row, badness: verdict.badness } : { row, badness: verdict.badness, detail: verdict.detail };
    }),
  );
}
