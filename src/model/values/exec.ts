/**
 * Value kinds: command lines (ExecStart= and the other Exec*=), environment settings, the working
 * directory and other paths of the execution context, standard input text and data, log fields,
 * Documentation= URIs and reboot arguments — read as systemd 252's parsers read them.
 */
import { type Backslash, isWhitespace, nextWord, shown, skipWhitespace, unknownEscapeIn, utf8Length, type Word } from "./exec-words.js";
import { asWritten, entryDropped, type ValueChecks, type ValueProblem } from "./types.js";

const NAME_MAX = 255;
const PATH_MAX = 4096;
const ASCII = /^[\x00-\x7f]*$/;

// ---------------------------------------------------------------------------------------------
// Shared pieces

const UNBALANCED = 'has a quote (" or \') that is never closed';
const unknownEscape = (seq: string) => `has the unknown escape "${seq}" (systemd.syntax(7) lists \\n \\t \\s \\xNN \\NNN \\uNNNN …; write "\\\\" for a backslash)`;

/** Variable names (env_name_is_valid()): letters, digits and "_", not starting with a digit. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME_RULE = 'letters, digits and "_", not starting with a digit';
/** Whether a word is NAME=value with a valid name. */
const hasValidName = (w: Word): boolean => {
  const eq = w.text.indexOf("=");
  return eq > 0 && ENV_NAME.test(w.text.slice(0, eq));
};
/** env_assignment_is_valid(): NAME=value, the value UTF-8 (escapes such as \xff can break that). */
const isEnvAssignment = (w: Word): boolean => hasValidName(w) && w.utf8;
/** The assignment a word fails to be, for messages. */
const assignmentRule = (w: Word): string =>
  !w.text.includes("=") ? "NAME=value" : hasValidName(w) ? "NAME=value with a UTF-8 value" : `NAME=value with a valid name (${ENV_NAME_RULE})`;

/**
 * A whitespace-separated list whose words systemd reads with extract_first_word() and checks one by
 * one: the first syntax error (which makes systemd drop the rest) or invalid word (which it skips,
 * keeping the others). Specifiers are expanded in each word after it is split and unescaped
 * (`expand`): `Environment=A=%I` in web@a\x20b.service sets A to "a b".
 */
function wordList(backslash: Backslash, bad: (word: Word) => ValueProblem) {
  return (value: string, _target?: number, _key?: string, expand = asWritten): ValueProblem => {
    for (let at = 0; ; ) {
      const w = nextWord(value, at, backslash);
      if (w === null) return null;
      if ("unbalanced" in w) return { what: UNBALANCED };
      // Without extract_first_word_and_warn()'s relaxed retry an unknown escape is a syntax error.
      if (w.unknownEscape) return { what: unknownEscape(w.unknownEscape) };
      const problem = bad(expand === asWritten ? w : { ...w, text: expand(w.text) });
      if (problem) return entryDropped(problem, at > 0 || nextWord(value, w.end, backslash) !== null);
      at = w.end;
    }
  };
}

/** Why path_simplify_and_warn() refuses an absolute path, or null (worded as src/model/values/paths.ts words it). */
function pathProblem(path: string): string | null {
  if (!path.startsWith("/")) return "is not an absolute path";
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (utf8Length(path) >= PATH_MAX || parts.some((p) => utf8Length(p) > NAME_MAX)) return `is too long for a path (at most ${NAME_MAX} bytes per name, ${PATH_MAX - 1} in all)`;
  if (parts.includes("..")) return 'is not normalized (it has a ".." component)';
  return null;
}

/** A path wrapped in quotes, which these settings do not remove: the path meant. */
const unquoted = (v: string): string | null => (/^(["']).+\1$/.test(v) ? v.slice(1, -1) : null);

/**
 * A path setting with an optional "-" prefix (EnvironmentFile=, WorkingDirectory=). WorkingDirectory=
 * takes the "-" as written and expands the rest (`expand`): a "-" that %i gives is part of the path.
 */
function pathWithDash(allowHome: boolean, fatal: boolean) {
  const expected = allowHome ? 'an absolute path or "~"' : "an absolute path";
  return (value: string, _target?: number, _key?: string, expand = asWritten): ValueProblem => {
    const dash = value.startsWith("-");
    const path = expand(dash ? value.slice(1) : value);
    if (allowHome && path === "~") return null;
    const why = pathProblem(path);
    if (!why) return null;
    const meant = unquoted(path);
    const fix = meant && (pathProblem(meant) === null || (allowHome && meant === "~")) ? meant : null;
    return {
      what: why === "is not an absolute path" ? `is not ${expected} (optionally prefixed with "-")` : why,
      ...(fix ? { meant: (dash ? "-" : "") + fix } : {}),
      ...(fatal && !dash ? { refused: true } : {}),
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Command lines (systemd.service(5) "Command lines"; systemd-facts §10 "ExecStart= prefixes")

/** The prefix characters and the version each arrived in ("!!" is "!" twice). */
const PREFIX_SINCE: Readonly<Record<string, number>> = { "-": 0, "@": 0, "+": 231, "!": 235, ":": 242, "|": 258 };
const PREFIX_CHARS = new Set(Object.keys(PREFIX_SINCE));
/** Bare program names, searched in systemd's fixed $PATH, since v239 (NEWS v239). */
const BARE_NAMES_SINCE = 239;

interface Prefixes {
  ignore: boolean;
  argv0: boolean;
  shell: boolean;
  /** The program: what is left of the first word after the prefixes. */
  path: string;
}

/**
 * The prefixes as config_parse_exec() takes them: "-", "@", ":" and "|" once each, and one of "+",
 * "!" or "!!"; a character that does not fit (a second "+", "+!", "!!!") stays part of the path.
 */
function splitPrefixes(word: string, target: number): Prefixes {
  const seen = new Set<string>();
  let privilege = "";
  let i = 0;
  for (; i < word.length; i++) {
    const c = word[i]!;
    if (!PREFIX_CHARS.has(c) || PREFIX_SINCE[c]! > target) break;
    if (c === "+" || c === "!") {
      if (privilege === "") privilege = c;
      else if (privilege === "!" && c === "!") privilege = "!!";
      else break;
    } else if (seen.has(c)) break;
    else seen.add(c);
  }
  return { ignore: seen.has("-"), argv0: seen.has("@"), shell: seen.has("|"), path: word.slice(i) };
}

/** string_is_safe(): no control characters, quotes or backslashes. */
const UNSAFE = /[\x01-\x1f\x7f"'\\]/;

/** filename_is_valid() for a name systemd searches for; path_is_valid() for an absolute path. */
function validProgram(path: string): boolean {
  // A path of at most NAME_MAX / 3 characters is within both limits whatever its bytes (a UTF-16 unit is at most 3 UTF-8 bytes).
  const short = path.length * 3 <= NAME_MAX;
  if (path.startsWith("/")) return short || (utf8Length(path) < PATH_MAX && path.split("/").every((p) => utf8Length(p) <= NAME_MAX));
  return path !== "." && path !== ".." && !path.includes("/") && (short || utf8Length(path) <= NAME_MAX);
}

function prefixList(target: number): string {
  const plain = ["-", "@", ":", "|"].filter((c) => PREFIX_SINCE[c]! <= target);
  const privilege = ["+", "!", "!!"].filter((c) => PREFIX_SINCE[c[0]!]! <= target);
  return `${plain.map((c) => `"${c}"`).join(", ")} and one of ${privilege.map((c) => `"${c}"`).join(", ")}`;
}

/**
 * Why systemd does not take the program of one command (what is left after its prefixes, `written`,
 * then expanded: `program`), or null.
 */
function programProblem(program: string, written: string, prefixed: boolean, target: number): string | null {
  const path = shown(program);
  if (program === "") return prefixed ? "has no program after its prefixes" : "has an empty program name";
  if (UNSAFE.test(program)) return `runs "${path}", which contains a quote, backslash or control character`;
  if (program.endsWith("/")) return `runs "${path}", which ends in "/" (a directory, not a program)`;
  if (!validProgram(program)) {
    const hint = !PREFIX_CHARS.has(program[0]!)
      ? ""
      : PREFIX_CHARS.has(written[0]!)
        ? ` (prefixes are ${prefixList(target)}, each at most once)`
        : ` (the "${program[0]}" comes from a specifier, which systemd expands after it has read the prefixes: it is part of the program)`;
    const pathHint = program.includes("/") && program !== ".." ? ' (systemd searches only plain names; a path must start with "/")' : "";
    return `runs "${path}", which is not an absolute path or a program name systemd can search for${hint || pathHint}`;
  }
  if (!program.startsWith("/") && target < BARE_NAMES_SINCE) return `runs "${path}" by name, which needs systemd ≥ ${BARE_NAMES_SINCE} (older versions want an absolute path)`;
  return null;
}

/** The problem, said as a version problem when the program starts with a prefix the target does not know yet. */
function commandProblem(p: Prefixes, program: string, prefixed: boolean, target: number): string | null {
  const problem = programProblem(program, p.path, prefixed, target);
  const since = PREFIX_SINCE[p.path[0] ?? ""];
  return problem && since !== undefined && since > target ? `uses the "${p.path[0]}" prefix, which needs systemd ≥ ${since}` : problem;
}

/**
 * Exec*= (config_parse_exec()): one or more commands separated by a lone ";" (soft-deprecated but
 * still read). Unknown escapes only warn. Anything else makes systemd refuse the unit, unless the
 * command has the "-" prefix, which turns it into "ignoring" — except an unbalanced quote in the
 * first word, which systemd always just ignores (it bails out before it has looked at prefixes).
 * Specifiers are expanded word by word after that (`expand`), so a "-" that %i gives is no prefix.
 */
function checkExec(value: string, target: number, _key?: string, expand = asWritten): ValueProblem {
  let warning: ValueProblem = null;
  const warn = (w: Word) => {
    if (w.unknownEscape) warning ??= { what: unknownEscape(w.unknownEscape), effect: "systemd warns and keeps the backslash as written" };
  };
  let at = 0;
  for (;;) {
    const first = nextWord(value, at, "c-escape");
    if (first === null) return warning;
    if ("unbalanced" in first) return { what: UNBALANCED };
    warn(first);
    at = first.end;
    if (first.text === ";") continue;
    const prefixes = splitPrefixes(first.text, target);
    const fail = (what: string): ValueProblem => ({ what, ...(prefixes.ignore ? {} : { refused: true }) });
    // The "|" prefix (v258) hands the rest of the line to the shell.
    const problem = prefixes.shell ? null : commandProblem(prefixes, expand(prefixes.path), prefixes.path !== first.text, target);
    if (problem) return fail(problem);
    let args = prefixes.argv0 ? 0 : 1;
    let separator = false;
    while (at < value.length) {
      if (value[at] === ";" && (at + 1 === value.length || isWhitespace(value[at + 1]))) {
        separator = true;
        at = skipWhitespace(value, at + 1);
        break;
      }
      if (value.startsWith("\\;", at) && (at + 2 === value.length || isWhitespace(value[at + 2]))) {
        args++;
        at = skipWhitespace(value, at + 2);
        continue;
      }
      const w = nextWord(value, at, "c-escape");
      if (w === null) break;
      if ("unbalanced" in w) return fail(UNBALANCED);
      warn(w);
      args++;
      at = w.end;
    }
    if (args === 0 && !prefixes.shell) return fail('uses "@" but has no argv[0] after the program ("@/path/to/program name args…")');
    if (!separator) return warning;
  }
}

// ---------------------------------------------------------------------------------------------
// Documentation= (documentation_url_is_valid()): http://, https://, file:/, man:, info:, then ASCII.

const DOC_URI = /^(?:https?:\/\/|file:\/|man:|info:)[\x00-\x7f]+$/;
const DOC_SCHEMES = "http://, https://, file:/, man: or info:, then ASCII text";

/** The URI probably meant: a lower-case scheme, file: before a path, man: before a page, https:// before a host. */
function docMeant(item: string): string | null {
  const candidates = [
    item.replace(/^[A-Za-z]+:/, (scheme) => scheme.toLowerCase()),
    item.startsWith("/") ? `file:${item}` : "",
    /^[\w.:@+-]+\(\d\w*\)$/.test(item) ? `man:${item}` : "",
    /^[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}(\/\S*)?$/.test(item) ? `https://${item}` : "",
  ];
  return candidates.find((c) => c !== item && DOC_URI.test(c)) ?? null;
}

const checkDocumentation = wordList("literal", ({ text: item }) => {
  if (DOC_URI.test(item)) return null;
  const meant = docMeant(item);
  return { what: `lists "${shown(item)}", which is not a URI systemd accepts (${DOC_SCHEMES})`, ...(meant ? { meant } : {}) };
});

// ---------------------------------------------------------------------------------------------
// LogExtraFields= (journal_field_valid()): FIELD=value, FIELD of 1–64 of A–Z, 0–9, "_", starting with a letter.

const JOURNAL_FIELD = /^[A-Z][A-Z0-9_]{0,63}$/;

const checkLogExtraFields = wordList("c-escape", ({ text: item }) => {
  const eq = item.indexOf("=");
  if (eq < 0) return { what: `has "${shown(item)}", which is not FIELD=value` };
  if (JOURNAL_FIELD.test(item.slice(0, eq))) return null;
  const upper = item.slice(0, eq).toUpperCase();
  return {
    what: `has "${shown(item)}", whose field name is not 1–64 of A–Z, 0–9 and "_" starting with a letter`,
    ...(JOURNAL_FIELD.test(upper) ? { meant: upper + item.slice(eq) } : {}),
  };
});

// ---------------------------------------------------------------------------------------------
// StandardInputData= (unbase64mem()): base64 in groups of four, "=" padding only at the end,
// whitespace anywhere; no URL-safe alphabet.

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 64;
const sextet = (ch: string | undefined): number => (ch === "=" ? PAD : B64.indexOf(ch ?? ""));

function isBase64(value: string): boolean {
  const s = value.replace(/[ \t\n\r]/g, "");
  if (s.length % 4 !== 0) return false;
  for (let i = 0; i < s.length; i += 4) {
    const [a, b, c, d] = [sextet(s[i]), sextet(s[i + 1]), sextet(s[i + 2]), sextet(s[i + 3])];
    if (a < 0 || a === PAD || b < 0 || b === PAD || c < 0 || d < 0) return false;
    const last = i + 4 === s.length;
    // Padding ends the data, and the bits it leaves over must be zero.
    if (c === PAD && (d !== PAD || b & 15 || !last)) return false;
    if (c !== PAD && d === PAD && (c & 3 || !last)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

export const EXEC_CHECKS: ValueChecks = {
  config_parse_exec: checkExec,

  // Environment= (systemd.exec(5)): NAME=value words; quotes and C escapes as in systemd.syntax(7).
  config_parse_environ: wordList("c-escape", (w) => (isEnvAssignment(w) ? null : { what: `sets "${shown(w.text)}", which is not ${assignmentRule(w)}` })),
  // PassEnvironment=: variable names; quotes are removed, a backslash escapes the next character.
  config_parse_pass_environ: wordList("next", ({ text }) => (ENV_NAME.test(text) ? null : { what: `names "${shown(text)}", which is not a variable name (${ENV_NAME_RULE})` })),
  // UnsetEnvironment=: variable names or NAME=value assignments.
  config_parse_unset_environ: wordList("c-escape", (w) => {
    if (ENV_NAME.test(w.text) || isEnvAssignment(w)) return null;
    const rule = w.text.includes("=") ? `neither a variable name nor ${assignmentRule(w)}` : `not a variable name (${ENV_NAME_RULE}) or NAME=value`;
    return { what: `names "${shown(w.text)}", which is ${rule}` };
  }),
  // EnvironmentFile=: an absolute, normalized path, optionally prefixed with "-" (no quotes).
  config_parse_unit_env_file: pathWithDash(false, false),
  // WorkingDirectory=: "~" or an absolute path, optionally prefixed with "-"; without "-" a bad
  // path makes systemd refuse the unit (systemd-facts §8).
  config_parse_working_directory: pathWithDash(true, true),
  // PIDFile=: a relative path is taken below /run; one that does not normalize fails the unit
  // (config_parse_pid_file() returns the error, although the message says "ignoring").
  config_parse_pid_file: (value) => {
    const why = pathProblem(value.startsWith("/") ? value : `/run/${value}`);
    return why ? { what: why, refused: true } : null;
  },
  // StandardInputText=: C escapes over the whole value as written (cunescape(), before specifiers are expanded), no quoting.
  config_parse_exec_input_text: (value) => {
    const seq = unknownEscapeIn(value);
    return seq ? { what: unknownEscape(seq) } : null;
  },
  config_parse_exec_input_data: (value) =>
    isBase64(value) ? null : { what: 'is not base64 (A–Z, a–z, 0–9, "+" and "/" in groups of four, "=" padding only at the end)' },
  config_parse_log_extra_fields: checkLogExtraFields,
  config_parse_documentation: checkDocumentation,
  // RebootArgument=, JobTimeoutRebootArgument= in [Unit] (reboot_parameter_is_valid()): ASCII, at most 255 characters.
  config_parse_reboot_parameter: (value) =>
    !ASCII.test(value) ? { what: "is not ASCII" } : value.length > NAME_MAX ? { what: `is longer than ${NAME_MAX} characters` } : null,
  // config_parse_unit_string_printf (Description=, SyslogIdentifier=, Options= …) and
  // config_parse_string (TCPCongestion=) take any string: no check.
};
