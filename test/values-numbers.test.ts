/** Exact messages of the number value checks (src/model/values/numbers.ts), their readers, and their version awareness. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { cInteger, hexInteger, nsecValid, parsePermyriad, parseSize, timespanUsec } from "../src/model/values/numbers-parse.js";
import { memoryLimit, NUMBERS_CHECKS, rlimit } from "../src/model/values/numbers.js";

const check = (parser: string, value: string, target = 252) => NUMBERS_CHECKS[parser]!(value, target);
const what = (parser: string, value: string, target = 252) => check(parser, value, target)?.what ?? null;

/** UL304's messages for `lines` in a [Service] section. */
function ul304(lines: string[], systemdVersion = 252): string[] {
  const text = `[Service]\nExecStart=/usr/sbin/webd\n${lines.join("\n")}\n`;
  return lintText(text, "x.service", { settings: { systemdVersion } })
    .findings.filter((f) => f.rule === "UL304")
    .map((f) => f.message);
}

describe("readers", () => {
  it("read integers as strtol() with base 0 does, 0b/0o included", () => {
    expect(["10", "+10", "-10", "0x1f", "010", "0b101", "0o17", "-0", " 7"].map((v) => cInteger(v))).toEqual([10n, 10n, -10n, 31n, 8n, 5n, 15n, 0n, 7n]);
    expect(["08", "0x", "+0b1", "1.5", "5K", "", "1 2"].map((v) => cInteger(v))).toEqual([null, null, null, null, null, null, null]);
    expect([hexInteger("1ff"), hexInteger("0x33"), hexInteger("-0"), hexInteger("-1"), hexInteger("f".repeat(17))]).toEqual([511n, 51n, 0n, null, null]);
  });

  it("read sizes as parse_size() does: falling suffixes adding up, upper case, at most 2^64−1", () => {
    expect(parseSize("1G 512M", 1024n)).toBe(1024n ** 3n + 512n * 1024n ** 2n);
    expect(parseSize("1.5K", 1024n)).toBe(1536n);
    expect(parseSize("1K", 1000n)).toBe(1000n);
    expect(parseSize("1G 5", 1024n)).toBe(1024n ** 3n + 5n);
    expect(parseSize("15E", 1024n)).toBe(15n * 1024n ** 6n);
    expect(["512M 1G", "5 5", "1g", "1KB", "-0", "16E", "0x10", ".5G", "1,5G"].map((v) => parseSize(v, 1024n))).toEqual(Array(9).fill(null));
  });

  it("read percentages as parse_permyriad_unbounded() does", () => {
    expect(["50%", "50.5%", "50.55%", "5.5‰", "50‱", "0x5%", "-0%"].map(parsePermyriad)).toEqual([5000, 5050, 5055, 55, 50, 500, 0]);
    expect(["50.555%", "100.%", "5.55‰", "5.5‱", "50 %", "-5%", "%", "21474837%"].map(parsePermyriad)).toEqual(Array(8).fill(null));
  });

  it("read time spans in microseconds, and nanoseconds where a bare number is nanoseconds", () => {
    expect(timespanUsec("1min 30s")).toBe(90e6);
    expect(timespanUsec("500", 1)).toBe(500);
    expect(timespanUsec("600000y")).toBeNull();
    expect(["50", "50ns", "5ns5", "1s 5nsec", "1.5us", "infinity"].every(nsecValid)).toBe(true);
    expect(["1sns", "5 mins", "-5", "600y", "18446744073709551615"].some(nsecValid)).toBe(false);
  });
});

describe("integers", () => {
  it("name the range of each kind", () => {
    expect(what("config_parse_unsigned", "-5")).toBe("is not an integer from 0 to 4294967295");
    expect(what("config_parse_int", "2147483648")).toBe("is not an integer from -2147483648 to 2147483647");
    expect(what("config_parse_long", "9223372036854775808")).toBe("is not an integer from -9223372036854775808 to 9223372036854775807");
    expect(what("config_parse_swap_priority", "-2")).toBe("is not a swap priority (an integer from -1 to 32767)");
    expect(what("config_parse_exec_cpu_sched_prio", "100")).toBe("is not a CPU scheduling priority (an integer from 0 to 99)");
    expect(what("config_parse_exec_io_priority", "8")).toBe("is not an I/O scheduling priority (an integer from 0 to 7)");
    expect(what("config_parse_exec_oom_score_adjust", "1001")).toBe("is not an OOM score adjustment (an integer from -1000 to 1000)");
    expect(what("config_parse_cg_weight", "0")).toBe("is not a weight (an integer from 1 to 10000)");
    expect(["0x10", "010", "+5", "-0"].map((v) => check("config_parse_unsigned", v))).toEqual([null, null, null, null]);
  });

  it("take 0b/0o numbers from v246 on", () => {
    expect(check("config_parse_unsigned", "0b101", 246)).toBeNull();
    expect(check("config_parse_unsigned", "0o17", 245)).toEqual({ what: "needs systemd ≥ 246 (245 does not know 0b/0o numbers)" });
  });

  it("point from an exit status name to its number where only numbers are read", () => {
    expect(check("config_parse_exit_status", "FAILURE")).toEqual({ what: "is an exit status name; this setting takes only a number from 0 to 255", meant: "1" });
    expect(check("config_parse_exit_status", "EX_CONFIG")).toEqual({ what: "is an exit status name; this setting takes only a number from 0 to 255", meant: "78" });
    expect(check("config_parse_exit_status", "256")).toEqual({ what: "is not an exit status (a number from 0 to 255)" });
  });

  it("know CPUWeight=idle from v252 on", () => {
    expect(check("config_parse_cg_cpu_weight", "idle")).toBeNull();
    expect(check("config_parse_cg_cpu_weight", "idle", 251)).toEqual({ what: 'needs systemd ≥ 252 (251 does not know "idle")' });
    expect(check("config_parse_cg_cpu_weight", "Idle")).toEqual({ what: 'is not a weight (an integer from 1 to 10000, or "idle")', meant: "idle" });
    expect(check("config_parse_cg_cpu_weight", "Idle", 251)).toEqual({ what: 'is not a weight (an integer from 1 to 10000, or "idle")' });
  });
});

describe("sizes and percentages", () => {
  it("suggest the upper-case suffix systemd reads", () => {
    expect(check("config_parse_iec_size", "4k")).toEqual({ what: "is not a size (bytes with an optional K, M, G, T, P or E suffix, powers of 1024)", meant: "4K" });
    expect(check("config_parse_iec_size", "1MiB")?.meant).toBe("1M");
  });

  it("read memory limits as sizes, percentages of physical memory or infinity", () => {
    const memory = 'is not a memory size (bytes with an optional K, M, G, T, P or E suffix, powers of 1024; a percentage of physical memory; or "infinity")';
    expect(check("config_parse_memory_limit", "512m")).toEqual({ what: memory, meant: "512M" });
    expect(check("config_parse_memory_limit", "unlimited")).toEqual({ what: memory, meant: "infinity" });
    expect(check("config_parse_memory_limit", "101%")).toEqual({ what: "is more than 100% of physical memory" });
    expect(["1G 512M", "33.33%", "50‰", "infinity", "0"].map((v) => check("config_parse_memory_limit", v))).toEqual([null, null, null, null, null]);
  });

  it("refuse 0 bytes for the settings that need a limit, when told the key", () => {
    expect(memoryLimit("0", 252, "MemoryMax")).toEqual({ what: 'is 0 bytes, which MemoryMax= refuses (write "infinity" for no limit)' });
    expect(memoryLimit("0%", 252, "MemoryHigh")).toEqual({ what: 'is 0 bytes, which MemoryHigh= refuses (write "infinity" for no limit)' });
    expect(["MemoryMin", "MemoryLow", "MemorySwapMax"].map((key) => memoryLimit("0", 252, key))).toEqual([null, null, null]);
  });

  it("know the ‰ (v240) and ‱ (v248) suffixes", () => {
    expect(check("config_parse_memory_limit", "50‰", 239)).toEqual({ what: 'needs systemd ≥ 240 (239 does not know the "‰" suffix)' });
    expect(check("config_parse_cpu_quota", "5‱", 247)).toEqual({ what: 'needs systemd ≥ 248 (247 does not know the "‱" suffix)' });
    expect(check("config_parse_tasks_max", "5‱", 248)).toBeNull();
  });

  it("want CPUQuota= above 0%, TasksMax= above 0, pressure limits up to 100%", () => {
    expect(check("config_parse_cpu_quota", "50")).toEqual({ what: 'is not a CPU quota (a percentage above 0, e.g. "20%" or "200%")', meant: "50%" });
    expect(check("config_parse_cpu_quota", "0%")).toEqual({ what: 'is not a CPU quota (a percentage above 0, e.g. "20%" or "200%")' });
    expect(check("config_parse_tasks_max", "max")).toEqual({ what: 'is not a task limit (a number above 0, a percentage such as "50%", or "infinity")', meant: "infinity" });
    expect(what("config_parse_tasks_max", "0")).toBe('is not a task limit (a number above 0, a percentage such as "50%", or "infinity")');
    expect(check("config_parse_tasks_max", "0%")).toBeNull();
    expect(check("config_parse_managed_oom_mem_pressure_limit", "60")).toEqual({ what: 'is not a percentage from 0% to 100% (e.g. "60%")', meant: "60%" });
    expect(["50%", "50.55%", "5‰", "0%", "100%"].map((v) => check("config_parse_managed_oom_mem_pressure_limit", v))).toEqual([null, null, null, null, null]);
  });
});

describe("resource limits", () => {
  it("read each limit its own way when told the key", () => {
    expect(rlimit("64K", 252, "LimitNOFILE")).toEqual({ what: 'is not a resource limit (a plain number, or "infinity"; "soft:hard" sets the two apart)', meant: "65536" });
    expect(rlimit("4g", 252, "LimitAS")).toEqual({ what: 'is not a resource limit (bytes with an optional K, M, G, T, P or E suffix, powers of 1024, or "infinity"; "soft:hard" sets the two apart)', meant: "4G" });
    expect(rlimit("5 mins", 252, "LimitCPU")?.what).toBe('is not a resource limit (a time span such as "30s" or "5min", a bare number being seconds, or "infinity"; "soft:hard" sets the two apart)');
    expect(rlimit("infinity", 252, "LimitNICE")?.what).toBe('is not a resource limit (a nice level with its sign, "-20" to "+19", or a raw value from 0 to 40; "soft:hard" sets the two apart)');
    expect(rlimit("-1", 252, "LimitCORE")?.meant).toBe("infinity");
    expect([rlimit("4G", 252, "LimitAS"), rlimit("1h", 252, "LimitCPU"), rlimit("500ms", 252, "LimitRTTIME"), rlimit("-5", 252, "LimitNICE")]).toEqual([null, null, null, null]);
  });

  it("want the soft limit at most the hard one, nice levels included", () => {
    expect(rlimit("2048:1024", 252, "LimitNOFILE")).toEqual({ what: "sets a soft limit above the hard limit (soft:hard)" });
    expect(rlimit("-5:+5", 252, "LimitNICE")).toEqual({ what: "sets a soft limit above the hard limit (soft:hard)" });
    expect(rlimit("+5:-5", 252, "LimitNICE")).toBeNull();
    expect(rlimit("1024:infinity", 252, "LimitNOFILE")).toBeNull();
  });

  it("accept what any limit takes when the key is not known", () => {
    expect(["64K", "5min", "-5", "0x10"].map((v) => rlimit(v, 252))).toEqual([null, null, null, null]);
    expect(check("config_parse_rlimit", "unlimited")).toEqual({ what: 'is not a resource limit (a number, size or time span as the limit takes, or "infinity"; "soft:hard" sets the two apart)', meant: "infinity" });
  });
});

describe("lists and pairs", () => {
  it("name the CPU set entry that is wrong", () => {
    expect(what("config_parse_unit_cpu_set", "0-3 x")).toBe('has "x", which is not a number or range of CPUs or NUMA nodes (numbers and ranges such as "0-3 8")');
    expect(what("config_parse_unit_cpu_set", "3-0")).toBe('has the reversed range "3-0"');
    expect(what("config_parse_unit_cpu_set", "0-9000")).toBe('has "0-9000", beyond 8191, the highest number systemd accepts');
    expect(check("config_parse_unit_cpu_set", "0-3,8 '9'")).toBeNull();
  });

  it("know CPUAffinity=numa from v246 and NUMAMask=all from v247", () => {
    expect(check("config_parse_exec_cpu_affinity", "Numa")?.meant).toBe("numa");
    expect(check("config_parse_exec_cpu_affinity", "numa", 245)).toEqual({ what: 'needs systemd ≥ 246 (245 does not know "numa")' });
    expect(check("config_parse_numa_mask", "all", 246)).toEqual({ what: 'needs systemd ≥ 247 (246 does not know "all")' });
    expect(check("config_parse_numa_mask", "all", 247)).toBeNull();
  });

  it("read a device path, then its value", () => {
    expect(what("config_parse_io_device_weight", "/dev/sda")).toBe("is not a device path followed by a weight (an integer from 1 to 10000)");
    expect(what("config_parse_io_device_weight", "/dev/sda 0")).toBe('has the weight "0", which is not an integer from 1 to 10000');
    expect(what("config_parse_io_device_weight", "/dev/../sda 5")).toBe('has the device path "/dev/../sda", which is not normalized');
    expect(what("config_parse_io_limit", "/dev/sda 1m")).toBe(
      'has the limit "1m", which is not bytes or operations per second above 0, with an optional K, M, G or T suffix (powers of 1000), or "infinity"',
    );
    expect(what("config_parse_io_device_latency", "/dev/sda 5 mins")).toBe('has the latency "5 mins", which is not a time span such as "25ms"');
    expect(check("config_parse_io_limit", "'/dev/disk/by-id/a b' 5M")).toBeNull();
  });

  it("suggest the coredump filter type or IP TOS name meant", () => {
    expect(check("config_parse_exec_coredump_filter", "elf-header")).toEqual({
      what: 'has "elf-header", which is neither a coredump filter type (private-anonymous, shared-anonymous, private-file-backed, shared-file-backed, elf-headers, private-huge, shared-huge, private-dax, shared-dax, default, all) nor a hexadecimal mask',
      meant: "elf-headers",
    });
    expect(check("config_parse_ip_tos", "lowdelay")).toEqual({ what: 'is not an IP type of service ("low-delay", "throughput", "reliability", "low-cost", or a number from 0 to 255)', meant: "low-delay" });
  });
});

describe("time spans", () => {
  it("say which unit a bare number has", () => {
    expect(what("config_parse_nsec", "5 mins")).toBe('is not a time span (e.g. "50ns", "10us", "1ms"; a bare number is nanoseconds)');
    expect(what("config_parse_sec_def_infinity", "5 mins")).toBe('is not a time span (e.g. "10ms", "1s")');
    expect(what("config_parse_job_timeout_sec", "abc")).toBe('is not a time span (e.g. "90s", "5min", "infinity")');
  });
});

describe("UL304 on number settings", () => {
  it("says the whole sentence", () => {
    expect(ul304(["MemoryMax=2g", "CPUQuota=50", "TasksMax=0", "IOWeight=0", "RestartSec=5s"])).toEqual([
      'MemoryMax=2g is not a memory size (bytes with an optional K, M, G, T, P or E suffix, powers of 1024; a percentage of physical memory; or "infinity"): systemd ignores it and keeps the default; did you mean "2G"?',
      'CPUQuota=50 is not a CPU quota (a percentage above 0, e.g. "20%" or "200%"): systemd ignores it and keeps the default; did you mean "50%"?',
      'TasksMax=0 is not a task limit (a number above 0, a percentage such as "50%", or "infinity"): systemd ignores it and keeps the default',
      "IOWeight=0 is not a weight (an integer from 1 to 10000): systemd ignores it and keeps the default",
    ]);
  });

  it("follows the targeted version", () => {
    expect(ul304(["CPUWeight=idle"], 251)).toEqual(['CPUWeight=idle needs systemd ≥ 252 (251 does not know "idle"): systemd ignores it and keeps the default']);
    expect(ul304(["CPUWeight=idle"], 252)).toEqual([]);
  });
});

describe("settings later ignored as legacy", () => {
  it("are checked with the parser of the release that still reads them, and not once it ignores them", () => {
    const lines = ["MemoryLimit=1g", "CPUShares=1", "BlockIOWeight=1000", "BlockIODeviceWeight=/dev/sda 5", "CPUAccounting=maybe", "DefaultMemoryLow=1q"];
    expect(ul304(lines, 252)).toEqual([
      'MemoryLimit=1g is not a memory size (bytes with an optional K, M, G, T, P or E suffix, powers of 1024; a percentage of physical memory; or "infinity"): systemd ignores it and keeps the default; did you mean "1G"?',
      "CPUShares=1 is not a CPU share count (an integer from 2 to 262144): systemd ignores it and keeps the default",
      'BlockIODeviceWeight=/dev/sda 5 has the weight "5", which is not an integer from 10 to 1000: systemd ignores it and keeps the default',
      "CPUAccounting=maybe is not a boolean (expected 1/yes/y/true/t/on or 0/no/n/false/f/off): systemd ignores it and keeps the default",
      'DefaultMemoryLow=1q is not a memory size (bytes with an optional K, M, G, T, P or E suffix, powers of 1024; a percentage of physical memory; or "infinity"): systemd ignores it and keeps the default',
    ]);
    // 258 ignores all but DefaultMemoryLow= (260) whatever their value (UL303 says so).
    expect(ul304(lines, 258)).toEqual([expect.stringMatching(/^DefaultMemoryLow=1q is not a memory size/)]);
    // An empty CPUAccounting= cannot reset a boolean in 252; from 258 the line is ignored anyway.
    expect(ul304(["CPUAccounting="], 252)).toEqual([expect.stringMatching(/^an empty CPUAccounting= does not reset it/)]);
    expect(ul304(["CPUAccounting="], 258)).toEqual([]);
  });
});
