/**
 * How systemd splits a value into words (extract_first_word(), systemd.syntax(7) "Quoting"):
 * whitespace separates words; '…' and "…" quote anywhere in a word and are removed; and, depending
 * on the parser, a backslash starts a C escape, escapes the next character, or is an ordinary one.
 */

import { elide } from "./types.js";

/** What a backslash does: a C escape (EXTRACT_CUNESCAPE), escapes the next character, or nothing (EXTRACT_RETAIN_ESCAPE). */
export type Backslash = "c-escape" | "next" | "literal";

export interface Word {
  /** The word with quotes removed and escapes resolved (bytes that are not UTF-8 shown as U+FFFD). */
  text: string;
  /** Whether the word is UTF-8 as utf8_is_valid() sees it (escapes can make it otherwise: \xff, \ud800, \uffff). */
  utf8: boolean;
  /** Where the next word starts (separators after this word skipped). */
  end: number;
  /** The first unknown C escape, kept verbatim ("\q"); only with "c-escape". */
  unknownEscape?: string;
}

/** A quote opened and never closed, or a trailing backslash where nothing can follow. */
export interface Unbalanced {
  unbalanced: true;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
/** Printable ASCII without quotes, backslash or blanks (sticky: matched from lastIndex). */
const PLAIN_WORD = /[\x21\x23-\x26\x28-\x5b\x5d-\x7e]*/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'", s: " " };
const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = /^[0-7]{3}$/;

export const isWhitespace = (c: string | undefined): boolean => c !== undefined && WHITESPACE.has(c);

export function skipWhitespace(s: string, i: number): number {
  while (isWhitespace(s[i])) i++;
  return i;
}

/** unichar_is_valid(): not a surrogate, not a noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), at most U+10FFFF. */
function unicharIsValid(c: number): boolean {
  return c < 0x110000 && (c & 0xfffff800) !== 0xd800 && !(c >= 0xfdd0 && c <= 0xfdef) && (c & 0xfffe) !== 0xfffe;
}

/**
 * cunescape_one(): the character a C escape stands for and how many characters after the backslash
 * it takes, or null when systemd does not know it (\q, \x00, \400, \U00110000 …).
 */
export function cEscape(s: string, i: number): { char: string; length: number; byte?: boolean } | null {
  const c = s[i];
  if (c === undefined) return null;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { char: simple, length: 1 };
  const digits = (n: number, re: RegExp, radix: number): number | null => {
    const d = s.slice(i + 1, i + 1 + n);
    return d.length === n && re.test(d) ? parseInt(d, radix) : null;
  };
  let code: number | null;
  switch (c) {
    case "x":
      code = digits(2, HEX, 16);
      return code ? { char: String.fromCharCode(code), length: 3, byte: true } : null;
    case "u":
      code = digits(4, HEX, 16);
      return code ? { char: String.fromCharCode(code), length: 5 } : null;
    case "U":
      code = digits(8, HEX, 16);
      return code && unicharIsValid(code) ? { char: String.fromCodePoint(code), length: 9 } : null;
    default: {
      const d = s.slice(i, i + 3);
      if (!OCTAL.test(d)) return null;
      code = parseInt(d, 8);
      return code > 0 && code <= 255 ? { char: String.fromCharCode(code), length: 3, byte: true } : null;
    }
  }
}

/** An unknown escape at i (after the backslash) for messages: the letter and the digits read with it (\q, \x00, \U). */
function escapeText(s: string, i: number): string {
  const c = s[i] ?? "";
  const digits = c === "x" ? /^[0-9a-fA-F]{0,2}/ : c === "u" ? /^[0-9a-fA-F]{0,4}/ : c === "U" ? /^[0-9a-fA-F]{0,8}/ : /[0-7]/.test(c) ? /^[0-7]{0,2}/ : /^/;
  return `\\${c}${digits.exec(s.slice(i + 1))![0]}`;
}

/** utf8_is_valid() also refuses what unichar_is_valid() refuses: surrogates and noncharacters. */
function validChars(text: string): boolean {
  for (const ch of text) if (!unicharIsValid(ch.codePointAt(0)!)) return false;
  return true;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A word as systemd builds it: characters, and raw bytes from \xNN and \NNN escapes that may or may
 * not form UTF-8. Raw bytes are rare, so they are only assembled into bytes when present.
 */
class WordBuilder {
  private parts: Array<string | number> = [""];
  private raw = false;

  add(text: string): void {
    const last = this.parts.length - 1;
    if (typeof this.parts[last] === "string") this.parts[last] += text;
    else this.parts.push(text);
  }

  addByte(b: number): void {
    if (b < 0x80) return this.add(String.fromCharCode(b));
    this.raw = true;
    this.parts.push(b);
  }

  finish(end: number, unknownEscape: string | undefined): Word {
    const chars = this.parts.filter((p): p is string => typeof p === "string").join("");
    let text = chars;
    let utf8 = validChars(chars);
    if (this.raw) {
      const bytes = Buffer.concat(this.parts.map((p) => (typeof p === "number" ? Buffer.of(p) : Buffer.from(p, "utf8"))));
      text = bytes.toString("utf8");
      try {
        utf8 &&= validChars(STRICT_UTF8.decode(bytes));
      } catch {
        utf8 = false;
      }
    }
    return { text, utf8, end, ...(unknownEscape ? { unknownEscape } : {}) };
  }
}

/**
 * The word starting at or after `from`, as extract_first_word() reads it with EXTRACT_UNQUOTE; with
 * "c-escape" an unknown escape is kept verbatim (the retry with EXTRACT_CUNESCAPE_RELAX that
 * extract_first_word_and_warn() makes, and that parsers without it treat as an error). Null: no more words.
 */
export function nextWord(s: string, from: number, backslash: Backslash): Word | Unbalanced | null {
  let i = skipWhitespace(s, from);
  if (i >= s.length) return null;
  // The common word: no quote, no backslash, printable ASCII; it is its own text.
  PLAIN_WORD.lastIndex = i;
  PLAIN_WORD.test(s);
  const end = PLAIN_WORD.lastIndex;
  if (end > i && (end === s.length || WHITESPACE.has(s[end]!))) return { text: s.slice(i, end), utf8: true, end: skipWhitespace(s, end) };
  const word = new WordBuilder();
  let quote: string | null = null;
  let unknownEscape: string | undefined;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\" && backslash !== "literal") {
      i++;
      if (i >= s.length) {
        // A trailing backslash: kept by the relaxed retry outside quotes, an error otherwise.
        if (backslash !== "c-escape" || quote) return { unbalanced: true };
        word.add("\\");
        unknownEscape ??= "\\";
        break;
      }
      if (backslash === "next") {
        word.add(s[i]!);
        continue;
      }
      const e = cEscape(s, i);
      if (e?.byte) word.addByte(e.char.charCodeAt(0));
      else if (e) word.add(e.char);
      else {
        unknownEscape ??= escapeText(s, i);
        word.add(`\\${s[i]}`);
      }
      if (e) i += e.length - 1;
    } else if (quote) {
      if (c === quote) quote = null;
      else word.add(c);
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (WHITESPACE.has(c)) {
      break;
    } else {
      word.add(c);
    }
  }
  if (quote) return { unbalanced: true };
  return word.finish(skipWhitespace(s, i), unknownEscape);
}

/** The first unknown C escape in a whole value that is unescaped as one (cunescape()), or null. */
export function unknownEscapeIn(s: string): string | null {
  for (let i = s.indexOf("\\"); i >= 0; i = s.indexOf("\\", i + 1)) {
    const e = cEscape(s, i + 1);
    if (!e) return escapeText(s, i + 1);
    i += e.length;
  }
  return null;
}

/** A word as shown in a message: control characters written as C escapes, and a long one cut short. */
export const shown = (s: string): string =>
  elide(s).replace(/[\x00-\x1f\x7f]/g, (c) => ({ "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

/** Bytes in UTF-8, which is what systemd's length limits count. */
export const utf8Length = (s: string): number => Buffer.byteLength(s, "utf8");
