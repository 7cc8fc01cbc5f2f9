/**
 * Splitting values into words the way systemd's extract_first_word() does (src/basic/extract-word.c,
 * as in v252), with the flags each parser passes it; and C escapes as cunescape_one() decodes
 * them (src/basic/escape.c; systemd.syntax(7) "Quoting"). Used by the value checks of paths,
 * numbers, unit names and security lists.
 */
import { entryDropped, type ValueProblem } from "./types.js";

export const WHITESPACE = " \t\n\r";
const WHITESPACE_RUN = /[ \t\n\r]+/;

/** The ExtractFlags a parser passes (EXTRACT_UNQUOTE, EXTRACT_CUNESCAPE, …); separators default to whitespace. */
export interface ExtractFlags {
  separators?: string;
  /** `'…'` and `"…"` group and are removed, anywhere in the word. */
  unquote?: boolean;
  /** A backslash starts a C escape (\n, \x41, \101, \u00e4, …); anything else is an error. */
  cunescape?: boolean;
  /** A backslash before a separator or a backslash yields that character. */
  unescapeSeparators?: boolean;
  /** Backslashes are ordinary characters (kept for a second split). */
  retainEscape?: boolean;
  /** Each separator ends a word, so two in a row give an empty word, and so does a trailing one. */
  dontCoalesce?: boolean;
}

/** What went wrong: an unterminated quote, or a backslash systemd cannot decode. */
export type ExtractError = "quote" | "escape";

/** One extracted word and where the next call starts (null: the input is used up). */
export type Step = { word: string; next: number | null } | { error: ExtractError } | null;

/**
 * The word starting at `from` (null: nothing left), like extract_first_word(): leading separators
 * are skipped (or, without coalescing, a leading separator yields an empty word), and a word ends
 * at an unquoted, unescaped separator.
 */
export function extractFirstWord(s: string, from: number | null, flags: ExtractFlags): Step {
  if (from === null) return null;
  const seps = flags.separators ?? WHITESPACE;
  let p = from;
  for (;; p++) {
    if (p >= s.length) return flags.dontCoalesce ? { word: "", next: null } : null;
    if (!seps.includes(s[p]!)) break;
    if (flags.dontCoalesce) return { word: "", next: p + 1 };
  }
  let word = "";
  let quote = "";
  while (p < s.length) {
    const c = s[p]!;
    if (c === "\\" && !flags.retainEscape) {
      const escaped = unescapeAt(s, p + 1, seps, flags);
      if (!escaped) return { error: "escape" };
      word += escaped.text;
      p = escaped.next;
    } else if (quote) {
      if (c !== quote) word += c;
      else quote = "";
      p++;
    } else if ((c === "'" || c === '"') && flags.unquote) {
      quote = c;
      p++;
    } else if (seps.includes(c)) {
      if (flags.dontCoalesce) return { word, next: p + 1 };
      while (p < s.length && seps.includes(s[p]!)) p++;
      return { word, next: p < s.length ? p : null };
    } else {
      word += c;
      p++;
    }
  }
  return quote ? { error: "quote" } : { word, next: null };
}

/** The words of `s` as extract_first_word() in a loop reads them, up to the first error: a parser that applies word by word has applied these. */
export function extractWords(s: string, flags: ExtractFlags): { words: string[]; error: ExtractError | null } {
  const words: string[] = [];
  let at: number | null = 0;
  for (;;) {
    const step = extractFirstWord(s, at, flags);
    if (step === null) return { words, error: null };
    if ("error" in step) return { words, error: step.error };
    words.push(step.word);
    at = step.next;
  }
}

/** All words of `s` (extract_first_word() in a loop), or the first error. */
export function extractAll(s: string, flags: ExtractFlags): { words: string[] } | { error: ExtractError } {
  const { words, error } = extractWords(s, flags);
  return error === null ? { words } : { error };
}

/** The words of a list, or why systemd cannot split it (an unterminated quote, a bad escape). */
export function splitList(s: string, flags: ExtractFlags): string[] | ExtractError {
  // Most values have no backslash and no quote that counts: whitespace alone separates their words.
  if (flags.separators === undefined && !flags.dontCoalesce && !s.includes("\\") && !(flags.unquote && (s.includes('"') || s.includes("'")))) {
    return s.split(WHITESPACE_RUN).filter((w) => w !== "");
  }
  const split = extractAll(s, flags);
  return "words" in split ? split.words : split.error;
}

/** A list systemd cannot split: it ignores the setting. */
export function unsplittable(error: ExtractError): ValueProblem {
  return { what: `has ${error === "quote" ? "an unterminated quote" : "a backslash that escapes nothing systemd knows"}, so systemd cannot split it into words` };
}

/** The first problem of any word of a list; a list systemd cannot split is one itself. */
export function firstProblem(words: readonly string[] | ExtractError, check: (word: string) => ValueProblem): ValueProblem {
  if (typeof words === "string") return unsplittable(words);
  for (const word of words) {
    const problem = check(word);
    if (problem) return problem;
  }
  return null;
}

/**
 * firstProblem() for a list whose parser skips an invalid word and keeps the others
 * (test/oracle/list-items.test.ts).
 */
export function firstSkipped(words: readonly string[] | ExtractError, check: (word: string) => ValueProblem): ValueProblem {
  const problem = firstProblem(words, check);
  return problem === null || typeof words === "string" ? problem : entryDropped(problem, words.length > 1);
}

/** Up to `n` words from `from` (extract_many_words()): the words found and where reading goes on. */
export function extractMany(s: string, from: number | null, n: number, flags: ExtractFlags): { words: string[]; next: number | null } | { error: ExtractError } {
  const words: string[] = [];
  let at = from;
  while (words.length < n) {
    const step = extractFirstWord(s, at, flags);
    if (step === null) return { words, next: null };
    if ("error" in step) return step;
    words.push(step.word);
    at = step.next;
  }
  return { words, next: at };
}

/** The text a backslash at `at - 1` stands for and where reading goes on, or null when systemd refuses it. */
function unescapeAt(s: string, at: number, seps: string, flags: ExtractFlags): { text: string; next: number } | null {
  if (at >= s.length) return null; // a trailing backslash
  if (!flags.cunescape && !flags.unescapeSeparators) return { text: s[at]!, next: at + 1 };
  const decoded = flags.cunescape ? cunescapeOne(s, at) : null;
  if (decoded) return decoded;
  if (flags.unescapeSeparators && (seps.includes(s[at]!) || s[at] === "\\")) return { text: s[at]!, next: at + 1 };
  return null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'", s: " " };
const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = /^[0-7]{3}$/;

/** A Unicode scalar value systemd accepts (unichar_is_valid()). */
function unicharValid(c: number): boolean {
  return c > 0 && c < 0x110000 && (c & 0xfffff800) !== 0xd800 && !(c >= 0xfdd0 && c <= 0xfdef) && (c & 0xfffe) !== 0xfffe;
}

/** cunescape_one() on the text after a backslash: the character and where reading goes on, or null. NUL is refused. */
export function cunescapeOne(s: string, at: number): { text: string; next: number } | null {
  const c = s[at]!;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, next: at + 1 };
  const digits = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
  if (digits > 0) {
    const hex = s.slice(at + 1, at + 1 + digits);
    if (hex.length !== digits || !HEX.test(hex)) return null;
    const code = parseInt(hex, 16);
    if (code === 0 || (c !== "x" && !unicharValid(code))) return null;
    return { text: c === "x" ? byteChar(code) : String.fromCodePoint(code), next: at + 1 + digits };
  }
  const octal = s.slice(at, at + 3);
  if (!OCTAL.test(octal)) return null;
  const code = parseInt(octal, 8);
  return code === 0 || code > 0o377 ? null : { text: byteChar(code), next: at + 3 };
}

/**
 * \xNN and \NNN give a byte, not a character: bytes from 0x80 on are kept as lone surrogates
 * U+DC80–U+DCFF (as Python's "surrogateescape" does) until utf8Length() puts them back.
 */
const RAW_BYTE = 0xdc00;
const byteChar = (code: number): string => String.fromCharCode(code < 0x80 ? code : RAW_BYTE + code);
const RAW_BYTES = /[\udc80-\udcff]/u;

/** A word for messages: escaped bytes shown as \xNN again. */
export function printable(word: string): string {
  return RAW_BYTES.test(word) ? word.replace(/[\udc80-\udcff]/gu, (c) => `\\x${(c.charCodeAt(0) - RAW_BYTE).toString(16).padStart(2, "0")}`) : word;
}

/** A word's length in bytes, with escaped bytes restored; null when they are not valid UTF-8 (systemd refuses such paths). */
export function utf8Length(word: string): number | null {
  if (!RAW_BYTES.test(word)) return Buffer.byteLength(word);
  const bytes: number[] = [];
  for (const ch of word) {
    const cp = ch.codePointAt(0)!;
    if (cp >= RAW_BYTE + 0x80 && cp <= RAW_BYTE + 0xff) bytes.push(cp - RAW_BYTE);
    else bytes.push(...Buffer.from(ch));
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
  return bytes.length;
}
