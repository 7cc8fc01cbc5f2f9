import { lastKept } from "../model/kept.js";
import { unitNameFromPath, type UnitType } from "../model/unit-name.js";
import { unitNameProblem } from "../model/values/units.js";
import type { Rule } from "./types.js";

/** The units named after a path, the setting that holds it and systemd's words when they differ (mount_verify(), automount_verify(), swap_verify()). */
const NAMED_AFTER_PATH: Partial<Record<UnitType, { section: string; key: string; systemd: string }>> = {
  mount: { section: "Mount", key: "Where", systemd: "Where= setting doesn't match unit name" },
  automount: { section: "Automount", key: "Where", systemd: "Where= setting doesn't match unit name" },
  swap: { section: "Swap", key: "What", systemd: "Value of What= and unit name do not match" },
};

const rule: Rule = {
  id: "UL307",
  name: "unit-file-name",
  severity: "error",
  phase: "unit",
  docs: {
    summary: "A unit file whose name systemd cannot load: not a valid unit name, or a mount or automount unit not named after its `Where=` path, or a swap unit not named after its `What=`.",
    rationale:
      "systemd finds units by file name, and skips a file in its search path whose name is not a unit name (letters, digits and \":-_.\\\" before the type, one \"@\" for templates; systemd-analyze verify: \"Failed to prepare filename … Invalid argument\"). A mount or automount unit must be named after the path it mounts, escaped as `systemd-escape --path` does (/ becomes -, - becomes \\x2d, other characters \\xNN): otherwise systemd refuses it with \"Where= setting doesn't match unit name. Refusing.\" (systemd.mount(5)). A swap unit is named after its device or file the same way (What=/var/swapfile: var-swapfile.swap), or systemd says \"Value of What= and unit name do not match, not loading.\" (systemd.swap(5); both checked against systemd-analyze verify 252 by test/oracle/refusals.test.ts).",
    bad: "# example.mount\n[Mount]\nWhat=/dev/sdb1\nWhere=/srv/example\n",
    good: "# example.mount\n[Mount]\nWhat=/dev/sdb1\nWhere=/example\n",
    seeAlso: ["systemd.unit(5): unit names", "systemd.mount(5): Where=", "systemd.swap(5): What=", "systemd-escape(1) --path"],
  },
  check({ unit, report }) {
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
    const named = type ? NAMED_AFTER_PATH[type] : undefined;
    if (!type || !named) return;
    const { section, key } = named;
    // Specifiers would need the unit's own name to resolve: the comparison would be circular.
    if (unit.assignments(section, key).some((a) => a.entry.value.includes("%"))) return;
    // The value systemd keeps: an invalid one (relative, with "..") is ignored, as UL304 reports, and the path then comes from the name.
    const at = lastKept(unit, section, key);
    if (!at) return;
    const value = at.entry.value;
    // A swap's What= that is no absolute path (UUID=…, LABEL=…) is ignored by systemd 252 and read as a /dev/disk/by-… link by later releases: left alone.
    if (!value.startsWith("/")) return;
    const expected = unitNameFromPath(value, type);
    if (expected === unit.name) return;
    report({
      file: at.file,
      span: at.entry.range,
      message: `${key}=${value} needs the unit to be named ${expected}, not ${unit.name}: systemd refuses to load it ("${named.systemd}"); rename the file (systemd-escape --path --suffix=${type} ${JSON.stringify(value)})`,
    });
  },
};
export default rule;
