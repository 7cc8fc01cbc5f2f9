/**
 * The restart policy of a service as systemd computes it from the unit, its
 * drop-ins and the host defaults (systemd-facts §1–§2).
 */
import type { Settings } from "../engine/settings.js";
import { formatSeconds, parseTimespan } from "./timespan.js";
import { inReadingOrder } from "./kept.js";
import { emptyIgnored } from "./values/empty.js";
import { cIntegerIn } from "./values/numbers-parse.js";
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
  /** RestartSteps= and RestartMaxDelaySec= (v254): both set and RestartSec > 0, else null. */
  steps: { count: number; maxDelaySec: number } | null;
}

/**
 * The last assignment systemd accepts among several spellings of one setting,
 * in reading order (files in merge order, then position in the file).
 */
function lastValid<T>(unit: Unit, spellings: ReadonlyArray<readonly [string, string]>, parse: (v: string) => T | null, fallback: T): Effective<T> {
  let result: Effective<T> = { value: fallback, from: null };
  // The spellings of one setting share its parser, and so what an empty assignment does.
  const [section, key] = spellings[0]!;
  const emptyResets = !emptyIgnored(section, key, unit.systemdVersion);
  for (const a of inReadingOrder(unit, spellings)) {
    const v = parse(a.entry.value);
    // An empty assignment resets to the default where the parser takes one (Restart=, RestartSec= … do not); an invalid one is ignored with a warning.
    if (a.entry.value === "") {
      if (emptyResets) result = { value: fallback, from: a };
    } else if (v !== null) result = { value: v, from: a };
  }
  return result;
}

/** StartLimitBurst=, RestartSteps= and DefaultStartLimitBurst= as safe_atou() reads them (config_parse_unsigned): base 0, so "010" is 8 and "0x10" is 16; 0b/0o from v246. */
export const parseUnsigned = (v: string, target: number): number | null => cIntegerIn(v, 0n, 2n ** 32n - 1n, target);

const RESTART_VALUES = new Set(["no", "always", "on-success", "on-failure", "on-abnormal", "on-abort", "on-watchdog"]);

export function restartPolicy(unit: Unit, settings: Settings): RestartPolicy {
  return unit.memo(restartPolicy, settings, () => computeRestartPolicy(unit, settings));
}

function computeRestartPolicy(unit: Unit, settings: Settings): RestartPolicy {
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
      (v) => parseUnsigned(v, settings.systemdVersion),
      settings.defaultStartLimitBurst,
    ),
    steps: restartSteps(unit, settings),
  };
}

/** RestartSteps= with RestartMaxDelaySec= (systemd ≥ 254; each is ignored without the other, and with RestartSec=0). */
function restartSteps(unit: Unit, settings: Settings): RestartPolicy["steps"] {
  if (settings.systemdVersion < 254) return null;
  const count = lastValid(unit, [["Service", "RestartSteps"]], (v) => parseUnsigned(v, settings.systemdVersion), 0).value;
  const max = lastValid(unit, [["Service", "RestartMaxDelaySec"]], (v) => parseTimespan(v), Infinity).value;
  return count > 0 && max !== Infinity ? { count, maxDelaySec: max } : null;
}

/**
 * The delay before the n-th automatic restart (n ≥ 1): RestartSec, grown by
 * RestartSteps= towards RestartMaxDelaySec= (service.c service_restart_usec_next()).
 */
export function restartDelay(policy: RestartPolicy, n: number): number {
  const base = policy.restartSec.value;
  const steps = policy.steps;
  if (!steps || base === 0) return base;
  if (steps.maxDelaySec <= base) return steps.maxDelaySec;
  if (n > steps.count) return steps.maxDelaySec;
  return base * (steps.maxDelaySec / base) ** ((n - 1) / steps.count);
}

/** What happens to a service that keeps failing as soon as it starts. */
export type CrashLoop =
  | { kind: "no-restart" }
  /** It is started `starts` times over about `withinSec` seconds; the next start is refused and the unit stays failed. */
  | { kind: "trips"; starts: number; withinSec: number }
  /**
   * It restarts forever, `perDay` times a day once the delays settle (Infinity for RestartSec=0):
   * the limit is off, or `Burst` restarts take `spanSec`, at least the whole window.
   */
  | { kind: "forever"; perDay: number; limitDisabled: boolean; spanSec: number };

/**
 * Predicts the crash loop from systemd's start rate limit (ratelimit.c: a
 * fixed window from the first start; the (Burst+1)-th start within Interval is
 * refused). With real overhead on every cycle, a delay of exactly
 * Interval/Burst never trips, so the boundary counts as "forever"
 * (real-systemd.md: RestartSec=2s with 10 s / 5 never tripped).
 */
export function predictCrashLoop(policy: RestartPolicy): CrashLoop {
  if (policy.restart.value === "no") return { kind: "no-restart" };
  const burst = policy.startLimitBurst.value;
  const interval = policy.startLimitIntervalSec.value;
  const steady = restartDelay(policy, Number.MAX_SAFE_INTEGER);
  const perDay = steady === 0 ? Infinity : Math.floor(86_400 / steady);
  if (startLimitDisabled(policy)) return { kind: "forever", perDay, limitDisabled: true, spanSec: 0 };
  // Time from the first start to the (burst+1)-th start attempt. Delays are constant after
  // the steps, so a huge StartLimitBurst= costs no more than the steps.
  const varying = Math.min(burst, (policy.steps?.count ?? 0) + 1);
  let elapsed = 0;
  for (let n = 1; n <= varying; n++) elapsed += restartDelay(policy, n);
  elapsed += (burst - varying) * steady;
  if (interval === Infinity || elapsed < interval) {
    return { kind: "trips", starts: burst, withinSec: elapsed - restartDelay(policy, burst) };
  }
  return { kind: "forever", perDay, limitDisabled: false, spanSec: elapsed };
}

/** systemd's ratelimit_configured(): limiting is off when either the interval or the burst is 0. */
export function startLimitDisabled(policy: RestartPolicy): boolean {
  return policy.startLimitIntervalSec.value === 0 || policy.startLimitBurst.value === 0;
}

/** "StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults": the limit and (unless told not to) where it comes from. */
export function describeLimit(policy: RestartPolicy, sayDefaults = true): string {
  const i = policy.startLimitIntervalSec;
  const b = policy.startLimitBurst;
  const source = !sayDefaults || i.from || b.from ? "" : ", systemd's defaults";
  // A burst written otherwise than in decimal (010, 0x10) is shown with the number systemd reads.
  const burst = b.from && b.from.entry.value !== "" && b.from.entry.value !== String(b.value) ? `${b.from.entry.value} (${b.value})` : String(b.value);
  return `StartLimitBurst=${burst} in StartLimitIntervalSec=${formatSeconds(i.value)}${source}`;
}

/** True when the unit (or a drop-in) sets the start limit itself. */
export function limitDeclared(policy: RestartPolicy): boolean {
  return policy.startLimitIntervalSec.from !== null || policy.startLimitBurst.from !== null;
}

/** "within a fraction of a second", "within about a second", "within about 4 s". */
export function describeWithin(seconds: number): string {
  if (seconds < 0.05) return "within a fraction of a second";
  if (seconds < 2) return "within about a second";
  if (seconds < 120) return `within about ${Math.round(seconds)} s`;
  return `within about ${formatSeconds(Math.round(seconds))}`;
}

/** 17280 → "17,280". */
export function formatCount(n: number): string {
  return n === Infinity ? "countless" : String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
