/**
 * Lines systemd's parser fails on: a value its parser refuses with -ENOEXEC ("fatal": an invalid
 * command line, User=, Group=, RootDirectory=, a specifier such a setting cannot resolve), or a line
 * it cannot read at all (an invalid section header, a line too long, invalid UTF-8). In a
 * unit's main file the unit is refused ("Unit configuration has fatal error"). In a drop-in,
 * config_parse() stops at that line and unit_load_dropin() ignores the error: the unit loads, but
 * the rest of that drop-in is never read. Checked against systemd-analyze verify 252
 * (test/oracle/refusals-random.test.ts, test/model.test.ts).
 */
import { catalogued, readAt } from "./catalog.js";
import { findSpecifierProblems } from "./specifiers.js";
import type { UnitFile } from "./unit.js";
import { valueProblem } from "./values/index.js";
import type { DirectiveVersions } from "../data/directives.generated.js";

/** What a fatal line does where it is: in the main file systemd refuses the unit; a drop-in stops being read there. */
export function fatalEffect(file: UnitFile): string {
  return file.role === "dropin" ? "systemd stops reading this drop-in at this line: it and every line after it are ignored, and the unit loads without them" : MAIN_FILE_EFFECT;
}

/** How the parser's messages and the value checks word a fatal line of a main file. */
export const MAIN_FILE_EFFECT = "systemd refuses to load the unit";

/** Whether systemd's parser fails on this non-empty value of a setting it reads. */
export function isFatal(versions: DirectiveVersions | undefined, key: string, value: string, target: number, instance: string | null): boolean {
  if (value === "" || !readAt(versions, target)) return false;
  if (valueProblem(versions, key, value, target, instance)?.refused) return true;
  const parser = versions![3];
  return parser !== null && findSpecifierProblems(parser, key, value, target).some((p) => p.effect === "refused");
}

/**
 * Where systemd stops reading a drop-in: the offset of its first fatal line, or Infinity. Kept with
 * the file's tree, per release and instance (a template's drop-in serves every instance).
 */
export function readingEnd(file: UnitFile, target: number, instance: string | null): number {
  const ends = file.memo(readingEnd, () => new Map<string, number>());
  const key = `${target}\0${instance}`;
  let end = ends.get(key);
  if (end === undefined) {
    end = file.ast.problems.find((p) => p.fatal)?.range.start ?? Infinity;
    for (const { entry, versions } of catalogued(file)) {
      if (entry.range.start >= end) break;
      if (isFatal(versions, entry.key, entry.value, target, instance)) {
        end = entry.range.start;
        break;
      }
    }
    ends.set(key, end);
  }
  return end;
}
