/**
 * Custom rules: an organisation's policy written as data in the config file
 * (schemas/rule.schema.json describes one), turned into ordinary unit rules.
 * A definition is never executed: keys are looked up, values compared, globs
 * translated by src/config/glob.ts, and patterns compiled with `new RegExp` after
 * checks that keep their running time polynomial (see patternProblem()).
 */
import path from "node:path";
import { DIRECTIVES } from "../data/directives.generated.js";
import { addToSection, removeNode, replaceValue } from "../fixers/edits.js";
import type { Fix } from "../fixers/types.js";
import { toSlash } from "../model/discover.js";
import type { Scope } from "../model/search-paths.js";
import { suggest } from "../model/suggest.js";
import type { Assignment, Unit, UnitFile } from "../model/unit.js";
import { TYPE_SECTION, UNIT_TYPES, type UnitType } from "../model/unit-name.js";
import type { Span } from "../syntax/ast.js";
import { globToRegExp, matchesGlob } from "../config/glob.js";
import { RULES } from "./index.js";
import type { ReportInput, Rule, Severity } from "./types.js";
import { own } from "../model/own.js";

/** An exact value, or a regular expression that must match the whole value. */
export type ValueMatcher = string | { pattern: string };

/** One custom rule, as schemas/rule.schema.json describes it. */
export interface CustomRuleDef {
  id: string;
  name: string;
  severity: Severity;
  /** Placeholders: {section}, {key}, {value}, {unit}. */
  message: string;
  description?: string;
  match?: {
    types?: UnitType[];
    scope?: Scope;
    /** Globs on the unit's displayed path (or its path relative to CompileOptions.base). */
    paths?: string[];
    /** Globs on the unit name. */
    names?: string[];
  };
  /** Exactly one of require, forbid and allowed. */
  require?: { key: string };
  forbid?: { key: string; values?: ValueMatcher[]; list?: boolean };
  allowed?: { key: string; values: ValueMatcher[]; list?: boolean };
  fix?: { set: string; safe?: boolean } | { remove: true; safe?: boolean };
}

/** A problem the JSON schema cannot express, in the shape of an ajv error. */
export interface CustomRuleProblem {
  /** JSON pointer into the config, e.g. "/custom/0/allowed/values/1/pattern". */
  instancePath: string;
  message: string;
}

export class CustomRuleError extends Error {
  constructor(readonly problems: readonly CustomRuleProblem[]) {
    super(problems.map((p) => `${p.instancePath}: ${p.message}`).join("\n"));
  }
}

export const PLACEHOLDERS = ["section", "key", "value", "unit"] as const;

/** Longer patterns are refused (the schema says the same), which bounds the polynomial cost that remains. */
export const MAX_PATTERN_LENGTH = 200;

export interface CompileOptions {
  /**
   * An absolute directory (typically the config file's): `match.paths` globs are matched against
   * the unit's path relative to it, and units outside it match no glob. Default: the displayed path.
   */
  base?: string;
}

const SAFE_BY_CONFIG = "Declared safe in the configuration.";
const UNSAFE_BY_DEFAULT = 'Unsafe: a fix written in the configuration is applied only with --unsafe-fixes unless it says "safe": true.';

type Kind = "require" | "forbid" | "allowed";

interface Condition {
  kind: Kind;
  section: string;
  key: string;
  values: readonly ValueMatcher[] | null;
  list: boolean;
}

function conditionOf(def: CustomRuleDef): Condition {
  const kind: Kind = def.require ? "require" : def.forbid ? "forbid" : "allowed";
  const c: { key: string; values?: ValueMatcher[]; list?: boolean } = def.require ?? def.forbid ?? def.allowed!;
  const dot = c.key.indexOf(".");
  return { kind, section: c.key.slice(0, dot), key: c.key.slice(dot + 1), values: c.values ?? null, list: c.list === true };
}

/** Why a pattern is refused, or null. Exponential backtracking needs a repeated group that can match the same text in several ways. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `a pattern may have at most ${MAX_PATTERN_LENGTH} characters (this one has ${pattern.length})`;
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  return patternShape(pattern);
}

interface Group {
  quantified: boolean;
  alternation: boolean;
}

/** A quantifier at `i`: its length and whether it repeats (more than once). */
function quantifierAt(p: string, i: number): { length: number; repeats: boolean } | null {
  const c = p[i];
  if (c === "*" || c === "+") return { length: 1, repeats: true };
  if (c === "?") return { length: 1, repeats: false };
  const m = c === "{" ? /^\{(\d+)(?:(,)(\d*))?\}/.exec(p.slice(i)) : null;
  if (!m) return null;
  const repeats = m[2] ? m[3] === "" || Number(m[3]) > 1 : Number(m[1]) > 1;
  return { length: m[0].length, repeats };
}

/** Refuses backreferences and a repeated group holding a quantifier or an alternation; `pattern` compiles. */
function patternShape(p: string): string | null {
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let closed: Group | null = null;
  for (let i = 0; i < p.length; i++) {
    const top = stack[stack.length - 1]!;
    const q = quantifierAt(p, i);
    if (q) {
      if (q.repeats && closed && (closed.quantified || closed.alternation)) {
        return "a repeated group may not contain a quantifier or | (as in (a+)+ or (a|b)*): such a pattern can take exponential time";
      }
      top.quantified = true;
      i += q.length - 1;
      if (p[i + 1] === "?") i++; // lazy
      closed = null;
      continue;
    }
    closed = null;
    const c = p[i];
    if (c === "\\") {
      const n = p[i + 1] ?? "";
      if (/[1-9k]/.test(n)) return "backreferences are not allowed: they can take exponential time";
      // \u{…} and \p{…}: the braces belong to the escape.
      if (/[upP]/.test(n) && p[i + 2] === "{") i = p.indexOf("}", i);
      else i++;
    } else if (c === "[") {
      for (i++; i < p.length && p[i] !== "]"; i++) if (p[i] === "\\") i++;
    } else if (c === "(") {
      stack.push({ quantified: false, alternation: false });
      if (p[i + 1] === "?") i = p[i + 2] === "<" && p[i + 3] !== "=" && p[i + 3] !== "!" ? p.indexOf(">", i) : i + (p[i + 2] === "<" ? 3 : 2);
    } else if (c === ")") {
      const group = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      parent.quantified ||= group.quantified;
      parent.alternation ||= group.alternation;
      closed = group;
    } else if (c === "|") {
      top.alternation = true;
    }
  }
  return null;
}

function matcher(values: readonly ValueMatcher[]): (value: string) => boolean {
  const exact = new Set(values.filter((v): v is string => typeof v === "string"));
  const patterns = values.flatMap((v) => (typeof v === "string" ? [] : [new RegExp(`^(?:${v.pattern})$`, "u")]));
  return (value) => exact.has(value) || patterns.some((re) => re.test(value));
}

function showValues(values: readonly ValueMatcher[]): string {
  return values.map((v) => (typeof v === "string" ? (v === "" ? '""' : v) : `/${v.pattern}/`)).join(", ");
}

/** The unit types that have `section` (only services have [Service]); null: every type. */
function sectionTypes(section: string): UnitType[] | null {
  const types = UNIT_TYPES.filter((t) => TYPE_SECTION[t] === section);
  return types.length > 0 ? types : null;
}

const isExtension = (name: string): boolean => name.startsWith("X-");

/**
 * What the JSON schema cannot check: patterns, placeholders, that keys exist, unique ids and
 * names, a fix that satisfies its own rule. `at` is the definitions' JSON pointer ("/custom").
 */
export function checkCustomRules(defs: readonly CustomRuleDef[], at = "", builtins: readonly Rule[] = RULES): CustomRuleProblem[] {
  const problems: CustomRuleProblem[] = [];
  const problem = (pointer: string, message: string): void => void problems.push({ instancePath: `${at}${pointer}`, message });
  const ids = new Map<string, string>(builtins.map((r) => [r.id, "a built-in rule"]));
  const names = new Map<string, string>(builtins.map((r) => [r.name, `built-in rule ${r.id}`]));
  defs.forEach((def, i) => {
    const here = `/${i}`;
    if (ids.has(def.id)) problem(`${here}/id`, `${def.id} is already the id of ${ids.get(def.id)}`);
    else ids.set(def.id, `custom rule ${at}${here}`);
    if (names.has(def.name)) problem(`${here}/name`, `${def.name} is already the name of ${names.get(def.name)}`);
    else names.set(def.name, `custom rule ${def.id}`);
    for (const m of def.message.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
        problem(`${here}/message`, `unknown placeholder {${m[1]}}: use ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`);
      }
    }
    const cond = conditionOf(def);
    const condAt = `${here}/${cond.kind}`;
    checkKey(cond, `${condAt}/key`, problem);
    const own = sectionTypes(cond.section);
    if (own && def.match?.types && !def.match.types.some((t) => own.includes(t))) {
      problem(`${here}/match/types`, `no unit of these types reads [${cond.section}] (only ${own.join(", ")})`);
    }
    let patternsOk = true;
    cond.values?.forEach((v, j) => {
      const why = typeof v === "string" ? null : patternProblem(v.pattern);
      if (why) {
        patternsOk = false;
        problem(`${condAt}/values/${j}/pattern`, why);
      }
    });
    if (def.fix && "set" in def.fix && cond.values && patternsOk) {
      const hit = matcher(cond.values)(def.fix.set);
      if (cond.kind === "allowed" && !hit) problem(`${here}/fix/set`, `${def.fix.set} is not one of the allowed values, so the fix would not fix anything`);
      if (cond.kind === "forbid" && hit) problem(`${here}/fix/set`, `${def.fix.set} is one of the forbidden values, so the fix would not fix anything`);
    }
  });
  return problems;
}

function checkKey(cond: Condition, pointer: string, problem: (pointer: string, message: string) => void): void {
  const { section, key } = cond;
  if (isExtension(section)) return;
  const keys = own(DIRECTIVES, section);
  if (!keys) {
    const guess = suggest(section, Object.keys(DIRECTIVES));
    problem(pointer, `systemd has no section [${section}]${guess ? ` (did you mean ${guess}?)` : ""}`);
  } else if (!isExtension(key) && !Object.hasOwn(keys, key)) {
    const guess = suggest(key, Object.keys(keys));
    problem(pointer, `systemd has no setting ${key}= in [${section}]${guess ? ` (did you mean ${guess}?)` : ""}`);
  }
}

/** Rules for the definitions; throws CustomRuleError when checkCustomRules() finds a problem. */
export function compileCustomRules(defs: readonly CustomRuleDef[], options: CompileOptions = {}): Rule[] {
  const problems = checkCustomRules(defs);
  if (problems.length > 0) throw new CustomRuleError(problems);
  return defs.map((def) => compile(def, options));
}

function compile(def: CustomRuleDef, options: CompileOptions): Rule {
  const cond = conditionOf(def);
  const own = sectionTypes(cond.section);
  const types = own && def.match?.types ? def.match.types.filter((t) => own.includes(t)) : (def.match?.types ?? own);
  const paths = def.match?.paths?.map((glob) => ({ glob, re: globToRegExp(glob) }));
  const names = def.match?.names?.map(globToRegExp);
  const base = options.base === undefined ? null : toSlash(path.resolve(options.base));
  const selects = (unit: Unit): boolean => {
    if (names && !names.some((re) => re.test(unit.name))) return false;
    if (!paths) return true;
    const where = base === null ? unit.path : relativePath(unit, base);
    return where !== null && paths.some((p) => matchesGlob(where, p.glob, p.re));
  };
  const fine = cond.values ? matcher(cond.values) : null;
  const summary = summarize(def, cond);
  return {
    id: def.id,
    name: def.name,
    severity: def.severity,
    phase: "unit",
    tags: ["custom"],
    ...(def.fix ? { fixable: [applicability(def.fix)] } : {}),
    ...(types ? { types } : {}),
    ...(def.match?.scope ? { scopes: [def.match.scope] } : {}),
    docs: {
      summary,
      rationale: def.description ?? "A custom rule from the configuration file.",
      bad: "",
      good: "",
      seeAlso: [],
      ...(def.fix ? { fixSafety: def.fix.safe ? SAFE_BY_CONFIG : UNSAFE_BY_DEFAULT } : {}),
    },
    check({ unit, report }) {
      if (!selects(unit)) return;
      const say = (value: string): string => format(def.message, { section: cond.section, key: cond.key, value, unit: unit.name });
      if (cond.kind === "require") {
        const missing = requireFinding(unit, cond, def.fix);
        if (missing) report({ ...missing, message: say(missing.value) });
        return;
      }
      const selected = cond.list ? unit.list(cond.section, cond.key) : [unit.last(cond.section, cond.key)];
      for (const a of selected) {
        if (!a || a.entry.value === "") continue;
        const hit = fine === null || fine(a.entry.value);
        if (cond.kind === "forbid" ? !hit : hit) continue;
        report({ file: a.file, span: a.entry.range, message: say(a.entry.value), ...fixAt(a, cond, def.fix) });
      }
    },
  };
}

/** The unit's main file (or drop-in directory) relative to `base`, or null when it is outside. */
function relativePath(unit: Unit, base: string): string | null {
  const abs = unit.file?.absPath ?? (unit.dropins[0] ? path.posix.dirname(unit.dropins[0].absPath) : null);
  if (abs === null) return null;
  const rel = path.posix.relative(base, abs);
  return rel === "" || rel === ".." || rel.startsWith("../") || path.posix.isAbsolute(rel) ? null : rel;
}

function format(message: string, values: Record<(typeof PLACEHOLDERS)[number], string>): string {
  return message.replace(/\{(section|key|value|unit)\}/g, (_m, name: keyof typeof values) => values[name]);
}

function applicability(fix: NonNullable<CustomRuleDef["fix"]>): Fix["applicability"] {
  return fix.safe === true ? "safe" : "unsafe";
}

/** The fix for an offending assignment: set its value or remove it. */
function fixAt(a: Assignment, cond: Condition, fix: CustomRuleDef["fix"]): { fix?: Fix } {
  if (!fix) return {};
  if ("set" in fix) {
    return { fix: { title: `Set ${cond.key}=${fix.set}`, applicability: applicability(fix), edits: [replaceValue(a.entry, fix.set)] } };
  }
  return { fix: { title: `Remove ${cond.key}=${a.entry.value}`, applicability: applicability(fix), edits: [removeNode(a.file.ast, a.entry)] } };
}

/**
 * Where a required setting is missing: at the empty assignment that resets it, else at its
 * section's header in the unit file, else at the file's first line. A unit known only from
 * drop-ins is not judged: its unit file may set it.
 */
function requireFinding(unit: Unit, cond: Condition, fix: CustomRuleDef["fix"]): (Omit<ReportInput, "message"> & { value: string }) | null {
  const last = unit.last(cond.section, cond.key);
  if (last && last.entry.value !== "") return null;
  const set = fix && "set" in fix ? fix : null;
  if (last) {
    const edit = set ? { fix: { title: `Set ${cond.key}=${set.set}`, applicability: applicability(set), edits: [replaceValue(last.entry, set.set)] } } : {};
    return { file: last.file, span: last.entry.range, value: "", ...edit };
  }
  const file = unit.file;
  if (!file) return null;
  const header = file.ast.sections.find((s) => s.name === cond.section)?.header;
  const edit = set
    ? { fix: { title: `Add ${cond.key}=${set.set} to [${cond.section}]`, applicability: applicability(set), edits: [addToSection(file.ast, cond.section, `${cond.key}=${set.set}`)] } }
    : {};
  return { file, span: header?.range ?? firstLine(file), value: "", ...edit };
}

function firstLine(file: UnitFile): Span {
  const line = file.ast.lines[0];
  const start = line?.start ?? 0;
  const end = line?.end ?? 0;
  return { start, end, line: 1, column: 1, endLine: 1, endColumn: end - start + 1 };
}

function summarize(def: CustomRuleDef, cond: Condition): string {
  const setting = `${cond.key}= in [${cond.section}]`;
  const what =
    cond.kind === "require"
      ? `${setting} must be set`
      : cond.kind === "allowed"
        ? `${setting} must be one of ${showValues(cond.values!)}`
        : cond.values
          ? `${setting} must not be ${showValues(cond.values).replace(/, (?=[^,]*$)/, " or ")}`
          : `${setting} must not be set`;
  const where = [
    def.match?.types ? `${def.match.types.join(", ")} units` : null,
    def.match?.scope ? `${def.match.scope} scope` : null,
    def.match?.paths ? `paths ${def.match.paths.join(", ")}` : null,
    def.match?.names ? `names ${def.match.names.join(", ")}` : null,
  ].filter((s) => s !== null);
  return `Custom rule: ${what}${where.length > 0 ? ` (${where.join("; ")})` : ""}.`;
}
