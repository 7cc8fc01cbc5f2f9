/**
 * What `unitlint harden`'s baseline profile (templates/hardened.json), and so UL403's unsafe
 * fix, adds to the [Service] section of a plain system service for systemd 252, in order. Tests
 * of harden, --fix, --diff, SARIF fixes and custom-rule fixes all expect exactly these lines.
 */
export const BASELINE_252: readonly string[] = [
  "NoNewPrivileges=yes",
  "PrivateTmp=yes",
  "PrivateDevices=yes",
  "ProtectSystem=full",
  "ProtectHome=read-only",
  "ProtectKernelTunables=yes",
  "ProtectKernelModules=yes",
  "ProtectKernelLogs=yes",
  "ProtectControlGroups=yes",
  "ProtectClock=yes",
  "ProtectHostname=yes",
  "RestrictSUIDSGID=yes",
  "LockPersonality=yes",
  "RestrictRealtime=yes",
  "RestrictNamespaces=yes",
  "SystemCallArchitectures=native",
  "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
  "UMask=0077",
  "MemoryDenyWriteExecute=yes",
];

/** The baseline lines as they appear in a unit file: each ending in a newline. */
export const BASELINE_252_TEXT = BASELINE_252.map((line) => `${line}\n`).join("");
