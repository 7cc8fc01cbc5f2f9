/**
 * StandardInput=, StandardOutput= and StandardError= (systemd.exec(5) "Logging and Standard
 * Input/Output"): a word, or `fd:NAME`, `file:PATH`, `append:PATH`, `truncate:PATH`, read as
 * systemd 252's config_parse_exec_input()/config_parse_exec_output() read them.
 */
import { suggest } from "../suggest.js";
import { needsNewer, type ValueCheck, type ValueProblem } from "./types.js";
import { own } from "../own.js";

const NAME_MAX = 255;
const PATH_MAX = 4096;

/** fdname_is_valid(): printable ASCII without ":", at most 255 characters (empty is "stdin"/"stdout"). */
const FD_NAME = /^[\x20-\x39\x3b-\x7e]{0,255}$/;

/**
 * Why a path after `file:` & co. is refused (path_simplify_and_warn() with PATH_CHECK_ABSOLUTE):
 * it must be absolute, without ".." components, each component at most NAME_MAX bytes.
 */
function pathProblem(prefix: string, path: string): string | null {
  if (!path.startsWith("/")) return `needs an absolute path after "${prefix}"`;
  const parts = path.split("/");
  if (parts.includes("..")) return 'has ".." in its path, which systemd refuses';
  if (Buffer.byteLength(path) >= PATH_MAX) return `has a path longer than ${PATH_MAX - 1} bytes`;
  if (parts.some((p) => Buffer.byteLength(p) > NAME_MAX)) return `has a path component longer than ${NAME_MAX} bytes`;
  return null;
}

const fdNameProblem = (prefix: string, name: string): string | null =>
  FD_NAME.test(name) ? null : `has an invalid file descriptor name after "${prefix}" (printable ASCII without ":", at most ${NAME_MAX} characters)`;

/** The `prefix:` forms, the version each arrived in, and what follows the colon. */
type Prefixes = Readonly<Record<string, readonly [since: number, check: (prefix: string, rest: string) => string | null]>>;

/**
 * The check for one stream: `words` with the version each arrived in (`hidden` ones are
 * accepted but not offered, e.g. the obsolete syslog output that 252 turns into journal with a
 * notice), then the `prefix:` forms.
 */
export function stdioCheck(words: Readonly<Record<string, number>>, prefixes: Prefixes, hidden: readonly string[] = []): ValueCheck {
  return (value, target): ValueProblem => {
    if (hidden.includes(value)) return null;
    const since = own(words, value);
    if (since !== undefined) return since > target ? needsNewer(since, target, `"${value}"`) : null;
    const colon = value.indexOf(":");
    const prefix = colon >= 0 ? value.slice(0, colon + 1) : "";
    const form = own(prefixes, prefix);
    if (form) {
      if (form[0] > target) return needsNewer(form[0], target, `"${prefix}"`);
      const problem = form[1](prefix, value.slice(colon + 1));
      return problem ? { what: problem } : null;
    }
    const known = Object.keys(words).filter((w) => words[w]! <= target);
    const forms = Object.keys(prefixes).filter((p) => prefixes[p]![0] <= target);
    const meant = own(prefixes, prefix.toLowerCase()) ? prefix.toLowerCase() + value.slice(colon + 1) : suggest(value, known);
    const list = known.map((w) => `"${w}"`).join(", ") + (forms.length ? `, or ${forms.map((p) => `${p}…`).join(", ")}` : "");
    return { what: `is not one of ${list}`, ...(meant ? { meant } : {}) };
  };
}

export const FD_FORM = [235, fdNameProblem] as const;
export const PATH_FORM = (since: number) => [since, pathProblem] as const;
