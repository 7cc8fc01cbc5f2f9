/**
 * How systemd reads numbers, sizes, percentages and time spans, for the checks in numbers.ts. Each
 * reader returns null where systemd's own function fails. Sources: parse-util.c (safe_atoi(),
 * safe_atou(), parse_size(), mangle_base()), percent-util.c (parse_permyriad()), time-util.c
 * (parse_time(), parse_nsec()); behaviour checked against `systemd-analyze verify` of v252. Words
 * are split by paths-words.ts (extract_first_word()).
 */
import { parseTimespan } from "../timespan.js";

const LEADING_WS = /^[ \t\n\r]*/;

/** The "0b"/"0o" prefixes arrived with mangle_base() in v246 [NEWS v246]. */
export const BASE_PREFIX_SINCE = 246;

/** Whether the number is written with a 0b/0o prefix (binary, octal). */
export const usesBasePrefix = (text: string): boolean => /^[ \t\n\r]*0[bBoO]/.test(text);

const C_INTEGER = /^(?:0[bB]([01]+)|0[oO]([0-7]+)|([+-]?)(?:0[xX]([0-9a-fA-F]+)|0([0-7]*)|([1-9]\d*)))$/;

/**
 * An integer as safe_atoi(), safe_atou(), safe_atou64() … read it: strtol()/strtoul() with base 0
 * after leading whitespace, so an optional sign and then `0x` hex, `0` octal or decimal, or an
 * unsigned `0b`/`0o` number (mangle_base(), v246). Negative for "-N"; an unsigned reader refuses
 * that through its range, except "-0", which it takes as 0.
 */
export function cInteger(text: string): bigint | null {
  const m = C_INTEGER.exec(text.replace(LEADING_WS, ""));
  if (!m) return null;
  const [, bin, oct, sign, hex, octal, dec] = m;
  const magnitude =
    bin !== undefined ? BigInt(`0b${bin}`)
    : oct !== undefined ? BigInt(`0o${oct}`)
    : hex !== undefined ? BigInt(`0x${hex}`)
    : octal !== undefined ? BigInt(`0o0${octal}`)
    : BigInt(dec!);
  return sign === "-" ? -magnitude : magnitude;
}

/**
 * An integer from min to max as safe_atou(), safe_atou8(), safe_atou16() and safe_atoi() read it
 * (cInteger(): base 0, so "010" is 8 and "0x10" is 16; "-0" is 0), refusing 0b/0o before v246
 * when the targeted release is given; or null.
 */
export function cIntegerIn(text: string, min: bigint, max: bigint, target = Infinity): number | null {
  const n = cInteger(text);
  return n === null || n < min || n > max || (usesBasePrefix(text) && target < BASE_PREFIX_SINCE) ? null : Number(n);
}

export const U64_MAX = 2n ** 64n - 1n;

/** safe_atoux64(): strtoull() with base 16, so an optional sign and `0x` prefix; "-N" only as -0. */
export function hexInteger(text: string): bigint | null {
  const m = /^([+-]?)(?:0[xX])?([0-9a-fA-F]+)$/.exec(text.replace(LEADING_WS, ""));
  if (!m) return null;
  const n = BigInt(`0x${m[2]}`);
  return (m[1] === "-" && n !== 0n) || n > U64_MAX ? null : n;
}

const INT_MAX = 2 ** 31 - 1;

/** parse_size()'s suffixes in the order it tries them, with the power of the base each stands for. */
const SIZE_SUFFIXES: ReadonlyArray<readonly [suffix: string, power: bigint]> = [
  ["E", 6n],
  ["P", 5n],
  ["T", 4n],
  ["G", 3n],
  ["M", 2n],
  ["K", 1n],
  ["B", 0n],
  ["", 0n],
];
const SIZE_NUMBER = /^([+-]?)(\d+)(?:\.(\d*))?[ \t\n\r]*/;

/**
 * parse_size(): numbers with an optional fraction, each followed by a suffix E, P, T, G, M, K or B
 * (upper case only, powers of `base`), in falling order and adding up ("1G 512M"); a number without
 * suffix must come last. No sign but "+", no hex, at most 2^64−1 in total.
 */
export function parseSize(text: string, base: 1000n | 1024n): bigint | null {
  let rest = text;
  let total = 0n;
  let next = 0;
  do {
    rest = rest.replace(LEADING_WS, "");
    const m = SIZE_NUMBER.exec(rest);
    if (!m || m[1] === "-") return null;
    const whole = BigInt(m[2]!);
    const frac = m[3] ?? "";
    if (whole > U64_MAX || (frac !== "" && BigInt(frac) > U64_MAX)) return null;
    rest = rest.slice(m[0].length);
    const i = SIZE_SUFFIXES.findIndex(([suffix], k) => k >= next && rest.startsWith(suffix));
    if (i < 0) return null;
    const [suffix, power] = SIZE_SUFFIXES[i]!;
    const factor = base ** power;
    if (whole + (/[1-9]/.test(frac) ? 1n : 0n) > U64_MAX / factor) return null;
    const part = whole * factor + BigInt(Math.floor(Number(`0.${frac || "0"}`) * Number(factor)));
    if (part > U64_MAX - total) return null;
    total += part;
    rest = rest.slice(suffix.length);
    next = i + 1;
  } while (rest !== "");
  return total;
}

/** A percentage-like value: `%` with up to two decimals, `‰` (v240) with one, `‱` (v248) with none. */
const PARTS: ReadonlyArray<readonly [symbol: string, places: number, scale: number]> = [
  ["‱", 0, 1],
  ["‰", 1, 10],
  ["%", 2, 100],
];

/** The ‰ suffix arrived in v240 [NEWS v240]; ‱ with parse_permyriad() in v248 [PR #18444]. */
export const PERMILLE_SINCE = 240;
export const PERMYRIAD_SINCE = 248;

/**
 * parse_permyriad_unbounded(): the value in 1/10000 (so "50%" is 5000). The whole part is read
 * by safe_atoi() (hex, octal and "+" included) and must not be negative.
 */
export function parsePermyriad(text: string): number | null {
  const kind = PARTS.find(([symbol]) => text.endsWith(symbol));
  if (!kind) return null;
  const [symbol, places, scale] = kind;
  let body = text.slice(0, -symbol.length);
  let q = 0;
  const dot = body.indexOf(".");
  if (dot >= 0) {
    const frac = body.slice(dot + 1);
    if (!/^\d+$/.test(frac) || frac.length > places) return null;
    q = Number(frac.padEnd(places, "0"));
    body = body.slice(0, dot);
  }
  const v = cInteger(body);
  if (v === null || v < 0n || v > BigInt(INT_MAX)) return null;
  if (Number(v) > Math.floor((INT_MAX - q) / scale)) return null;
  return Number(v) * scale + q;
}

const USEC_INFINITY = 2 ** 64 - 1;

/**
 * parse_time(): a time span (systemd.time(7)) through parseTimespan(), in microseconds; a bare
 * number counts `bareUsec`. Also refuses totals that reach USEC_INFINITY, as parse_time() does.
 */
export function timespanUsec(text: string, bareUsec = 1_000_000): number | null {
  const seconds = parseTimespan(text, bareUsec);
  if (seconds === null || seconds === Infinity) return seconds;
  return seconds * 1e6 >= USEC_INFINITY ? null : seconds * 1e6;
}

/**
 * parse_nsec(): parse_time()'s grammar, plus the units "nsec" and "ns", and a bare number counts
 * nanoseconds; at most 2^64−2 ns (about 584 years). Nothing else starts with "n", so a "ns" unit
 * right after a number reads as a bare number of nanoseconds (a space keeps "5ns5" two numbers).
 */
export function nsecValid(text: string): boolean {
  const seconds = parseTimespan(text.replace(/([\d.][ \t\n\r]*)n(?:sec|s)/g, "$1 "), 0.001);
  return seconds !== null && (seconds === Infinity || seconds * 1e9 < USEC_INFINITY);
}
