/**
 * The overall exposure's level, as `systemd-analyze security` names it (badness_table[] in
 * src/analyze/analyze-security.c; systemd-facts §12), and how exposures print: 0–100 shown as
 * "0.0"–"10.0".
 */

export type Level = "PERFECT" | "SAFE" | "OK" | "MEDIUM" | "EXPOSED" | "UNSAFE" | "DANGEROUS";

/** The first level whose floor the exposure reaches, from the top. */
const LEVELS: ReadonlyArray<readonly [floor: number, level: Level]> = [
  [100, "DANGEROUS"],
  [90, "UNSAFE"],
  [75, "EXPOSED"],
  [50, "MEDIUM"],
  [10, "OK"],
  [1, "SAFE"],
  [0, "PERFECT"],
];

/** The level of an exposure on systemd's 0–100 scale. */
export function levelOf(exposure: number): Level {
  return LEVELS.find(([floor]) => exposure >= floor)![1];
}

/** "9.6" for 96: the exposure as systemd-analyze prints it. */
export function formatExposure(exposure: number): string {
  return `${Math.floor(exposure / 10)}.${exposure % 10}`;
}
