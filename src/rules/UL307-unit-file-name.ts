import { lastKept } from "../model/kept.js";
import { unitNameFromPath } from "../model/unit-name.js";
import { unitNameProblem } from "../model/values/units.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL307",
  name: "unit-file-name",
  severity: "error",
  phase: "unit",
  docs: {
    summary: "A unit file whose name systemd cannot load: not a valid unit name, or a mount or automount unit not named after its `Where=` path.",
    rationale:
      "systemd finds units by file name, and skips a file in its search path whose name is not a unit name (letters, digits and \":-_.\\\" before the type, one \"@\" for templates; systemd-analyze verify: \"Failed to prepare filename … Invalid argument\"). A mount or automount unit must be named after the path it mounts, escaped as `systemd-escape --path` does (/ becomes -, - becomes \\x2d, other characters \\xNN): otherwise systemd refuses it with \"Where= setting doesn't match unit name. Refusing.\" (systemd.mount(5); checked against systemd-analyze verify 252 by test/oracle/refusals.test.ts).",
    bad: "# example.mount\n[Mount]\nWhat=/dev/sdb1\nWhere=/srv/example\n",
    good: "# example.mount\n[Mount]\nWhat=/dev/sdb1\nWhere=/example\n",
    seeAlso: ["systemd.unit(5): unit names", "systemd.mount(5): Where=", "systemd-escape(1) --path"],
  },
  check({ unit, settings, report }) {
    const file = unit.file;
    // A unit known only from its drop-ins, or a file named on the command line without a unit suffix, has no name to judge.
    if (!file || file.role !== "unit" || !unit.unitName) return;
    const problem = unitNameProblem(unit.name);
    const first = file.ast.sections[0];
    if (problem) {
      report({ file, span: first ? first.header.range : null, message: `systemd does not load a file named ${JSON.stringify(unit.name)}: it is not a unit name (${problem.why})` });
      return;
    }
    const type = unit.type;
    if (type !== "mount" && type !== "automount") return;
    const section = type === "mount" ? "Mount" : "Automount";
    // Specifiers would need the unit's own name to resolve: the comparison would be circular.
    if (unit.assignments(section, "Where").some((a) => a.entry.value.includes("%"))) return;
    // The Where= systemd keeps: an invalid one (relative, with "..") is ignored, as UL304 reports.
    const at = lastKept(unit, section, "Where", settings.systemdVersion);
    if (!at) return;
    const where = at.entry.value;
    const expected = unitNameFromPath(where, type);
    if (expected === unit.name) return;
    report({
      file: at.file,
      span: at.entry.range,
      message: `Where=${where} needs the unit to be named ${expected}, not ${unit.name}: systemd refuses to load it ("Where= setting doesn't match unit name"); rename the file (systemd-escape --path --suffix=${type} ${JSON.stringify(where)})`,
    });
  },
};
export default rule;
