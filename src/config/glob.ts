/**
 * The globs of a configuration (`ignore`, `overrides[].files`, custom rules'
 * `match.paths` and `match.names`), turned into regular expressions and matched
 * as .gitignore matches (see matchesGlob()). A glob is data from a config file:
 * this never evaluates it, and the expressions it builds have no nested
 * ambiguous repetition.
 *
 *   *       any characters except `/`        **   (a whole segment) any number of segments
 *   ?       one character except `/`         [abc] [a-z] [!abc] [^abc]  one character of a set
 *   {a,b}   one of the alternatives (no `/` inside)   \x   the character x itself
 */

const SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

function escape(text: string): string {
  return text.replace(SPECIAL, "\\$&");
}

/** Where the `]` closing a bracket expression opened at `open` is, or -1. */
function classEnd(glob: string, open: number): number {
  let i = open + 1;
  if (glob[i] === "!" || glob[i] === "^") i++;
  if (glob[i] === "]") i++; // a `]` first in the set is a member
  for (; i < glob.length; i++) {
    if (glob[i] === "\\") i++;
    else if (glob[i] === "]") return i;
  }
  return -1;
}

/** Where the `}` closing a brace group opened at `open` is, and its top-level alternatives; null when it is not one. */
function braceGroup(glob: string, open: number): { end: number; parts: string[] } | null {
  let depth = 0;
  let from = open + 1;
  const parts: string[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      parts.push(glob.slice(from, i));
      return parts.length > 1 ? { end: i, parts } : null;
    } else if (c === "," && depth === 1) {
      parts.push(glob.slice(from, i));
      from = i + 1;
    }
  }
  return null;
}

/** One path segment (no `/`) as a regular expression source. */
function segment(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "\\") {
      out += escape(glob[++i] ?? "\\");
    } else if (c === "*") {
      while (glob[i + 1] === "*") i++;
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[" && classEnd(glob, i) > 0) {
      const end = classEnd(glob, i);
      let body = glob.slice(i + 1, end);
      const negated = body[0] === "!" || body[0] === "^";
      if (negated) body = body.slice(1);
      // Keep ranges (a-z) and escaped characters; escape what a RegExp class would read differently.
      body = body.replace(/\\(.)|([\\\]\[^])/g, (_m, escaped: string | undefined, bare: string | undefined) =>
        escaped !== undefined && !/[\\\]\[^-]/.test(escaped) ? escaped : `\\${escaped ?? bare}`,
      );
      out += negated ? `[^/${body}]` : `[${body}]`;
      i = end;
    } else if (c === "{" && braceGroup(glob, i)) {
      const { end, parts } = braceGroup(glob, i)!;
      out += `(?:${parts.map(segment).join("|")})`;
      i = end;
    } else {
      out += escape(c);
    }
  }
  return out;
}

/** The glob as a regular expression that must match a whole `/`-separated path (a trailing `/` is dropped). */
export function globToRegExp(glob: string): RegExp {
  const segments = glob.replace(/(?<=.)\/$/, "").split("/");
  let source = "";
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === "**") source += last ? ".*" : "(?:[^/]*/)*";
    else source += segment(seg) + (last ? "" : "/");
  });
  return new RegExp(`^${source}$`);
}

/**
 * Whether a path matches a glob, as .gitignore matches: a glob matches the path or any
 * directory above it (`prod/` covers everything in prod/), and a glob without `/` matches any
 * one segment (`*.service` at any depth, `prod` any directory named prod).
 */
export function matchesGlob(path: string, glob: string, compiled: RegExp = globToRegExp(glob)): boolean {
  const parts = path.replace(/^(?:\.\/)+/, "").split("/");
  if (!glob.replace(/(?<=.)\/$/, "").includes("/")) return parts.some((part) => compiled.test(part));
  for (let n = parts.length; n > 0; n--) if (compiled.test(parts.slice(0, n).join("/"))) return true;
  return false;
}
