import { addToSection, removeNode } from "../fixers/edits.js";
import type { Fix } from "../fixers/types.js";
import type { Assignment } from "../model/unit.js";
import type { Rule } from "./types.js";

/** Settings that moved from [Service] to [Unit] in v229, with their [Unit] names (StartLimitInterval= became StartLimitIntervalSec= in v230). */
const MOVED: Readonly<Record<string, string>> = {
  StartLimitIntervalSec: "StartLimitIntervalSec",
  StartLimitInterval: "StartLimitIntervalSec",
  StartLimitBurst: "StartLimitBurst",
  StartLimitAction: "StartLimitAction",
  FailureAction: "FailureAction",
  RebootArgument: "RebootArgument",
};

function moveFix(a: Assignment, unitKey: string): Fix {
  const ast = a.file.ast;
  const inUnit = ast.sections.some((s) => s.name === "Unit" && s.entries.some((e) => e.key === unitKey));
  const line = `${unitKey}=${a.entry.value}`;
  if (inUnit) {
    // [Unit] already sets it: which one wins depends on the order, so dropping one is a judgement call.
    return { title: `Remove ${a.entry.key}= from [Service] ([Unit] already sets ${unitKey}=)`, applicability: "unsafe", edits: [removeNode(ast, a.entry)] };
  }
  return { title: `Move to [Unit] as ${line}`, applicability: "safe", edits: [removeNode(ast, a.entry), addToSection(ast, "Unit", line)] };
}

const rule: Rule = {
  id: "UL103",
  name: "start-limit-in-service",
  severity: "warning",
  fixable: ["safe", "unsafe"],
  phase: "unit",
  types: ["service"],
  docs: {
    summary: "Start-limit settings in [Service]: StartLimitIntervalSec= there is ignored; StartLimitInterval=, StartLimitBurst=, StartLimitAction=, FailureAction= and RebootArgument= still work but belong in [Unit].",
    rationale:
      "These settings moved from [Service] to [Unit] in systemd 229, and StartLimitInterval= became StartLimitIntervalSec= in 230. systemd still reads the old names in [Service], but the new name StartLimitIntervalSec= was never added there: systemd logs \"Unknown key 'StartLimitIntervalSec' in section [Service], ignoring\" and the default 10 s applies silently, while StartLimitBurst= next to it does work (seen on a real systemd 252; systemd-facts §1, real-systemd.md). That case is an error; the legacy spellings are warnings. The fix moves the line to [Unit], which is where every systemd since 229 reads it.",
    bad: "[Service]\nExecStart=/usr/local/bin/proxy\nRestart=always\nRestartSec=5s\nStartLimitIntervalSec=60\nStartLimitBurst=3\n",
    good: "[Unit]\nStartLimitIntervalSec=60\nStartLimitBurst=3\nOnFailure=notify-admin@%n.service\n\n[Service]\nExecStart=/usr/local/bin/proxy\nRestart=always\nRestartSec=5s\n",
    fixSafety:
      "Safe: moving a setting to [Unit] only makes systemd read it where it belongs, and a start limit only matters to a service that keeps failing. Unsafe when [Unit] already sets the same key: then the fix removes the [Service] line, and which of the two systemd used depended on their order.",
    seeAlso: ["systemd.unit(5): StartLimitIntervalSec=", "systemd 229 NEWS", "systemd-facts §1: Where the start-limit settings belong"],
  },
  check({ unit, report }) {
    for (const [key, unitKey] of Object.entries(MOVED)) {
      for (const a of unit.assignments("Service", key)) {
        const ignored = key === "StartLimitIntervalSec";
        const inUnit = ignored ? unit.last("Unit", key) : undefined;
        if (inUnit) {
          // Another file (often a drop-in written for a vendor unit) already sets it where systemd reads it.
          report({
            file: a.file,
            span: a.entry.range,
            severity: "info",
            message: `systemd does not read StartLimitIntervalSec= in [Service] ("Unknown key"); harmless here, since [Unit] sets StartLimitIntervalSec=${inUnit.entry.value} (${inUnit.file.path}:${inUnit.entry.range.line}): delete this line`,
            fix: { title: `Delete the ignored ${key}=`, applicability: "safe", edits: [removeNode(a.file.ast, a.entry)] },
          });
          continue;
        }
        report({
          file: a.file,
          span: a.entry.range,
          severity: ignored ? "error" : "warning",
          message: ignored
            ? `systemd does not read StartLimitIntervalSec= in [Service] ("Unknown key"): "${a.entry.value}" is ignored and the interval stays at its default; move it to [Unit]`
            : `${key}= in [Service] is the pre-229 location; systemd still reads it there, but it belongs in [Unit]${key === unitKey ? "" : ` as ${unitKey}=`}`,
          fix: moveFix(a, unitKey),
        });
      }
    }
  },
};
export default rule;
