/**
 * `unitlint rules` (every rule as an aligned table, or JSON) and `unitlint explain <id|name>` (one
 * rule's documentation, the same content as docs/rules/<ID>.md). main.ts dispatches here.
 */
import type { Applicability } from "../fixers/types.js";
import type { Scope } from "../model/search-paths.js";
import { suggest } from "../model/suggest.js";
import type { UnitType } from "../model/unit-name.js";
import { ruleDocsUrl } from "../report/docs-url.js";
import { fixSafetyText, optionLines } from "../report/rule-docs.js";
import { findRule, RULES } from "../rules/index.js";
import { appliesTo, fixableLabel, ruleTags } from "../rules/meta.js";
import type { Rule, Severity } from "../rules/types.js";
import type { Io } from "./main.js";

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** What `rules --format json` prints per rule; `explain --format json` adds the docs. */
export interface RuleSummaryJson {
  id: string;
  name: string;
  severity: Severity;
  fixable: Applicability[];
  tags: string[];
  types: UnitType[] | null;
  scopes: Scope[] | null;
  summary: string;
  docs: string;
}

export interface RuleJson extends RuleSummaryJson {
  rationale: string;
  bad: string;
  good: string;
  fixSafety: string | null;
  seeAlso: string[];
}

export function ruleSummaryJson(rule: Rule): RuleSummaryJson {
  return {
    id: rule.id,
    name: rule.name,
    severity: rule.severity,
    fixable: [...(rule.fixable ?? [])],
    tags: ruleTags(rule),
    types: rule.types ? [...rule.types] : null,
    scopes: rule.scopes ? [...rule.scopes] : null,
    summary: rule.docs.summary,
    docs: ruleDocsUrl(rule.id),
  };
}

export function ruleJson(rule: Rule): RuleJson {
  const { rationale, bad, good, fixSafety, seeAlso } = rule.docs;
  return { ...ruleSummaryJson(rule), rationale, bad, good, fixSafety: fixSafety ?? null, seeAlso: [...seeAlso] };
}

/** The rules as a table whose columns are as wide as their widest cell. */
export function formatRulesTable(rules: readonly Rule[]): string {
  const rows = [["ID", "NAME", "SEVERITY", "FIXABLE", "TAGS"], ...rules.map((r) => [r.id, r.name, r.severity, fixableLabel(r), ruleTags(r).join(",")])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((text, c) => (c === row.length - 1 ? text : text.padEnd(widths[c]!))).join("  ")).join("\n") + "\n";
}

function indent(text: string): string {
  return text.replace(/\n$/, "").replace(/^(?=.)/gm, "    ") + "\n";
}

/** A rule's documentation for the terminal. */
export function formatExplain(rule: Rule): string {
  const { docs } = rule;
  const options = optionLines(rule);
  const sections = [
    `${rule.id} ${rule.name}\nseverity: ${rule.severity}   fixable: ${fixableLabel(rule)}   tags: ${ruleTags(rule).join(", ")}   applies to: ${appliesTo(rule)}\n`,
    `${docs.summary}\n`,
    `Why:\n${docs.rationale}\n`,
    `Reported:\n${indent(docs.bad)}`,
    `Not reported:\n${indent(docs.good)}`,
    ...(options.length > 0 ? [`Options:\n${options.join("\n")}\n`] : []),
    `Fix safety:\n${fixSafetyText(rule)}\n`,
    ...(docs.seeAlso.length > 0 ? [`See also:\n${docs.seeAlso.map((s) => `  - ${s}`).join("\n")}\n`] : []),
    `Docs: ${ruleDocsUrl(rule.id)}\n`,
  ];
  return sections.join("\n");
}

/** A rule by id (in any letter case) or name. */
function lookup(query: string): Rule | undefined {
  return findRule(query) ?? findRule(query.toUpperCase());
}

export interface RulesCommandOptions {
  format: string;
}

/** Runs `unitlint rules` or `unitlint explain <id|name>`; `args` are the words after the command. */
export function runRulesCommand(command: "rules" | "explain", args: readonly string[], options: RulesCommandOptions, io: Io): number {
  if (options.format !== "stylish" && options.format !== "json") {
    io.stderr(`unitlint: ${command} prints stylish or json, not --format ${options.format}\n`);
    return EXIT_USAGE;
  }
  const json = options.format === "json";
  if (command === "rules") {
    if (args.length > 0) {
      io.stderr(`unitlint: rules takes no arguments (got ${JSON.stringify(args[0])}); use "unitlint explain ${args[0]}" for one rule\n`);
      return EXIT_USAGE;
    }
    io.stdout(json ? `${JSON.stringify(RULES.map(ruleSummaryJson))}\n` : formatRulesTable(RULES));
    return EXIT_OK;
  }
  if (args.length !== 1) {
    io.stderr(`unitlint: explain takes one rule id or name, e.g. "unitlint explain UL101" or "unitlint explain restart-storm"\n`);
    return EXIT_USAGE;
  }
  const query = args[0]!;
  const rule = lookup(query);
  if (!rule) {
    const guess = suggest(query, RULES.flatMap((r) => [r.id, r.name]));
    io.stderr(`unitlint: no rule ${JSON.stringify(query)}${guess ? `; did you mean ${JSON.stringify(guess)}?` : ""}\nRun "unitlint rules" to list them.\n`);
    return EXIT_USAGE;
  }
  io.stdout(json ? `${JSON.stringify(ruleJson(rule))}\n` : formatExplain(rule));
  return EXIT_OK;
}
