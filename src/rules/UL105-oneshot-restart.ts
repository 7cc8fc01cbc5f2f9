import { restartPolicy } from "../model/restart-policy.js";
import { serviceType } from "../model/service.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL105",
  name: "oneshot-restart",
  severity: "error",
  phase: "unit",
  types: ["service"],
  docs: {
    summary: "A `Type=oneshot` service with `Restart=always` or `Restart=on-success` (before systemd 244: any Restart= other than no).",
    rationale:
      "systemd refuses to load such a unit: \"Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing.\" (service.c service_verify(); seen on a real systemd 252). on-failure, on-abnormal, on-watchdog and on-abort are allowed for oneshot since 244; before that any value but no was refused (systemd-facts §3). A oneshot that should run again periodically wants a timer instead.",
    bad: "[Service]\nType=oneshot\nExecStart=/usr/local/bin/sync-once\nRestart=always\n",
    good: "[Service]\nType=oneshot\nExecStart=/usr/local/bin/sync-once\n",
    seeAlso: ["systemd.service(5): Type=oneshot, Restart=", "systemd-facts §3"],
  },
  check({ unit, settings, report }) {
    if (serviceType(unit).value !== "oneshot") return;
    const restart = restartPolicy(unit, settings).restart;
    if (!restart.from || restart.value === "no") return;
    const refused = settings.systemdVersion < 244 || restart.value === "always" || restart.value === "on-success";
    if (!refused) return;
    const why =
      restart.value === "always" || restart.value === "on-success"
        ? "systemd refuses to load a Type=oneshot service with Restart=always or on-success"
        : `systemd ${settings.systemdVersion} refuses any Restart= but no for Type=oneshot (on-failure is allowed from 244 on)`;
    report({ file: restart.from.file, span: restart.from.entry.range, message: `Restart=${restart.value}: ${why}; use a timer to run it again` });
  },
};
export default rule;
