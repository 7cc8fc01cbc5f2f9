import { catalogued, readAt } from "../model/catalog.js";
import { LONG_LINE_MAX } from "../syntax/parse.js";
import { emptyIgnored } from "../model/values/empty.js";
import { valueProblem } from "../model/values/index.js";
import { elide } from "../model/values/types.js";
import { expandedNameOfFile, unescapeUnitName, type UnitName } from "../model/unit-name.js";
import { fatalEffect } from "../model/fatal.js";
import type { Rule } from "./types.js";

/** What systemd does with a value it cannot read, or with the part of a list it drops (ValueProblem.dropped). */
const DROPPED: Readonly<Record<"value" | "entry" | "rest" | "options", string>> = {
  value: "systemd ignores it and keeps the default",
  entry: "systemd ignores that entry and keeps the others",
  rest: "systemd ignores that entry and the ones after it",
  options: "systemd ignores those partition options and keeps the image",
};

/** %i or %I (not %%i). */
const INSTANCE_SPECIFIER = /(?<!%)(?:%%)*%[iI]/;
const UNESCAPED_INSTANCE = /(?<!%)(?:%%)*%I/;

/** What the message adds about %i and %I: empty in a unit that is not an instance, and %I unescaped where that changes it. */
function instanceNote(value: string, unit: UnitName | null): string {
  const instance = unit === null ? null : (unit.instance ?? "");
  if (instance === "") return INSTANCE_SPECIFIER.test(value) ? ", as %i and %I are empty in a unit that is not an instance of a template" : "";
  const unescaped = instance === null || !UNESCAPED_INSTANCE.test(value) ? null : unescapeUnitName(instance);
  return unescaped === null || unescaped === instance ? "" : `, as %I is "${unescaped}" here (the instance unescaped: "-" is "/")`;
}

const rule: Rule = {
  id: "UL304",
  name: "invalid-value",
  severity: "error",
  phase: "file",
  docs: {
    summary: "A value systemd cannot parse for its setting (an empty one included, where it does not reset the setting) — booleans, time spans, calendar events, enumerations, numbers with their ranges, sizes, percentages, paths, command lines, environment assignments, unit names, listen addresses, capabilities, address families, system calls, CPU sets… — so the setting keeps its default (or, for command lines, User= and a few more, systemd refuses the unit).",
    rationale:
      "For most settings systemd logs \"Failed to parse …, ignoring\" and carries on with the previous or default value, while `systemd-analyze verify` exits 0 (systemd-facts §8: Invalid values); in most lists (Environment=, ReadWritePaths=, After=, StateDirectory=, BindPaths= …) it drops only the bad entry and keeps the others, in Symlinks= also the entries after it, and the message says which (test/oracle/list-items.test.ts reads what systemd kept from its debug dump). An unknown capability name in CapabilityBoundingSet= or AmbientCapabilities= is dropped without any warning, and an assignment left naming none empties the set (CapabilityBoundingSet=CAP_NET_BIND_SERVICES leaves the service no capability), and so is an unknown word of SecureBits=, without even a debug message: UL304 warns about both; for some (Exec*= lines, User=, WorkingDirectory=, RootDirectory= …) it refuses to load the unit. Which parser reads a setting comes from systemd's own tables (src/data/directives.generated.ts); each parser's checks live in src/model/values/ by family and follow systemd 252's code, version-aware for words added later. Booleans accept 1/yes/y/true/t/on and 0/no/n/false/f/off in any case; time spans follow systemd.time(7) (`m` is minutes, `M` months). test/oracle/directives.test.ts drives every directive systemd 252 parses with valid and invalid samples and requires exact agreement with systemd-analyze verify. An empty assignment resets most settings to their default, but the booleans, enumerations, numbers, sizes and time spans cannot parse an empty value: `Restart=` or `RestartSec=` in a drop-in is ignored with a warning and the main file's value stays (systemd-facts §8; which parsers, measured on systemd 252 for every setting: src/model/values/empty.ts). Values with specifiers are checked with plausible expansions, and with the unit's own name where the file says whose it is (`%n`, `%N`, `%p`, `%j` as written: `ExecStart=/usr/bin/%p` in `my\\x2dapp.service` runs a program with a backslash in its name, which refuses the unit); in an instance `%I` is its instance unescaped (`-` is `/`), in a unit that is not an instance `%i` and `%I` are empty, and where systemd expands word by word a word that is only `%i` is an empty word: `ExecStart=%i /bin/true` and `SupplementaryGroups=%i wheel` refuse the unit, `ReadWritePaths=%i /srv` ignores that word (test/oracle/specifiers.test.ts).",
    bad: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2 mins\nPrivateTmp=enabled\n",
    good: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2min\nPrivateTmp=yes\n",
    seeAlso: ["systemd.syntax(7)", "systemd.time(7)", "systemd-facts §8, §9"],
  },
  check({ file, settings, report }) {
    // The unit name the file's specifiers expand to, read from its path the first time a value has a specifier.
    let name: UnitName | null | undefined;
    const nameFor = (value: string): UnitName | null => {
      if (!value.includes("%")) return null;
      if (name === undefined) name = expandedNameOfFile(file.absPath, file.role);
      return name;
    };
    for (const { section, entry, versions } of catalogued(file)) {
      // An empty value resets most settings; the parsers that cannot read one ignore the line, which then undoes nothing.
      // A key the targeted release does not read is UL303's.
      if (entry.value === "" && readAt(versions, settings.systemdVersion) && emptyIgnored(section, entry.key, settings.systemdVersion)) {
        report({
          file,
          span: entry.range,
          message: `an empty ${entry.key}= does not reset it: systemd cannot parse an empty value here and ignores the line ("Failed to parse …, ignoring"), so the value set before it (or the default) stays; write the value you want`,
        });
        continue;
      }
      // Specifiers: checked with plausible expansions where the parser expands them (UL305 reports those it cannot resolve).
      // A line systemd cannot even read (UL006) says nothing about its value.
      if (entry.value === "" || entry.raw.length >= LONG_LINE_MAX) continue;
      const problem = valueProblem(versions, entry.key, entry.value, settings.systemdVersion, nameFor(entry.value));
      if (!problem) continue;
      const hint = problem.meant ? `; did you mean "${problem.meant}"?` : "";
      const effect = problem.effect ?? (problem.refused ? fatalEffect(file, entry.range.start, settings.systemdVersion) : DROPPED[problem.dropped ?? "value"]);
      // A problem systemd only warns about (and then uses the value) is a warning here too.
      report({ file, span: entry.valueRange, message: `${entry.key}=${elide(entry.value)} ${problem.what}${instanceNote(entry.value, nameFor(entry.value))}: ${effect}${hint}`, ...(problem.effect ? { severity: "warning" as const } : {}) });
    }
  },
};
export default rule;
