/** "Did you mean …?": the one candidate clearly closest to a misspelled name, or null. */

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate a name was meant to be: the only one that differs in letter case only,
 * else the only one at the smallest edit distance, if that is at most 2.
 */
export function suggest(name: string, candidates: Iterable<string>): string | null {
  const list = [...candidates];
  const sameCase = list.filter((c) => c.toLowerCase() === name.toLowerCase());
  if (sameCase.length === 1) return sameCase[0]!;
  let best: string | null = null;
  let bestDistance = 3;
  let tie = false;
  for (const c of list) {
    const d = editDistance(name, c, 2);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return best && !tie ? best : null;
}
