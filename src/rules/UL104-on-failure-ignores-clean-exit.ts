import { insertLineAfter, replaceValue } from "../fixers/edits.js";
import { restartPolicy } from "../model/restart-policy.js";
import { LONG_RUNNING_TYPES, serviceType } from "../model/service.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL104",
  name: "on-failure-ignores-clean-exit",
  severity: "warning",
  fixable: ["unsafe"],
  phase: "unit",
  types: ["service"],
  docs: {
    summary: "A long-running service with `Restart=on-failure`, which stays down after a clean exit: exit 0, or SIGTERM, SIGINT, SIGHUP or SIGPIPE from anyone.",
    rationale:
      "For every type but oneshot, systemd counts death by SIGTERM, SIGINT, SIGHUP or SIGPIPE as a clean exit, like exit 0, and Restart=on-failure only restarts unclean ones. So a `kill` from an operator, a script or an orchestrator, or a daemon that exits 0 on a lost connection, leaves the service down for good (an LLM proxy stayed down a day after one SIGTERM). Shown on a real systemd 252: on-failure + SIGTERM → not restarted; + SIGKILL, SIGABRT, exit 1 or exit 78 → restarted (systemd-facts §2, real-systemd.md). `systemctl stop` is never undone by any Restart= value, so Restart=always is safe to use; pair it with RestartPreventExitStatus= for exit codes that mean \"do not retry\", such as 78 (EX_CONFIG: restarting cannot fix a configuration error).",
    bad: "[Service]\nExecStart=/usr/local/bin/llm-proxy\nRestart=on-failure\nRestartSec=5s\n",
    good: "[Unit]\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify-admin@%n.service\n\n[Service]\nExecStart=/usr/local/bin/llm-proxy\nRestart=always\nRestartPreventExitStatus=78\nRestartSec=5s\n",
    fixSafety:
      "Unsafe: Restart=always also restarts a service that exits 0 on purpose (e.g. a daemon with an idle timeout), which changes what it does.",
    seeAlso: ["systemd.service(5): Restart= (the table of exit causes)", "systemd-facts §2: What counts as a clean exit"],
  },
  check({ unit, settings, report }) {
    const restart = restartPolicy(unit, settings).restart.from;
    if (!restart || restart.entry.value !== "on-failure") return;
    const type = serviceType(unit);
    if (!LONG_RUNNING_TYPES.has(type.value)) return;
    const ast = restart.file.ast;
    const edits = [replaceValue(restart.entry, "always")];
    if (unit.list("Service", "RestartPreventExitStatus").length === 0) edits.push(insertLineAfter(ast, restart.entry, "RestartPreventExitStatus=78"));
    report({
      file: restart.file,
      span: restart.entry.range,
      message: `Restart=on-failure leaves this Type=${type.value} service down after exit 0 or SIGTERM, SIGINT, SIGHUP or SIGPIPE from anyone (e.g. kill); it restarts only after a non-zero exit, another signal (SIGKILL, SIGABRT, a core dump), a timeout or the watchdog; to keep it up use Restart=always with RestartPreventExitStatus= for codes that mean "do not retry" (e.g. 78)`,
      fix: { title: "Use Restart=always with RestartPreventExitStatus=78", applicability: "unsafe", edits },
    });
  },
};
export default rule;
