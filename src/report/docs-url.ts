/**
 * Where each rule's documentation lives: docs/rules/<ID>.md (scripts/gen-rule-docs.mjs writes it)
 * in the repository. The JSON report, SARIF and `unitlint explain` all link here.
 */
import { RULES } from "../rules/index.js";
import type { Rule } from "../rules/types.js";

export const DOCS_BASE_URL = "https://github.com/unitlint/unitlint/blob/main/docs";

/** The page of the rule with this id, e.g. …/docs/rules/UL101.md. */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}/rules/${id}.md`;
}

/** Each built-in rule's page, built once: every finding carries it. */
const BUILT_IN: ReadonlyMap<Rule, string> = new Map(RULES.map((rule) => [rule, ruleDocsUrl(rule.id)]));

/** The page of a built-in rule; null for a rule that has none (the harden template, a custom rule). */
export function docsUrlOf(rule: Rule): string | null {
  return BUILT_IN.get(rule) ?? null;
}
