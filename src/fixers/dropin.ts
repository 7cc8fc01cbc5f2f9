/**
 * Vendor units (under lib/systemd) are never edited in place: a package update would undo the
 * fix, and the package manager would report the file as modified. The changes become a drop-in
 * with only the settings that differ, as a careful administrator would write it.
 */
import path from "node:path";
import { DIRECTIVES } from "../data/directives.generated.js";
import type { UnitFile } from "../model/unit.js";
import { parseUnitFile } from "../syntax/parse.js";
import { own } from "../model/own.js";

export const DROP_IN_NAME = "50-unitlint.conf";

type Settings = Map<string, Map<string, string[]>>;

/**
 * Each section's assignments, key → values in order, for the sections systemd reads; `into`
 * merges a later file over earlier ones as systemd does (an empty value resets).
 */
function settingsOf(text: string, file: UnitFile, into: Settings = new Map()): Settings {
  const out = into;
  const ast = parseUnitFile(text, file.sections ? { sections: file.sections, bytes: file.bytes } : { bytes: file.bytes });
  for (const section of ast.sections) {
    if (file.sections && !file.sections.includes(section.name)) continue;
    const keys = out.get(section.name) ?? new Map<string, string[]>();
    out.set(section.name, keys);
    for (const entry of section.entries) {
      // An empty assignment resets a list: what counts is what follows it.
      if (entry.value === "") keys.set(entry.key, []);
      else keys.set(entry.key, [...(keys.get(entry.key) ?? []), entry.value]);
    }
  }
  return out;
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** What the unit's files say together, in systemd's order: `texts` are the files' texts. */
export function effectiveSettings(texts: ReadonlyArray<{ text: string; file: UnitFile }>): Settings {
  const merged: Settings = new Map();
  for (const { text, file } of texts) settingsOf(text, file, merged);
  return merged;
}

/**
 * The drop-in that turns the vendor file `before` into `after`; "" when no setting systemd
 * reads differs. `effective` is what the unit gets today from all its files (so a drop-in
 * written by an earlier run is not repeated). A list setting is written as a reset (`Key=`)
 * and its new values; a removed setting as a reset to its default.
 */
export function dropInText(before: string, after: string, file: UnitFile, effective: Settings = settingsOf(before, file)): string {
  const old = settingsOf(before, file);
  const now = settingsOf(after, file);
  const order = file.sections ?? [...new Set([...old.keys(), ...now.keys()])];
  let out = "";
  for (const section of order) {
    const known = own(DIRECTIVES, section);
    const was = old.get(section) ?? new Map<string, string[]>();
    const is = now.get(section) ?? new Map<string, string[]>();
    const lines: string[] = [];
    for (const key of new Set([...was.keys(), ...is.keys()])) {
      const a = was.get(key) ?? [];
      const b = is.get(key) ?? [];
      // Keys systemd does not read here (the reason for many fixes) need no reset: they were never in effect.
      if (same(a, b) || !known || !Object.hasOwn(known, key)) continue;
      const today = effective.get(section)?.get(key) ?? [];
      if (same(today, b) || (b.length === 1 && today[today.length - 1] === b[0])) continue;
      if (b.length === 1 && a.length <= 1) lines.push(`${key}=${b[0]}`);
      else lines.push(`${key}=`, ...b.map((v) => `${key}=${v}`));
    }
    if (lines.length > 0) out += `${out ? "\n" : ""}[${section}]\n${lines.join("\n")}\n`;
  }
  return out ? `# Written by unitlint: changes to ${path.posix.basename(file.path)}, which belongs to a package.\n${out}` : "";
}

/**
 * Where the drop-in for a vendor file goes: the administrator's directory of the same scope
 * (etc/systemd/system or etc/systemd/user under the file's root), or beside the file when it is
 * not in a search path. `unitName` is the unit the file belongs to.
 */
export function dropInPath(file: UnitFile, unitName: string): string {
  const { root, scope, searchPath } = file.dir;
  if (root !== null && searchPath) {
    const base = path.posix.join(root, "etc", "systemd", scope === "user" ? "user" : "system");
    return path.posix.join(base, `${unitName}.d`, DROP_IN_NAME);
  }
  const dir = path.posix.dirname(file.absPath);
  const unitDir = file.role === "dropin" ? path.posix.dirname(dir) : dir;
  return path.posix.join(unitDir, `${unitName}.d`, DROP_IN_NAME);
}
