/** Facts about a service unit that several rules need (systemd.service(5); systemd-facts §2–§3). */
import type { Assignment, Unit } from "./unit.js";
import { keptInUnit } from "./kept.js";

const TYPES = new Set(["simple", "exec", "forking", "oneshot", "dbus", "notify", "notify-reload", "idle"]);

/** The settings of [Service] that hold command lines. */
export const SERVICE_EXEC_KEYS = ["ExecCondition", "ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost"] as const;

/** Every setting that holds command lines: a service's, and a socket unit's ExecStopPre=. */
export const EXEC_KEYS = [...SERVICE_EXEC_KEYS, "ExecStopPre"] as const;

/** Types whose main process is meant to keep running. */
export const LONG_RUNNING_TYPES: ReadonlySet<string> = new Set(["simple", "exec", "forking", "dbus", "notify", "notify-reload", "idle"]);

/** Type= as systemd settles it: the last valid value, else oneshot when there is no ExecStart=, else simple. */
export function serviceType(unit: Unit): { value: string; from: Assignment | null } {
  const all = unit.assignments("Service", "Type");
  for (let i = all.length - 1; i >= 0; i--) {
    if (TYPES.has(all[i]!.entry.value)) return { value: all[i]!.entry.value, from: all[i]! };
  }
  return { value: execStarts(unit).length === 0 ? "oneshot" : "simple", from: null };
}

/**
 * The commands of an Exec*= setting ([Service], or a socket's [Socket]): an empty assignment resets
 * the list, and a line systemd cannot parse, or one of a setting the release does not read, is none ("ExecStart=-").
 */
export function commandsOf(unit: Unit, key: string, section = "Service"): Assignment[] {
  return unit.list(section, key).filter((a) => keptInUnit(unit, section, a));
}

/** The effective ExecStart= lines (commandsOf()), which several rules ask for. */
export function execStarts(unit: Unit): Assignment[] {
  return unit.memo(execStarts, null, () => commandsOf(unit, "ExecStart"));
}

/** parse_boolean(): 1/yes/y/true/t/on and 0/no/n/false/f/off, any case (systemd-facts §9). */
export function parseBoolean(value: string): boolean | null {
  // The usual spellings, without a lower-cased copy (this runs for every boolean of every unit).
  if (TRUE_WORDS.has(value)) return true;
  if (FALSE_WORDS.has(value)) return false;
  const v = value.toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return null;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(["1", "yes", "y", "true", "t", "on"]);
const FALSE_WORDS: ReadonlySet<string> = new Set(["0", "no", "n", "false", "f", "off"]);
