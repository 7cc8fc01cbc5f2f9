/**
 * What systemd keeps of a unit's assignments when it loads it: a setting the targeted release
 * reads, with a value its parser takes (an invalid value is ignored with a warning; an empty one
 * resets the setting where its parser takes one, values/empty.ts), in the order it reads them.
 */
import { DIRECTIVES } from "../data/directives.generated.js";
import { readAt } from "./catalog.js";
import type { Assignment, Unit } from "./unit.js";
import { expandedNameOfUnit, type UnitName } from "./unit-name.js";
import { emptyIgnored } from "./values/empty.js";
import { valueProblem } from "./values/index.js";

/** Whether systemd keeps a non-empty value of `section`.`key`. */
export function keptBySystemd(section: string, key: string, value: string, target: number, unit: UnitName | null = null): boolean {
  const row = DIRECTIVES[section]?.[key];
  if (!readAt(row, target)) return false;
  const problem = valueProblem(row, key, value, target, unit);
  // A problem with an effect is one systemd warns about and then uses the value anyway.
  return !problem || problem.effect !== undefined;
}

/** Whether systemd keeps a non-empty assignment of the unit, read for its release and with its name. */
export function keptInUnit(unit: Unit, section: string, a: Assignment): boolean {
  return keptBySystemd(section, a.entry.key, a.entry.value, unit.systemdVersion, expandedNameOfUnit(unit.unitName));
}

/**
 * The unit's assignments of several settings (or spellings of one) as [section, key] pairs, in
 * the order systemd reads them: file by file in merge order, line by line.
 */
export function inReadingOrder(unit: Unit, settings: ReadonlyArray<readonly [section: string, key: string]>): readonly Assignment[] {
  // Called for every unit by several rules: no new array unless two settings have assignments.
  let all: readonly Assignment[] = [];
  let merged: Assignment[] | null = null;
  for (const [section, key] of settings) {
    const list = unit.assignments(section, key);
    if (list.length === 0) continue;
    if (all.length === 0) all = list;
    else all = merged = all.concat(list);
  }
  if (merged === null) return all;
  const files = unit.files();
  return merged.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.entry.range.start - b.entry.range.start);
}

/** The assignment whose value systemd ends up with for a scalar setting, or null (unset, or reset by an empty one where an empty one resets). */
export function lastKept(unit: Unit, section: string, key: string): Assignment | null {
  let out: Assignment | null = null;
  const resets = !emptyIgnored(section, key, unit.systemdVersion);
  for (const a of unit.assignments(section, key)) {
    if (a.entry.value === "") {
      if (resets) out = null;
    } else if (keptInUnit(unit, section, a)) out = a;
  }
  return out;
}

/** What systemd keeps of a list that several settings of one section fill (Listen*=, On*= of a timer, Path*=). */
export interface KeptList {
  /** The assignments it keeps, in reading order. */
  kept: Assignment[];
  /** Whether an empty assignment removed earlier ones. */
  reset: boolean;
  /** Whether it ignored an assignment whose value its parser rejects (or that the release does not read). */
  invalid: boolean;
}

/** The list `keys` of `section` fill together, as systemd reads it: an empty assignment of any of them removes every earlier one, an invalid one is ignored. */
export function keptList(unit: Unit, section: string, keys: readonly string[]): KeptList {
  const out: KeptList = { kept: [], reset: false, invalid: false };
  for (const a of inReadingOrder(unit, keys.map((key) => [section, key] as const))) {
    if (a.entry.value === "") {
      out.reset ||= out.kept.length > 0;
      out.kept = [];
    } else if (keptInUnit(unit, section, a)) out.kept.push(a);
    else out.invalid = true;
  }
  return out;
}
