/** What `unitlint rules`, `unitlint explain` and docs/rules say about a rule besides its own fields. */
import type { Rule } from "./types.js";

/** The tag every rule of an id range carries (ids are permanent, so these are too). */
const RANGE_TAGS: ReadonlyArray<readonly [prefix: string, tag: string]> = [
  ["UL0", "syntax"],
  ["UL1", "restart"],
  ["UL2", "scope"],
  ["UL3", "catalog"],
  ["UL4", "security"],
  ["UL9", "tool"],
];

/** The tag of the rule's id range, then its own tags. */
export function ruleTags(rule: Rule): string[] {
  const range = RANGE_TAGS.find(([prefix]) => rule.id.startsWith(prefix))?.[1];
  return [...new Set([...(range ? [range] : []), ...(rule.tags ?? [])])];
}

/** "no", "safe", "unsafe" or "safe or unsafe". */
export function fixableLabel(rule: Rule): string {
  const kinds = rule.fixable ?? [];
  return kinds.length === 0 ? "no" : [...kinds].sort().join(" or ");
}

/** The units the rule looks at, e.g. "service units, user scope only". */
export function appliesTo(rule: Rule): string {
  const types = rule.types ? `${rule.types.join(", ")} units` : "all units";
  return rule.scopes?.length === 1 ? `${types}, ${rule.scopes[0]} scope only` : types;
}
