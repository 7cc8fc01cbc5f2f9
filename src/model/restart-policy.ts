/**
 * The restart policy of a service as systemd computes it from the unit, its
 * drop-ins and the host defaults (systemd-facts §1–§2).
 */
import type { Settings } from "../engine/settings.js";
import { parseTimespan } from "./timespan.js";
import type { Assignment, Unit } from "./unit.js";

export interface Effective<T> {
  value: T;
  /** The assignment that set it; null when the default applies. */
  from: Assignment | null;
}

export interface RestartPolicy {
  restart: Effective<string>;
  restartSec: Effective<number>;
  startLimitIntervalSec: Effective<number>;
  startLimitBurst: Effective<number>;
}

/**
 * The last assignment systemd accepts among several spellings of one setting,
 * in reading order (files in merge order, then position in the file).
 */
function lastValid<T>(unit: Unit, spellings: ReadonlyArray<readonly [string, string]>, parse: (v: string) => T | null, fallback: T): Effective<T> {
  let all: Assignment[] = [];
  for (const [section, key] of spellings) all = all.concat(unit.assignments(section, key));
  if (all.length > 1 && spellings.length > 1) {
    const files = unit.files();
    all.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.entry.range.start - b.entry.range.start);
  }
  let result: Effective<T> = { value: fallback, from: null };
  for (const a of all) {
    const v = parse(a.entry.value);
    // An empty assignment resets to the default; an invalid one is ignored with a warning.
    if (a.entry.value === "") result = { value: fallback, from: a };
    else if (v !== null) result = { value: v, from: a };
  }
  return result;
}

function parseBurst(v: string): number | null {
  return /^\d+$/.test(v) ? Number(v) : null;
}

const RESTART_VALUES = new Set(["no", "always", "on-success", "on-failure", "on-abnormal", "on-abort", "on-watchdog"]);

export function restartPolicy(unit: Unit, settings: Settings): RestartPolicy {
  return {
    restart: lastValid(unit, [["Service", "Restart"]], (v) => (RESTART_VALUES.has(v) ? v : null), "no"),
    restartSec: lastValid(unit, [["Service", "RestartSec"]], (v) => parseTimespan(v), settings.defaultRestartSec),
    // [Service] StartLimitIntervalSec= is unknown to systemd; only the legacy StartLimitInterval= works there.
    startLimitIntervalSec: lastValid(
      unit,
      [
        ["Unit", "StartLimitIntervalSec"],
        ["Unit", "StartLimitInterval"],
        ["Service", "StartLimitInterval"],
      ],
      (v) => parseTimespan(v),
      settings.defaultStartLimitIntervalSec,
    ),
    startLimitBurst: lastValid(
      unit,
      [
        ["Unit", "StartLimitBurst"],
        ["Service", "StartLimitBurst"],
      ],
      parseBurst,
      settings.defaultStartLimitBurst,
    ),
  };
}

/** systemd's ratelimit_configured(): limiting is off when either the interval or the burst is 0. */
export function startLimitDisabled(policy: RestartPolicy): boolean {
  return policy.startLimitIntervalSec.value === 0 || policy.startLimitBurst.value === 0;
}
