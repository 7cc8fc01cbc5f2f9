/**
 * The time each rule took, for `UNITLINT_TIMING=1` (the ten slowest) or `UNITLINT_TIMING=all`,
 * as ESLint's TIMING prints it: a table on standard error, slowest first.
 */
export function formatTiming(times: ReadonlyMap<string, number>, all: boolean): string {
  const rows = [...times].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const shown = all ? rows : rows.slice(0, 10);
  const cells = shown.map(([what, ms]) => [what, ms.toFixed(1), `${total > 0 ? ((100 * ms) / total).toFixed(1) : "0.0"}%`]);
  const header = ["Rule", "Time (ms)", "Relative"];
  const width = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `${c[0]!.padEnd(width[0]!)} | ${c[1]!.padStart(width[1]!)} | ${c[2]!.padStart(width[2]!)}\n`;
  const rule = `${":".padEnd(width[0]!, "-")}-|-${"-".repeat(width[1]! - 1)}:-|-${"-".repeat(width[2]! - 1)}:\n`;
  const rest = rows.length - shown.length;
  return line(header) + rule + cells.map(line).join("") + (rest > 0 ? `(${rest} more; UNITLINT_TIMING=all lists them)\n` : "") + `rules and parsing: ${total.toFixed(1)} ms\n`;
}
