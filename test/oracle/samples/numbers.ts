import type { Samples } from "../../helpers/differential.js";

/**
 * Integers, sizes, percentages, weights, resource limits, CPU sets, device/value pairs
 * (src/model/values/numbers.ts). Each sample goes into every directive of its parser, so a
 * sample whose verdict depends on the setting (LimitNICE=infinity, MemoryMax=0) is left out.
 */
export const SAMPLES: Samples = {
  // LimitNOFILE= counts, LimitAS= sizes, LimitCPU= seconds, LimitRTTIME= microseconds, LimitNICE= nice levels: only forms all of them read.
  config_parse_rlimit: { valid: ["0", "20", "10:40", "+5", "040"], invalid: ["abc", "unlimited", "10:5", "5:6:7", "1024:", ":1024", "-21", "50%", "4x"] },
  config_parse_memory_limit: {
    valid: ["1G", "1.5G", "1G 512M", "1 G", "10.M", "5B", "1024", "+5K", "infinity", "50%", "33.33%", "100%", "50‰", "500‱", "15E"],
    invalid: ["1g", "1GB", "1Ki", "-1", "101%", "50.555%", "50 %", "100.%", "Infinity", "unlimited", "16E", "0x10", "512M 1G", "1M 1M", ".5G"],
  },
  config_parse_iec_size: { valid: ["0", "4K", "1.5M", "1G 5M", "5B", "+5", "18446744073709551615"], invalid: ["4k", "-1", "infinity", "50%", "16E", "1Mi", "0x10"] },
  config_parse_unsigned: {
    valid: ["5", "0", "+5", "-0", "0x10", "010", "0b101", "0o17", "4294967295"],
    invalid: ["-5", "4294967296", "5K", "abc", "1.5", "08", "0x", "+0b1"],
  },
  config_parse_tty_size: { valid: ["24", "0", "65536", "4294967295", "0x10"], invalid: ["4294967296", "-1", "abc", "80x24"] },
  config_parse_int: {
    valid: ["5", "-5", "+5", "0x10", "-0x10", "010", "0b11", "2147483647", "-2147483648"],
    invalid: ["-0b11", "2147483648", "-2147483649", "1.5", "abc", "5K", "08"],
  },
  config_parse_long: {
    valid: ["5", "-5", "2147483648", "9223372036854775807", "-9223372036854775808", "0x10"],
    invalid: ["9223372036854775808", "-9223372036854775809", "-0b11", "1.5", "abc", "5K"],
  },
  config_parse_cg_cpu_weight: { valid: ["100", "1", "10000", "idle", "0x10", "+5"], invalid: ["0", "10001", "Idle", "-1", "abc", "1.5", "infinity"] },
  config_parse_cg_weight: { valid: ["100", "1", "10000", "0x10"], invalid: ["0", "10001", "idle", "-0", "abc"] },
  config_parse_io_limit: {
    valid: ["/dev/sda 1M", "/dev/sda 1.5M", "/dev/sda infinity", "sda 1K", "/dev/sda 1G 5M", "'/dev/disk/by-id/a b' 5M", "/dev/sda 5 K", "/dev/sda  1000"],
    invalid: ["/dev/sda 0", "/dev/sda 1m", "/dev/sda", "/dev/sda 50%", "/dev/sda -1", "/dev/../sda 1M", "/dev/sda Infinity", "'/dev/sda 1M"],
  },
  // Memory settings 258 and 260 ignore as legacy: 0 bytes is no limit for MemoryLimit=, a fine default for the others.
  "Service.MemoryLimit": { valid: ["1G", "50%", "infinity"], invalid: ["0", "0%", "1g"] },
  "Service.DefaultMemoryLow": { valid: ["0", "0%", "1G", "infinity"], invalid: ["1g", "-1"] },
  "Service.DefaultMemoryMin": { valid: ["0", "1G"], invalid: ["1q", "101%"] },
  // cgroup v1 settings 258 ignores as legacy, read by these parsers at 252 (catalog.ts parserAt()).
  config_parse_cpu_shares: { valid: ["2", "1024", "262144", "0x10"], invalid: ["1", "262145", "0", "-1", "abc", "1K"] },
  config_parse_blockio_weight: { valid: ["10", "500", "1000", "0x10"], invalid: ["9", "1001", "abc", "-5", "idle"] },
  config_parse_blockio_device_weight: {
    valid: ["/dev/sda 10", "sda 1000", "/dev/sda  500", "'/dev/sd a' 100"],
    invalid: ["/dev/sda 5", "/dev/sda 1001", "/dev/sda", "/dev/../sda 100", "/dev/sda 100 5"],
  },
  config_parse_blockio_bandwidth: {
    valid: ["/dev/sda 1M", "/dev/sda 1.5M", "sda 1K", "/dev/sda 5 K"],
    invalid: ["/dev/sda 0", "/dev/sda 1m", "/dev/sda", "/dev/sda -1", "/dev/sda infinity", "/dev/../sda 1M"],
  },
  config_parse_io_device_weight: {
    valid: ["/dev/sda 100", "sda 1", "/dev/sda  10000", "'/dev/sd a' 100", "/dev/sda 0x10", "/ 100", "./sda 5"],
    invalid: ["/dev/sda 0", "/dev/sda 10001", "/dev/sda", "/dev/sda idle", "/dev/sda 100 5", "/dev/../sda 100", ". 100", "'' 100"],
  },
  config_parse_io_device_latency: {
    valid: ["/dev/sda 25ms", "/dev/sda 0", "/dev/sda infinity", "sda 5", "/dev/sda 5min 3s"],
    invalid: ["/dev/sda", "/dev/sda 5 mins", "/dev/sda -5", "/dev/sda abc", "/dev/../sda 5ms"],
  },
  config_parse_cpu_quota: {
    valid: ["20%", "20.5%", "20.55%", "200%", "1000000%", "5‰", "50‱", "0.01%", "+20%", "0x10%"],
    invalid: ["20.555%", "0%", "50", "20 %", "-20%", "infinity", "0.00%", "1.%", "21474837%"],
  },
  config_parse_sec_def_infinity: { valid: ["10ms", "0", "infinity", "1us", "2s", "5min"], invalid: ["abc", "5 mins", "-5", "5S"] },
  config_parse_tasks_max: {
    valid: ["100", "infinity", "50%", "0%", "100%", "50.55%", "50‰", "18446744073709551614", "0x10", "+5"],
    invalid: ["0", "101%", "18446744073709551615", "-1", "1K", "abc", "Infinity", "unlimited"],
  },
  config_parse_nsec: {
    valid: ["50", "0", "50ns", "50nsec", "50us", "50µs", "1ms", "1s", "5m", "1min", "1s 5ns", "1.5us", "5ns5", "infinity"],
    invalid: ["abc", "-5", "5S", "5 mins", "18446744073709551615", "18446744073709551616ns", "600y"],
  },
  config_parse_swap_priority: { valid: ["0", "-1", "32767", "100", "0x10", "+5", "-0"], invalid: ["-2", "32768", "abc", "1.5"] },
  config_parse_exec_cpu_sched_prio: { valid: ["0", "1", "99", "0x10", "+5"], invalid: ["100", "-1", "abc", "1.5"] },
  config_parse_exec_io_priority: { valid: ["0", "7", "0x7", "+3"], invalid: ["8", "-1", "abc", "best-effort"] },
  config_parse_exec_oom_score_adjust: { valid: ["0", "-1000", "1000", "0x10", "+5", "-0x10"], invalid: ["1001", "-1001", "abc", "-1000.5"] },
  // 252 refuses ManagedOOMMemoryPressureLimit= in .mount, .socket and .swap units whatever the value (NOT_DRIVEN in the harness).
  config_parse_managed_oom_mem_pressure_limit: { valid: ["50%", "0%", "99.99%", "100%"], invalid: ["101%", "50.555%", "50", "infinity", "-5%"] },
  config_parse_exec_coredump_filter: {
    valid: [
      "default", "all", "private-anonymous", "private-anonymous shared-anonymous", "private-file-backed", "shared-file-backed",
      "elf-headers", "private-huge", "shared-huge", "private-dax", "shared-dax", "0x33", "33", "1ff", "0x33 elf-headers", "all default", "+5",
    ],
    invalid: ["Default", "private_anonymous", "foo", "elf-headers foo", "ffffffffffffffffff", "-1", "0xg"],
  },
  config_parse_job_timeout_sec: { valid: ["5min", "0", "infinity", "1h 30min", "90"], invalid: ["abc", "5 mins", "-1", "5S"] },
  config_parse_job_running_timeout_sec: { valid: ["5min", "0", "infinity"], invalid: ["abc", "5 mins"] },
  config_parse_service_timeout_abort: { valid: ["5min", "0", "infinity"], invalid: ["abc", "5 mins"] },
  config_parse_ip_tos: {
    valid: ["low-delay", "throughput", "reliability", "low-cost", "0", "255", "0x10", "16", "+5"],
    invalid: ["256", "-1", "Low-Delay", "lowdelay", "abc", "mincost"],
  },
  config_parse_unit_cpu_set: {
    valid: ["0", "0-3", "0,2", "0 2", "0-3,8-11", "0,,2", "8191", "1-1", "0x1", "1 , 2"],
    invalid: ["3-0", "0-", "-3", "abc", "0 - 3", "all", "0-3 abc", "8192", "100000", "0:1"],
  },
  config_parse_exec_cpu_affinity: { valid: ["0", "0-3", "0,2", "1 3 5", "numa"], invalid: ["all", "abc", "3-0", "Numa", "0 numa", "8192"] },
  config_parse_numa_mask: { valid: ["0", "0-1", "0,1", "all"], invalid: ["All", "abc", "3-0", "numa", "8192"] },
  // FailureActionExitStatus=, SuccessActionExitStatus=: numbers only, no names.
  config_parse_exit_status: { valid: ["0", "1", "255", "0x10", "+5", "010", "0b11", "-0"], invalid: ["256", "-1", "SUCCESS", "abc", "1.5", "EXIT_FAILURE"] },
  // SuccessExitStatus= and the Restart*ExitStatus= lists: checked by UL108 (src/model/exit-status.ts), not UL304. KSM is v254's.
  config_parse_set_status: {
    valid: ["0 1", "SIGTERM", "TERM 5", "CONFIG", "75 SIGKILL", "0x10", "BPF", "SIGRTMIN+3"],
    invalid: ["256", "abc", "SIGFOO", "1 foo", "EX_CONFIG", "-1", "KSM"],
  },
};
