/**
 * Reads a host's manager defaults from a systemd-system.conf(5) / user.conf file:
 * `[Manager] DefaultRestartSec=`, `DefaultStartLimitIntervalSec=` (or the older
 * `DefaultStartLimitInterval=`) and `DefaultStartLimitBurst=`. The rules use them
 * for units that say nothing, as the host's manager would.
 */
import { NEWEST_SYSTEMD } from "../data/directives.generated.js";
import { parseUnsigned } from "../model/restart-policy.js";
import { parseTimespan } from "../model/timespan.js";
import { parseUnitFile } from "../syntax/parse.js";
import type { Settings } from "./settings.js";

export interface HostDefaults {
  settings: Partial<Settings>;
  /** Lines that could not be used, as "line N: why". */
  problems: string[];
}

export function readHostDefaults(text: string): HostDefaults {
  const ast = parseUnitFile(text, { sections: ["Manager"] });
  const settings: Partial<Settings> = {};
  const problems: string[] = ast.problems.map((p) => `line ${p.range.line}: ${p.message}`);
  for (const section of ast.sections) {
    if (section.name !== "Manager") continue;
    for (const entry of section.entries) {
      const at = `line ${entry.range.line}: ${entry.key}=${entry.value}`;
      if (entry.key === "DefaultRestartSec") {
        const v = parseTimespan(entry.value);
        if (v === null || v === Infinity) problems.push(`${at} is not a time span`);
        else settings.defaultRestartSec = v;
      } else if (entry.key === "DefaultStartLimitIntervalSec" || entry.key === "DefaultStartLimitInterval") {
        const v = parseTimespan(entry.value);
        if (v === null) problems.push(`${at} is not a time span`);
        else settings.defaultStartLimitIntervalSec = v;
      } else if (entry.key === "DefaultStartLimitBurst") {
        const v = parseUnsigned(entry.value, NEWEST_SYSTEMD);
        if (v === null) problems.push(`${at} is not a number`);
        else settings.defaultStartLimitBurst = v;
      }
    }
  }
  return { settings, problems };
}
