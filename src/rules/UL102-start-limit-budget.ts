import { lastKept } from "../model/kept.js";
import { describeLimit, describeWithin, formatCount, limitDeclared, predictCrashLoop, restartPolicy } from "../model/restart-policy.js";
import { serviceType } from "../model/service.js";
import { formatSeconds } from "../model/timespan.js";
import type { Assignment } from "../model/unit.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL102",
  name: "start-limit-budget",
  severity: "warning",
  phase: "unit",
  types: ["service"],
  docs: {
    summary:
      "What a restarting service does when it keeps failing, computed from RestartSec= (and RestartSteps=), StartLimitIntervalSec= and StartLimitBurst=: it gives up with nobody told, or its start limit can never trip.",
    rationale:
      "systemd counts every start, automatic restarts included, in a fixed window: the (Burst+1)-th start within Interval is refused and the unit stays failed; Restart= does not apply any more (systemd-facts §1). So a service trips the limit exactly when Burst × RestartSec < Interval. If it trips and neither StartLimitAction= nor OnFailure= reacts, the service stays down until someone notices. If it cannot trip, the limit is decoration: the popular StartLimitIntervalSec=60 / StartLimitBurst=10 / RestartSec=10 restarts forever, 8,640 times a day (proved on a real systemd 252, real-systemd.md). Services below 1 s are the restart-storm rule's; a limit switched off on purpose (StartLimitIntervalSec=0) is not reported here.",
    bad: "[Unit]\nStartLimitIntervalSec=60\nStartLimitBurst=10\n\n[Service]\nExecStart=/usr/local/bin/gateway\nRestart=always\nRestartSec=10\n",
    good: "[Unit]\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify-admin@%n.service\n\n[Service]\nExecStart=/usr/local/bin/gateway\nRestart=always\nRestartSec=10\n",
    seeAlso: ["systemd.unit(5): StartLimitIntervalSec=, StartLimitBurst=, StartLimitAction=, OnFailure=", "systemd.service(5): RestartSec=, RestartSteps=", "systemd-facts §1"],
  },
  check({ unit, settings, report }) {
    const policy = restartPolicy(unit, settings);
    if (policy.restart.value === "no" || policy.restartSec.value < 1) return;
    // A oneshot with Restart=always or on-success does not load at all (the oneshot-restart rule).
    if (serviceType(unit).value === "oneshot" && (policy.restart.value === "always" || policy.restart.value === "on-success")) return;
    const loop = predictCrashLoop(policy);
    const at: Assignment | null = policy.startLimitBurst.from ?? policy.startLimitIntervalSec.from ?? policy.restart.from;
    if (!at || loop.kind === "no-restart") return;
    // Worded only for a finding: most restarting services of a host have nothing to report.
    const delay = (): string =>
      policy.steps
        ? `RestartSec=${formatSeconds(policy.restartSec.value)} growing to ${formatSeconds(policy.steps.maxDelaySec)} in ${policy.steps.count} steps`
        : `RestartSec=${formatSeconds(policy.restartSec.value)}`;

    if (loop.kind === "trips") {
      const onFailure = unit.list("Unit", "OnFailure").filter((a) => a.entry.value !== "");
      const action = (lastKept(unit, "Unit", "StartLimitAction") ?? lastKept(unit, "Service", "StartLimitAction"))?.entry.value;
      if (onFailure.length > 0 || (action !== undefined && action !== "none")) return;
      report({
        file: at.file,
        span: at.entry.range,
        message: `if it keeps failing, it is started ${loop.starts} times ${describeWithin(loop.withinSec)} (${delay()}), then the start limit trips (${describeLimit(policy)}) and it stays failed until someone runs systemctl reset-failed or starts it; nothing reacts: set OnFailure= or StartLimitAction=`,
      });
      return;
    }
    if (loop.limitDisabled) return;
    if (limitDeclared(policy)) {
      const burst = policy.startLimitBurst.value;
      report({
        file: at.file,
        span: at.entry.range,
        message: `this start limit never trips: ${burst} starts at ${delay()} span ${formatSeconds(loop.spanSec)}, not less than the ${formatSeconds(policy.startLimitIntervalSec.value)} window (${describeLimit(policy)}), so a failing service restarts forever, ${formatCount(loop.perDay)} times a day; a limit trips only when StartLimitBurst × RestartSec < StartLimitIntervalSec`,
      });
    } else {
      report({
        file: at.file,
        span: at.entry.range,
        severity: "info",
        message: `no start limit is declared, and the default one (${describeLimit(policy, false)}) never trips at ${delay()}: a failing service restarts forever, ${formatCount(loop.perDay)} times a day; declare StartLimitIntervalSec= and StartLimitBurst= in [Unit] if it should give up`,
      });
    }
  },
};
export default rule;
