import { NEEDS_USER_NAMESPACE, SYSTEM_ONLY_SETTINGS } from "../model/user-manager.js";
import type { Rule } from "./types.js";

/** Values that switch a sandboxing setting off, which needs no namespace. */
const OFF = new Set(["", "no", "false", "0", "off", "n", "f"]);

const rule: Rule = {
  id: "UL206",
  name: "user-unit-system-only-setting",
  severity: "warning",
  phase: "unit",
  scopes: ["user"],
  docs: {
    summary: "Settings in a user unit that the user manager ignores (system-only ones such as PAMName=, ProtectProc=, RemoveIPC=) or can apply only through an unprivileged user namespace (ProtectSystem=, PrivateTmp=, capabilities, …).",
    rationale:
      "systemd.exec(5) marks some settings as available to system services only: a user manager does not apply them, so the protection or behaviour they promise is not there. Most sandboxing settings work in user units only inside a user namespace: since systemd 254 they turn on PrivateUsers=yes by themselves, and before 251 they did not work at all. Where unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0 on Debian and Ubuntu, some hardened kernels) such a service fails to start (systemd-facts §5).",
    bad: "[Service]\nExecStart=/usr/local/bin/node\nProtectProc=invisible\n",
    good: "[Service]\nExecStart=/usr/local/bin/node\n",
    seeAlso: ["systemd.exec(5): the \"only available for system services\" notes", "systemd-facts §5: Sandboxing in user units"],
  },
  check({ unit, settings, report }) {
    for (const file of unit.files()) {
      for (const section of file.ast.sections) {
        if (section.name !== "Service") continue;
        for (const entry of section.entries) {
          if (SYSTEM_ONLY_SETTINGS.has(entry.key)) {
            report({
              file,
              span: entry.range,
              message: `${entry.key}= is only available to system services: a user's service manager does not apply it`,
            });
          } else if (NEEDS_USER_NAMESPACE.has(entry.key) && !OFF.has(entry.value.toLowerCase())) {
            const how =
              settings.systemdVersion >= 254
                ? "systemd turns on PrivateUsers=yes for it"
                : settings.systemdVersion >= 251
                  ? "it needs PrivateUsers=yes"
                  : `systemd ${settings.systemdVersion} does not support it in user units at all`;
            report({
              file,
              span: entry.range,
              message: `${entry.key}= in a user unit works only in an unprivileged user namespace (${how}): where those are disabled (kernel.unprivileged_userns_clone=0, hardened kernels) the service fails to start`,
            });
          }
        }
      }
    }
  },
};
export default rule;
