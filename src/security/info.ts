/**
 * What `systemd-analyze security` assesses (its SecurityInfo), read from a loaded unit: the settings
 * folded as systemd's parsers fold them (reader.ts, lists.ts), then patched the way systemd patches
 * a loaded unit (unit_patch_contexts(): DynamicUser=, PrivateDevices=, ProtectKernel*=,
 * ProtectClock=, RootImage=) — systemd-facts §12 "Derived facts". Proved equal to systemd-analyze
 * 252 by test/oracle/security.test.ts.
 */
import { parseBoolean } from "../model/service.js";
import type { Unit } from "../model/unit.js";
import { ALL_CAPABILITIES, capabilityMask, capabilitySet } from "./capabilities.js";
import { ipPrefixes } from "./ip.js";
import { architectures, deviceAllowCount, namespaces, restrictedFamilies } from "./lists.js";
import { type InfoOptions, Reader } from "./reader.js";
import { syscallFilter, type SyscallFilter } from "./syscalls.js";

export type { InfoOptions, ScoreMode } from "./reader.js";

export interface SecurityInfo {
  defaultDependencies: boolean;
  /** User= after DynamicUser= chose one (null: none, the manager's own user). */
  user: string | null;
  dynamicUser: boolean;
  supplementaryGroups: readonly string[];
  /** Runs with the manager's full privileges (security_info_runs_privileged()). */
  privileged: boolean;
  /** A user unit that does not run as root: under main (> 261), or scored honestly; its User= check is 0. */
  unprivilegedScope: boolean;
  /** RemoveIPC= is assessed: not for privileged units, nor for user units under main or honest scoring. */
  removeIpcApplies: boolean;
  /** The boolean settings, by the field names of security-checks.json ("offset", camelCase). */
  flags: Readonly<Record<string, boolean>>;
  protectHome: string;
  protectSystem: string;
  rootDirectory: string | null;
  rootImage: string | null;
  capabilityBoundingSet: bigint;
  ambientCapabilities: bigint;
  umask: number;
  keyringMode: string;
  protectProc: string;
  procSubset: string;
  notifyAccess: string;
  /** Namespace types the unit may still create. */
  namespaces: ReadonlySet<string>;
  syscallArchitectures: ReadonlySet<string>;
  syscallFilter: SyscallFilter | null;
  ipDenyAll: boolean;
  ipAllowLocalhost: boolean;
  ipAllowOther: boolean;
  ipCustomFilters: boolean;
  devicePolicy: string;
  deviceAllowNonEmpty: boolean;
}

/** Releases that count user units as unprivileged (upstream main after 261, commit a38b4c39ff). */
export const USER_SCOPE_UNPRIVILEGED_SINCE = 262;
/** From 254 PrivateMounts= is a tristate, and an unset one reads as "yes" offline (commit 2400212128). */
export const PRIVATE_MOUNTS_TRISTATE_SINCE = 254;

/** From 254 a user unit's sandboxing implies PrivateUsers=yes (systemd-facts §5 "Sandboxing in user units"). */
export const USER_SANDBOX_IMPLIES_PRIVATE_USERS = 254;

/** Path settings that need a mount namespace, hence (in a user manager) a user namespace. */
const NAMESPACED_PATHS = ["ReadWritePaths", "ReadOnlyPaths", "InaccessiblePaths", "ExecPaths", "NoExecPaths", "TemporaryFileSystem", "BindPaths", "BindReadOnlyPaths", "NetworkNamespacePath", "IPCNamespacePath", "RootDirectory", "RootImage"];

/** Whether a user unit's settings need a user namespace (exec_needs_cap_sys_admin() at main). */
function impliesUserNamespace(r: Reader, flags: Record<string, boolean>, protectHome: string, protectSystem: string): boolean {
  const on = ["privateTmp", "privateDevices", "privateNetwork", "protectKernelTunables", "protectKernelModules", "protectKernelLogs", "protectClock", "protectHostname"];
  return (
    on.some((f) => flags[f]) ||
    protectHome !== "no" ||
    protectSystem !== "no" ||
    r.bool("PrivateIPC") ||
    r.fold("PrivateMounts", false, (v) => parseBoolean(v) ?? undefined) ||
    r.fold("MountAPIVFS", false, (v) => parseBoolean(v) ?? undefined) ||
    NAMESPACED_PATHS.some((key) => r.list(key).length > 0)
  );
}

/** The boolean settings, by the field the checks read. */
const BOOLEANS: Readonly<Record<string, string>> = {
  privateDevices: "PrivateDevices",
  privateNetwork: "PrivateNetwork",
  privateTmp: "PrivateTmp",
  privateUsers: "PrivateUsers",
  protectControlGroups: "ProtectControlGroups",
  protectKernelModules: "ProtectKernelModules",
  protectKernelTunables: "ProtectKernelTunables",
  protectKernelLogs: "ProtectKernelLogs",
  protectClock: "ProtectClock",
  protectHostname: "ProtectHostname",
  lockPersonality: "LockPersonality",
  memoryDenyWriteExecute: "MemoryDenyWriteExecute",
  noNewPrivileges: "NoNewPrivileges",
  removeIpc: "RemoveIPC",
  restrictRealtime: "RestrictRealtime",
  restrictSuidSgid: "RestrictSUIDSGID",
};

function booleans(r: Reader): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const field in BOOLEANS) flags[field] = r.bool(BOOLEANS[field]!);
  // PrivateMounts=: a boolean before 254, then a tristate whose unset value reads as true offline.
  flags.privateMounts =
    r.options.version >= PRIVATE_MOUNTS_TRISTATE_SINCE ? r.fold<boolean>("PrivateMounts", true, (v) => (v === "" ? null : (parseBoolean(v) ?? undefined))) : r.bool("PrivateMounts");
  // Delegate=: a boolean, or controllers (even unknown ones), or empty: all mean "yes" but "no".
  flags.delegate = r.fold("Delegate", false, (v) => (v === "" ? true : (parseBoolean(v) ?? true)));
  const families = restrictedFamilies(r);
  flags.restrictAddressFamilyInet = families.inet;
  flags.restrictAddressFamilyUnix = families.unix;
  flags.restrictAddressFamilyNetlink = families.netlink;
  flags.restrictAddressFamilyPacket = families.packet;
  flags.restrictAddressFamilyOther = families.other;
  return flags;
}

/** Reads what `systemd-analyze security` assesses from a loaded unit. */
export function securityInfo(unit: Unit, options: InfoOptions): SecurityInfo {
  const r = new Reader(unit, options);
  const flags = booleans(r);
  let user = r.fold<string | null>("User", null, (v) => (v === "" ? null : r.specifiers(v)));
  const dynamicUser = r.bool("DynamicUser");
  let protectHome = r.boolOrWord("ProtectHome");
  let protectSystem = r.boolOrWord("ProtectSystem");
  let capabilityBoundingSet = capabilitySet(r.values("CapabilityBoundingSet"), ALL_CAPABILITIES);
  const rootImage = r.path("RootImage");
  let devicePolicy = r.oneOf("DevicePolicy", "auto");
  let deviceAllow = deviceAllowCount(r);

  // unit_patch_contexts()
  if (dynamicUser) {
    user ??= unit.unitName?.stem.split("@")[0] ?? unit.name; // systemd makes a non-root name from the unit's
    flags.privateTmp = true;
    flags.removeIpc = true;
    protectSystem = "strict";
    if (protectHome === "no") protectHome = "read-only";
    flags.noNewPrivileges = true;
    flags.restrictSuidSgid = true;
  }
  if (flags.privateDevices) capabilityBoundingSet &= ~capabilityMask(["CAP_MKNOD", "CAP_SYS_RAWIO"]);
  if (flags.protectKernelModules) capabilityBoundingSet &= ~capabilityMask(["CAP_SYS_MODULE"]);
  if (flags.protectKernelLogs) capabilityBoundingSet &= ~capabilityMask(["CAP_SYSLOG"]);
  if (flags.protectClock) capabilityBoundingSet &= ~capabilityMask(["CAP_SYS_TIME", "CAP_WAKE_ALARM"]);
  if (flags.privateDevices && devicePolicy === "auto") devicePolicy = "closed";
  // RootImage=/MountImages= allow the loop and device-mapper devices, ProtectClock= the RTC.
  if ((rootImage !== null || r.list("MountImages").length > 0) && (devicePolicy !== "auto" || deviceAllow > 0)) deviceAllow++;
  if (flags.protectClock) deviceAllow++;

  const userUnit = unit.scope === "user";
  const honestUser = userUnit && options.mode === "honest";
  if (honestUser && options.version >= USER_SANDBOX_IMPLIES_PRIVATE_USERS && impliesUserNamespace(r, flags, protectHome, protectSystem)) flags.privateUsers = true;
  // Main after 261 never counts a user unit as privileged; honest scoring runs it as the manager's user.
  const unprivilegedScope = honestUser ? unit.owner !== "root" : userUnit && options.version >= USER_SCOPE_UNPRIVILEGED_SINCE;
  if (honestUser) user = unit.owner === "root" ? "root" : unit.owner;
  // security_info_runs_privileged()
  const privileged = !unprivilegedScope && (user === "root" || user === "0" || (!dynamicUser && (user === null || user === "")));
  const deny = ipPrefixes(r.values("IPAddressDeny"), options.version);
  const allow = ipPrefixes(r.values("IPAddressAllow"), options.version);

  return {
    defaultDependencies: r.fold("DefaultDependencies", true, (v) => parseBoolean(v) ?? undefined, "Unit"),
    user,
    dynamicUser,
    supplementaryGroups: r.list("SupplementaryGroups", true),
    privileged,
    unprivilegedScope,
    removeIpcApplies: !privileged && !(userUnit && (honestUser || options.version >= USER_SCOPE_UNPRIVILEGED_SINCE)),
    flags,
    protectHome,
    protectSystem,
    rootDirectory: r.path("RootDirectory"),
    rootImage,
    capabilityBoundingSet,
    ambientCapabilities: capabilitySet(r.values("AmbientCapabilities"), 0n),
    umask: r.fold("UMask", 0o022, (v) => (/^[0-7]+$/.test(v) && parseInt(v, 8) <= 0o7777 ? parseInt(v, 8) : undefined)),
    // KeyringMode= defaults to private for system services, inherit for everything else.
    keyringMode: r.oneOf("KeyringMode", unit.type === "service" && !userUnit ? "private" : "inherit"),
    protectProc: r.oneOf("ProtectProc", "default"),
    procSubset: r.oneOf("ProcSubset", "all"),
    notifyAccess: unit.type === "service" ? r.oneOf("NotifyAccess", "none") : "none",
    namespaces: namespaces(r),
    syscallArchitectures: architectures(r),
    syscallFilter: syscallFilter(r.values("SystemCallFilter"), options.version),
    ipDenyAll: deny.some((p) => p.family === 4 && p.prefix === 0) && deny.some((p) => p.family === 6 && p.prefix === 0),
    ipAllowLocalhost: allow.some((p) => p.localhost),
    ipAllowOther: allow.some((p) => !p.localhost),
    ipCustomFilters: r.list("IPIngressFilterPath").some((p) => p.startsWith("/")) || r.list("IPEgressFilterPath").some((p) => p.startsWith("/")),
    devicePolicy,
    deviceAllowNonEmpty: deviceAllow > 0,
  };
}
