/**
 * Generated units for the security oracle: each check of systemd-analyze security driven through
 * its cases (on, off, invalid and empty values, the merge rules of lists and masks, and what
 * systemd patches in at load time), one unit per case. The expected result is whatever systemd 252
 * prints; test/oracle/security.test.ts compares.
 */

export interface SecurityCase {
  /** File name under etc/systemd/system/ (or etc/systemd/user/ for user cases). */
  name: string;
  text: string;
  /** Drop-ins: file name under `<name>.d/` → text. */
  dropins?: Record<string, string>;
}

const BOOLEANS = [
  "PrivateDevices", "PrivateMounts", "PrivateNetwork", "PrivateTmp", "PrivateUsers", "ProtectControlGroups",
  "ProtectKernelModules", "ProtectKernelTunables", "ProtectKernelLogs", "ProtectClock", "ProtectHostname",
  "LockPersonality", "MemoryDenyWriteExecute", "NoNewPrivileges", "RestrictRealtime", "RestrictSUIDSGID",
];

const GROUPS = ["@swap", "@obsolete", "@clock", "@cpu-emulation", "@debug", "@mount", "@module", "@raw-io", "@reboot", "@privileged", "@resources"];

/** Service settings, one case each (lines joined with \n). */
const SERVICE: string[] = [
  "",
  // User=, DynamicUser=, SupplementaryGroups=, RemoveIPC=
  "User=root", "User=0", "User=nobody", "User=65534", "User=alice", "User=alice\nUser=", "User=alice\nRemoveIPC=yes",
  "User=alice\nSupplementaryGroups=wheel", "User=alice\nSupplementaryGroups=wheel\nSupplementaryGroups=",
  "SupplementaryGroups=wheel", "DynamicUser=yes", "DynamicUser=yes\nUser=root", "DynamicUser=yes\nProtectHome=tmpfs",
  "DynamicUser=yes\nPrivateTmp=no\nProtectSystem=no", "DynamicUser=no\nUser=alice", "RemoveIPC=yes",
  // booleans: on, off, invalid after on, other spellings
  ...BOOLEANS.flatMap((k) => [`${k}=yes`, `${k}=yes\n${k}=no`, `${k}=yes\n${k}=maybe`, `${k}=on`, `${k}=yes\n${k}=`]),
  "PrivateTmp=disconnected", "PrivateUsers=self", "ProtectControlGroups=private", "ProtectHostname=private",
  // ProtectHome=, ProtectSystem=
  ...["yes", "no", "read-only", "tmpfs", "true", "bogus"].map((v) => `ProtectHome=${v}`),
  ...["yes", "no", "full", "strict", "1", "bogus"].map((v) => `ProtectSystem=${v}`),
  "ProtectSystem=strict\nProtectSystem=", "ProtectHome=yes\nProtectHome=",
  // RootDirectory=, RootImage=
  "RootDirectory=/srv/root", "RootDirectory=/", "RootDirectory=//", "RootDirectory=/srv\nRootDirectory=", "RootImage=/srv/image.raw",
  // capabilities
  "CapabilityBoundingSet=", "CapabilityBoundingSet=~", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
  "CapabilityBoundingSet=~CAP_SYS_ADMIN CAP_SYS_PTRACE", "CapabilityBoundingSet=~CAP_SYS_ADMIN\nCapabilityBoundingSet=CAP_SYS_ADMIN",
  "CapabilityBoundingSet=CAP_KILL\nCapabilityBoundingSet=CAP_SYS_TIME", "CapabilityBoundingSet=CAP_KILL\nCapabilityBoundingSet=~CAP_KILL",
  "CapabilityBoundingSet=cap_chown cap_fsetid", "CapabilityBoundingSet=~21", "CapabilityBoundingSet=CAP_BOGUS",
  // Numbers are read with base 0 (safe_atoi()): 0x15 and 025 are 21, CAP_SYS_ADMIN; 64 and above name nothing.
  "CapabilityBoundingSet=0x15", "CapabilityBoundingSet=~025 +19", "CapabilityBoundingSet=~64 -0",
  "CapabilityBoundingSet=~CAP_BOGUS", "CapabilityBoundingSet=kill", "CapabilityBoundingSet=~CAP_AUDIT_READ",
  "CapabilityBoundingSet=~CAP_SETUID CAP_SETGID CAP_SETPCAP CAP_MAC_ADMIN CAP_MAC_OVERRIDE CAP_BPF",
  "AmbientCapabilities=CAP_NET_BIND_SERVICE", "AmbientCapabilities=CAP_KILL\nAmbientCapabilities=", "AmbientCapabilities=~CAP_KILL",
  "AmbientCapabilities=CAP_BOGUS",
  // UMask=, KeyringMode=, ProtectProc=, ProcSubset=, NotifyAccess=, Delegate=
  ...["0000", "0002", "0007", "0022", "0026", "0027", "0077", "077", "bogus"].map((v) => `UMask=${v}`),
  ...["inherit", "private", "shared", "bogus"].map((v) => `KeyringMode=${v}`),
  ...["noaccess", "invisible", "ptraceable", "default", "bogus"].map((v) => `ProtectProc=${v}`),
  "ProcSubset=pid", "ProcSubset=all", "ProcSubset=pid\nProcSubset=",
  "NotifyAccess=all", "NotifyAccess=main", "NotifyAccess=all\nNotifyAccess=none", "Type=notify", "Type=notify\nNotifyAccess=all", "Type=oneshot",
  "Delegate=yes", "Delegate=no", "Delegate=", "Delegate=cpu memory", "Delegate=bogus", "Delegate=yes\nDelegate=no",
  // RestrictNamespaces=
  ...["yes", "no", "user", "~user", "~user net", "cgroup ipc net mnt pid user uts", "time", "~", "bogus", "user bogus"].map((v) => `RestrictNamespaces=${v}`),
  "RestrictNamespaces=user\nRestrictNamespaces=~user", "RestrictNamespaces=~user\nRestrictNamespaces=net", "RestrictNamespaces=yes\nRestrictNamespaces=",
  "RestrictNamespaces=no\nRestrictNamespaces=user", "RestrictNamespaces=yes\nRestrictNamespaces=~net",
  // RestrictAddressFamilies=
  ...["none", "AF_UNIX", "AF_INET AF_INET6", "AF_INET", "~AF_INET6", "~AF_UNIX", "~AF_NETLINK", "~AF_PACKET", "~AF_BLUETOOTH", "AF_UNIX AF_BLUETOOTH",
    "AF_BOGUS", "~AF_BOGUS", "~AF_LOCAL", "~AF_ROUTE", "af_unix", "~none", "~", "'AF_UNIX'"].map((v) => `RestrictAddressFamilies=${v}`),
  "RestrictAddressFamilies=none\nRestrictAddressFamilies=~AF_UNIX", "RestrictAddressFamilies=AF_UNIX\nRestrictAddressFamilies=~AF_UNIX",
  "RestrictAddressFamilies=AF_UNIX\nRestrictAddressFamilies=", "RestrictAddressFamilies=~AF_PACKET\nRestrictAddressFamilies=AF_PACKET",
  // An unterminated quote: systemd keeps the words before it.
  'RestrictAddressFamilies=AF_UNIX "AF_INET', 'RestrictAddressFamilies=~AF_PACKET "AF_INET',
  'SystemCallArchitectures=native "x86', "DevicePolicy=strict\nDeviceAllow=/dev/null r w", 'DevicePolicy=strict\nDeviceAllow="/dev/null rw',
  'DevicePolicy=strict\nDeviceAllow="/dev/null" rw',
  // SystemCallArchitectures=
  ...["native", "native native", "native x86", "x86-64", "bogus", "native bogus", "NATIVE"].map((v) => `SystemCallArchitectures=${v}`),
  "SystemCallArchitectures=native\nSystemCallArchitectures=", "SystemCallArchitectures=native\nSystemCallArchitectures=x86",
  // SystemCallFilter=: each group denied and allowed, the usual allow-lists, merges and odd words
  ...GROUPS.flatMap((g) => [`SystemCallFilter=~${g}`, `SystemCallFilter=${g}`]),
  "SystemCallFilter=@system-service", "SystemCallFilter=@system-service\nSystemCallFilter=~@privileged @resources",
  "SystemCallFilter=@system-service @mount", "SystemCallFilter=@file-system", "SystemCallFilter=@default", "SystemCallFilter=@known",
  "SystemCallFilter=~@known", "SystemCallFilter=~@mount:EPERM", "SystemCallFilter=@mount:EPERM", "SystemCallFilter=~@bogus",
  "SystemCallFilter=@bogus", "SystemCallFilter=~@MOUNT", "SystemCallFilter=~", "SystemCallFilter=@system-service\nSystemCallFilter=",
  "SystemCallFilter=~@mount\nSystemCallFilter=mount", "SystemCallFilter=~@clock\nSystemCallFilter=adjtimex",
  "SystemCallFilter=@clock\nSystemCallFilter=~adjtimex clock_adjtime clock_settime settimeofday",
  // the members of a group that exist on x86_64 (denying those is enough) and one short
  "SystemCallFilter=~chroot fsconfig fsmount fsopen fspick mount mount_setattr move_mount open_tree pivot_root umount2",
  "SystemCallFilter=~chroot fsconfig fsmount fsopen fspick mount mount_setattr move_mount pivot_root umount2",
  "SystemCallFilter=~_sysctl afs_syscall create_module get_kernel_syms getpmsg putpmsg query_module security sysfs tuxcall uselib ustat vserver",
  "SystemCallFilter=~modify_ldt", "SystemCallFilter=~ptrace", "SystemCallFilter=~swapon swapoff", "SystemCallFilter=~chown32",
  "SystemCallFilter=~@obsolete @debug\nSystemCallFilter=~@swap", "SystemCallFilter=@basic-io\nSystemCallFilter=@clock",
  "SystemCallFilter=@system-service\nSystemCallFilter=~@privileged\nSystemCallFilter=setuid",
  // IPAddressDeny=, IPAddressAllow=, IP filters
  ...["any", "0.0.0.0/0", "::/0", "0.0.0.0/0 ::/0", "1.2.3.4/0 ::/0", "localhost", "bogus any", "0.0.0.0/0x0 ::/-0", "0.0.0.0/00 ::/0b0"].map((v) => `IPAddressDeny=${v}`),
  ...["localhost", "127.0.0.1", "127.1.2.3/0", "::1", "::1/64", "10.0.0.0/8", "link-local", "multicast", "localhost 10.0.0.1", "bogus", "127.0.0.0/7"].map(
    (v) => `IPAddressDeny=any\nIPAddressAllow=${v}`,
  ),
  "IPAddressDeny=any\nIPAddressDeny=", "IPAddressDeny=any\nIPAddressAllow=10.0.0.1\nIPAddressAllow=",
  "IPIngressFilterPath=/sys/fs/bpf/in", "IPEgressFilterPath=/sys/fs/bpf/out", "IPIngressFilterPath=relative",
  // DevicePolicy=, DeviceAllow= and what PrivateDevices=, ProtectClock= and RootImage= add
  "DevicePolicy=closed", "DevicePolicy=strict", "DevicePolicy=auto", "DevicePolicy=closed\nDevicePolicy=", "DevicePolicy=bogus",
  "DeviceAllow=/dev/null rw", "DevicePolicy=strict\nDeviceAllow=/dev/null rw", "DevicePolicy=strict\nDeviceAllow=char-rtc",
  "DevicePolicy=strict\nDeviceAllow=/bogus rw", "DevicePolicy=strict\nDeviceAllow=/dev/null xyz", "DevicePolicy=strict\nDeviceAllow=/dev/null rw\nDeviceAllow=",
  "PrivateDevices=yes\nProtectClock=yes", "ProtectClock=yes\nDevicePolicy=closed", "RootImage=/srv/image.raw\nPrivateDevices=yes",
  "RootImage=/srv/image.raw\nDeviceAllow=/dev/null", "PrivateDevices=yes\nDevicePolicy=auto", "PrivateDevices=yes\nDeviceAllow=/dev/null r",
  "MountImages=/srv/a.raw:/mnt\nDevicePolicy=closed",
  // a hardened service
  [
    "DynamicUser=yes", "CapabilityBoundingSet=", "PrivateDevices=yes", "PrivateNetwork=yes", "PrivateUsers=yes", "ProtectClock=yes",
    "ProtectControlGroups=yes", "ProtectHome=yes", "ProtectHostname=yes", "ProtectKernelLogs=yes", "ProtectKernelModules=yes",
    "ProtectKernelTunables=yes", "ProtectProc=invisible", "ProcSubset=pid", "LockPersonality=yes", "MemoryDenyWriteExecute=yes",
    "RestrictAddressFamilies=none", "RestrictNamespaces=yes", "RestrictRealtime=yes", "SystemCallArchitectures=native",
    "SystemCallFilter=@system-service", "SystemCallFilter=~@privileged @resources", "IPAddressDeny=any", "UMask=0077", "PrivateMounts=yes",
  ].join("\n"),
];

/** [Unit] settings. */
const UNIT: string[] = ["DefaultDependencies=no", "DefaultDependencies=no\nDefaultDependencies=yes", "DefaultDependencies=bogus"];

const slug = (s: string): string =>
  s
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "plain";

function service(i: number, lines: string, unitLines = ""): SecurityCase {
  const unit = unitLines ? `[Unit]\n${unitLines}\n\n` : "";
  return { name: `c${String(i).padStart(3, "0")}-${slug(unitLines + lines)}.service`, text: `${unit}[Service]\nExecStart=/bin/true\n${lines ? `${lines}\n` : ""}` };
}

export const CASES: SecurityCase[] = [
  ...SERVICE.map((lines, i) => service(i, lines)),
  ...UNIT.map((lines, i) => service(SERVICE.length + i, "", lines)),
  service(900, "PrivateTmp=yes\nProtectHome=yes\nProtectSystem=strict\nRootDirectory=/srv", "DefaultDependencies=no"),
  // drop-ins are merged in, and a template is analysed as instance "i"
  { name: "withdropin.service", text: "[Service]\nExecStart=/bin/true\nPrivateTmp=yes\n", dropins: { "10-more.conf": "[Service]\nPrivateNetwork=yes\nPrivateTmp=no\n" } },
  { name: "tmpl@.service", text: "[Service]\nExecStart=/bin/true\nUser=%i\nRootDirectory=/srv/%i\n" },
  { name: "nobodytmpl@.service", text: "[Service]\nExecStart=/bin/true\nUser=%p\n" },
];

/**
 * User units, as `systemd-analyze security --user` 252 scores them: as root unless User= says
 * otherwise, KeyringMode= inherit by default.
 */
export const USER_CASES: SecurityCase[] = [
  "",
  "User=alice\nSupplementaryGroups=wheel",
  "User=alice\nRemoveIPC=yes",
  "DynamicUser=yes",
  "KeyringMode=private",
  "ProtectProc=invisible\nProtectControlGroups=yes",
  "PrivateUsers=yes\nPrivateTmp=yes\nProtectSystem=strict",
].map((lines, i) => ({ name: `user${i}-${slug(lines)}.service`, text: `[Service]\nExecStart=/bin/true\n${lines ? `${lines}\n` : ""}` }));
