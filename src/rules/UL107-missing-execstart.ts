import { DIRECTIVES } from "../data/directives.generated.js";
import { isFatal } from "../model/fatal.js";
import { lastKept } from "../model/kept.js";
import { commandsOf, execStarts, parseBoolean, serviceType } from "../model/service.js";
import { expandedNameOfUnit } from "../model/unit-name.js";
import { sectionHeaderSpan } from "./spans.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL107",
  name: "missing-execstart",
  severity: "error",
  phase: "unit",
  types: ["service"],
  docs: {
    summary: "A service without `ExecStart=` that systemd will not load: not a oneshot, or a oneshot without `ExecStop=` and `RemainAfterExit=yes` (or `SuccessAction=`).",
    rationale:
      "Only Type=oneshot may omit ExecStart=, and then it needs something to do and a state to stay in: systemd refuses the unit with \"Service has no ExecStart= setting, which is only allowed for Type=oneshot services\" or \"Service has no ExecStart=, ExecStop=, or SuccessAction=\" (service.c service_verify(); seen on a real systemd 252; systemd-facts §3). Often the ExecStart= line is there but in a section systemd does not read, or was reset by a drop-in's empty ExecStart= with nothing after it. An ExecStart= line systemd cannot parse counts as none when it ignores it (\"ExecStart=-\"); in the main file one it fails on refuses the unit before this check (UL304 reports that), so UL107 stays silent then.",
    bad: "[Unit]\nDescription=web server\n\n[Service]\nType=simple\nRestart=on-failure\n",
    good: "[Unit]\nDescription=web server\n\n[Service]\nType=simple\nExecStart=/usr/sbin/webd\n",
    seeAlso: ["systemd.service(5): ExecStart=, Type=oneshot, RemainAfterExit=", "systemd-facts §3"],
  },
  check({ unit, report }) {
    const file = unit.file;
    if (!file || execStarts(unit).length > 0) return;
    // Without any section, a file is a unit whose settings systemd all ignores (UL002) when it has some; a flattened link or a comment is not a unit at all.
    const sectionless = file.ast.sections.length === 0;
    const stray = file.ast.preamble.find((n) => n.kind === "entry");
    if (sectionless && !stray) return;
    // A command line systemd cannot parse in the main file refuses the unit before it looks for one (UL304 says so).
    const name = expandedNameOfUnit(unit.unitName);
    if (unit.list("Service", "ExecStart").some((a) => a.file === file && isFatal(DIRECTIVES.Service?.ExecStart, "ExecStart", a.entry.value, unit.systemdVersion, name))) return;
    const type = serviceType(unit);
    const hasStop = commandsOf(unit, "ExecStop").length > 0;
    const kept = (section: string, key: string): string | undefined => lastKept(unit, section, key)?.entry.value;
    const successAction = (kept("Unit", "SuccessAction") ?? "none") !== "none";
    const remain = parseBoolean(kept("Service", "RemainAfterExit") ?? "no") === true;
    let problem: string | null = null;
    if (type.value !== "oneshot") problem = `a Type=${type.value} service needs ExecStart=: systemd refuses to load it (only Type=oneshot may do without)`;
    else if (!hasStop && !successAction) problem = "a service with no ExecStart=, ExecStop= or SuccessAction= has nothing to do: systemd refuses to load it";
    else if (!remain && !successAction) problem = "a oneshot without ExecStart= needs RemainAfterExit=yes (or SuccessAction=): systemd refuses to load it";
    if (!problem) return;
    if (sectionless) {
      report({ file, span: stray!.range, message: `${problem} (every setting of this file comes before the first section header, where systemd ignores it: a missing [Service] line?)` });
      return;
    }
    report({ file: type.from?.file ?? file, span: type.from ? type.from.entry.range : sectionHeaderSpan(file.ast, "Service"), message: problem });
  },
};
export default rule;
