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

/** Σ ⌈badness · weight / range⌉ and Σ weight, accumulated row by row. */
class Sums {
  weight = 0;
  badness = 0;

  add(row: SecurityCheckRow, badness: number | null): void {
    if (badness === null || row.weight === 0) return;
    this.badness += divRoundUp(badness * row.weight, row.range);
    this.weight += row.weight;
  }

  get exposure(): number {
    return this.weight === 0 ? 0 : divRoundUp(this.badness * 100, this.weight);
  }
}

/** Scores rows whose badness is known (null: not applicable). */
export function score(verdicts: ReadonlyArray<{ row: SecurityCheckRow; badness: number | null; detail?: string }>): Assessment {
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

/** Only the overall exposure (0–100) of assessUnit(), without building the rows: for deciding whether to say more. */
export function exposureOf(unit: Unit, options: InfoOptions): number {
  const info = securityInfo(unit, options);
  const sums = new Sums();
  for (const row of SECURITY_CHECKS) sums.add(row, assessRow(row, info, options.version).badness);
  return sums.exposure;
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
