import type { TextEdit } from "../fixers/types.js";
import { installTargets, SYSTEM_ONLY_UNITS, USER_REPLACEMENT } from "../model/user-manager.js";
import type { Rule } from "./types.js";

const DEPENDENCIES = ["After", "Wants", "Requires", "BindsTo", "PartOf", "Requisite"] as const;

const rule: Rule = {
  id: "UL205",
  name: "user-unit-system-target",
  severity: "error",
  fixable: ["safe"],
  phase: "unit",
  scopes: ["user"],
  docs: {
    summary: "A user unit that names units only the system manager has: `WantedBy=multi-user.target` (it never starts), or `After=`/`Wants=` on `network-online.target` and friends (no-ops).",
    rationale:
      "The user manager has no multi-user.target, graphical.target, network.target or network-online.target (systemd-facts §5, §11). `systemctl --user enable` of a unit with WantedBy=multi-user.target exits 0 with a warning and links it into multi-user.target.wants/, which nothing ever starts: no default.target.wants/ link, and the unit never starts at login (seen on a real systemd 252, test/system/user-manager.test.ts). After=/Wants= on system targets are silently no-ops: the service may start before the network is up. WantedBy=multi-user.target is an error with a safe fix to default.target; the dependency case is a warning.",
    bad: "[Service]\nExecStart=/usr/local/bin/node\n\n[Install]\nWantedBy=multi-user.target\n",
    good: "[Service]\nExecStart=/usr/local/bin/node\n\n[Install]\nWantedBy=default.target\n",
    fixSafety: "Safe: the unit is never started through multi-user.target in a user manager; default.target is where systemd.special(7) says user units that start with the manager belong.",
    seeAlso: ["systemd.special(7): default.target in the user manager", "systemd-facts §5, §11"],
  },
  check({ unit, report }) {
    for (const { target, key, assignment } of installTargets(unit)) {
      if (!SYSTEM_ONLY_UNITS.has(target)) continue;
      const instead = USER_REPLACEMENT[target];
      const { entry, file } = assignment;
      const at = entry.value.indexOf(target);
      const oneLine = entry.valueRange.line === entry.valueRange.endLine && at >= 0;
      const edit: TextEdit | null = instead && oneLine ? { start: entry.valueRange.start + at, end: entry.valueRange.start + at + target.length, text: instead } : null;
      report({
        file,
        span: entry.range,
        message: `${key}=${target} in a user unit: the user manager has no ${target}, so enabling it links it into ${target}.${key === "WantedBy" ? "wants" : key === "RequiredBy" ? "requires" : "upholds"}/ of a target that never starts, and the unit never starts${instead ? `; use ${key}=${instead}` : ""}`,
        ...(edit ? { fix: { title: `Use ${instead}`, applicability: "safe" as const, edits: [edit] } } : {}),
      });
    }
    for (const key of DEPENDENCIES) {
      for (const a of unit.list("Unit", key)) {
        for (const name of a.entry.value.split(/\s+/).filter((n) => SYSTEM_ONLY_UNITS.has(n))) {
          report({
            file: a.file,
            span: a.entry.range,
            severity: "warning",
            message: `${key}=${name} in a user unit does nothing: the user manager has no ${name}${name.startsWith("network") ? ", so the service may start before the network is up" : ""}`,
          });
        }
      }
    }
  },
};
export default rule;
