/**
 * `table[key]` for the table's own keys only. Keys here come from unit files and configuration,
 * and a plain object answers "constructor", "toString" or "__proto__" with Object.prototype's
 * members: `Restart=constructor` would pass as a known word, `IPAddressDeny=constructor` crash.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
