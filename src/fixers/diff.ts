/**
 * Unified diffs of fixes, appliable from the working directory with `patch -p1` or `git apply`:
 * `a/<path>` and `b/<path>` headers (an absolute path loses its leading slash, so apply it
 * from /), `/dev/null` for a file the fix creates.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The diff package, loaded only when a diff is printed. */
function jsdiff(): typeof import("diff") {
  return require("diff") as typeof import("diff");
}

const strip = (p: string): string => p.replace(/^\/+/, "");

/** The unified diff from `before` (null: the file does not exist yet) to `after` of the file shown as `displayPath`. */
export function unifiedDiff(displayPath: string, before: string | null, after: string): string {
  if (before === after) return "";
  const oldName = before === null ? "/dev/null" : `a/${strip(displayPath)}`;
  const patch = jsdiff().createTwoFilesPatch(oldName, `b/${strip(displayPath)}`, before ?? "", after, undefined, undefined, { context: 3 });
  // jsdiff starts with a "====" separator line that neither patch nor git needs.
  return patch.replace(/^=+\n/, "");
}
