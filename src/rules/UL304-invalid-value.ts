import { catalogued } from "../model/catalog.js";
import { LONG_LINE_MAX } from "../syntax/parse.js";
import { valueProblem } from "../model/values/index.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL304",
  name: "invalid-value",
  severity: "error",
  phase: "file",
  docs: {
    summary: "A value systemd cannot parse for its setting — booleans, time spans, calendar events, enumerations, numbers with their ranges, sizes, percentages, paths, command lines, environment assignments, unit names, listen addresses, capabilities, address families, system calls, CPU sets… — so the setting keeps its default (or, for command lines, User= and a few more, systemd refuses the unit).",
    rationale:
      "For most settings systemd logs \"Failed to parse …, ignoring\" and carries on with the previous or default value, while `systemd-analyze verify` exits 0 (systemd-facts §8: Invalid values); for some (Exec*= lines, User=, WorkingDirectory=, RootDirectory= …) it refuses to load the unit. Which parser reads a setting comes from systemd's own tables (src/data/directives.generated.ts); each parser's checks live in src/model/values/ by family and follow systemd 252's code, version-aware for words added later. Booleans accept 1/yes/y/true/t/on and 0/no/n/false/f/off in any case; time spans follow systemd.time(7) (`m` is minutes, `M` months). test/oracle/directives.test.ts drives every directive systemd 252 parses with valid and invalid samples and requires exact agreement with systemd-analyze verify.",
    bad: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2 mins\nPrivateTmp=enabled\n",
    good: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2min\nPrivateTmp=yes\n",
    seeAlso: ["systemd.syntax(7)", "systemd.time(7)", "systemd-facts §8, §9"],
  },
  check({ file, settings, report }) {
    for (const { entry, versions } of catalogued(file)) {
      // An empty value resets some settings and is refused by others; that is left alone here.
      // Specifiers: checked with plausible expansions where the parser expands them (UL305 reports those it cannot resolve).
      // A line systemd cannot even read (UL006) says nothing about its value.
      if (entry.value === "" || entry.raw.length >= LONG_LINE_MAX) continue;
      const problem = valueProblem(versions, entry.key, entry.value, settings.systemdVersion);
      if (!problem) continue;
      const hint = problem.meant ? `; did you mean "${problem.meant}"?` : "";
      const effect = problem.effect ?? (problem.refused ? "systemd refuses to load the unit" : "systemd ignores it and keeps the default");
      // A problem systemd only warns about (and then uses the value) is a warning here too.
      report({ file, span: entry.valueRange, message: `${entry.key}=${entry.value} ${problem.what}: ${effect}${hint}`, ...(problem.effect ? { severity: "warning" as const } : {}) });
    }
  },
};
export default rule;
