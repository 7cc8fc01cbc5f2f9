/**
 * `.unitlint.json`: found by walking up from the working directory (or given with --config),
 * JSON with comments, validated against schemas/config.schema.json, and resolved into what the
 * engine and the CLI use. Nothing in it is executed: globs are matched, rules are data.
 */
import fs from "node:fs";
import path from "node:path";
import type { Settings } from "../engine/settings.js";
import type { Scope } from "../model/search-paths.js";
import type { Rule, Severity } from "../rules/types.js";
import { stripJsonComments } from "./jsonc.js";
import { globToRegExp, matchesGlob } from "./glob.js";
import { schemaValidator } from "../package-files.js";
import { ruleTags } from "../rules/meta.js";
import { checkCustomRules, compileCustomRules, type CustomRuleDef } from "../rules/custom.js";

export const CONFIG_NAME = ".unitlint.json";

export type Level = Severity | "off";
type RuleSetting = Level | { severity?: Level; options?: Record<string, unknown> };

/** The configuration file as written (after validation). */
export interface ConfigData {
  rules?: Record<string, RuleSetting>;
  overrides?: Array<{ files: string | string[]; rules?: Record<string, RuleSetting>; scope?: Scope }>;
  systemdVersion?: number;
  lingerUsers?: string[];
  failOn?: Severity;
  harden?: { template?: string; profile?: string };
  ignore?: string[];
  custom?: unknown[];
}

/** What the engine needs from a configuration, by absolute file path. */
export interface Policy {
  /** The configured level of a rule for a file; undefined: the rule's own. */
  levelFor(ruleId: string, absPath: string): Level | undefined;
  /** Files a directory walk does not lint. */
  ignored(absPath: string): boolean;
  /** Scope of a file whose path says neither system nor user. */
  scopeFor(absPath: string): Scope | null;
}

export interface ResolvedConfig {
  /** The file it came from. */
  file: string;
  policy: Policy;
  settings: Partial<Settings>;
  failOn?: Severity;
  harden: { template?: string; profile?: string };
  /** The configuration's own rules, compiled (schemas/rule.schema.json). */
  custom: Rule[];
}

/** The nearest .unitlint.json from `dir` upwards, or null. */
export function findConfig(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, CONFIG_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return null;
  }
}

/** JSON.parse's "at position N" as "line L, column C". */
function where(text: string, error: SyntaxError): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return error.message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  return `${error.message.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${before.length - before.lastIndexOf("\n")}`;
}

/** Reads and validates a configuration file; the strings are its problems, one per line to show. */
export function readConfig(file: string): ConfigData | string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return [`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`];
  }
  let data: unknown;
  try {
    data = JSON.parse(stripJsonComments(text));
  } catch (error) {
    return [`${file}: not JSON: ${error instanceof SyntaxError ? where(text, error) : String(error)}`];
  }
  const validate = schemaValidator("config.schema.json", ["rule.schema.json"]);
  if (validate(data)) {
    // What a schema cannot say about custom rules: unknown keys, clashing ids, unsafe patterns.
    const custom = checkCustomRules(((data as ConfigData).custom ?? []) as CustomRuleDef[], "/custom");
    return custom.length === 0 ? (data as ConfigData) : custom.map((p) => `config ${file}: ${p.instancePath}: ${p.message}`);
  }
  // A failed oneOf also reports each branch: keep the most specific message per place (the word
  // list of a level rather than "must be object" for its other form, and no "must match … oneOf").
  const errors = validate.errors ?? [];
  const hasEnum = new Set(errors.filter((e) => e.keyword === "enum").map((e) => e.instancePath));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const e of errors) {
    if ((e.keyword === "oneOf" || e.keyword === "if") && errors.length > 1) continue;
    if (e.keyword === "type" && hasEnum.has(e.instancePath)) continue;
    const extra = e.keyword === "additionalProperties" ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : e.keyword === "enum" ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}` : "";
    const line = `config ${file}: ${e.instancePath || "/"}: ${e.message ?? "is invalid"}${extra}`;
    if (!seen.has(line)) problems.push(line);
    seen.add(line);
  }
  return problems;
}

/** Whether a file matches any of the globs, relative to `base` (the configuration's directory); as .gitignore matches. */
function matcher(globs: readonly string[], base: string): (absPath: string) => boolean {
  if (globs.length === 0) return () => false;
  const compiled = globs.map((glob) => ({ glob, re: globToRegExp(glob) }));
  return (absPath) => {
    const rel = path.relative(base, absPath).split(path.sep).join("/");
    return !rel.startsWith("../") && compiled.some((g) => matchesGlob(rel, g.glob, g.re));
  };
}

const levelOf = (setting: RuleSetting): Level | undefined => (typeof setting === "string" ? setting : setting.severity);

/** Resolves tags and rule names to ids (tags first, so a rule's own entry wins); unknown keys were refused by the schema. */
function byId(settings: Record<string, RuleSetting> | undefined, rules: readonly Rule[]): Map<string, RuleSetting> {
  const out = new Map<string, RuleSetting>();
  const entries = Object.entries(settings ?? {});
  for (const [key, value] of entries) {
    if (key.startsWith("tag:")) for (const rule of rules) if (ruleTags(rule).includes(key.slice(4))) out.set(rule.id, value);
  }
  for (const [key, value] of entries) {
    const rule = rules.find((r) => r.id === key || r.name === key);
    if (rule) out.set(rule.id, value);
  }
  return out;
}

export function resolveConfig(file: string, data: ConfigData, builtins: readonly Rule[]): ResolvedConfig {
  const base = path.dirname(path.resolve(file));
  const custom = compileCustomRules((data.custom ?? []) as CustomRuleDef[], { base });
  const rules = [...builtins, ...custom];
  const global = byId(data.rules, rules);
  const overrides = (data.overrides ?? []).map((o) => ({
    matches: matcher(Array.isArray(o.files) ? o.files : [o.files], base),
    rules: byId(o.rules, rules),
    scope: o.scope ?? null,
  }));
  const ignored = matcher(data.ignore ?? [], base);
  const settings: Partial<Settings> = {
    ...(data.systemdVersion !== undefined ? { systemdVersion: data.systemdVersion } : {}),
    ...(data.lingerUsers ? { lingerUsers: data.lingerUsers } : {}),
  };
  for (const [id, setting] of global) {
    const rule = rules.find((r) => r.id === id);
    if (typeof setting === "object" && setting.options && rule?.options) Object.assign(settings, rule.options.toSettings(setting.options));
  }
  const policy: Policy = {
    levelFor(ruleId, absPath) {
      let level = global.has(ruleId) ? levelOf(global.get(ruleId)!) : undefined;
      for (const o of overrides) if (o.rules.has(ruleId) && o.matches(absPath)) level = levelOf(o.rules.get(ruleId)!) ?? level;
      return level;
    },
    ignored,
    scopeFor(absPath) {
      let scope: Scope | null = null;
      for (const o of overrides) if (o.scope && o.matches(absPath)) scope = o.scope;
      return scope;
    },
  };
  const harden = {
    ...(data.harden?.template ? { template: path.resolve(base, data.harden.template) } : {}),
    ...(data.harden?.profile ? { profile: data.harden.profile } : {}),
  };
  return { file, policy, settings, ...(data.failOn ? { failOn: data.failOn } : {}), harden, custom };
}
