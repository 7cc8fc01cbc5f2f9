import { catalogued } from "../model/catalog.js";
import type { Fix } from "../fixers/types.js";
import type { EntryNode } from "../syntax/ast.js";
import type { Rule } from "./types.js";

/**
 * What to write instead (systemd-facts §10), and since which version the replacement means
 * the same, so that a rename is a safe fix only when every targeted version reads it alike.
 */
const REPLACEMENTS: Readonly<Record<string, { use: string; sameSince?: number }>> = {
  MemoryLimit: { use: "MemoryMax", sameSince: 231 },
  CPUShares: { use: "CPUWeight= (a different scale: 1–10000, default 100)" },
  StartupCPUShares: { use: "StartupCPUWeight= (a different scale)" },
  BlockIOAccounting: { use: "IOAccounting", sameSince: 230 },
  BlockIOWeight: { use: "IOWeight= (a different scale: 1–10000, default 100)" },
  StartupBlockIOWeight: { use: "StartupIOWeight= (a different scale)" },
  BlockIODeviceWeight: { use: "IODeviceWeight= (a different scale)" },
  BlockIOReadBandwidth: { use: "IOReadBandwidthMax", sameSince: 230 },
  BlockIOWriteBandwidth: { use: "IOWriteBandwidthMax", sameSince: 230 },
  CPUAccounting: { use: "nothing: CPU accounting is always on with cgroup v2" },
  StartLimitInterval: { use: "StartLimitIntervalSec", sameSince: 230 },
  Capabilities: { use: "CapabilityBoundingSet= and AmbientCapabilities=" },
  RequiresOverridable: { use: "Requires", sameSince: 209 },
  RequisiteOverridable: { use: "Requisite", sameSince: 209 },
  OnFailureIsolate: { use: "OnFailureJobMode=isolate" },
};

/** The obsolete output types and what systemd reads them as (since 246, with a warning on every load). */
const SYSLOG_OUTPUT: ReadonlyMap<string, string> = new Map([
  ["syslog", "journal"],
  ["syslog+console", "journal+console"],
]);
const SYSLOG_OBSOLETE_SINCE = 246;

/** Deprecated by value or by documentation, though the key itself is current (systemd-facts §10). */
function deprecatedValue(section: string, entry: EntryNode, target: number): { message: string; fix?: Fix } | null {
  if (section === "Service" && entry.key === "KillMode" && entry.value === "none" && target >= 246)
    return { message: "KillMode=none is deprecated since systemd 246 (\"unsafe\"): processes it leaves behind are never stopped; use KillMode=mixed, or ExecStop= that really stops them" };
  if (section === "Service" && entry.key === "PermissionsStartOnly" && target >= 240)
    return { message: "PermissionsStartOnly= is deprecated since systemd 240: give the commands that need full privileges the \"+\" prefix (ExecStartPre=+/usr/bin/…) instead" };
  const journal = entry.key === "StandardOutput" || entry.key === "StandardError" ? SYSLOG_OUTPUT.get(entry.value) : undefined;
  if (journal !== undefined && target >= SYSLOG_OBSOLETE_SINCE) {
    // The journal forwards to syslog when syslog is configured to read from it: the value systemd substitutes is the same output.
    const fix: Fix = { title: `Write ${entry.key}=${journal}`, applicability: "safe", edits: [{ start: entry.valueRange.start, end: entry.valueRange.end, text: journal }] };
    return { message: `${entry.key}=${entry.value} is obsolete since systemd ${SYSLOG_OBSOLETE_SINCE}: systemd reads it as ${journal} and warns on every load; write ${entry.key}=${journal}`, fix };
  }
  return null;
}

function renameFix(entry: EntryNode, section: string, target: number): Fix | undefined {
  const r = REPLACEMENTS[entry.key];
  if (!r?.sameSince || target < r.sameSince) return undefined;
  // The key is replaced in place: its span is the key only, the value stays as it is.
  const start = entry.keyRange.start;
  const name = r.use;
  if (section === "Service" && entry.key === "StartLimitInterval") return undefined; // [Service]: moved by UL103
  return { title: `Rename to ${name}=`, applicability: "safe", edits: [{ start, end: entry.keyRange.end, text: name }] };
}

const rule: Rule = {
  id: "UL303",
  name: "directive-version",
  severity: "warning",
  fixable: ["safe"],
  phase: "file",
  docs: {
    summary: "A setting the targeted systemd does not know yet, no longer knows, or accepts but ignores (with what to use instead), and deprecated values such as KillMode=none and StandardOutput=syslog.",
    rationale:
      "systemd-analyze verify only knows the systemd it runs on, so a unit written for a newer release passes CI and then loses the setting on the host: RestartSteps= needs 254, and systemd 252 logs \"Unknown key\" and ignores it. Settings removed or made legacy (MemoryLimit=, CPUShares=, BlockIO*= since 258; StartLimitInterval=) are ignored with only an info message. The targeted version is --systemd-version, else the local systemctl's, else the newest known; the table comes from systemd's own parser tables (src/data/directives.generated.ts, systemd-facts §10). Deprecated values: KillMode=none (246), PermissionsStartOnly= (240), StandardOutput=/StandardError= syslog or syslog+console, which systemd 246 and later read as journal (\"Standard output type syslog is obsolete, automatically updating to journal\"). Renames whose replacement means the same on every targeted version get a safe fix, and so does syslog → journal.",
    bad: "[Service]\nExecStart=/usr/local/bin/app\nMemoryLimit=1G\n",
    good: "[Service]\nExecStart=/usr/local/bin/app\nMemoryMax=1G\n",
    fixSafety: "Safe for pure renames (MemoryLimit= → MemoryMax=, BlockIORead/WriteBandwidth= → IORead/WriteBandwidthMax=, StartLimitInterval= → StartLimitIntervalSec=, Requires/RequisiteOverridable=) when every targeted version reads the new name the same way, and StandardOutput=/StandardError= syslog → journal (what systemd 246 and later substitute anyway); settings with a different scale (CPUShares=, BlockIOWeight=) get no fix.",
    seeAlso: ["systemd.directives(7)", "systemd NEWS (v229, v230, v240, v246, v258)", "systemd-facts §10"],
  },
  check({ file, settings, report }) {
    const target = settings.systemdVersion;
    for (const { section, entry, versions } of catalogued(file)) {
      const deprecated = deprecatedValue(section, entry, target);
      if (deprecated) report({ file, span: entry.range, ...deprecated });
      if (!versions) continue;
      const [first, removedAfter, legacySince] = versions;
      const use = REPLACEMENTS[entry.key]?.use;
      const instead = use ? `; use ${use}${/^[A-Za-z]+$/.test(use) ? "=" : ""}` : "";
      let message: string | null = null;
      if (first > target) message = `${entry.key}= needs systemd ≥ ${first}; ${target} does not know it ("Unknown key") and ignores it`;
      else if (removedAfter !== null && target > removedAfter) message = `${entry.key}= was removed after systemd ${removedAfter}; ${target} does not know it ("Unknown key") and ignores it${instead}`;
      else if (legacySince !== null && target >= legacySince) message = `${entry.key}= is accepted but ignored since systemd ${legacySince}${instead}`;
      else if (target >= 252 && target < 258 && ["MemoryLimit", "CPUShares", "StartupCPUShares", "BlockIODeviceWeight", "BlockIOReadBandwidth", "BlockIOWriteBandwidth"].includes(entry.key))
        message = `${entry.key}= is deprecated (systemd ${target} warns about it, 258 ignores it)${instead}`;
      // config_parse_obsolete_unit_deps: read as the plain dependency, with a warning on every load.
      else if (versions[3] === "config_parse_obsolete_unit_deps") message = `${entry.key}= is obsolete: systemd warns on every load and reads it as ${use}=; write ${use}=`;
      else if (section === "Unit" && entry.key === "StartLimitInterval") message = `StartLimitInterval= is the old name of StartLimitIntervalSec= (since 230)${instead}`;
      if (!message) continue;
      const fix = renameFix(entry, section, target);
      report({ file, span: entry.keyRange, message, ...(fix ? { fix } : {}) });
    }
  },
};
export default rule;
