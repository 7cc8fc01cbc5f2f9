import { catalogued } from "../model/catalog.js";
import { LONG_LINE_MAX } from "../syntax/parse.js";
import { withPlaceholders } from "../model/specifiers.js";
import { VALUE_CHECKS } from "../model/values/index.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL304",
  name: "invalid-value",
  severity: "error",
  phase: "file",
  docs: {
    summary: "A value systemd cannot parse for its setting (so far booleans, time spans, signals, file modes, nice levels and the common enumerations such as Restart=, Type=, KillMode=), so the setting keeps its default.",
    rationale:
      "For most settings systemd logs \"Failed to parse …, ignoring\" and carries on with the previous or default value, while `systemd-analyze verify` exits 0 (systemd-facts §8: Invalid values). Booleans accept 1/yes/y/true/t/on and 0/no/n/false/f/off in any case (parse_boolean()); time spans follow systemd.time(7): units are case-sensitive, `m` is minutes and `M` months, a bare number is seconds (§9). Which parser a setting uses comes from systemd's own tables (src/data/directives.generated.ts).",
    bad: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2 mins\nPrivateTmp=enabled\n",
    good: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2min\nPrivateTmp=yes\n",
    seeAlso: ["systemd.syntax(7)", "systemd.time(7)", "systemd-facts §8, §9"],
  },
  check({ file, settings, report }) {
    for (const { entry, versions } of catalogued(file)) {
      const parser = versions?.[3];
      const check = parser ? VALUE_CHECKS[parser] : undefined;
      // An empty value resets some settings and is refused by others; that is left alone here.
      // Specifiers: checked with plausible expansions where the parser expands them (UL305 reports those it cannot resolve).
      // A line systemd cannot even read (UL006) says nothing about its value.
      if (entry.raw.length >= LONG_LINE_MAX) continue;
      const value = check && entry.value !== "" ? withPlaceholders(parser!, entry.value, settings.systemdVersion) : null;
      if (!check || value === null) continue;
      const problem = check(value, settings.systemdVersion, entry.key);
      if (!problem) continue;
      const hint = problem.meant ? `; did you mean "${problem.meant}"?` : "";
      const effect = problem.refused ? "systemd refuses to load the unit" : "systemd ignores it and keeps the default";
      report({ file, span: entry.valueRange, message: `${entry.key}=${entry.value} ${problem.what}: ${effect}${hint}` });
    }
  },
};
export default rule;
