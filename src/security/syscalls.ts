/**
 * SystemCallFilter= as systemd stores it and as `systemd-analyze security` judges it
 * (config_parse_syscall_filter(), seccomp_parse_syscall_filter(), syscall_names_in_filter();
 * systemd-facts §12 "SystemCallFilter= evaluation").
 *
 * - The filter is a set of system call names with a mode: an allow-list (the first assignment has
 *   no `~`; it starts from @default) or a deny-list. Groups are expanded when parsed; a later
 *   assignment adds names to the set when its mode agrees with the list's and removes them when it
 *   does not; an empty assignment resets everything.
 * - A check for group G is bad when an allow-list allows, or a deny-list does not deny, some member
 *   of G that exists on the native architecture. unitlint assumes x86_64 with Debian 12's
 *   libseccomp 2.5.4 (the oracle it is tested against; NOT_ON_X86_64 below).
 */
import { SYSCALL_GROUPS } from "../data/security.generated.js";
import { own } from "../model/own.js";

/** A unit's effective filter; null when it filters nothing. */
export interface SyscallFilter {
  allowList: boolean;
  names: ReadonlySet<string>;
}

/**
 * Group members that libseccomp 2.5.4 does not resolve to a system call on x86_64
 * (seccomp_syscall_resolve_name() < 0: other architectures' calls, or calls newer than that
 * libseccomp); systemd-analyze skips them when it judges a group.
 */
const NOT_ON_X86_64 = `_llseek _newselect arm_fadvise64_64 bdflush break cacheflush chown32 clock_adjtime64 clock_getres_time64
  clock_gettime64 clock_nanosleep_time64 clock_settime64 fadvise64_64 fchown32 fcntl64 file_getattr file_setattr
  fstat64 fstatat fstatat64 fstatfs64 ftime ftruncate64 futex_time64 getegid32 geteuid32 getgid32 getgroups32
  getresgid32 getresuid32 getuid32 getxattrat gtty idle io_pgetevents_time64 ipc lchown32 listmount listxattrat
  llseek lock lsm_get_self_attr lsm_list_modules lstat64 mmap2 mpx mq_timedreceive_time64 mq_timedsend_time64
  mseal newfstat nice oldfstat oldlstat oldolduname oldstat olduname open_tree_attr pciconfig_iobase
  pciconfig_read pciconfig_write ppoll_time64 prof profil pselect6_time64 readdir recv recvmmsg_time64
  removexattrat riscv_flush_icache riscv_hwprobe rt_sigtimedwait_time64 rtas s390_pci_mmio_read
  s390_pci_mmio_write s390_runtime_instr sched_rr_get_interval_time64 semtimedop_time64 send sendfile64 set_tls
  setfsgid32 setfsuid32 setgid32 setgroups32 setregid32 setresgid32 setresuid32 setreuid32 setuid32 setxattrat
  sgetmask sigaction signal sigpending sigprocmask sigreturn sigsuspend socketcall ssetmask stat64 statfs64
  statmount stime stty subpage_prot swapcontext switch_endian sync_file_range2 sys_debug_setcontext
  timer_gettime64 timer_settime64 timerfd_gettime64 timerfd_settime64 truncate64 ugetrlimit ulimit umount
  uretprobe utimensat_time64 vm86 vm86old waitpid`;

let notOnX86_64: ReadonlySet<string> | null = null;

/**
 * Before systemd 258, open_tree() was in @mount, not @file-system (systemd PR #38060, July 2025),
 * and @mount did not have open_tree_attr() yet. The generated groups are upstream main's.
 */
const OPEN_TREE_MOVED = 258;

/** The groups as the targeted release has them (only the open_tree() move differs for now). */
function groupsFor(version: number): Readonly<Record<string, readonly string[]>> {
  if (version >= OPEN_TREE_MOVED) return SYSCALL_GROUPS;
  return {
    ...SYSCALL_GROUPS,
    "@mount": [...(SYSCALL_GROUPS["@mount"] ?? []).filter((n) => n !== "open_tree_attr"), "open_tree"],
    "@file-system": (SYSCALL_GROUPS["@file-system"] ?? []).filter((n) => n !== "open_tree"),
  };
}

/**
 * @known is built from the kernel's system call list when systemd is compiled; unitlint takes
 * every call named in a group, less nfsservctl(), which left the kernel in Linux 3.1 (so 252's
 * @known lacks it).
 */
const KNOWN_OMITS = new Set(["nfsservctl"]);

const expansions = new Map<string, Map<string, readonly string[] | null>>();

/** The members of a group (nested groups expanded), or null for a group the release does not have. */
export function expandGroup(name: string, version: number): readonly string[] | null {
  const bucket = version >= OPEN_TREE_MOVED ? "new" : "old";
  let cache = expansions.get(bucket);
  if (!cache) expansions.set(bucket, (cache = new Map()));
  if (cache.has(name)) return cache.get(name) ?? null;
  const groups = groupsFor(version);
  const walk = (group: string, out: Set<string>): void => {
    for (const item of own(groups, group) ?? []) {
      if (item.startsWith("@")) walk(item, out);
      else out.add(item);
    }
  };
  let result: string[] | null = null;
  if (name === "@known") {
    const all = new Set<string>();
    for (const group of Object.keys(groups)) walk(group, all);
    result = [...all].filter((n) => !KNOWN_OMITS.has(n));
  } else if (own(groups, name)) {
    const out = new Set<string>();
    walk(name, out);
    result = [...out];
  }
  cache.set(name, result);
  return result;
}

/** Folds the SystemCallFilter= assignments (in order) into the filter systemd ends up with. */
export function syscallFilter(values: readonly string[], version: number): SyscallFilter | null {
  let names: Set<string> | null = null;
  let allowList = false;
  for (const raw of values) {
    if (raw === "") {
      names = null;
      allowList = false;
      continue;
    }
    const invert = raw.startsWith("~");
    const rest = invert ? raw.slice(1) : raw;
    if (names === null) {
      names = new Set();
      allowList = !invert;
      if (allowList) for (const n of expandGroup("@default", version) ?? []) names.add(n);
    }
    const add = !invert === allowList;
    for (const word of rest.split(/\s+/)) {
      if (word === "") continue;
      const colon = word.indexOf(":");
      // "name:errno" sets the error number of a denied call; an allow-list ignores such words.
      if (colon >= 0 && !invert) continue;
      const name = colon >= 0 ? word.slice(0, colon) : word;
      const members = name.startsWith("@") ? expandGroup(name, version) : [name];
      for (const member of members ?? []) {
        if (add) names.add(member);
        else names.delete(member);
      }
    }
  }
  // systemd-analyze: "does not filter" is a deny-list with nothing in it.
  if (names === null || (!allowList && names.size === 0)) return null;
  return { allowList, names };
}

/** The first member of `group` the filter lets through (a call that exists on x86_64), or null when it blocks them all. */
export function offendingSyscall(filter: SyscallFilter, group: string, version: number): string | null {
  for (const name of expandGroup(group, version) ?? []) {
    notOnX86_64 ??= new Set(NOT_ON_X86_64.split(/\s+/));
    if (notOnX86_64.has(name)) continue;
    if (filter.names.has(name) === filter.allowList) return name;
  }
  return null;
}
