/**
 * One badness per row of systemd-analyze's table (the assess_* functions of
 * src/analyze/analyze-security.c; the rules are spelled out in systemd-facts §12 "The table").
 * A row that does not apply returns null (systemd's UINT64_MAX).
 */
import type { SecurityCheckRow } from "../data/security.generated.js";
import { capabilityMask } from "./capabilities.js";
import type { SecurityInfo } from "./info.js";
import { offendingSyscall } from "./syscalls.js";

export interface Verdict {
  /** 0 … row.range, or null when the row does not apply. */
  badness: number | null;
  /** What the value means, when the check says more than good/bad (e.g. "read-only access"). */
  detail?: string;
}

function umask(mask: number): Verdict {
  if (!(mask & 0o002)) return { badness: 10, detail: "files it creates are world-writable" };
  if (!(mask & 0o004)) return { badness: 5, detail: "files it creates are world-readable" };
  if (!(mask & 0o020)) return { badness: 2, detail: "files it creates are group-writable" };
  if (!(mask & 0o040)) return { badness: 1, detail: "files it creates are group-readable" };
  return { badness: 0, detail: "files it creates are private to its user" };
}

function user(info: SecurityInfo): Verdict {
  if (info.unprivilegedScope) return { badness: 0, detail: "runs as the user whose service manager starts it" };
  if (info.user === "nobody") return { badness: 9, detail: "runs as nobody, which services should not share" };
  const root = info.user === "root" || info.user === "0";
  if (info.dynamicUser && !root) return { badness: 0, detail: "runs as a transient user (DynamicUser=)" };
  if (info.user && !root) return { badness: 0, detail: `runs as the non-root user ${info.user}` };
  return { badness: 10, detail: "runs as root" };
}

function syscallFilter(row: SecurityCheckRow, info: SecurityInfo, version: number): Verdict {
  const filter = info.syscallFilter;
  const group = row.syscallGroup!;
  if (!filter) return { badness: 10, detail: "no system call filter" };
  const offender = offendingSyscall(filter, group, version);
  if (filter.allowList) return offender ? { badness: 9, detail: `the allow-list lets ${group} through (e.g. ${offender})` } : { badness: 0, detail: `the allow-list leaves out ${group}` };
  return offender ? { badness: 10, detail: `the deny-list does not cover ${group} (e.g. ${offender})` } : { badness: 0, detail: `the deny-list covers ${group}` };
}

function ipAddressDeny(info: SecurityInfo): Verdict {
  if (info.ipCustomFilters) return { badness: 0, detail: "custom BPF IP filters" };
  if (!info.ipDenyAll) return { badness: 10, detail: "no IP address allow-list" };
  if (info.ipAllowOther) return { badness: 5, detail: "an IP allow-list with non-localhost addresses" };
  if (info.ipAllowLocalhost) return { badness: 2, detail: "an IP allow-list with localhost only" };
  return { badness: 0, detail: "all IP addresses blocked" };
}

function deviceAllow(info: SecurityInfo): Verdict {
  if (info.devicePolicy !== "strict" && info.devicePolicy !== "closed") return { badness: 10, detail: "no device access list" };
  return info.deviceAllowNonEmpty ? { badness: 5, detail: "a device access list with some devices" } : { badness: 0, detail: "a minimal device access list" };
}

const PROTECT_HOME: Readonly<Record<string, Verdict>> = {
  no: { badness: 10, detail: "may read and write home directories" },
  "read-only": { badness: 5, detail: "may read home directories" },
  tmpfs: { badness: 1, detail: "sees empty home directories" },
  yes: { badness: 0, detail: "cannot see home directories" },
};
const PROTECT_SYSTEM: Readonly<Record<string, Verdict>> = {
  no: { badness: 10, detail: "may write anywhere in the OS file hierarchy" },
  yes: { badness: 5, detail: "may write to /etc (/usr and /boot are read-only)" },
  full: { badness: 3, detail: "/usr, /boot and /etc are read-only" },
  strict: { badness: 0, detail: "the whole OS file hierarchy is read-only" },
};
const PROTECT_PROC: Readonly<Record<string, Verdict>> = {
  noaccess: { badness: 1, detail: "cannot read other users' processes in /proc" },
  invisible: { badness: 0, detail: "sees only its own processes in /proc" },
  ptraceable: { badness: 0, detail: "sees only processes it may trace in /proc" },
};

const GOOD: Verdict = { badness: 0 };
const BAD: Verdict = { badness: 1 };

const rowMasks = new WeakMap<SecurityCheckRow, bigint>();

/** The capabilities a CapabilityBoundingSet= row is about, as a mask. */
function rowMask(row: SecurityCheckRow): bigint {
  let mask = rowMasks.get(row);
  if (mask === undefined) rowMasks.set(row, (mask = capabilityMask(row.capabilities!)));
  return mask;
}

/** The verdict of one row for a unit's settings, as the targeted release gives it. */
export function assessRow(row: SecurityCheckRow, info: SecurityInfo, version: number): Verdict {
  if (row.ddo && !info.defaultDependencies) return { badness: null, detail: "DefaultDependencies=no: the unit runs in an early boot phase" };
  switch (row.assess) {
    case "user":
      return user(info);
    case "supplementaryGroups":
      return info.privileged ? { badness: null, detail: "runs as root: supplementary groups do not matter" } : { badness: info.supplementaryGroups.length > 0 ? 1 : 0 };
    case "removeIpc":
      return info.removeIpcApplies ? { badness: info.flags.removeIpc ? 0 : 1 } : { badness: null, detail: "does not apply (runs as root, or a user unit)" };
    case "bool": {
      const on = info.flags[row.field!] === true;
      return (row.inverted ? on : !on) ? BAD : GOOD;
    }
    case "protectHome":
      return PROTECT_HOME[info.protectHome] ?? PROTECT_HOME.no!;
    case "protectSystem":
      return PROTECT_SYSTEM[info.protectSystem] ?? PROTECT_SYSTEM.no!;
    case "rootDirectory": {
      const hostRoot = (p: string | null): boolean => p === null || p === "" || p.replace(/\/+/g, "/") === "/";
      return { badness: hostRoot(info.rootDirectory) && hostRoot(info.rootImage) ? 1 : 0 };
    }
    case "capabilityBoundingSet":
      return (info.capabilityBoundingSet & rowMask(row)) !== 0n ? BAD : GOOD;
    case "ambientCapabilities":
      return { badness: info.ambientCapabilities !== 0n ? 1 : 0 };
    case "umask":
      return umask(info.umask);
    case "keyringMode":
      return { badness: info.keyringMode === "private" ? 0 : 1 };
    case "protectProc":
      return PROTECT_PROC[info.protectProc] ?? { badness: 3, detail: "sees every process in /proc" };
    case "procSubset":
      return { badness: info.procSubset === "pid" ? 0 : 1 };
    case "notifyAccess":
      return { badness: info.notifyAccess === "all" ? 1 : 0 };
    case "restrictNamespaces":
      return info.namespaces.has(row.namespace!) ? BAD : GOOD;
    case "systemCallArchitectures": {
      const archs = info.syscallArchitectures;
      if (archs.size === 0) return { badness: 10, detail: "system calls of every ABI" };
      return archs.size === 1 && archs.has("native") ? { badness: 0, detail: "native system calls only" } : { badness: 8, detail: "system calls of several ABIs" };
    }
    case "systemCallFilter":
      return syscallFilter(row, info, version);
    case "ipAddressAllow":
      return ipAddressDeny(info);
    case "deviceAllow":
      return deviceAllow(info);
  }
}
