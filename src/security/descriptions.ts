/**
 * What each check means, in unitlint's words: the thing the service can do while the check fails
 * ("may …") and cannot do once it passes ("cannot …"). Checks with more than two outcomes describe
 * the outcome themselves (checks.ts `detail`).
 */
import type { SecurityCheckRow } from "../data/security.generated.js";
import type { RowResult } from "./score.js";

const CAN: Readonly<Record<string, string>> = {
  SupplementaryGroups: "use the rights of supplementary groups",
  PrivateDevices: "reach the host's hardware devices",
  PrivateMounts: "change the host's mount table",
  PrivateNetwork: "reach the host's network",
  PrivateTmp: "see other services' temporary files",
  PrivateUsers: "see the host's other users",
  ProtectControlGroups: "write to the control group file system",
  ProtectKernelModules: "load kernel modules",
  ProtectKernelTunables: "change kernel tunables (/proc/sys, /sys)",
  ProtectKernelLogs: "read and write the kernel log",
  ProtectClock: "set the system and hardware clocks",
  ProtectHostname: "change the host name",
  RootDirectoryOrRootImage: "see the host's whole file system (no RootDirectory=/RootImage=)",
  LockPersonality: "switch to another execution domain (personality)",
  MemoryDenyWriteExecute: "map memory both writable and executable",
  NoNewPrivileges: "gain privileges through setuid programs or file capabilities",
  CapabilityBoundingSet_CAP_SYS_ADMIN: "use CAP_SYS_ADMIN (near-root administration)",
  CapabilityBoundingSet_CAP_SET_UID_GID_PCAP: "change its user, group or capabilities",
  CapabilityBoundingSet_CAP_SYS_PTRACE: "trace and inspect other processes",
  CapabilityBoundingSet_CAP_SYS_TIME: "set the system clock",
  CapabilityBoundingSet_CAP_NET_ADMIN: "reconfigure the network",
  CapabilityBoundingSet_CAP_SYS_RAWIO: "do raw I/O to devices and ports",
  CapabilityBoundingSet_CAP_SYS_MODULE: "load kernel modules (CAP_SYS_MODULE)",
  CapabilityBoundingSet_CAP_AUDIT: "use the audit subsystem",
  CapabilityBoundingSet_CAP_SYSLOG: "use privileged kernel log operations",
  CapabilityBoundingSet_CAP_SYS_NICE_RESOURCE: "raise priorities and exceed resource limits",
  CapabilityBoundingSet_CAP_MKNOD: "create device nodes",
  CapabilityBoundingSet_CAP_CHOWN_FSETID_SETFCAP: "change file owners, setuid bits and file capabilities",
  CapabilityBoundingSet_CAP_DAC_FOWNER_IPC_OWNER: "bypass file and IPC permission checks",
  CapabilityBoundingSet_CAP_KILL: "signal any process",
  "CapabilityBoundingSet_CAP_NET_BIND_SERVICE_BROADCAST_RAW)": "bind low ports, broadcast and use raw sockets",
  CapabilityBoundingSet_CAP_SYS_BOOT: "reboot the machine",
  CapabilityBoundingSet_CAP_MAC: "override or configure mandatory access control",
  CapabilityBoundingSet_CAP_LINUX_IMMUTABLE: "set immutable and append-only file flags",
  CapabilityBoundingSet_CAP_IPC_LOCK: "lock memory",
  CapabilityBoundingSet_CAP_SYS_CHROOT: "call chroot()",
  CapabilityBoundingSet_CAP_BLOCK_SUSPEND: "block system suspend",
  CapabilityBoundingSet_CAP_WAKE_ALARM: "set timers that wake the system",
  CapabilityBoundingSet_CAP_LEASE: "take leases on other users' files",
  CapabilityBoundingSet_CAP_SYS_TTY_CONFIG: "configure terminals (vhangup())",
  CapabilityBoundingSet_CAP_SYS_PACCT: "switch process accounting (acct())",
  CapabilityBoundingSet_CAP_BPF: "load BPF programs",
  UMask: "create files others can read",
  KeyringMode: "share its kernel keyring with other services",
  ProtectProc: "see every process in /proc",
  ProcSubset: "see all of /proc, not only the process directories",
  NotifyAccess: "let any of its processes report the service's state",
  RemoveIPC: "leave System V IPC objects behind",
  Delegate: "manage its own control group subtree",
  RestrictRealtime: "take realtime scheduling",
  RestrictSUIDSGID: "create setuid and setgid files",
  RestrictNamespaces_user: "create user namespaces",
  RestrictNamespaces_mnt: "create mount namespaces",
  RestrictNamespaces_ipc: "create IPC namespaces",
  RestrictNamespaces_pid: "create PID namespaces",
  RestrictNamespaces_cgroup: "create cgroup namespaces",
  RestrictNamespaces_net: "create network namespaces",
  RestrictNamespaces_uts: "create host name namespaces",
  RestrictAddressFamilies_AF_INET_INET6: "open Internet sockets",
  RestrictAddressFamilies_AF_UNIX: "open local (AF_UNIX) sockets",
  RestrictAddressFamilies_AF_NETLINK: "open netlink sockets",
  RestrictAddressFamilies_AF_PACKET: "open packet sockets",
  RestrictAddressFamilies_OTHER: "open sockets of other, rarer families",
  AmbientCapabilities: "start with ambient capabilities",
};

/** The description of a row's outcome, for the table. */
export function describe(result: RowResult): string {
  if (result.detail) return result.detail;
  return `${result.badness === 0 ? "cannot" : "may"} ${canDo(result.row)}`;
}

/** What a check guards against, as "may …" completes it. */
export function canDo(row: SecurityCheckRow): string {
  return CAN[row.jsonField] ?? row.id;
}
