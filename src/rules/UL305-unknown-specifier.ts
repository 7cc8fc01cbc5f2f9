import { catalogued, parserAt, readAt } from "../model/catalog.js";
import { findSpecifierProblems, knownSpecifiers, specifierKnown, unescapedPart, unescapeFailure, type SpecifierEffect, type SpecifierProblem } from "../model/specifiers.js";
import { fatalEffect } from "../model/fatal.js";
import type { UnitFile } from "../model/unit.js";
import { expandedNameOfFile, type UnitName } from "../model/unit-name.js";
import type { EntryNode, Span } from "../syntax/ast.js";
import type { Rule } from "./types.js";

/** What systemd does, by effect; "refused" depends on the file (fatal.ts fatalEffect()). */
const EFFECT: Readonly<Record<Exclude<SpecifierEffect, "refused">, string>> = {
  ignored: "systemd ignores the setting",
  "ignored-item": "systemd ignores that item",
  "ignored-command": 'systemd skips the command (its "-" prefix; without it the unit is refused)',
  "enable-fails": '`systemctl enable` fails ("invalid specifier")',
  literal: "",
};

/** What is wrong with the specifier, said before the effect. */
function what(p: SpecifierProblem, key: string, target: number, unit: UnitName | null): string {
  const spec = `"%${p.letter}"`;
  if (p.effect === "literal") {
    const why = p.kind === "not-here" ? "is not expanded in unit names" : `is not a specifier systemd ${target} knows${p.since ? ` (it arrived in ${p.since})` : ""}`;
    return `${spec} in ${key}= ${why}: systemd ${target} keeps it in the value as written`;
  }
  switch (p.kind) {
    case "too-new":
      return `${spec} in ${key}= needs systemd ≥ ${p.since} (${target} does not know it)`;
    case "not-here":
      return `${spec} is not expanded in unit names: ${key}= takes only ${knownSpecifiers("name", target)} (and %% for "%")`;
    case "deprecated":
      return `${spec} in ${key}= is deprecated: systemd warns that it "does not work as intended"`;
    case "aborts":
      return `${spec} in ${key}= is empty in ${unit!.name} (its prefix ends in "-"), and systemd ${target} aborts on that when it loads the unit ("Assertion 'f' failed" in unit_name_unescape()): the manager reading it crashes (PID 1 freezes when it does); rename the unit, or use %j, the same part without unescaping`;
    case "unescapable": {
      const { part, what } = unescapedPart(p.letter, unit!)!;
      const why = unescapeFailure(p.letter, unit!) === "escape" ? 'has a "\\" that is no \\xNN escape, so systemd cannot unescape it' : "is not an escaped path (`systemd-escape --path`), so systemd cannot read it as one";
      return `${spec} in ${key}= cannot be resolved in ${unit!.name}: its ${what} "${part}" ${why}`;
    }
    default:
      return `${spec} in ${key}= is not a specifier (${key}= expands ${knownSpecifiers(p.table, target)}, and %% is a literal "%")`;
  }
}

/** The same letter in the other case, when the setting knows it ("%e" for "%E"). */
function meant(p: SpecifierProblem, target: number): string {
  const other = p.letter === p.letter.toLowerCase() ? p.letter.toUpperCase() : p.letter.toLowerCase();
  return p.kind === "unknown" && other !== p.letter && specifierKnown(other, p.table, target) ? `; did you mean "%${other}", or "%%${p.letter}" for a literal "%${p.letter}"?` : "";
}

/** The specifier itself when the value is written on one line as systemd reads it, else the whole value. */
function span(file: UnitFile, entry: EntryNode, p: SpecifierProblem): Span {
  const r = entry.valueRange;
  if (r.line !== r.endLine || file.text.slice(r.start, r.end) !== entry.value) return r;
  return { start: r.start + p.start, end: r.start + p.end, line: r.line, column: r.column + p.start, endLine: r.line, endColumn: r.column + p.end };
}

const rule: Rule = {
  id: "UL305",
  name: "unknown-specifier",
  severity: "error",
  phase: "file",
  docs: {
    summary: "A `%` specifier systemd cannot resolve in that setting (`%Z`, `%h` in `After=`, `%D` before 256), so systemd ignores the setting or refuses the unit; deprecated `%c`/`%r`/`%R` get a warning.",
    rationale:
      "systemd expands `%i`, `%n`, `%h`… when it loads a unit, and since v236 a `%` followed by a letter or digit it does not know fails the whole value (\"Failed to resolve unit specifiers … Invalid slot\"): most settings are then ignored, but a command line (ExecStart=…), User=, Group=, WorkingDirectory= or RootDirectory= makes systemd refuse the unit, and in [Install] `systemctl enable` fails (systemd-facts §8; checked on systemd-analyze 252 for every setting it parses). Settings that name units (After=, Wants=, Slice=, Unit=) only know the unit-name specifiers, so `%h` or `%t` there fail too. `%P`, `%J` and `%I` unescape a part of the unit's name, and fail where it has a `\\` that is no `\\xNN` escape (`%P` in `a\\q.service`), and `%f` where the instance (or the prefix of a unit that is none) is no escaped path (`%f` in `fsck@dev-.service`). Specifiers arrived over time (%S %C %L 236, %E %T %V %j 239, %g 240, %a %l %o %w 246, %A %M 249, %d %q %y 251, %D 256), so a unit written for a newer systemd breaks on an older one. A literal percent sign is `%%`; `%` before anything but a letter or digit (`CPUQuota=50%`) stays as it is.",
    bad: "[Unit]\nDescription=Backup of %I\n\n[Service]\nExecStart=/bin/sh -c 'date +%F >> /var/log/backup-%i.log'\n",
    good: "[Unit]\nDescription=Backup of %I\n\n[Service]\nExecStart=/bin/sh -c 'date +%%F >> /var/log/backup-%i.log'\n",
    seeAlso: ["systemd.unit(5): Specifiers", "systemd NEWS v236 (unknown specifiers refused)", "systemd-facts §8"],
  },
  check({ file, settings, report }) {
    const target = settings.systemdVersion;
    // The unit whose name the file's specifiers expand to, read from its path when a value has a specifier.
    let unit: UnitName | null | undefined;
    for (const { entry, versions } of catalogued(file)) {
      if (!versions || !entry.value.includes("%")) continue;
      // A key this systemd does not read is UL303's; its value does not matter.
      if (!readAt(versions, target)) continue;
      const parser = parserAt(versions, entry.key, target);
      if (!parser) continue;
      if (unit === undefined) unit = expandedNameOfFile(file.absPath, file.role);
      for (const p of findSpecifierProblems(parser, entry.key, entry.value, target, unit)) {
        const effect = p.kind === "deprecated" || p.kind === "aborts" ? "" : p.effect === "refused" ? fatalEffect(file, entry.range.start, target) : EFFECT[p.effect];
        const warning = p.kind === "deprecated" || p.effect === "literal";
        report({
          file,
          span: span(file, entry, p),
          message: `${what(p, entry.key, target, unit)}${effect ? `: ${effect}` : ""}${meant(p, target)}`,
          ...(warning ? { severity: "warning" as const } : {}),
        });
      }
    }
  },
};
export default rule;
