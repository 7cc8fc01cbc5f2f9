/**
 * Calendar events (OnCalendar=) as systemd 252's calendar_spec_from_string() reads them
 * (systemd.time(7) "Calendar Events"; src/shared/calendarspec.c):
 *
 *   [weekdays] [[year-]month-day | @seconds] [hour:minute[:second]] [UTC | timezone]
 *
 * or one of the shorthands (any case). Each of year, month, day, hour, minute and second is `*`
 * or a comma-separated list of `N`, `N..M` and `N/R` / `N..M/R`; `~` instead of the last `-`
 * counts days from the end of the month; seconds may have six decimals. Only spaces separate the
 * parts. The grammar has not changed since v252 (checked against main), so nothing here depends
 * on the targeted version.
 */

const USEC_PER_SEC = 1_000_000;
const INT_MAX = 2_147_483_647;
/** CALENDARSPEC_COMPONENTS_MAX: a list may hold at most this many more items after its first. */
const COMPONENTS_MAX = 240;
/** 2200-01-01T00:00:00Z: `@` timestamps must fall in the years 1970–2199. */
const TIMESTAMP_END = 7_258_118_400;

const SHORTHANDS: ReadonlySet<string> = new Set([
  "minutely", "hourly", "daily", "monthly", "weekly", "yearly", "annually", "anually",
  "quarterly", "semiannually", "semi-annually", "biannually", "bi-annually",
]);

/** Weekday names, longest first as systemd tries them (matched case-insensitively). */
const WEEKDAYS: ReadonlyArray<readonly [string, number]> = [
  ["monday", 0], ["mon", 0], ["tuesday", 1], ["tue", 1], ["wednesday", 2], ["wed", 2],
  ["thursday", 3], ["thu", 3], ["friday", 4], ["fri", 4], ["saturday", 5], ["sat", 5], ["sunday", 6], ["sun", 6],
];

interface Component {
  start: number;
  stop: number;
  repeat: number;
}

/** null is `*` (every value). */
type Chain = Component[] | null;

interface Spec {
  year: Chain;
  month: Chain;
  day: Chain;
  hour: Chain;
  minute: Chain;
  second: Chain;
  endOfMonth: boolean;
}

/** Thrown inside the parser; the message completes "is not a calendar event (…)". */
class Bad extends Error {}

/** What may follow a weekday name. */
const AFTER_WEEKDAY: ReadonlySet<string> = new Set(["-", ".", ",", " "]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** A reader over the text with a position, like the `const char **p` systemd passes around. */
class Reader {
  i = 0;
  constructor(readonly s: string) {}
  get c(): string | undefined {
    return this.s[this.i];
  }
  at(k: number): string | undefined {
    return this.s[this.i + k];
  }
  get done(): boolean {
    return this.i >= this.s.length;
  }
  skipSpaces(): void {
    while (this.c === " ") this.i++;
  }
}

/** parse_component_decimal(): digits, for seconds also up to six decimals (rounded at the seventh). */
function decimal(r: Reader, usec: boolean): number {
  if (!isDigit(r.c)) throw new Bad(`expected a number at "${r.s.slice(r.i)}"`);
  const from = r.i;
  while (isDigit(r.c)) r.i++;
  const digits = r.s.slice(from, r.i);
  let value = digits.length > 15 ? Infinity : Number(digits);
  if (usec) {
    value *= USEC_PER_SEC;
    if (r.c === "." && r.at(1) !== ".") {
      r.i++;
      if (!isDigit(r.c)) throw new Bad("a decimal point needs digits after it");
      let frac = "";
      while (isDigit(r.c) && frac.length < 6) frac += r.s[r.i++];
      let add = Number(frac.padEnd(6, "0"));
      if (r.c !== undefined && r.c >= "5" && r.c <= "9") add++;
      while (isDigit(r.c)) r.i++;
      value += add;
    }
  }
  if (value > INT_MAX) throw new Bad(`${digits} is too large`);
  return value;
}

const COMPONENT_END = new Set([" ", ",", "-", "~", ":"]);

/** prepend_component(): a comma-separated list of N, N..M, N/R, N..M/R. */
function components(r: Reader, usec: boolean): Component[] {
  const list: Component[] = [];
  for (;;) {
    if (list.length > COMPONENTS_MAX) throw new Bad(`more than ${COMPONENTS_MAX + 1} values in one list`);
    const start = decimal(r, usec);
    let stop = -1;
    let repeat = 0;
    if (r.c === "." && r.at(1) === ".") {
      r.i += 2;
      stop = decimal(r, usec);
      repeat = usec ? USEC_PER_SEC : 1;
    }
    if (r.c === "/") {
      r.i++;
      repeat = decimal(r, usec);
      if (repeat === 0) throw new Bad("a repetition of 0");
    } else {
      if (start > INT_MAX - repeat) throw new Bad(`${start} is too large`);
      if (usec && stop >= 0 && start + repeat > stop) throw new Bad("a range of seconds shorter than a second needs a repetition");
    }
    if (!r.done && !COMPONENT_END.has(r.c!)) throw new Bad(`unexpected "${r.c}"`);
    list.push({ start, stop, repeat });
    if (r.c !== ",") return list;
    r.i++;
  }
}

/** parse_chain(): `*` or a list. For seconds, `*` is every full second. */
function chain(r: Reader, usec: boolean): Chain {
  if (r.c === "*") {
    r.i++;
    return usec ? [{ start: 0, stop: -1, repeat: USEC_PER_SEC }] : null;
  }
  return components(r, usec);
}

/** parse_weekdays(): `Mon`, `Mon,Wed`, `Mon..Fri` (or `Mon-Fri`), any case, then spaces. */
function weekdays(r: Reader): void {
  let first = true;
  let from = -1;
  for (;;) {
    const rest = r.s.slice(r.i, r.i + 9).toLowerCase();
    const hit = WEEKDAYS.find(([name]) => rest.startsWith(name));
    if (!hit) {
      if (first) return;
      throw new Bad(`expected a weekday at "${r.s.slice(r.i)}"`);
    }
    const [name, nr] = hit;
    const after = r.s[r.i + name.length];
    if (after !== undefined && !AFTER_WEEKDAY.has(after)) throw new Bad(`"${r.s.slice(r.i).split(/[ ,.-]/)[0]}" is not a weekday`);
    if (from >= 0 && from > nr) throw new Bad("a weekday range must go forward (Mon..Fri, not Fri..Mon)");
    r.i += name.length;
    if (r.done) return;
    if (r.c === " ") return r.skipSpaces();
    if (r.c === ".") {
      if (from >= 0 || r.at(1) !== ".") throw new Bad("bad weekday range");
      from = nr;
      r.i += 2;
    } else if (r.c === "-") {
      if (from >= 0) throw new Bad("bad weekday range");
      from = nr;
      r.i++;
    } else if (r.c === ",") {
      from = -1;
      r.i++;
    }
    if (r.done || r.c === " ") {
      r.skipSpaces();
      if (from >= 0) throw new Bad("an open weekday range");
      return;
    }
    first = false;
  }
}

/** parse_date(): `@seconds`, month-day or year-month-day. Returns true when no time may follow. */
function date(r: Reader, spec: Spec): boolean {
  if (r.done) return false;
  if (r.c === "@") {
    const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(r.s.slice(r.i + 1)); // strtoul(): "-N" wraps around
    if (!m) throw new Bad("@ needs seconds since the epoch");
    if (m[1] === "-" && /[1-9]/.test(m[2]!)) throw new Bad("the timestamp is before 1970");
    if (m[2]!.length > 15 || Number(m[2]) >= TIMESTAMP_END) throw new Bad("the timestamp is after 2199");
    r.i += 1 + m[0].length;
    return true;
  }
  const begin = r.i;
  const first = chain(r, false);
  if (r.done || r.c === ":") {
    r.i = begin; // a time, not a date
    return false;
  }
  const separator = (): void => {
    if (r.c === "~") spec.endOfMonth = true;
    else if (r.c !== "-") throw new Bad(`unexpected "${r.c}" in the date`);
    r.i++;
  };
  separator();
  const second = chain(r, false);
  if (r.done || r.c === " ") {
    r.skipSpaces();
    spec.month = first;
    spec.day = second;
    return false;
  }
  if (spec.endOfMonth) throw new Bad('"~" may only come before the day');
  separator();
  const third = chain(r, false);
  if (!r.done && r.c !== " ") throw new Bad(`unexpected "${r.c}" after the date`);
  r.skipSpaces();
  spec.year = first;
  spec.month = second;
  spec.day = third;
  return false;
}

/** parse_calendar_time(): hour:minute[:second], nothing after it. */
function time(r: Reader, spec: Spec): void {
  if (r.done) return;
  spec.hour = chain(r, false);
  if (r.c !== ":") throw new Bad("expected hour:minute");
  r.i++;
  spec.minute = chain(r, false);
  if (r.done) return;
  if (r.c !== ":") throw new Bad(`unexpected "${r.c}" after the minutes`);
  r.i++;
  spec.second = chain(r, true);
  if (!r.done) throw new Bad(`unexpected "${r.s.slice(r.i)}" at the end`);
}

/** fix_year() and normalize_chain(): two-digit years, ranges cut to whole repetitions, sorted. */
function normalize(c: Chain, year = false): Chain {
  for (const x of c ?? []) {
    if (year) {
      for (const k of ["start", "stop"] as const) {
        if (x[k] >= 0 && x[k] < 70) x[k] += 2000;
        else if (x[k] >= 70 && x[k] < 100) x[k] += 1900;
      }
    }
    if (x.stop > x.start && x.repeat > 0) x.stop -= (x.stop - x.start) % x.repeat;
    if ((x.stop > x.start && x.repeat > 0 && x.start + x.repeat > x.stop) || x.start === x.stop) {
      x.repeat = 0;
      x.stop = -1;
    }
  }
  const sorted = c?.sort((a, b) => a.start - b.start || a.stop - b.stop || a.repeat - b.repeat);
  return sorted?.filter((x, i) => i === 0 || x.start !== sorted[i - 1]!.start || x.stop !== sorted[i - 1]!.stop || x.repeat !== sorted[i - 1]!.repeat) ?? null;
}

/**
 * chain_valid(): every value, range end and repetition must fit the field. Counted from the end
 * of the month (`~`), a day may be at most 28 days before it; systemd 252 also lowers that limit
 * by 3 for each further item of the sorted list (it subtracts again on every recursion), so
 * `*-*~3,5` works while `*-*~23,28` does not.
 */
function checkRange(c: Chain, what: string, from: number, to: number, endOfMonth = false): void {
  const show = (v: number): string => (what === "second" ? String(v / USEC_PER_SEC) : String(v));
  for (const x of c ?? []) {
    if (endOfMonth) to -= 3;
    const range = `${what} must be ${show(from)}–${show(to)}${endOfMonth ? " here" : ""}`;
    if (x.start < from || x.start > to) throw new Bad(`${show(x.start)}: ${range}`);
    if (x.repeat > to - from) throw new Bad(`the ${what} repetition /${show(x.repeat)} is too long`);
    if (x.stop >= 0) {
      if (x.stop < from || x.stop > to) throw new Bad(`${show(x.stop)}: ${range}`);
      if (x.start + x.repeat > x.stop) throw new Bad(`the ${what} range ${show(x.start)}..${show(x.stop)} is empty`);
    } else if (endOfMonth ? x.start - x.repeat < from : x.start + x.repeat > to) {
      throw new Bad(`${show(x.start)}/${show(x.repeat)} never repeats within the ${what}s`);
    }
  }
}

/**
 * A last word that systemd may take for a timezone: a zone it finds in /usr/share/zoneinfo
 * (approximated by the IANA names this Node knows, written with their capitals), or the
 * host's own zone abbreviation (tzname, e.g. CET/CEST or +04), which only the host knows.
 */
const ZONE_CHARS = /^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/;
const LOCAL_ABBREVIATION = /^(?:[A-Z]{3,5}|[+-]\d{2}(?:\d{2})?)$/;
const zoneCache = new Map<string, boolean>();

function isTimezone(word: string): boolean {
  if (LOCAL_ABBREVIATION.test(word)) return true;
  if (!ZONE_CHARS.test(word)) return false;
  let known = zoneCache.get(word);
  if (known === undefined) {
    const name = word.replace(/^(?:posix|right)\//, "");
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      known = name.split("/").every((part) => /^[A-Z]/.test(part)); // zoneinfo file names are case-sensitive
    } catch {
      known = false;
    }
    if (zoneCache.size < 256) zoneCache.set(word, known);
  }
  return known;
}

/** Why systemd 252 refuses a calendar event, or null when it accepts it. */
export function calendarProblem(value: string): string | null {
  let text = value;
  if (/ utc$/i.test(text)) text = text.slice(0, -4);
  else {
    const space = text.lastIndexOf(" ");
    if (space >= 0 && isTimezone(text.slice(space + 1))) text = text.slice(0, space);
  }
  if (text === "") return "nothing before the timezone";
  if (SHORTHANDS.has(text.toLowerCase())) return null;
  if (text.includes("*/")) return 'cron\'s "*/N" is written "0/N" here (e.g. "*:0/15" for every 15 minutes)';
  const spec: Spec = { year: null, month: null, day: null, hour: [{ start: 0, stop: -1, repeat: 0 }], minute: [{ start: 0, stop: -1, repeat: 0 }], second: [{ start: 0, stop: -1, repeat: 0 }], endOfMonth: false };
  try {
    const r = new Reader(text);
    weekdays(r);
    if (!date(r, spec)) time(r, spec);
    if (!r.done) throw new Bad(`unexpected "${r.s.slice(r.i)}" at the end`);
    if (spec.endOfMonth && !spec.day) spec.endOfMonth = false;
    checkRange(normalize(spec.year, true), "year", 1970, 2199);
    checkRange(normalize(spec.month), "month", 1, 12);
    checkRange(normalize(spec.day), "day", 1, 31, spec.endOfMonth);
    checkRange(normalize(spec.hour), "hour", 0, 23);
    checkRange(normalize(spec.minute), "minute", 0, 59);
    checkRange(normalize(spec.second), "second", 0, 60 * USEC_PER_SEC - 1);
    return null;
  } catch (e) {
    if (e instanceof Bad) return e.message;
    throw e;
  }
}
