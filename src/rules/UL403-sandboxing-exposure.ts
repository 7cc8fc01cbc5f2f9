import { LONG_RUNNING_TYPES, serviceType, execStarts } from "../model/service.js";
import type { Unit } from "../model/unit.js";
import { exposureWithout, gaps, settingOf } from "../security/gaps.js";
import { formatExposure } from "../security/levels.js";
import { assessUnit, exposureOf, type Assessment } from "../security/score.js";
import { scoreUnit } from "../security/user-scope.js";
import { builtinTemplate, hardenFix } from "../fixers/harden.js";
import type { Rule } from "./types.js";

/** How many missing protections a finding names. */
const SHOWN = 3;


/** The bare assessment depends only on the release, the scope, the type and whether the manager is root's. */
const bareCache = new Map<string, Assessment>();

function bareAssessment(unit: Unit, version: number): Assessment {
  const key = `${version} ${unit.scope} ${unit.type} ${unit.owner === "root"}`;
  let bare = bareCache.get(key);
  if (bare === undefined) bareCache.set(key, (bare = assessUnit(unit, { version, mode: "honest", bare: true })));
  return bare;
}

/** The settings whose values make the unit more exposed than systemd's defaults. */
function worseThanDefaults(assessment: Assessment, bare: Assessment): string[] {
  const out = new Set<string>();
  assessment.rows.forEach((r, i) => {
    if ((r.badness ?? 0) > (bare.rows[i]!.badness ?? 0)) out.add(settingOf(r.row.id));
  });
  return [...out];
}

const and = (names: readonly string[]): string => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`);

const rule: Rule = {
  id: "UL403",
  name: "sandboxing-exposure",
  severity: "info",
  phase: "unit",
  fixable: ["unsafe"],
  options: {
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        threshold: { description: "Report long-running services whose exposure (0-10, as printed) is above this; default: only those worse than systemd's defaults", type: "number", minimum: 0, maximum: 10 },
      },
    },
    toSettings: (o) => (typeof o.threshold === "number" ? { sandboxingThreshold: o.threshold } : {}),
  },
  types: ["service"],
  docs: {
    summary:
      "A long-running service more exposed than the bar (by default: more than the same service with systemd's defaults), with its exposure score as `systemd-analyze security` computes it and the missing protections that weigh most.",
    rationale:
      "`systemd-analyze security` rates from 0 to 10 how much of the system a service can reach if it is compromised, from 81 weighted checks (systemd-facts §12); unitlint computes the same score offline, proved identical to systemd 252 on the Debian corpus. Most vendor services score above 9, so the finding is informational: it names the few settings that would lower the score most (and what the score would become), and `unitlint security` shows every check. By default it reports only services whose own settings make them more exposed than systemd's defaults (ambient capabilities, NotifyAccess=all, KeyringMode=shared, Delegate=, a loose UMask=); the `sandboxingThreshold` setting (0–10) lowers the bar.",
    bad: "[Service]\nExecStart=/usr/local/bin/agent\nAmbientCapabilities=CAP_NET_ADMIN\nNotifyAccess=all\n",
    good: "[Service]\nExecStart=/usr/local/bin/agent\nDynamicUser=yes\nAmbientCapabilities=CAP_NET_ADMIN\nCapabilityBoundingSet=CAP_NET_ADMIN\nPrivateTmp=yes\n",
    seeAlso: ["systemd-analyze(1): security", "systemd.exec(5): Sandboxing", "systemd-facts §12", "`unitlint security`"],
    fixSafety:
      "Unsafe: the fix is what `unitlint harden` (baseline profile) adds to this service, and sandboxing can stop a service that needs what it takes away (writing under /usr or /etc, devices, kernel tunables …), while the restart block changes how it restarts. Review it with `unitlint --diff --unsafe-fixes` first.",
  },
  check({ unit, settings, report }) {
    const file = unit.file;
    if (!file || !LONG_RUNNING_TYPES.has(serviceType(unit).value) || execStarts(unit).length === 0) return;
    const version = settings.systemdVersion;
    const configured = settings.sandboxingThreshold;
    const bare = configured === undefined ? bareAssessment(unit, version) : null;
    const bar = bare ? bare.exposure : Math.round(configured! * 10);
    // Most services are at or below the bar: decide on the number alone before building the rows.
    if (exposureOf(unit, { version, mode: "honest" }) <= bar) return;
    const { assessment } = scoreUnit(unit, version);
    const top = gaps(assessment).slice(0, SHOWN);
    if (top.length === 0) return;
    const service = file.ast.sections.find((s) => s.name === "Service");
    const at = service ? { file, span: service.header.range } : { file: execStarts(unit)[0]!.file, span: execStarts(unit)[0]!.entry.range };
    const worse = bare ? worseThanDefaults(assessment, bare) : [];
    const why = bare
      ? `more than the ${formatExposure(bar)} of the same service with systemd's defaults${worse.length > 0 ? ` (because of its ${and(worse)})` : ""}`
      : `above the threshold ${formatExposure(bar)}`;
    // The fix is what `unitlint harden` (baseline) would add, when the finding is in the file it edits.
    const fix = at.file === file ? hardenFix(unit, builtinTemplate(), "baseline", version) : null;
    report({
      ...at,
      ...(fix ? { fix } : {}),
      message: `exposure ${formatExposure(assessment.exposure)} ${assessment.level} (systemd-analyze security's score for systemd ${version}), ${why}; the largest gaps: ${and(top.map((g) => g.setting))}, which would bring it to ${formatExposure(exposureWithout(assessment, top))}; \`unitlint security\` lists every check`,
    });
  },
};
export default rule;
