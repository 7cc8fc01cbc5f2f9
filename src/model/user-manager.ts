/**
 * What the per-user service manager has and has not (systemd-facts §5;
 * systemd.special(7); units/user/ in systemd's source).
 */
import type { Assignment, Unit } from "./unit.js";

/** Targets and units that exist only in the system manager: a user unit that names them names nothing. */
export const SYSTEM_ONLY_UNITS: ReadonlySet<string> = new Set([
  "multi-user.target",
  "graphical.target",
  "network.target",
  "network-online.target",
  "network-pre.target",
  "sysinit.target",
  "local-fs.target",
  "local-fs-pre.target",
  "remote-fs.target",
  "remote-fs-pre.target",
  "nss-lookup.target",
  "nss-user-lookup.target",
  "time-sync.target",
  "time-set.target",
  "getty.target",
  "rescue.target",
  "emergency.target",
  "cryptsetup.target",
  "swap.target",
  "systemd-networkd-wait-online.service",
  "NetworkManager-wait-online.service",
  "systemd-resolved.service",
  "dbus.service",
]);

/** Identity settings a user manager cannot apply: it runs unprivileged and cannot switch users (UL204). */
export const USER_IDENTITY_SETTINGS = ["User", "Group", "DynamicUser"] as const;

/**
 * The other settings documented as "only available for system services" (systemd.exec(5)
 * includes; systemd-facts §5 "system-only"): a user manager does not apply them.
 */
export const SYSTEM_ONLY_SETTINGS: ReadonlySet<string> = new Set([
  "SupplementaryGroups",
  "SetLoginEnvironment",
  "PAMName",
  "RootImageOptions",
  "RootEphemeral",
  "ProtectProc",
  "AppArmorProfile",
  "SmackProcessLabel",
  "ProtectControlGroups",
  "RemoveIPC",
  "LogNamespace",
  "UserNamespacePath",
  "NFTSet",
]);

/**
 * Settings that work in a user unit only through an unprivileged user namespace: "only for system
 * services, or for per-user instances in which case PrivateUsers= is implicitly enabled"
 * (systemd-facts §5 "system-or-user-ns").
 */
export const NEEDS_USER_NAMESPACE: ReadonlySet<string> = new Set([
  "RootDirectory",
  "ExtensionDirectories",
  "ProtectHome",
  "ProtectSystem",
  "ReadWritePaths",
  "ReadOnlyPaths",
  "InaccessiblePaths",
  "ExecPaths",
  "NoExecPaths",
  "TemporaryFileSystem",
  "BindPaths",
  "BindReadOnlyPaths",
  "PrivateTmp",
  "PrivateDevices",
  "PrivateNetwork",
  "NetworkNamespacePath",
  "PrivateIPC",
  "IPCNamespacePath",
  "ProtectHostname",
  "ProtectClock",
  "ProtectKernelTunables",
  "ProtectKernelModules",
  "ProtectKernelLogs",
  "PrivateMounts",
  "MountFlags",
  "CapabilityBoundingSet",
  "AmbientCapabilities",
]);

/** Whether a user's service manager ignores `key` (or fails the service for it) whatever the kernel allows. */
export function userManagerIgnores(key: string): boolean {
  return SYSTEM_ONLY_SETTINGS.has(key) || (USER_IDENTITY_SETTINGS as readonly string[]).includes(key);
}

/** The target a user unit should use instead, where there is one. */
export const USER_REPLACEMENT: Readonly<Record<string, string>> = {
  "multi-user.target": "default.target",
  "graphical.target": "graphical-session.target",
};

/** `WantedBy=` targets that make a user unit start with the user manager itself, not with a session. */
export const STARTS_WITH_MANAGER: ReadonlySet<string> = new Set(["default.target", "basic.target", "sockets.target", "timers.target", "paths.target"]);

/** The [Install] WantedBy=/RequiredBy= targets of a unit (effective lists, items split on whitespace). */
export function installTargets(unit: Unit): ReadonlyArray<{ target: string; key: string; assignment: Assignment }> {
  // Read by three rules for every unit: computed once.
  return unit.memo(installTargets, null, () => {
    const out: Array<{ target: string; key: string; assignment: Assignment }> = [];
    for (const key of ["WantedBy", "RequiredBy", "UpheldBy"]) {
      for (const assignment of unit.list("Install", key)) {
        for (const target of assignment.entry.value.split(/\s+/)) if (target !== "") out.push({ target, key, assignment });
      }
    }
    return out;
  });
}
