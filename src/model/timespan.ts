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

const NUMBER = /^(\d+)(?:\.(\d*))?|^\.(\d+)/;

/**
 * Parses a time span. Returns seconds (Infinity for "infinity"), or null when
 * systemd would reject the value. `bareUnitUsec` is the unit of a number
 * without suffix (seconds for every `…Sec=` setting).
 */
export function parseTimespan(value: string, bareUnitUsec: number = USEC_PER_SEC): number | null {
  const text = value.trim();
  if (text === "infinity") return Infinity;
  if (text === "") return null;
  let rest = text;
  let usec = 0;
  while (rest.length > 0) {
    const m = NUMBER.exec(rest);
    if (!m) return null;
    const whole = m[1] ?? "0";
    const frac = m[2] ?? m[3] ?? "";
    rest = rest.slice(m[0].length).replace(/^[ \t\n\r]+/, "");
    let multiplier = bareUnitUsec;
    for (const [suffix, factor] of UNITS) {
      if (rest.startsWith(suffix)) {
        multiplier = factor;
        rest = rest.slice(suffix.length);
        break;
      }
    }
    usec += Number(whole) * multiplier + (frac ? Number(`0.${frac}`) * multiplier : 0);
    rest = rest.replace(/^[ \t\n\r]+/, "");
  }
  return usec / USEC_PER_SEC;
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
