import { insertLineBefore } from "../fixers/edits.js";
import { splitCommands } from "../model/command-line.js";
import { execStarts, serviceType } from "../model/service.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL106",
  name: "multiple-execstart",
  severity: "error",
  fixable: ["safe"],
  phase: "unit",
  types: ["service"],
  docs: {
    summary: "More than one `ExecStart=` in a service that is not `Type=oneshot`, typically a drop-in that sets ExecStart= without resetting it first.",
    rationale:
      "ExecStart= is a list: a drop-in that says ExecStart=/new adds a second command instead of replacing the first, and systemd refuses the unit: \"Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.\" An empty ExecStart= line first clears the list (systemd-facts §3; seen on a real systemd 252). The fix adds that reset line to the drop-in, which is what every override of ExecStart= needs.",
    bad: "[Service]\nExecStart=/usr/bin/app --old\nExecStart=/usr/bin/app --new\n",
    good: "[Service]\nExecStart=/usr/bin/app --old\nExecStart=\nExecStart=/usr/bin/app --new\n",
    fixSafety: "Safe: systemd refuses the unit as it is; with the reset line it runs the drop-in's command, which is what the drop-in was written for.",
    seeAlso: ["systemd.service(5): ExecStart=", "systemd.unit(5): drop-ins (\"ExecStart=\" to reset)", "systemd-facts §3"],
  },
  check({ unit, report }) {
    if (!unit.file || serviceType(unit).value === "oneshot") return;
    const starts = execStarts(unit);
    // A lone ";" separates several commands on one line; systemd counts commands, not lines.
    const first = starts[0];
    const onFirstLine = first ? splitCommands(first.entry.value).length : 0;
    if (first && onFirstLine > 1) {
      report({
        file: first.file,
        span: first.entry.range,
        message: `this ExecStart= holds ${onFirstLine} commands separated by ";" in a Type=${serviceType(unit).value} service: systemd refuses the unit (only Type=oneshot may list several commands)`,
      });
    }
    if (starts.length < 2) return;
    for (const extra of starts.slice(1)) {
      const { file, entry } = extra;
      // A drop-in's first ExecStart= that follows an earlier file's: the missing reset goes right before it.
      const firstInDropIn = file.role === "dropin" && starts.find((a) => a.file === file) === extra && starts[0]!.file !== file;
      report({
        file,
        span: entry.range,
        message: firstInDropIn
          ? `this drop-in adds a second ExecStart= instead of replacing ${starts[0]!.file.path}'s: systemd refuses the unit; put an empty "ExecStart=" line before it`
          : `a second ExecStart= in a Type=${serviceType(unit).value} service: systemd refuses the unit (only Type=oneshot may list several commands)`,
        ...(firstInDropIn ? { fix: { title: 'Insert "ExecStart=" to reset the list first', applicability: "safe" as const, edits: [insertLineBefore(file.ast, entry, "ExecStart=")] } } : {}),
      });
    }
  },
};
export default rule;
