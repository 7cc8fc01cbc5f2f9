import { applyFixes } from "./apply.js";
import type { Fix } from "./types.js";

/** Fix passes before giving up; a fix that keeps producing new fixes is a bug. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies fixes until none is left (ESLint's verifyAndFix, ruff's lint_fix):
 * `fixesFor` lints a text and returns its fixes; the loop stops when a pass
 * applies nothing, when it produces a text it has seen before (a cycle), or
 * after MAX_FIX_PASSES.
 */
export function fixUntilStable(text: string, fixesFor: (text: string) => Fix[]): { text: string; passes: number; applied: Fix[] } {
  const seen = new Set([text]);
  const applied: Fix[] = [];
  let current = text;
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const result = applyFixes(current, fixesFor(current));
    if (result.applied.length === 0 || seen.has(result.text)) return { text: current, passes: pass - 1, applied };
    applied.push(...result.applied);
    seen.add(result.text);
    current = result.text;
  }
  return { text: current, passes: MAX_FIX_PASSES, applied };
}
