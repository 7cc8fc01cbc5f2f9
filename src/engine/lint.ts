/**
 * The engine: discover files, load units, run every rule, and return a sorted,
 * de-duplicated report. A rule that throws becomes an `internal-error`
 * finding naming the rule; the other rules' findings are kept.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { discover, toSlash } from "../model/discover.js";
import { readHostFacts, type HostFacts } from "../model/host.js";
import { loadProject, type Project } from "../model/load.js";
import type { Scope } from "../model/search-paths.js";
import type { Unit, UnitFile } from "../model/unit.js";
import { INTERNAL_ERROR, RULES, UNREADABLE_FILE, UNUSED_SUPPRESSION } from "../rules/index.js";
import type { Policy } from "../config/load.js";
import { applySuppressions, commentSpan, suppressionsOf, type Suppression } from "./suppressions.js";
import type { ReportInput, Rule } from "../rules/types.js";
import type { Finding, Report, SystemdVersionSource, UnitReport } from "./report.js";
import { DEFAULT_SETTINGS, type Settings } from "./settings.js";
import { VERSION } from "../version.js";
import { docsUrlOf } from "../report/docs-url.js";
import type { Fix } from "../fixers/types.js";
import type { DecodedText } from "../syntax/read.js";

export interface LintOptions {
  /** Files and directories to lint. */
  paths: readonly string[];
  /** Directory relative paths are resolved against and shown relative to; default process.cwd(). */
  cwd?: string;
  /** Treat this directory as the filesystem root (like systemd's --root). */
  root?: string | null;
  /** Scope for files whose path says neither system nor user. */
  scope?: Scope | null;
  /** Text to lint as if it were the file `path` (the CLI's `-` with --stdin-filename). */
  stdin?: { text: string; path: string; bytes?: boolean } | null;
  settings?: Partial<Settings>;
  /** Where settings.systemdVersion came from, for the report (default: "option" if given, else "newest"). */
  systemdVersionSource?: SystemdVersionSource;
  /** Rules to run; default all. */
  rules?: readonly Rule[];
  /** Texts to use instead of what is on disk, by absolute path (the fixer's next pass). */
  overrides?: ReadonlyMap<string, DecodedText>;
  /** A configuration's rule levels, ignored files and scopes (src/config/load.ts). */
  policy?: Policy | null;
  /** Honour `# unitlint-disable-…` comments (default true; --no-inline-config). */
  inlineConfig?: boolean;
  /** Adds each rule's time in ms (by "ID name", and "(parse)" for the parser) to this map. */
  timing?: Map<string, number>;
}

/** Lints the given paths and returns the report. Throws UsageError for a path that does not exist. */
export function lint(options: LintOptions): Report {
  return lintWithProject(options).report;
}

/** Lints one unit file's text, as if it were the file `path` (its name gives the unit type). */
export function lintText(text: string, path = "unit.service", options: Omit<LintOptions, "paths" | "stdin"> = {}): Report {
  return lint({ ...options, paths: ["-"], stdin: { text, path } });
}

/** Like lint(), and also returns the loaded units (the CLI shows their source lines). */
export function lintWithProject(options: LintOptions): { report: Report; project: Project } {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.stdin ? options.paths.filter((p) => p !== "-") : options.paths;
  const policy = options.policy ?? null;
  // A configuration's ignore globs apply to what directory walks find, not to files named explicitly.
  const found = discover(paths, { cwd, root: options.root ?? null }).filter((f) => f.explicit || !policy?.ignored(f.absPath));
  const project = loadProject(found, {
    cwd,
    root: options.root ?? null,
    scope: options.scope ?? null,
    scopeFor: policy ? (abs) => policy.scopeFor(abs) : null,
    stdin: options.stdin ?? null,
    overrides: options.overrides ?? null,
  });
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const host = readHostFacts(options.root ? toSlash(path.resolve(cwd, options.root)) : null, settings.lingerUsers);
  const source = options.systemdVersionSource ?? (options.settings?.systemdVersion !== undefined ? "option" : "newest");
  const report = lintProject(project, settings, options.rules ?? RULES, host, source, { policy, inlineConfig: options.inlineConfig ?? true, cwd, timing: options.timing });
  return { report, project };
}

function applies(rule: Rule, unit: Unit): boolean {
  if (rule.types && (unit.type === null || !rule.types.includes(unit.type))) return false;
  if (rule.scopes && !rule.scopes.includes(unit.scope)) return false;
  return true;
}

/** The edits behind each finding's `fix` summary, and the file they edit (kept out of the JSON report). */
const FIXES = new WeakMap<Finding, { fix: Fix; file: UnitFile }>();

/** The full fix (with its edits) of a finding from lint(), if it has one. */
export function fixOf(finding: Finding): Fix | undefined {
  return FIXES.get(finding)?.fix;
}

/** The fix of a finding and the file whose text its edits apply to. */
export function fixTargetOf(finding: Finding): { fix: Fix; file: UnitFile } | undefined {
  return FIXES.get(finding);
}

export function lintProject(
  project: Project,
  settings: Settings,
  rules: readonly Rule[] = RULES,
  host: HostFacts = readHostFacts(null, settings.lingerUsers),
  systemdVersionSource: SystemdVersionSource = "newest",
  extras: { policy?: Policy | null; inlineConfig?: boolean; cwd?: string; timing?: Map<string, number> } = {},
): Report {
  for (const unit of project.units) unit.readFor(settings.systemdVersion);
  const findings: Finding[] = [];
  const clock = extras.timing ?? null;
  const policy = extras.policy ?? null;
  const suppressionsByPath = new Map<string, Suppression[]>();
  const emit = (rule: Rule, reported: ReportInput, unit: Unit | null = null): void => {
    // A file read only as context (a unit for its drop-ins, a drop-in for its unit: Loader.contextUnits
    // and contextDropIns) is not reported on, but an error it causes in a linted unit is, on that unit.
    const input = reported.file?.context ? contextError(rule, reported, unit) : reported;
    if (input === null) return;
    const span = input.span;
    // A finding without a file (an unreadable one) has its display path, relative to the run's directory.
    const level = policy?.levelFor(rule.id, input.file?.absPath ?? toSlash(path.resolve(extras.cwd ?? process.cwd(), input.path ?? "")));
    if (level === "off") return;
    findings.push({
      rule: rule.id,
      name: rule.name,
      severity: level ?? input.severity ?? rule.severity,
      message: input.message,
      path: input.file?.path ?? input.path ?? "",
      line: span?.line ?? 1,
      column: span?.column ?? 1,
      endLine: span?.endLine ?? 1,
      endColumn: span?.endColumn ?? 1,
      fix: input.fix ? { applicability: input.fix.applicability, title: input.fix.title } : null,
      docs: docsUrlOf(rule),
    });
    if (input.fix && input.file) FIXES.set(findings[findings.length - 1]!, { fix: input.fix, file: input.file });
  };
  const crashed = (rule: Rule, where: string, fallbackFile: UnitFile | null, error: unknown): void => {
    const detail = error instanceof Error ? error.message : String(error);
    emit(INTERNAL_ERROR, { file: fallbackFile, path: where, span: null, message: `rule ${rule.id} (${rule.name}) crashed: ${detail}` });
  };

  if (rules.includes(UNREADABLE_FILE)) {
    for (const problem of project.problems) emit(UNREADABLE_FILE, { file: null, path: problem.path, span: null, message: problem.message });
  }

  const checked = project.units.filter((u) => u.status === "checked");
  // One context object per rule, reused for every file or unit: the loop below runs
  // rules × units times, and a context and a closure per call would be most of its garbage.
  const reportFor = (rule: Rule) => (input: ReportInput) => emit(rule, input);
  const fileRules = rules.flatMap((r) => (r.phase === "file" ? [{ rule: r, ctx: { file: null as unknown as UnitFile, settings, report: reportFor(r) } }] : []));
  const unitRules = rules.flatMap((r) => {
    if (r.phase !== "unit" && r.phase !== "directive") return [];
    const ctx = { unit: null as unknown as Unit, settings, host, report: (input: ReportInput) => emit(r, input, ctx.unit) };
    return [{ rule: r, ctx }];
  });
  const projectRules = rules.flatMap((r) =>
    r.phase === "project" ? [{ rule: r, ctx: { unit: null as unknown as Unit, settings, host, report: reportFor(r) }, facts: new Map<Unit, unknown>() }] : [],
  );
  const seen = new Set<UnitFile>();
  // Unit by unit, so that only the unit being checked has its syntax trees and index in memory.
  for (const unit of checked) {
    for (const file of unit.files()) {
      if (seen.has(file)) continue; // a type-level drop-in shared by several units is checked once
      seen.add(file);
      if (clock) {
        // Parsed here so that the first rule to read the tree is not charged for it.
        const t0 = performance.now();
        void file.ast;
        addTime(clock, "(parse)", t0);
      }
      if (extras.inlineConfig !== false) {
        const suppressions = suppressionsOf(file, rules);
        if (suppressions) suppressionsByPath.set(file.path, suppressions);
      }
      for (const { rule, ctx } of fileRules) {
        ctx.file = file;
        const t0 = clock ? performance.now() : 0;
        try {
          if (rule.phase === "file") rule.check(ctx);
        } catch (error) {
          crashed(rule, file.path, file, error);
        }
        if (clock) addTime(clock, rule, t0);
      }
    }
    for (const { rule, ctx } of unitRules) {
      if (!applies(rule, unit)) continue;
      ctx.unit = unit;
      const t0 = clock ? performance.now() : 0;
      try {
        if (rule.phase === "unit") rule.check(ctx);
        else if (rule.phase === "directive") runDirectiveRule(rule, unit, settings, ctx.report);
      } catch (error) {
        crashed(rule, unit.path, unit.file, error);
      }
      if (clock) addTime(clock, rule, t0);
    }
    for (const { rule, ctx, facts } of projectRules) {
      if (rule.phase !== "project" || !rule.collect || !applies(rule, unit)) continue;
      ctx.unit = unit;
      const t0 = clock ? performance.now() : 0;
      try {
        const fact = rule.collect(ctx);
        if (fact !== undefined) facts.set(unit, fact);
      } catch (error) {
        crashed(rule, unit.path, unit.file, error);
      }
      if (clock) addTime(clock, rule, t0);
    }
    unit.release();
  }
  for (const { rule, ctx, facts } of projectRules) {
    const t0 = clock ? performance.now() : 0;
    try {
      if (rule.phase === "project") rule.check({ units: checked, settings, host, brokenLinks: project.brokenLinks, facts, report: ctx.report });
    } catch (error) {
      crashed(rule, "", null, error);
    }
    if (clock) addTime(clock, rule, t0);
  }

  let result = findings;
  if (suppressionsByPath.size > 0) {
    const before = findings.length;
    const kept = applySuppressions(findings, suppressionsByPath, (s, message, deletable) => {
      if (!rules.includes(UNUSED_SUPPRESSION)) return;
      const fix = deletable ? { fix: { title: "Delete the suppression comment", applicability: "safe" as const, edits: [s.removal] } } : {};
      emit(UNUSED_SUPPRESSION, { file: s.file, span: commentSpan(s), message, ...fix });
    });
    // emit() appended the unused-suppression findings after the others.
    result = kept.concat(findings.slice(before));
  }
  const sorted = sortFindings(result);
  return {
    version: 1,
    tool: { name: "unitlint", version: VERSION, systemd: { version: settings.systemdVersion, source: systemdVersionSource } },
    units: project.units.map(unitReport),
    findings: sorted,
    summary: {
      errors: sorted.filter((f) => f.severity === "error").length,
      warnings: sorted.filter((f) => f.severity === "warning").length,
      infos: sorted.filter((f) => f.severity === "info").length,
      units: project.units.length,
    },
  };
}

/** Adds the time since t0 to a rule's (or "(parse)"'s) total. */
function addTime(clock: Map<string, number>, what: Rule | string, t0: number): void {
  const key = typeof what === "string" ? what : `${what.id} ${what.name}`;
  clock.set(key, (clock.get(key) ?? 0) + performance.now() - t0);
}

type DirectiveRule = Extract<Rule, { phase: "directive" }>;

/** A declarative rule: test each matching assignment's value and report at the assignment. */
function runDirectiveRule(rule: DirectiveRule, unit: Unit, settings: Settings, report: (input: ReportInput) => void): void {
  const { section, key, assignments } = rule.match;
  const selected =
    assignments === "all" ? unit.assignments(section, key) : assignments === "list" ? unit.list(section, key) : [unit.last(section, key)];
  for (const a of selected) {
    if (!a) continue;
    const message = rule.test(a.entry.value, { unit, settings });
    if (message !== null) report({ file: a.file, span: a.entry.range, message });
  }
}

/**
 * An error a unit rule finds in a drop-in read only as context (one systemd merges into a linted
 * unit from a directory not among the linted paths: a vendor drop-in that adds a second ExecStart=),
 * reported on the unit's own file, where the user can act, without a fix (that file was not asked
 * for); null for anything else a context file holds.
 */
function contextError(rule: Rule, input: ReportInput, unit: Unit | null): ReportInput | null {
  const from = input.file!;
  if (unit === null || unit.file === null || unit.file.context || from.role !== "dropin" || (input.severity ?? rule.severity) !== "error") return null;
  const where = `${from.path}:${input.span?.line ?? 1}`;
  return { file: unit.file, span: null, message: `${input.message} (in ${where}, a drop-in systemd reads with this unit that is not among the linted paths)`, severity: input.severity };
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order (path, line, column, rule, message) without exact duplicates. */
export function sortFindings(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(
    (a, b) => compare(a.path, b.path) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.message, b.message),
  );
  return sorted.filter((f, i) => {
    const p = sorted[i - 1];
    return !p || p.path !== f.path || p.line !== f.line || p.column !== f.column || p.rule !== f.rule || p.message !== f.message;
  });
}

function unitReport(unit: Unit): UnitReport {
  const out: UnitReport = {
    path: unit.path,
    name: unit.name,
    type: unit.type,
    scope: unit.scope,
    owner: unit.owner,
    status: unit.status,
    aliases: [...unit.aliases],
    dropins: unit.dropins.map((d) => d.path),
    enabledBy: unit.enabledBy.map((e) => ({ ...e })),
  };
  if (unit.reason) out.reason = unit.reason;
  if (unit.file?.context) out.context = true;
  if (unit.aliasOf) out.aliasOf = unit.aliasOf;
  return out;
}
