/**
 * Command lines as systemd splits them (systemd.service(5) "Command lines"; systemd-facts §10 for
 * the prefixes): words, the commands of one Exec*= value, a command's prefixes, and the program a
 * service runs.
 */
import { execStarts } from "./service.js";
import type { Assignment, Unit } from "./unit.js";

/** A word of a command line: its text after unquoting and its offsets in the value. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits a command line into words the way systemd does (extract_first_word with
 * unquoting and C escapes): whitespace separates words, single and double quotes
 * group, a backslash escapes the next character. Escape sequences other than a
 * quoted character are kept as the character after the backslash, which is
 * enough to find option names and numbers. Stops after `limit` words.
 */
export function splitWords(value: string, limit = Infinity): Word[] {
  const words: Word[] = [];
  let i = 0;
  const n = value.length;
  while (i < n && words.length < limit) {
    while (i < n && isWhitespace(value.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    // Most words have no quote or backslash: their text is a slice of the value.
    while (i < n && !isWhitespace(value.charCodeAt(i)) && !isSpecial(value.charCodeAt(i))) i++;
    if (i >= n || isWhitespace(value.charCodeAt(i))) {
      words.push({ text: value.slice(start, i), start, end: i });
      continue;
    }
    let text = value.slice(start, i);
    let quote: string | null = null;
    while (i < n) {
      const c = value[i]!;
      if (quote === null && isWhitespace(value.charCodeAt(i))) break;
      if (c === "\\" && i + 1 < n) {
        text += value[i + 1];
        i += 2;
        continue;
      }
      if (quote !== null && c === quote) quote = null;
      else if (quote === null && (c === "'" || c === '"')) quote = c;
      else text += c;
      i++;
    }
    words.push({ text, start, end: i });
  }
  return words;
}

/** Space, tab, newline, carriage return. */
const isWhitespace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;
/** Backslash and the two quotes. */
const isSpecial = (code: number): boolean => code === 92 || code === 39 || code === 34;

/** The command lines of one `ExecStart=` value: a lone unquoted `;` separates several (soft-deprecated, still parsed). */
export function splitCommands(value: string): Word[][] {
  const commands: Word[][] = [[]];
  for (const w of splitWords(value)) {
    if (value.slice(w.start, w.end) === ";") commands.push([]);
    else commands[commands.length - 1]!.push(w);
  }
  return commands.filter((c) => c.length > 0);
}

const PREFIXES = "-@:+!|";

/** The executable of a command line: its first word without the special prefixes `-@:+!|` (and `!!`). */
export function stripPrefixes(word: string): { path: string; prefixes: string } {
  let i = 0;
  while (i < word.length && PREFIXES.includes(word[i]!)) i++;
  return { path: word.slice(i), prefixes: word.slice(0, i) };
}

/** The last component of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** What a service runs: the executable of its first effective `ExecStart=`. */
export interface Program {
  /** The executable as written, prefixes removed (`/usr/local/bin/gateway`, or `gateway` when relative). */
  path: string;
  /** Its last path component, for comparisons (`gateway`). */
  name: string;
  from: Assignment;
}

/** The program the unit's first ExecStart= runs (read by several rules and by harden: computed once per unit). */
export function programOf(unit: Unit): Program | null {
  return unit.memo(programOf, null, () => firstProgram(unit));
}

function firstProgram(unit: Unit): Program | null {
  const first = execStarts(unit)[0];
  if (!first) return null;
  const path = commandProgram(first.entry.value);
  if (path === "") return null;
  return { path, name: basename(path), from: first };
}

/** The executable a command line runs: its first word, unquoted, without the prefixes; "" when there is none. */
export function commandProgram(value: string): string {
  const word = splitWords(value, 1)[0];
  return word ? stripPrefixes(word.text).path : "";
}
