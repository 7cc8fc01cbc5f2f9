import { addToSection, insertLineAfter, replaceValue } from "../fixers/edits.js";
import type { Fix } from "../fixers/types.js";
import { describeLimit, describeWithin, predictCrashLoop, restartPolicy, type RestartPolicy } from "../model/restart-policy.js";
import { formatSeconds } from "../model/timespan.js";
import type { Rule } from "./types.js";

/** What the crash loop of this unit looks like, from its own restart policy and limits. */
function consequence(policy: RestartPolicy): string {
  const loop = predictCrashLoop(policy);
  const every = policy.restartSec.value === 0 ? "immediately" : `every ${formatSeconds(policy.restartSec.value)}`;
  if (loop.kind === "trips") {
    return `crash loop: ${loop.starts} starts ${describeWithin(loop.withinSec)}, then the unit stays failed and nothing restarts it (${describeLimit(policy)})`;
  }
  if (loop.kind === "forever" && loop.limitDisabled) {
    return `restarts ${every}, forever, while it keeps failing (the start limit is off: ${describeLimit(policy)})`;
  }
  return `restarts ${every}, forever, while it keeps failing (at that pace ${describeLimit(policy)} never trips)`;
}

function fixFor(policy: RestartPolicy, seconds: number): Fix | undefined {
  const value = formatSeconds(seconds);
  const title = `Set RestartSec=${value}`;
  const explicit = policy.restartSec.from;
  if (explicit) return { title, applicability: "safe", edits: [replaceValue(explicit.entry, value)] };
  const restart = policy.restart.from;
  if (!restart) return undefined;
  const ast = restart.file.ast;
  const edit = restart.entry.section === "Service" ? insertLineAfter(ast, restart.entry, `RestartSec=${value}`) : addToSection(ast, "Service", `RestartSec=${value}`);
  return { title, applicability: "safe", edits: [edit] };
}

const rule: Rule = {
  id: "UL101",
  name: "restart-storm",
  severity: "error",
  fixable: ["safe"],
  phase: "unit",
  types: ["service"],
  options: {
    schema: {
      type: "object",
      additionalProperties: false,
      properties: { fixRestartSec: { description: "The RestartSec= the fix sets, in seconds (default 5)", type: "number", exclusiveMinimum: 0 } },
    },
    toSettings: (o) => (typeof o.fixRestartSec === "number" ? { fixRestartSec: o.fixRestartSec } : {}),
  },
  docs: {
    summary: "A service that restarts (`Restart=` other than `no`) less than a second after it fails: `RestartSec=0`, a short delay, or the default 100 ms.",
    rationale:
      "With no real delay, a service that fails at once is restarted in a tight loop. If the start limit applies (by default 5 starts in 10 s) systemd gives up within about a second: the unit stays failed and nothing ever restarts it — the opposite of what Restart= was for. If the start limit is off, it restarts forever, hammering whatever it fails on (a gateway whose port was held by an orphan looped 912 times this way). Observed on a real systemd 252: RestartSec=0 → 5 starts, refused after 0.04 s; the default 100 ms → refused after ≈1.2 s (real-systemd.md; systemd-facts §1). An error for RestartSec=0, a warning for other delays under 1 s.",
    bad: "[Service]\nExecStart=/usr/local/bin/gateway --port 18789\nRestart=always\nRestartSec=0\n",
    good: "[Unit]\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify-admin@%n.service\n\n[Service]\nExecStart=/usr/local/bin/gateway --port 18789\nRestart=always\nRestartSec=5s\n",
    fixSafety: "Safe: a longer RestartSec= only delays the restart of a service that has already failed.",
    seeAlso: ["systemd.service(5): Restart=, RestartSec=", "systemd.unit(5): StartLimitIntervalSec=", "systemd-facts §1"],
  },
  check({ unit, settings, report }) {
    const policy = restartPolicy(unit, settings);
    const { restart, restartSec } = policy;
    if (restart.value === "no" || restartSec.value >= 1) return;
    const at = restartSec.from ?? restart.from;
    if (!at) return;
    const explicit = restartSec.from?.entry.value;
    // An empty RestartSec= resets nothing (UL304 says so): `from` is always a value.
    const delay = explicit ? `RestartSec=${explicit}` : `the default RestartSec=${formatSeconds(restartSec.value)}`;
    const fix = fixFor(policy, settings.fixRestartSec);
    report({
      file: at.file,
      span: at.entry.range,
      severity: restartSec.value === 0 ? "error" : "warning",
      message: `Restart=${restart.value} with ${delay}: ${consequence(policy)}; use RestartSec=${formatSeconds(settings.fixRestartSec)} or more`,
      ...(fix ? { fix } : {}),
    });
  },
};
export default rule;
