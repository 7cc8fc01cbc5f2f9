/**
 * `--fix` and `--diff`: turns the fixer's changed texts into writes (in place, or a drop-in
 * for vendor units and with --drop-in), then either prints them as one patch or performs them.
 */
import fs from "node:fs";
import path from "node:path";
import { dropInPath, dropInText, effectiveSettings } from "../fixers/dropin.js";
import type { Project } from "../model/load.js";
import { unifiedDiff } from "../fixers/diff.js";
import type { FileChange } from "../fixers/project.js";
import { writeFileAtomic, writeFileCreating } from "../fixers/write.js";
import type { Scope } from "../model/search-paths.js";
import { displayPath } from "../model/discover.js";
import { encodeUnitText } from "../syntax/read.js";

export interface PlannedWrite {
  absPath: string;
  /** As shown to the user: relative to the working directory when inside it. */
  displayPath: string;
  /** The file's current text; null when the write creates it. */
  before: string | null;
  after: string;
  bytes: boolean;
  kind: "edit" | "drop-in";
  scope: Scope;
  applied: string[];
}

/** As discovery shows paths, but absolute outside the working directory, so that diff headers never climb out of it. */
function display(absPath: string, cwd: string): string {
  const rel = displayPath(absPath, cwd, false);
  return rel === "." || rel === ".." || rel.startsWith("../") || path.isAbsolute(rel) ? absPath : rel;
}

/** The unit a file configures: its own name, or for a drop-in the name of its `.d` directory. */
function unitNameOf(change: FileChange): string {
  const dir = path.posix.basename(path.posix.dirname(change.file.absPath));
  return change.file.role === "dropin" ? dir.slice(0, -2) : path.posix.basename(change.file.absPath);
}

/** What the unit of a changed file gets today from all its files (the changed one as it was before). */
function effectiveBefore(change: FileChange, project: Project): ReturnType<typeof effectiveSettings> {
  const unit = project.units.find((u) => u.files().some((f) => f.absPath === change.file.absPath));
  const files = unit ? unit.files() : [change.file];
  return effectiveSettings(files.map((f) => ({ file: f, text: f.absPath === change.file.absPath ? change.before.text : f.text })));
}

/** What --fix would write for these changes. */
export function planWrites(changes: readonly FileChange[], project: Project, options: { dropIn: boolean; cwd: string }): PlannedWrite[] {
  const writes = new Map<string, PlannedWrite>();
  for (const change of changes) {
    const { file } = change;
    if (!file.dir.vendor && !options.dropIn) {
      writes.set(file.absPath, {
        absPath: file.absPath,
        displayPath: display(file.absPath, options.cwd),
        before: change.before.text,
        after: change.after.text,
        bytes: file.bytes,
        kind: "edit",
        scope: file.dir.scope,
        applied: change.applied,
      });
      continue;
    }
    const text = dropInText(change.before.text, change.after.text, file, effectiveBefore(change, project));
    if (!text) continue;
    const target = dropInPath(file, unitNameOf(change));
    const planned = writes.get(target);
    if (planned) {
      // Several files of one unit changed: one drop-in holds them all (sections may repeat).
      planned.after += `\n${text}`;
      planned.applied.push(...change.applied);
      continue;
    }
    // An existing drop-in of that name is extended, not replaced.
    const existing = readIfExists(target);
    writes.set(target, {
      absPath: target,
      displayPath: display(target, options.cwd),
      before: existing,
      after: existing === null ? text : `${existing}${existing.endsWith("\n") || existing === "" ? "" : "\n"}\n${text}`,
      bytes: false,
      kind: "drop-in",
      scope: file.dir.scope,
      applied: [...change.applied],
    });
  }
  return [...writes.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : 1));
}

function readIfExists(absPath: string): string | null {
  try {
    return fs.readFileSync(absPath, "utf8");
  } catch {
    return null;
  }
}

/** The patch of every planned write. */
export function planDiff(writes: readonly PlannedWrite[]): string {
  return writes.map((w) => unifiedDiff(w.displayPath, w.before, w.after)).join("");
}

/** Performs the writes; each one is atomic and a failure leaves its file as it was. Returns the failures. */
export function performWrites(writes: readonly PlannedWrite[]): Array<{ write: PlannedWrite; message: string }> {
  const failures: Array<{ write: PlannedWrite; message: string }> = [];
  for (const write of writes) {
    const bytes = encodeUnitText({ text: write.after, bytes: write.bytes });
    try {
      if (write.before === null || write.kind === "drop-in") writeFileCreating(write.absPath, bytes);
      else writeFileAtomic(write.absPath, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({ write, message: code ? `${code}: ${(error as Error).message}` : (error as Error).message });
    }
  }
  return failures;
}

/** What happened, for standard error: each file with its fixes, failures, and the reload reminder. */
export function describeWrites(writes: readonly PlannedWrite[], failures: ReadonlyArray<{ write: PlannedWrite; message: string }>): string {
  const failed = new Set(failures.map((f) => f.write));
  let out = "";
  for (const w of writes) {
    if (failed.has(w)) continue;
    const what = w.kind === "drop-in" ? (w.before === null ? "wrote drop-in" : "extended drop-in") : "fixed";
    out += `unitlint: ${what} ${w.displayPath}: ${w.applied.join("; ")}\n`;
  }
  for (const f of failures) out += `unitlint: cannot write ${f.write.displayPath} (left unchanged): ${f.message}\n`;
  const done = writes.filter((w) => !failed.has(w));
  if (done.length > 0) {
    const reload = [done.some((w) => w.scope === "system") ? "systemctl daemon-reload" : null, done.some((w) => w.scope === "user") ? "systemctl --user daemon-reload" : null].filter(Boolean);
    out += `unitlint: run ${reload.join(" and ")} for systemd to use the changed files\n`;
  }
  return out;
}
