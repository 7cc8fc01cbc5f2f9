import { removeNode } from "../fixers/edits.js";
import { parseBoolean } from "../model/service.js";
import { USER_IDENTITY_SETTINGS } from "../model/user-manager.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL204",
  name: "user-unit-identity",
  severity: "error",
  fixable: ["safe"],
  phase: "unit",
  scopes: ["user"],
  docs: {
    summary: "`User=`, `Group=` or `DynamicUser=yes` in a unit of a user's service manager.",
    rationale:
      "A user's service manager runs unprivileged and cannot switch identity: systemd.exec(5) marks the whole User/Group section as system-only. On a real unprivileged systemd 252 user manager, User= (even naming the user itself) and Group= naming another group make the service fail with status 216/GROUP (\"Operation not permitted\"), and DynamicUser=yes with 217/USER, while `systemctl --user start` of a simple service still returns 0 (test/system/user-manager.test.ts; systemd-facts §5). Group= naming the user's own primary group happens to work, so Group= equal to the user's name (a user private group) is not reported. A unit that needs another identity belongs in the system manager. root's own user manager can switch users and is not reported.",
    bad: "[Service]\nExecStart=/usr/local/bin/node\nUser=root\n",
    good: "[Service]\nExecStart=/usr/local/bin/node\n",
    fixSafety: "Safe: the service cannot start with the line; without it, it runs as the user whose manager runs it, which is the only identity it could have had.",
    seeAlso: ["systemd.exec(5): User=, Group=, DynamicUser= (\"only available for system services\")", "systemd-facts §5"],
  },
  check({ unit, report }) {
    if (unit.owner === "root") return;
    for (const key of USER_IDENTITY_SETTINGS) {
      for (const a of unit.assignments("Service", key)) {
        if (a.entry.value === "" || (key === "DynamicUser" && parseBoolean(a.entry.value) !== true)) continue;
        // The user's own primary group is the one Group= a user manager can "switch" to.
        if (key === "Group" && a.entry.value === unit.owner) continue;
        const status = key === "DynamicUser" ? '217/USER ("Permission denied")' : '216/GROUP ("Operation not permitted")';
        report({
          file: a.file,
          span: a.entry.range,
          message: `${key}=${a.entry.value} in a user unit: a user's service manager cannot switch identity, so the service fails with status ${status}; remove it, or make this a system unit`,
          fix: { title: `Remove ${key}= (a user manager cannot switch identity: the service would fail with ${status.split(" ")[0]})`, applicability: "safe", edits: [removeNode(a.file.ast, a.entry)] },
        });
      }
    }
  },
};
export default rule;
