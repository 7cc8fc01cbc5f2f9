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
