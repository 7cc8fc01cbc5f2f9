/** A linear congruential generator: the same draws on every machine. `draw(n)` gives an integer from 0 to n − 1. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n;
  };
}
