import type { Fix } from "./types.js";

/**
 * Applies fixes to a text in one pass (ESLint's and ruff's algorithm): fixes in
 * order of their first edit; a fix that overlaps or touches one already applied
 * is skipped whole, for a later pass. Returns the new text and the fixes applied.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const ordered = fixes
    .filter((f) => f.edits.length > 0)
    .map((f) => ({ fix: f, edits: [...f.edits].sort((a, b) => a.start - b.start || a.end - b.end) }))
    .sort((a, b) => a.edits[0]!.start - b.edits[0]!.start || a.edits[0]!.end - b.edits[0]!.end);
  let out = "";
  let last = 0;
  let touched = -1;
  const applied: Fix[] = [];
  for (const { fix, edits } of ordered) {
    if (edits[0]!.start <= touched) continue;
    for (const e of edits) {
      out += text.slice(last, e.start) + e.text;
      last = e.end;
    }
    touched = edits[edits.length - 1]!.end;
    applied.push(fix);
  }
  return { text: out + text.slice(last), applied };
}
