/** The directive catalog (src/data/directives.generated.ts) seen from a file's assignments. */
import { DIRECTIVES, type DirectiveVersions } from "../data/directives.generated.js";
import type { EntryNode } from "../syntax/ast.js";
import type { UnitFile } from "./unit.js";

export interface CataloguedEntry {
  section: string;
  entry: EntryNode;
  /** The catalog of the entry's section. */
  keys: Readonly<Record<string, DirectiveVersions>>;
  /** The entry's own row; undefined for a key no version knows in this section. */
  versions: DirectiveVersions | undefined;
}

/** Whether the targeted release reads a setting of this catalog row: known by then, not removed, not ignored as legacy. */
export function readAt(row: DirectiveVersions | undefined, target: number): row is DirectiveVersions {
  if (!Array.isArray(row)) return false;
  const [first, removedAfter, legacySince] = row;
  return first <= target && (removedAfter === null || target <= removedAfter) && (legacySince === null || target < legacySince);
}

/** Every assignment in the sections systemd reads for the file's unit type (none when the type is unknown). */
export function catalogued(file: UnitFile): readonly CataloguedEntry[] {
  // Several rules walk the same file's entries: computed once per syntax tree.
  return file.memo(catalogued, () => listCatalogued(file));
}

function listCatalogued(file: UnitFile): CataloguedEntry[] {
  const out: CataloguedEntry[] = [];
  const known = file.sections;
  if (!known) return out;
  for (const section of file.ast.sections) {
    const keys = DIRECTIVES[section.name];
    if (!keys || !known.includes(section.name)) continue;
    for (const entry of section.entries) {
      // One lookup: a row is an array, what Object.prototype has under a name ("constructor", …) never is.
      const row: DirectiveVersions | undefined = keys[entry.key];
      out.push({ section: section.name, entry, keys, versions: Array.isArray(row) ? row : undefined });
    }
  }
  return out;
}
