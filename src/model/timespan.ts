/**
 * systemd time spans (systemd.time(7) "Parsing Time Spans"; time-util.c
 * parse_time(); systemd-facts §9): numbers with case-sensitive units that add
 * up ("2min 200ms"), a bare number meaning seconds, and "infinity".
 */

const USEC_PER_SEC = 1_000_000;

/** Suffixes in the order systemd tries them: the first prefix match wins. */
const UNITS: ReadonlyArray<readonly [string, number]> = [
  ["seconds", USEC_PER_SEC],
  ["second", USEC_PER_SEC],
  ["sec", USEC_PER_SEC],
  ["s", USEC_PER_SEC],
  ["minutes", 60 * USEC_PER_SEC],
  ["minute", 60 * USEC_PER_SEC],
  ["min", 60 * USEC_PER_SEC],
  ["months", 2_629_800 * USEC_PER_SEC],
  ["month", 2_629_800 * USEC_PER_SEC],
  ["M", 2_629_800 * USEC_PER_SEC],
  ["msec", 1000],
  ["ms", 1000],
  ["m", 60 * USEC_PER_SEC],
  ["hours", 3600 * USEC_PER_SEC],
  ["hour", 3600 * USEC_PER_SEC],
  ["hr", 3600 * USEC_PER_SEC],
  ["h", 3600 * USEC_PER_SEC],
  ["days", 86_400 * USEC_PER_SEC],
  ["day", 86_400 * USEC_PER_SEC],
  ["d", 86_400 * USEC_PER_SEC],
  ["weeks", 604_800 * USEC_PER_SEC],
  ["week", 604_800 * USEC_PER_SEC],
  ["w", 604_800 * USEC_PER_SEC],
  ["years", 31_557_600 * USEC_PER_SEC],
  ["year", 31_557_600 * USEC_PER_SEC],
  ["y", 31_557_600 * USEC_PER_SEC],
  ["usec", 1],
  ["us", 1],
  ["\u03bcs", 1],
  ["\u00b5s", 1],
];

const USEC_INFINITY = (1n << 64n) - 1n;
const WHITESPACE = /^[ \t\n\r]*/;
/** strtoll(): leading white space (isspace) and an optional sign, then digits. */
const STRTOLL = /^[ \t\n\v\f\r]*([+-]?)(\d*)/;

/**
 * Parses a time span exactly as parse_time() does (time-util.c, systemd 252): numbers with
 * optional fractions ("1.5h"; not "3." or "12.34.56"), each with a unit or the bare unit,
 * white space between them, no sign but "+", and no total or component of 2^64 µs or more.
 * Returns seconds (Infinity for "infinity"), or null when systemd would reject the value.
 * `bareUnitUsec` is the unit of a number without suffix (seconds for every `…Sec=` setting).
 */
export function parseTimespan(value: string, bareUnitUsec: number = USEC_PER_SEC): number | null {
  // A bare unit below 1 µs (parse_nsec()'s nanoseconds) counts in nanoseconds instead.
  const scale = bareUnitUsec < 1 ? 1000 : 1;
  let p = value.replace(WHITESPACE, "");
  if (p.startsWith("infinity")) return p.slice(8).replace(WHITESPACE, "") === "" ? Infinity : null;
  let usec = 0n;
  let something = false;
  for (;;) {
    p = p.replace(WHITESPACE, "");
    if (p === "") return something ? Number(usec) / (USEC_PER_SEC * scale) : null;
    if (p[0] === "-") return null;
    const m = STRTOLL.exec(p)!;
    if (m[1] === "-") return null;
    const digits = m[2]!;
    let rest = p.slice(m[0].length);
    // strtoll() consumed nothing: only a fraction may follow (".5s").
    if (digits === "" && rest[0] !== ".") return null;
    const whole = digits === "" ? 0n : BigInt(digits);
    if (whole > 0x7fffffffffffffffn) return null; // strtoll() overflow
    let fraction = "";
    if (rest[0] === ".") {
      fraction = /^\d*/.exec(rest.slice(1))![0];
      rest = rest.slice(1 + fraction.length);
    }
    const afterSpace = rest.replace(WHITESPACE, "");
    let multiplier = bareUnitUsec;
    let next = afterSpace;
    for (const [suffix, factor] of UNITS) {
      if (afterSpace.startsWith(suffix)) {
        multiplier = factor;
        next = afterSpace.slice(suffix.length);
        break;
      }
    }
    // No unit and no white space before more text: "12.34.56" (but "12.34 .56" and "12.34s.56" are fine).
    if (next === rest && next !== "") return null;
    const mult = BigInt(Math.round(multiplier * scale));
    if (whole >= USEC_INFINITY / mult) return null;
    usec += whole * mult;
    if (usec >= USEC_INFINITY) return null;
    something = true;
    if (rest !== p.slice(m[0].length)) {
      // A fraction: each digit adds digit × multiplier/10^k (integer division, as systemd does); "3." is refused.
      if (fraction === "") return null;
      let scale = mult / 10n;
      for (const d of fraction) {
        usec += BigInt(d.charCodeAt(0) - 48) * scale;
        if (usec >= USEC_INFINITY) return null;
        scale /= 10n;
      }
    }
    p = next;
  }
}

/** "100ms", "5s", "2min 30s": a short human form of a number of seconds. */
export function formatSeconds(seconds: number): string {
  if (seconds === Infinity) return "infinity";
  if (seconds === 0) return "0";
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  const min = Math.floor(seconds / 60);
  const sec = Number((seconds - min * 60).toFixed(3));
  return sec ? `${min}min ${sec}s` : `${min}min`;
}
