/**
 * Fixing a whole run: lint, apply every file's allowed fixes (one non-overlapping pass per
 * file), lint again with the new texts, and repeat until nothing changes (ESLint's
 * verifyAndFix, ruff's lint_fix, over a project instead of one file). Nothing is written
 * here: the result is each changed file's text before and after.
 */
import { fixTargetOf, lintWithProject, type LintOptions } from "../engine/lint.js";
import type { Report } from "../engine/report.js";
import type { Project } from "../model/load.js";
import type { UnitFile } from "../model/unit.js";
import { parseUnitFile } from "../syntax/parse.js";
import type { DecodedText } from "../syntax/read.js";
import { applyFixes } from "./apply.js";
import { MAX_FIX_PASSES } from "./loop.js";
import type { Applicability, Fix } from "./types.js";

export interface FileChange {
  /** The file as the last pass loaded it (path, directory facts, sections). */
  file: UnitFile;
  before: DecodedText;
  after: DecodedText;
  /** Titles of the fixes applied, in order. */
  applied: string[];
}

export interface FixResult {
  changes: FileChange[];
  /** Files a pass would have broken (a new syntax problem): their fixes were dropped. */
  reverted: Array<{ path: string; titles: string[] }>;
  /** The lint of the fixed texts: what remains. */
  report: Report;
  project: Project;
  /** The project as it was before any fix (the first pass's). */
  initialProject: Project;
  passes: number;
}

const syntaxProblems = (text: string, file: UnitFile): number =>
  parseUnitFile(text, file.sections ? { sections: file.sections, bytes: file.bytes } : { bytes: file.bytes }).problems.length;

export function fixProject(options: LintOptions, allowed: readonly Applicability[]): FixResult {
  const overrides = new Map<string, DecodedText>();
  const changes = new Map<string, FileChange>();
  const seen = new Map<string, Set<string>>();
  const reverted: FixResult["reverted"] = [];
  let passes = 0;
  let { report, project } = lintWithProject({ ...options, overrides });
  const initialProject = project;
  while (passes < MAX_FIX_PASSES) {
    const byFile = new Map<UnitFile, Fix[]>();
    for (const finding of report.findings) {
      const target = fixTargetOf(finding);
      if (!target || !allowed.includes(target.fix.applicability)) continue;
      const list = byFile.get(target.file);
      if (list) list.push(target.fix);
      else byFile.set(target.file, [target.fix]);
    }
    let changed = false;
    for (const [file, fixes] of byFile) {
      const result = applyFixes(file.text, fixes);
      if (result.applied.length === 0) continue;
      const texts = seen.get(file.absPath) ?? new Set([file.text]);
      seen.set(file.absPath, texts);
      if (texts.has(result.text)) continue; // a cycle: this text was already produced
      if (syntaxProblems(result.text, file) > syntaxProblems(file.text, file)) {
        reverted.push({ path: file.path, titles: result.applied.map((f) => f.title) });
        continue;
      }
      texts.add(result.text);
      const after = { text: result.text, bytes: file.bytes };
      overrides.set(file.absPath, after);
      const change = changes.get(file.absPath) ?? { file, before: { text: file.text, bytes: file.bytes }, after, applied: [] };
      change.file = file;
      change.after = after;
      change.applied.push(...result.applied.map((f) => f.title));
      changes.set(file.absPath, change);
      changed = true;
    }
    if (!changed) break;
    passes++;
    ({ report, project } = lintWithProject({ ...options, overrides }));
  }
  const real = [...changes.values()].filter((c) => c.after.text !== c.before.text);
  return { changes: real.sort((a, b) => (a.file.path < b.file.path ? -1 : 1)), reverted, report, project, initialProject, passes };
}
