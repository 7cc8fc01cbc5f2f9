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

/**
 * The parsers of the settings later releases ignore as legacy, for the releases before that: the
 * catalogue knows only a setting's newest parser (config_parse_warn_compat for these). From
 * load-fragment-gperf.gperf of systemd 252, each checked against systemd-analyze verify 252
 * (test/oracle/directives.test.ts). The few ignored since before 252 (Capabilities=, BusPolicy=,
 * NetClass=, …) are not here: their values go unchecked at the releases that still read them.
 */
const PARSER_BEFORE_LEGACY: ReadonlyMap<string, string> = new Map([
  ["CPUAccounting", "config_parse_bool"],
  ["BlockIOAccounting", "config_parse_bool"],
  ["CPUShares", "config_parse_cpu_shares"],
  ["StartupCPUShares", "config_parse_cpu_shares"],
  ["BlockIOWeight", "config_parse_blockio_weight"],
  ["StartupBlockIOWeight", "config_parse_blockio_weight"],
  ["BlockIODeviceWeight", "config_parse_blockio_device_weight"],
  ["BlockIOReadBandwidth", "config_parse_blockio_bandwidth"],
  ["BlockIOWriteBandwidth", "config_parse_blockio_bandwidth"],
  ["MemoryLimit", "config_parse_memory_limit"],
  ["DefaultMemoryLow", "config_parse_memory_limit"],
  ["DefaultMemoryMin", "config_parse_memory_limit"],
  ["DefaultStartupMemoryLow", "config_parse_memory_limit"],
]);

/** The parser the targeted release reads a setting of this catalog row with (null: none). */
export function parserAt(row: DirectiveVersions, key: string, target: number): string | null {
  const legacySince = row[2];
  return legacySince !== null && target < legacySince ? (PARSER_BEFORE_LEGACY.get(key) ?? row[3]) : row[3];
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
