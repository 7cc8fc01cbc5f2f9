/**
 * Value kinds: integers, sizes, percentages, weights, resource limits, CPU sets and
 * "DEVICE VALUE" pairs (systemd.exec(5), systemd.resource-control(5), systemd.socket(5),
 * systemd.swap(5), systemd.service(5), systemd.unit(5)); the readers are in numbers-parse.ts.
 *
 * Two parsers read a value differently per setting: config_parse_rlimit (LimitNOFILE= counts,
 * LimitAS= takes sizes, LimitCPU= time spans, LimitNICE= nice levels) and
 * config_parse_memory_limit (MemoryMin=0 is fine, MemoryMax=0 is refused). Their checks take
 * the key as an optional third argument; without it they accept what any of the parser's
 * settings accepts.
 */
import { EXIT_STATUSES } from "../exit-status.js";
import { suggest } from "../suggest.js";
import { notTimespan } from "./basic.js";
import {
  BASE_PREFIX_SINCE,
  cInteger,
  hexInteger,
  nsecValid,
  parsePermyriad,
  parseSize,
  PERMILLE_SINCE,
  PERMYRIAD_SINCE,
  timespanUsec,
  U64_MAX,
  usesBasePrefix,
} from "./numbers-parse.js";
import { extractAll, extractFirstWord } from "./paths-words.js";
import { entryDropped, needsNewer, type ValueCheck, type ValueChecks, type ValueProblem } from "./types.js";

/** A check that reads the value per setting when it is told the key. */
export type KeyedCheck = (value: string, target: number, key?: string) => ValueProblem;

const problem = (what: string, meant?: string | null): ValueProblem => (meant ? { what, meant } : { what });

/** Numbers written 0b101 or 0o17 (mangle_base(), v246 [NEWS v246]); older versions refuse them. */
const basePrefixProblem = (v: string, target: number): ValueProblem =>
  usesBasePrefix(v) && target < BASE_PREFIX_SINCE ? needsNewer(BASE_PREFIX_SINCE, target, "0b/0o numbers") : null;

/** Percentages written with ‰ (v240 [NEWS v240]) or ‱ (v248, parse_permyriad() [PR #18444]). */
function percentSyntaxProblem(v: string, target: number): ValueProblem {
  if (v.endsWith("‱") && target < PERMYRIAD_SINCE) return needsNewer(PERMYRIAD_SINCE, target, 'the "‱" suffix');
  if (v.endsWith("‰") && target < PERMILLE_SINCE) return needsNewer(PERMILLE_SINCE, target, 'the "‰" suffix');
  return null;
}

const inRange = (n: bigint | null, min: bigint, max: bigint): boolean => n !== null && n >= min && n <= max;

/** An integer from min to max as safe_atoi(), safe_atou(), safe_atolli() … read it: decimal, 0x hex, 0 octal, 0b/0o. */
function integerIn(min: bigint, max: bigint, noun?: string): ValueCheck {
  const what = noun ? `is not ${noun} (an integer from ${min} to ${max})` : `is not an integer from ${min} to ${max}`;
  return (v, target) => (inRange(cInteger(v), min, max) ? basePrefixProblem(v, target) : { what });
}

const U32_MAX = 2n ** 32n - 1n;
const I32 = 2n ** 31n;
const I64 = 2n ** 63n;

/** "unlimited", "max" and -1 mean "no limit" in ulimit(1) and cgroupfs; systemd spells it "infinity". */
const infinityMeant = (v: string): string | null => (/^(?:unlimited|max|-1)$/i.test(v) ? "infinity" : suggest(v, ["infinity"]));

// Sizes: parse_size() with base 1024 (systemd.resource-control(5) MemoryMax=, systemd.socket(5) ReceiveBuffer=).
const SIZE_1024 = "bytes with an optional K, M, G, T, P or E suffix, powers of 1024";

/** "512m", "1GiB", "4KB": the size with the upper-case suffix systemd reads, when that parses. */
function sizeMeant(v: string, base: 1000n | 1024n): string | null {
  const fixed = v.replace(/([\d.][ \t]*)([kmgtpeKMGTPE])(?:i?[bB])?(?![a-zA-Z])/g, (_, n: string, s: string) => n + s.toUpperCase());
  return fixed !== v && parseSize(fixed, base) !== null ? fixed : null;
}

const iecSize: ValueCheck = (v) => (parseSize(v, 1024n) === null ? problem(`is not a size (${SIZE_1024})`, sizeMeant(v, 1024n)) : null);

/** MemoryMax= and the like refuse 0 bytes; these settings take it (load-fragment.c config_parse_memory_limit()). */
const MEMORY_ZERO_OK = new Set([
  "MemoryMin",
  "MemoryLow",
  "StartupMemoryLow",
  "MemorySwapMax",
  "StartupMemorySwapMax",
  "MemoryZSwapMax",
  "StartupMemoryZSwapMax",
  // The defaults of a slice's children, ignored as legacy from 260 (catalog.ts parserAt()).
  "DefaultMemoryMin",
  "DefaultMemoryLow",
  "DefaultStartupMemoryLow",
]);

/** Memory limits: a size, a percentage of physical memory (up to 100%), or "infinity" (systemd.resource-control(5)). */
export const memoryLimit: KeyedCheck = (v, target, key) => {
  if (v === "infinity") return null;
  const permyriad = parsePermyriad(v);
  let zero: boolean;
  if (permyriad !== null && permyriad <= 10000) {
    const syntax = percentSyntaxProblem(v, target);
    if (syntax) return syntax;
    zero = permyriad === 0;
  } else {
    const bytes = parseSize(v, 1024n);
    if (bytes === null) {
      if (permyriad !== null) return { what: "is more than 100% of physical memory" };
      return problem(`is not a memory size (${SIZE_1024}; a percentage of physical memory; or "infinity")`, sizeMeant(v, 1024n) ?? infinityMeant(v));
    }
    if (bytes >= U64_MAX) return { what: 'is too large (write "infinity" for no limit)' };
    zero = bytes === 0n;
  }
  return zero && key !== undefined && !MEMORY_ZERO_OK.has(key) ? { what: `is 0 bytes, which ${key}= refuses (write "infinity" for no limit)` } : null;
};

/** TasksMax=: a count above 0, a percentage of the system's limit, or "infinity" (systemd.resource-control(5)). */
const tasksMax: ValueCheck = (v, target) => {
  if (v === "infinity") return null;
  const permyriad = parsePermyriad(v);
  if (permyriad !== null && permyriad <= 10000) return percentSyntaxProblem(v, target);
  if (inRange(cInteger(v), 1n, U64_MAX - 1n)) return basePrefixProblem(v, target);
  return problem('is not a task limit (a number above 0, a percentage such as "50%", or "infinity")', infinityMeant(v));
};

/** CPUQuota=: a percentage above 0, may exceed 100% (parse_permyriad_unbounded()). */
const cpuQuota: ValueCheck = (v, target) => {
  const permyriad = parsePermyriad(v);
  if (permyriad !== null && permyriad > 0) return percentSyntaxProblem(v, target);
  const meant = (parsePermyriad(`${v}%`) ?? 0) > 0 ? `${v}%` : null;
  return problem('is not a CPU quota (a percentage above 0, e.g. "20%" or "200%")', meant);
};

/** ManagedOOMMemoryPressureLimit=: a percentage from 0% to 100% (systemd.resource-control(5)). */
const pressureLimit: ValueCheck = (v, target) => {
  const permyriad = parsePermyriad(v);
  if (permyriad !== null && permyriad <= 10000) return percentSyntaxProblem(v, target);
  return problem('is not a percentage from 0% to 100% (e.g. "60%")', (parsePermyriad(`${v}%`) ?? Infinity) <= 10000 ? `${v}%` : null);
};

// Weights: cg_weight_parse(), 1–10000; CPUWeight= also takes "idle" since v252 [NEWS v252].
const WEIGHT = "an integer from 1 to 10000";
const CPU_WEIGHT_IDLE_SINCE = 252;
const weightOk = (v: string): boolean => inRange(cInteger(v), 1n, 10000n);

const cpuWeight: ValueCheck = (v, target) => {
  if (v === "idle") return target < CPU_WEIGHT_IDLE_SINCE ? needsNewer(CPU_WEIGHT_IDLE_SINCE, target, '"idle"') : null;
  if (weightOk(v)) return basePrefixProblem(v, target);
  return problem(`is not a weight (${WEIGHT}, or "idle")`, target >= CPU_WEIGHT_IDLE_SINCE ? suggest(v, ["idle"]) : null);
};

/**
 * "DEVICE VALUE" (IODeviceWeight=, IOReadBandwidthMax= …, IODeviceLatencyTargetSec=): a device
 * path (may be quoted; relative paths pass, ".." does not: path_simplify_and_warn()), then the value.
 */
function devicePair(noun: string, expected: string, valueOk: (text: string) => boolean): ValueCheck {
  const what = `is not a device path followed by a ${noun} (${expected})`;
  return (v) => {
    const first = extractFirstWord(v, 0, { unquote: true });
    if (!first || "error" in first || first.next === null || first.word === "") return { what };
    const path = first.word;
    const rest = v.slice(first.next);
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.includes("..") || (parts.length === 0 && !path.startsWith("/"))) return { what: `has the device path "${path}", which is not normalized` };
    return valueOk(rest) ? null : { what: `has the ${noun} "${rest}", which is not ${expected}` };
  };
}

// The cgroup v1 settings systemd later ignores as legacy (catalog.ts parserAt()): CPUShares= 2–262144
// (cg_cpu_shares_parse()), BlockIOWeight= 10–1000 (cg_blkio_weight_parse()), bandwidths in bytes above 0.
const BLOCKIO_WEIGHT = "an integer from 10 to 1000";
const blockioWeightOk = (v: string): boolean => inRange(cInteger(v), 10n, 1000n);
const blockioBandwidthOk = (text: string): boolean => (parseSize(text, 1000n) ?? 0n) > 0n;

/** IO limits: bytes or operations per second with SI suffixes (parse_size() base 1000), above 0, or "infinity". */
const ioLimitOk = (text: string): boolean => text === "infinity" || (parseSize(text, 1000n) ?? 0n) > 0n;

// CPU sets: numbers and ranges separated by spaces or commas (parse_cpu_set_full(), parse_range()); CPUs 0–8191.
const CPU_SET_MAX = 8191n;
const CPU_SET = 'numbers and ranges such as "0-3 8"';

function cpuSetProblem(v: string, noun: string): ValueProblem {
  const split = extractAll(v, { separators: " \t\n\r,", unquote: true });
  if ("error" in split) return { what: `is not a list of ${noun} (${CPU_SET}): a quote is not closed` };
  for (const word of split.words) {
    const dash = word.indexOf("-");
    const lo = cInteger(dash < 0 ? word : word.slice(0, dash));
    const hi = dash < 0 ? lo : cInteger(word.slice(dash + 1));
    if (!inRange(lo, 0n, U32_MAX) || !inRange(hi, 0n, U32_MAX)) return { what: `has "${word}", which is not a number or range of ${noun} (${CPU_SET})` };
    // systemd skips a reversed range and keeps the others; anything else drops the value (test/oracle/list-items.test.ts).
    if (lo! > hi!) return entryDropped({ what: `has the reversed range "${word}"` }, split.words.length > 1);
    // systemd adds from min(hi, 2^32−2) down to lo, so a lone 4294967295 adds nothing and passes.
    const top = hi! < U32_MAX ? hi! : U32_MAX - 1n;
    if (top >= lo! && top > CPU_SET_MAX) return { what: `has "${word}", beyond ${CPU_SET_MAX}, the highest number systemd accepts` };
  }
  return null;
}

/** A CPU set, or one word for the whole value (CPUAffinity=numa v246 [NEWS v246], NUMAMask=all v247 [NEWS v247]). */
function cpuSetOr(noun: string, word: string, since: number): ValueCheck {
  return (v, target) => {
    if (v === word) return target < since ? needsNewer(since, target, `"${word}"`) : null;
    const p = cpuSetProblem(v, noun);
    return p && target >= since && !/\d/.test(v) ? problem(p.what, suggest(v, [word])) : p;
  };
}

// CoredumpFilter=: mapping types or hexadecimal masks (systemd.exec(5); coredump-util.c).
const COREDUMP_FILTERS = [
  "private-anonymous", "shared-anonymous", "private-file-backed", "shared-file-backed", "elf-headers",
  "private-huge", "shared-huge", "private-dax", "shared-dax", "default", "all",
];
const COREDUMP_FILTER_SET = new Set(COREDUMP_FILTERS);

const coredumpFilter: ValueCheck = (v) => {
  const split = extractAll(v, {});
  if ("error" in split) return { what: "is not a list of coredump filter types: a backslash ends it" };
  const bad = split.words.find((w) => !COREDUMP_FILTER_SET.has(w) && hexInteger(w) === null);
  return bad === undefined ? null : problem(`has "${bad}", which is neither a coredump filter type (${COREDUMP_FILTERS.join(", ")}) nor a hexadecimal mask`, suggest(bad, COREDUMP_FILTERS));
};

// IPTOS=: ip_tos_from_string(), a name or 0–255 (systemd.socket(5)).
const IP_TOS = ["low-delay", "throughput", "reliability", "low-cost"];

const ipTos: ValueCheck = (v) =>
  IP_TOS.includes(v) || inRange(cInteger(v), 0n, 255n) ? null : problem(`is not an IP type of service (${IP_TOS.map((w) => `"${w}"`).join(", ")}, or a number from 0 to 255)`, suggest(v, IP_TOS));

/** FailureActionExitStatus=, SuccessActionExitStatus=: safe_atou8(), a number only (systemd.unit(5)); names are for SuccessExitStatus=. */
const exitStatus: ValueCheck = (v, target) => {
  if (inRange(cInteger(v), 0n, 255n)) return basePrefixProblem(v, target);
  const named = EXIT_STATUSES.find((d) => d.name === v.toUpperCase().replace(/^(?:EXIT_|EX_)/, ""));
  return named ? { what: "is an exit status name; this setting takes only a number from 0 to 255", meant: String(named.code) } : { what: "is not an exit status (a number from 0 to 255)" };
};

// Resource limits (systemd.exec(5) "Process Properties"; rlimit-util.c rlimit_parse()).
type RlimitKind = "count" | "size" | "sec" | "usec" | "nice";

const RLIMIT_KINDS: Readonly<Record<string, RlimitKind>> = {
  LimitCPU: "sec", LimitFSIZE: "size", LimitDATA: "size", LimitSTACK: "size", LimitCORE: "size", LimitRSS: "size",
  LimitNOFILE: "count", LimitAS: "size", LimitNPROC: "count", LimitMEMLOCK: "size", LimitLOCKS: "count",
  LimitSIGPENDING: "count", LimitMSGQUEUE: "size", LimitNICE: "nice", LimitRTPRIO: "count", LimitRTTIME: "usec",
};
const ALL_RLIMIT_KINDS: readonly RlimitKind[] = ["count", "size", "sec", "usec", "nice"];

const RLIMIT_FORMS: Readonly<Record<RlimitKind, string>> = {
  count: 'a plain number, or "infinity"',
  size: `${SIZE_1024}, or "infinity"`,
  sec: 'a time span such as "30s" or "5min", a bare number being seconds, or "infinity"',
  usec: 'a time span such as "500ms", a bare number being microseconds, or "infinity"',
  nice: 'a nice level with its sign, "-20" to "+19", or a raw value from 0 to 40',
};

const RLIM_INFINITY = U64_MAX;

/** rlimit_parse_one(): one limit as the resource reads it, or null. */
function rlimitOne(kind: RlimitKind, text: string): bigint | null {
  if (text === "infinity" && kind !== "nice") return RLIM_INFINITY;
  switch (kind) {
    case "count": {
      const n = cInteger(text);
      return inRange(n, 0n, RLIM_INFINITY - 1n) ? n : null;
    }
    case "size": {
      const n = parseSize(text, 1024n);
      return n !== null && n < RLIM_INFINITY ? n : null;
    }
    case "sec":
    case "usec": {
      const usec = timespanUsec(text, kind === "sec" ? 1_000_000 : 1);
      if (usec === null || usec === Infinity) return usec === null ? null : RLIM_INFINITY;
      return BigInt(kind === "sec" ? Math.ceil(usec / 1e6) : Math.round(usec));
    }
    case "nice": {
      // rlimit_parse_nice(): "+n" is nice level n (0–19), "-n" nice level −n (0–20), a bare number the raw 0–40.
      const sign = text[0] === "+" || text[0] === "-" ? text[0] : "";
      const n = cInteger(text.slice(sign.length));
      if (n === null || n < 0n) return null;
      if (sign === "+") return n < 20n ? 20n - n : null;
      if (sign === "-") return n <= 20n ? 20n + n : null;
      return n <= 40n ? n : null;
    }
  }
}

/** rlimit_parse(): one value for both limits, or "soft:hard"; the soft limit may not exceed the hard one. */
function rlimitResult(kind: RlimitKind, v: string): "ok" | "order" | "bad" {
  const parts = v.split(":");
  if (parts.length > 2) return "bad";
  const soft = rlimitOne(kind, parts[0]!);
  const hard = parts.length === 2 ? rlimitOne(kind, parts[1]!) : soft;
  if (soft === null || hard === null) return "bad";
  return soft > hard ? "order" : "ok";
}

/** "64K" for a count: the number it stands for. */
function countMeant(v: string): string | null {
  const parts = v.split(":").map((p) => (p === "infinity" ? p : parseSize(p, 1024n)?.toString()));
  return parts.every((p) => p !== undefined) ? parts.join(":") : null;
}

export const rlimit: KeyedCheck = (v, _target, key) => {
  const kind = key === undefined ? undefined : RLIMIT_KINDS[key];
  const results = (kind ? [kind] : ALL_RLIMIT_KINDS).map((k) => rlimitResult(k, v));
  if (results.includes("ok")) return null;
  if (results.includes("order")) return { what: "sets a soft limit above the hard limit (soft:hard)" };
  const forms = kind ? RLIMIT_FORMS[kind] : 'a number, size or time span as the limit takes, or "infinity"';
  const meant = kind === "nice" ? null : ((kind === "count" ? countMeant(v) : kind === "size" ? sizeMeant(v, 1024n) : null) ?? infinityMeant(v));
  return problem(`is not a resource limit (${forms}; "soft:hard" sets the two apart)`, meant);
};

const TIMEOUT = notTimespan('e.g. "90s", "5min", "infinity"');

export const NUMBERS_CHECKS: ValueChecks = {
  config_parse_unsigned: integerIn(0n, U32_MAX),
  config_parse_int: integerIn(-I32, I32 - 1n),
  config_parse_long: integerIn(-I64, I64 - 1n),
  // TTYRows=, TTYColumns=: config_parse_unsigned() in v252, no smaller bound.
  config_parse_tty_size: integerIn(0n, U32_MAX),
  // Priority= of swap units: −1 to 32767; lower values are the kernel's (systemd.swap(5)).
  config_parse_swap_priority: integerIn(-1n, 32767n, "a swap priority"),
  // CPUSchedulingPriority=: 1–99 for the real-time policies, 0 for the others; systemd checks only 0–99.
  config_parse_exec_cpu_sched_prio: integerIn(0n, 99n, "a CPU scheduling priority"),
  config_parse_exec_io_priority: integerIn(0n, 7n, "an I/O scheduling priority"),
  config_parse_exec_oom_score_adjust: integerIn(-1000n, 1000n, "an OOM score adjustment"),
  config_parse_exit_status: exitStatus,
  config_parse_cg_weight: integerIn(1n, 10000n, "a weight"),
  config_parse_cg_cpu_weight: cpuWeight,
  config_parse_io_device_weight: devicePair("weight", WEIGHT, weightOk),
  config_parse_io_limit: devicePair("limit", 'bytes or operations per second above 0, with an optional K, M, G or T suffix (powers of 1000), or "infinity"', ioLimitOk),
  config_parse_cpu_shares: integerIn(2n, 262144n, "a CPU share count"),
  config_parse_blockio_weight: integerIn(10n, 1000n, "a block IO weight"),
  config_parse_blockio_device_weight: devicePair("weight", BLOCKIO_WEIGHT, blockioWeightOk),
  config_parse_blockio_bandwidth: devicePair("bandwidth", "bytes per second above 0, with an optional K, M, G or T suffix (powers of 1000)", blockioBandwidthOk),
  config_parse_io_device_latency: devicePair("latency", 'a time span such as "25ms"', (t) => timespanUsec(t) !== null),
  config_parse_iec_size: iecSize,
  config_parse_memory_limit: memoryLimit,
  config_parse_tasks_max: tasksMax,
  config_parse_cpu_quota: cpuQuota,
  config_parse_managed_oom_mem_pressure_limit: pressureLimit,
  config_parse_rlimit: rlimit,
  config_parse_nsec: (v) => (nsecValid(v) ? null : { what: 'is not a time span (e.g. "50ns", "10us", "1ms"; a bare number is nanoseconds)' }),
  config_parse_sec_def_infinity: notTimespan('e.g. "10ms", "1s"'),
  config_parse_job_timeout_sec: TIMEOUT,
  config_parse_job_running_timeout_sec: TIMEOUT,
  config_parse_service_timeout_abort: TIMEOUT,
  config_parse_exec_coredump_filter: coredumpFilter,
  config_parse_ip_tos: ipTos,
  config_parse_unit_cpu_set: (v) => cpuSetProblem(v, "CPUs or NUMA nodes"),
  config_parse_exec_cpu_affinity: cpuSetOr("CPUs", "numa", 246),
  config_parse_numa_mask: cpuSetOr("NUMA nodes", "all", 247),
  // config_parse_set_status (SuccessExitStatus= …) is UL108's (src/model/exit-status.ts).
};
