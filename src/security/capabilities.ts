/**
 * CapabilityBoundingSet= and AmbientCapabilities= as systemd folds them into a 64-bit mask
 * (config_parse_capability_set(), capability_set_from_string(); systemd.exec(5) "Capabilities").
 *
 * - Words are capability names (any letter case, with the CAP_ prefix) or numbers 0–63; unknown
 *   words are skipped without a word. Numbers are read as safe_atoi() reads them (base 0).
 * - `~` inverts the assignment. The first assignment (or one that names nothing) replaces the set;
 *   later ones add to it, or remove from it with `~`. An empty assignment gives the empty set.
 */

import { CAPABILITIES, capabilityOf } from "../model/values/security-names.js";

export const ALL_CAPABILITIES = (1n << 64n) - 1n;

const masks = new Map<string, bigint>();

/** The mask of some capability names (CAP_…), as the checks and unit_patch_contexts() use them. */
export function capabilityMask(names: readonly string[]): bigint {
  const key = names.join(" ");
  let mask = masks.get(key);
  if (mask === undefined) {
    mask = 0n;
    for (const name of names) {
      const i = CAPABILITIES.indexOf(name);
      if (i < 0) throw new Error(`unknown capability ${name}`);
      mask |= 1n << BigInt(i);
    }
    masks.set(key, mask);
  }
  return mask;
}

/** The mask one assignment names (quotes around a word are removed). */
function maskOf(value: string): bigint {
  let sum = 0n;
  for (const raw of value.split(/\s+/)) {
    const word = raw.replace(/^(["'])(.*)\1$/, "$2");
    const bit = word === "" ? null : capabilityOf(word);
    if (bit !== null) sum |= 1n << BigInt(bit);
  }
  return sum;
}

/** Folds the assignments (in order) starting from `initial` (all for the bounding set, none for ambient). */
export function capabilitySet(values: readonly string[], initial: bigint): bigint {
  let set = initial;
  if (values.length === 0) return set;
  for (const raw of values) {
    const invert = raw.startsWith("~");
    const sum = maskOf(invert ? raw.slice(1) : raw);
    if (sum === 0n || set === initial) set = invert ? ~sum & ALL_CAPABILITIES : sum;
    else if (invert) set &= ~sum & ALL_CAPABILITIES;
    else set |= sum;
  }
  return set;
}
