import { lastKept } from "../model/kept.js";
import { TYPE_SECTION } from "../model/unit-name.js";
import type { Rule } from "./types.js";

/** systemd's build-time name of the overflow user (NOBODY_USER_NAME; "nobody" on every distribution). */
const NOBODY = "nobody";

/** systemd logs its notice about User=nobody from this release on (systemd-facts §10). */
const NOTICE_SINCE = 246;

const rule: Rule = {
  id: "UL404",
  name: "nobody-user",
  severity: "warning",
  phase: "unit",
  types: ["service", "socket", "mount", "swap"],
  scopes: ["system"],
  docs: {
    summary: "A unit that runs as `User=nobody`, the user the kernel and NFS map unknown users to, shared by every other service written the same way.",
    rationale:
      "\"nobody\" is the overflow user: files of unmapped users on NFS and in user namespaces belong to it, and every service that also runs as nobody can signal the others' processes and reach what they write, so one compromised service reaches them all. systemd 246 and later say so on every load (\"Special user nobody configured, this is not safe!\", systemd-facts §10), and `systemd-analyze security` still scores the identity as nearly as exposed as root (9 of 10). `DynamicUser=yes` gives the service a user of its own that exists only while it runs (with `StateDirectory=` for what it keeps); a system user of its own (`useradd --system`, or sysusers.d) does the same for services that need a fixed one. The user a drop-in sets last is the one judged, as systemd keeps it; user managers cannot change users at all (UL204).",
    bad: "[Service]\nExecStart=/usr/local/bin/exporter\nUser=nobody\n",
    good: "[Service]\nExecStart=/usr/local/bin/exporter\nDynamicUser=yes\n",
    seeAlso: ["systemd.exec(5): User=, DynamicUser=", "sysusers.d(5)", "systemd-facts §10, §12"],
  },
  check({ unit, settings, report }) {
    const section = unit.type ? TYPE_SECTION[unit.type] : null;
    if (!section) return;
    const user = lastKept(unit, section, "User");
    if (user?.entry.value !== NOBODY) return;
    const notice = settings.systemdVersion >= NOTICE_SINCE ? ' (systemd warns on every load: "Special user nobody configured, this is not safe!")' : "";
    report({
      file: user.file,
      span: user.entry.range,
      message: `User=nobody${notice}: it is the user NFS and user namespaces map unknown users to, shared with every other service that runs as nobody, so one compromised service reaches the others; use DynamicUser=yes or a system user of its own`,
    });
  },
};
export default rule;
