/**
 * Lines systemd's parser fails on: a value whose parser returns an error (fatal-settings.ts: an
 * invalid command line, User=, Group=, RootDirectory=, PIDFile=, a specifier such a setting cannot
 * resolve), or a line it cannot read at all (an invalid section header, a line too long, invalid
 * UTF-8). In a
 * unit's main file the unit is refused ("Unit configuration has fatal error"). In a drop-in,
 * config_parse() stops at that line and unit_load_dropin() ignores the error: the unit loads, but
 * the rest of that drop-in is never read. Checked against systemd-analyze verify 252
 * (test/oracle/refusals-random.test.ts, test/model.test.ts).
 */
import { catalogued, parserAt, readAt } from "./catalog.js";
import { mayFailUnit } from "./fatal-settings.js";
import { findSpecifierProblems } from "./specifiers.js";
import type { Unit, UnitFile } from "./unit.js";
import { expandedNameOfFile, expandedNameOfUnit, type UnitName } from "./unit-name.js";
import { valueProblem } from "./values/index.js";
import type { DirectiveVersions } from "../data/directives.generated.js";

/**
 * What a fatal line starting at offset `start` does where it is: in the main file systemd refuses
 * the unit; a drop-in stops being read there, unless an earlier fatal line already stops it.
 */
export function fatalEffect(file: UnitFile, start: number, target: number): string {
  if (file.role !== "dropin") return MAIN_FILE_EFFECT;
  const stop = readingStop(file, target, expandedNameOfFile(file.absPath, file.role));
  if (stop !== null && stop.start < start) {
    return `systemd never reads this line: it stops reading this drop-in at line ${stop.line}; with that line fixed, it would stop here and ignore every line after it`;
  }
  return "systemd stops reading this drop-in at this line: it and every line after it are ignored, and the unit loads without them";
}

/** The first line of a unit's main file that systemd's parser fails on, refusing the unit; null when there is none. */
export function mainFileFailsAt(unit: Unit): number | null {
  return unit.file === null ? null : (readingStop(unit.file, unit.systemdVersion, expandedNameOfUnit(unit.unitName))?.line ?? null);
}

/** The drop-ins of a unit that systemd stops reading at a line its parser fails on, with that line. */
export function dropInStops(unit: Unit): Array<{ file: UnitFile; line: number }> {
  const name = expandedNameOfUnit(unit.unitName);
  return unit.dropins.flatMap((file) => {
    const stop = readingStop(file, unit.systemdVersion, name);
    return stop === null ? [] : [{ file, line: stop.line }];
  });
}

/** How the parser's messages and the value checks word a fatal line of a main file. */
export const MAIN_FILE_EFFECT = "systemd refuses to load the unit";

/** Whether systemd's parser fails on this non-empty value of a setting it reads. */
export function isFatal(versions: DirectiveVersions | undefined, key: string, value: string, target: number, unit: UnitName | null): boolean {
  if (value === "" || !readAt(versions, target)) return false;
  // The parser the release reads it with (catalog.ts parserAt()), for the list of fatal ones and for specifiers alike.
  const parser = parserAt(versions, key, target);
  if (!mayFailUnit(parser, key)) return false;
  return valueProblem(versions, key, value, target, unit)?.refused === true || findSpecifierProblems(parser!, key, value, target, unit).some((p) => p.effect === "refused");
}

/**
 * Where systemd stops reading a drop-in: the offset of its first fatal line, or Infinity. Kept with
 * the file's tree, per release and unit name (a template's drop-in serves every instance).
 */
export function readingEnd(file: UnitFile, target: number, unit: UnitName | null): number {
  return readingStop(file, target, unit)?.start ?? Infinity;
}

/**
 * The first fatal line of a file (its offset and line number), or null; kept with the file's tree,
 * per release and, for a file with a specifier, per unit name (a type-level drop-in serves many units).
 */
function readingStop(file: UnitFile, target: number, unit: UnitName | null): { start: number; line: number } | null {
  const stops = file.memo(readingStop, () => new Map<string, { start: number; line: number } | null>());
  const key = file.text.includes("%") ? `${target}\0${unit === null ? "\0" : unit.name}` : `${target}`;
  let stop = stops.get(key);
  if (stop === undefined) {
    const problem = file.ast.problems.find((p) => p.fatal);
    stop = problem ? { start: problem.range.start, line: problem.range.line } : null;
    for (const { entry, versions } of catalogued(file)) {
      if (stop !== null && entry.range.start >= stop.start) break;
      if (isFatal(versions, entry.key, entry.value, target, unit)) {
        stop = { start: entry.range.start, line: entry.range.line };
        break;
      }
    }
    stops.set(key, stop);
  }
  return stop;
}
