import { restartPolicy, startLimitDisabled } from "../model/restart-policy.js";
import { formatSeconds } from "../model/timespan.js";
import type { Rule } from "./types.js";

function limitSource(policy: ReturnType<typeof restartPolicy>): string {
  const i = policy.startLimitIntervalSec;
  const b = policy.startLimitBurst;
  const where = i.from || b.from ? "" : ", systemd's defaults";
  return `StartLimitBurst=${b.value} in StartLimitIntervalSec=${formatSeconds(i.value)}${where}`;
}

const rule: Rule = {
  id: "UL101",
  name: "restart-storm",
  severity: "error",
  phase: "unit",
  types: ["service"],
  docs: {
    summary: "A service that restarts (`Restart=` other than `no`) with `RestartSec=0`.",
    rationale:
      "With no delay, a service that fails at once is restarted in a tight loop. If the start limit applies (by default 5 starts in 10 s) systemd gives up within a fraction of a second: the unit stays failed and nothing ever restarts it — the opposite of what Restart= was for. If the start limit is disabled, it restarts forever, hammering whatever it fails on (a gateway whose port was held by an orphan looped 912 times this way). Observed on a real systemd 252 (real-systemd.md: RestartSec=0 → 5 starts, refused after 0.04 s; systemd-facts §1).",
    bad: "[Service]\nExecStart=/usr/bin/gateway --port 18789\nRestart=always\nRestartSec=0\n",
    good: "[Service]\nExecStart=/usr/bin/gateway --port 18789\nRestart=always\nRestartSec=5s\n",
    seeAlso: ["systemd.service(5): Restart=, RestartSec=", "systemd.unit(5): StartLimitIntervalSec=", "systemd-facts §1"],
  },
  check({ unit, settings, report }) {
    const policy = restartPolicy(unit, settings);
    const { restart, restartSec } = policy;
    if (restart.value === "no" || restartSec.value !== 0 || !restartSec.from) return;
    const { entry, file } = restartSec.from;
    const message = startLimitDisabled(policy)
      ? `Restart=${restart.value} with RestartSec=0 and the start limit disabled (${limitSource(policy)}): a service that keeps failing is restarted immediately, forever, in a tight loop; use RestartSec=5s or more`
      : `Restart=${restart.value} with RestartSec=0: a service that fails at once is started ${policy.startLimitBurst.value} times within a fraction of a second, then hits the start limit (${limitSource(policy)}) and stays failed: nothing restarts it; use RestartSec=5s or more`;
    report({ file, span: entry.range, message });
  },
};
export default rule;
