import { LONG_RUNNING_TYPES, serviceType, execStarts } from "../model/service.js";
import type { Unit } from "../model/unit.js";
import { largestGaps, pointsOfGaps, settingOfRow } from "../security/gaps.js";
import { formatExposure, levelOf } from "../security/levels.js";
import { assessUnit, badnessOf, sumsOfBadness, type Assessment, type Badness } from "../security/score.js";
import { USER_SCOPE_UNPRIVILEGED_SINCE } from "../security/info.js";
import { builtinTemplate, hardenFix } from "../fixers/harden.js";
import { sandboxExemption } from "../fixers/sandbox-exemption.js";
import { mainFileFailsAt } from "../model/fatal.js";
import type { Rule } from "./types.js";

/** How many missing protections a finding names. */
const SHOWN = 3;

/** By default every service systemd rates MEDIUM or worse (5.0 and up) is reported. */
export const DEFAULT_THRESHOLD = 4.9;

/** The bare assessment depends only on the release, the scope, the type and whether the manager is root's. */
const bareCache = new Map<string, Assessment>();

function bareAssessment(unit: Unit, version: number): Assessment {
  const key = `${version} ${unit.scope} ${unit.type} ${unit.owner === "root"}`;
  let bare = bareCache.get(key);
  if (bare === undefined) bareCache.set(key, (bare = assessUnit(unit, { version, mode: "honest", bare: true })));
  return bare;
}

/** The settings whose values make the unit more exposed than systemd's defaults. */
function worseThanDefaults(badness: Badness, bare: Assessment): string[] {
  const out = new Set<string>();
  badness.forEach((b, i) => {
    if ((b ?? 0) > (bare.rows[i]!.badness ?? 0)) out.add(settingOfRow(i));
  });
  return [...out];
}

const and = (names: readonly string[]): string => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`);

/** `systemd-analyze security` exists from this release (systemd-facts §12). */
const SECURITY_VERB_SINCE = 240;

/** Where the score comes from, in words: systemd's own for system units, honest for user units (src/security/user-scope.ts). */
function scoreSource(unit: Unit, version: number): string {
  const formula =
    version >= SECURITY_VERB_SINCE ? `systemd-analyze security's score for systemd ${version}` : `the score systemd-analyze security, a verb of systemd 240 and later, gives systemd ${version}'s settings`;
  if (unit.scope !== "user" || unit.owner === "root") return formula;
  const systemdDiffers = version < USER_SCOPE_UNPRIVILEGED_SINCE ? ", where systemd-analyze security --user assumes root" : "";
  return `${formula}, computed as the unit runs: as its user${systemdDiffers}`;
}

/** The fix's title: on nearly every service, the full list of settings would dwarf the finding (--diff shows them). */
const fixTitle = (added: string[]): string => `Add the ${added.length} settings \`unitlint harden\` (baseline) adds`;

/** An exposure as printed (0–10) to systemd's 0–100 scale. */
const scaled = (shown: number): number => Math.round(shown * 10);

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
        threshold: {
          description: `Report long-running services whose exposure (0-10, as printed) is above this; default ${DEFAULT_THRESHOLD}: every service systemd rates MEDIUM, EXPOSED, UNSAFE or DANGEROUS; 0: every service with a missing protection`,
          type: "number",
          minimum: 0,
          maximum: 10,
        },
        warnAbove: { description: "Report services whose exposure (0-10) is above this as warnings instead of info; default: never", type: "number", minimum: 0, maximum: 10 },
      },
    },
    toSettings: (o) => ({
      ...(typeof o.threshold === "number" ? { sandboxingThreshold: o.threshold } : {}),
      ...(typeof o.warnAbove === "number" ? { sandboxingWarnAbove: o.warnAbove } : {}),
    }),
  },
  types: ["service"],
  docs: {
    summary:
      "The missing protections that weigh most in a long-running service's exposure score (as `systemd-analyze security` computes it), with the score they would bring it to; reported for every service systemd rates MEDIUM or worse.",
    rationale:
      "`systemd-analyze security` rates from 0 to 10 how much of the system a service can reach if it is compromised, from 81 weighted checks (systemd-facts §12); unitlint computes the same score offline, proved identical to systemd 252 on the Debian corpus. Most vendor services score above 9, so the finding is informational, never a warning by default: it names the few settings that would lower the score most (and what the score would become), says when the unit's own settings make it worse than systemd's defaults (ambient capabilities, NotifyAccess=all, KeyringMode=shared, Delegate=, a loose UMask=), and `unitlint security` shows every check. Services systemd rates OK or better (below 5.0) are not reported; the `threshold` option moves that bar (0 reports every service with a missing protection) and `warnAbove` makes the finding a warning above a score of your choice (a level set for the rule in the configuration applies to every finding and wins over it). User units are scored as they run, as their user; before 262, `systemd-analyze security --user` scores them as if they ran as root, and the message says so. A service systemd refuses for a line of its main file (UL304 and the syntax rules report it) gets no score, as `systemd-analyze security` gives it none.",
    bad: "[Service]\nExecStart=/usr/local/bin/agent\nAmbientCapabilities=CAP_NET_ADMIN\nNotifyAccess=all\n",
    good: "[Service]\nExecStart=/usr/local/bin/agent\nDynamicUser=yes\nAmbientCapabilities=CAP_NET_ADMIN\nCapabilityBoundingSet=CAP_NET_ADMIN\nPrivateNetwork=yes\nPrivateDevices=yes\nProtectKernelTunables=yes\nProtectKernelModules=yes\nProtectControlGroups=yes\nProtectClock=yes\nProtectHostname=yes\nProtectKernelLogs=yes\nProtectProc=invisible\nRestrictNamespaces=yes\nRestrictAddressFamilies=AF_UNIX\nSystemCallFilter=@system-service\nSystemCallArchitectures=native\nLockPersonality=yes\nMemoryDenyWriteExecute=yes\nRestrictRealtime=yes\nDevicePolicy=closed\nIPAddressDeny=any\nUMask=0077\n",
    seeAlso: ["systemd-analyze(1): security", "systemd.exec(5): Sandboxing", "systemd-facts §12", "`unitlint security`", "`unitlint harden`"],
    fixSafety:
      "Unsafe: the fix is what `unitlint harden` (baseline profile) adds to this service, and sandboxing can stop a service that needs what it takes away (writing under /usr or /etc, devices, kernel tunables …), while the restart block changes how it restarts. Review it with `unitlint --diff --unsafe-fixes` first. No fix is offered where harden adds no sandboxing, and the message says why: early-boot services, systemd's own, those whose sandbox everything they start would inherit (login sessions, cron jobs, D-Bus activation, containers), package managers, and packaged units (unless `unitlint harden --vendor`).",
  },
  check({ unit, settings, report }) {
    const file = unit.file;
    if (!file || !LONG_RUNNING_TYPES.has(serviceType(unit).value) || execStarts(unit).length === 0) return;
    const version = settings.systemdVersion;
    const badness = badnessOf(unit, { version, mode: "honest" });
    const sums = sumsOfBadness(badness);
    const exposure = sums.exposure;
    if (exposure <= scaled(settings.sandboxingThreshold ?? DEFAULT_THRESHOLD)) return;
    const top = largestGaps(badness, SHOWN);
    // A unit systemd refuses (UL304 and the syntax rules say why) has no score: systemd-analyze security refuses it too.
    if (top.length === 0 || mainFileFailsAt(unit) !== null) return;
    const service = file.ast.sections.find((s) => s.name === "Service");
    const at = service ? { file, span: service.header.range } : { file: execStarts(unit)[0]!.file, span: execStarts(unit)[0]!.entry.range };
    const bare = bareAssessment(unit, version);
    const worse = exposure > bare.exposure ? worseThanDefaults(badness, bare) : [];
    const why = worse.length > 0 ? `, more than the ${formatExposure(bare.exposure)} of the same service with systemd's defaults because of its ${and(worse)}` : "";
    const warn = settings.sandboxingWarnAbove !== undefined && exposure > scaled(settings.sandboxingWarnAbove);
    // The fix is what `unitlint harden` (baseline) would add, when the finding is in the file it edits.
    const fix = at.file === file ? hardenFix(unit, builtinTemplate(), "baseline", { title: fixTitle }) : null;
    const exempt = fix === null ? sandboxExemption(unit) : null;
    // A plain object, not spreads: this runs for most services of a host.
    report({
      file: at.file,
      span: at.span,
      fix: fix ?? undefined,
      severity: warn ? "warning" : undefined,
      message: `exposure ${formatExposure(exposure)} ${levelOf(exposure)} (${scoreSource(unit, version)})${why}${warn ? `, above the warning threshold ${formatExposure(scaled(settings.sandboxingWarnAbove!))}` : ""}; the largest gaps: ${and(top.map((g) => g.setting))}, which would bring it to ${formatExposure(sums.exposureLess(pointsOfGaps(top)))}; \`unitlint security\` lists every check${exempt ? `; \`unitlint harden\` adds no sandboxing to it: ${exempt}` : ""}`,
    });
  },
};
export default rule;
