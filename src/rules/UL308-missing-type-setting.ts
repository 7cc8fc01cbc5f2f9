import { parseBoolean } from "../model/service.js";
import type { UnitType } from "../model/unit-name.js";
import { keptList, lastKept } from "../model/kept.js";
import { LISTEN_KEYS } from "../model/ports.js";
import { sectionHeaderSpan } from "./spans.js";
import type { Rule } from "./types.js";

/** What each type cannot do without (socket_verify(), timer_verify(), path_verify(), mount_verify() in systemd 252). */
const REQUIRED: Partial<Record<UnitType, { section: string; keys: readonly string[]; what: string; systemd: string }>> = {
  socket: {
    section: "Socket",
    keys: LISTEN_KEYS,
    what: "a socket without a Listen*= setting (ListenStream=, ListenDatagram=, ListenFIFO=, …) listens on nothing",
    systemd: "Unit has no Listen setting",
  },
  timer: {
    section: "Timer",
    keys: ["OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec", "OnCalendar"],
    what: "a timer without OnCalendar=, OnBootSec=, OnUnitActiveSec= or another On*= setting never elapses",
    systemd: "Timer unit lacks value setting",
  },
  path: {
    section: "Path",
    keys: ["PathExists", "PathExistsGlob", "PathChanged", "PathModified", "DirectoryNotEmpty"],
    what: "a path unit without PathExists=, PathChanged=, PathModified=, DirectoryNotEmpty= or PathExistsGlob= watches nothing",
    systemd: "Path unit lacks path setting",
  },
  mount: { section: "Mount", keys: ["What"], what: "a mount unit without What= has nothing to mount", systemd: "What= setting is missing" },
};

const rule: Rule = {
  id: "UL308",
  name: "missing-type-setting",
  severity: "error",
  phase: "unit",
  types: ["timer", "socket", "path", "mount"],
  docs: {
    summary: "A socket without `Listen*=`, a timer without `On*=`, a path unit without `Path*=` or a mount without `What=`: systemd refuses to load it.",
    rationale:
      "Each of these types needs its own trigger or source, and systemd refuses a unit without one (\"Unit has no Listen setting\", \"Timer unit lacks value setting\", \"Path unit lacks path setting\", \"What= setting is missing. Refusing.\"). What counts is what systemd keeps: an empty assignment (`ListenStream=`, `OnCalendar=`, `PathExists=`) removes every earlier one of the group, often from a drop-in, and a value its parser rejects is ignored, so a timer whose only `OnCalendar=` is misspelt is refused too. `OnClockChange=yes`/`OnTimezoneChange=yes` are a timer's triggers as well. Checked against systemd-analyze verify 252 (test/oracle/refusals.test.ts).",
    bad: "[Timer]\nOnCalendar=every day\nPersistent=true\n",
    good: "[Timer]\nOnCalendar=daily\nPersistent=true\n",
    seeAlso: ["systemd.socket(5)", "systemd.timer(5)", "systemd.path(5)", "systemd.mount(5): What="],
  },
  check({ unit, report }) {
    const file = unit.file;
    const required = unit.type ? REQUIRED[unit.type] : undefined;
    // Without its main file (drop-ins linted alone) or any section, or for the root mount (-.mount, which systemd always has), there is nothing to judge.
    if (!file || !required || file.ast.sections.length === 0 || unit.name === "-.mount") return;
    const { kept, reset, invalid } = keptList(unit, required.section, required.keys);
    if (kept.length > 0) return;
    if (unit.type === "timer" && ["OnClockChange", "OnTimezoneChange"].some((key) => parseBoolean(lastKept(unit, "Timer", key)?.entry.value ?? "no") === true)) return;
    const why = reset ? " (an empty assignment removed the ones before it)" : invalid ? " (systemd ignores the invalid ones)" : "";
    report({ file, span: sectionHeaderSpan(file.ast, required.section), message: `${required.what}${why}: systemd refuses to load it ("${required.systemd}")` });
  },
};
export default rule;
