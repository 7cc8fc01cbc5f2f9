import { splitCommands, stripPrefixes } from "../model/command-line.js";
import { hostPlace } from "../model/host.js";
import { commandsOf, EXEC_KEYS } from "../model/service.js";
import { TYPE_SECTION } from "../model/unit-name.js";
import type { Unit } from "../model/unit.js";
import type { Rule } from "./types.js";

/** Commands whose failure keeps the service from starting at all. */
const START_KEYS: ReadonlySet<string> = new Set(["ExecCondition", "ExecStartPre", "ExecStart"]);

/** Conditions that skip the unit, rather than fail it, when their path is not there (ConditionPathExists=/sbin/quotaon). */
const PATH_CONDITIONS = ["ConditionPathExists", "ConditionFileIsExecutable", "ConditionFileNotEmpty", "ConditionPathIsSymbolicLink"];

/** The paths the unit's path conditions require ("|" triggering ones included, "!" negated ones not). */
function conditionedPaths(unit: Unit): Set<string> {
  const out = new Set<string>();
  for (const key of PATH_CONDITIONS) {
    for (const a of unit.list("Unit", key)) {
      const path = a.entry.value.replace(/^\|/, "");
      if (!path.startsWith("!")) out.add(path);
    }
  }
  return out;
}

const rule: Rule = {
  id: "UL208",
  name: "missing-program",
  severity: "error",
  phase: "unit",
  types: ["service", "socket"],
  tags: ["host"],
  docs: {
    summary: "A command (`ExecStart=`, `ExecStartPre=`, …) of a unit of your own whose program does not exist, or is not executable, on the host the unit belongs to: checked on the live system and under `--root`, never for a checkout.",
    rationale:
      "systemd runs the program at the path a command line names and nothing else: when it is gone (a package removed, a path mistyped, a binary installed somewhere else) the command fails with status 203/EXEC, and for ExecStart=, ExecStartPre= and ExecCondition= the service (for a socket unit's ExecStartPre=, the socket) never starts, often found only at the next reboot. `systemd-analyze verify` says \"Command … is not executable\"; unitlint looks the path up as the service would see it: on the live system for units in its search path, and inside the --root tree with links kept inside it. It never runs anything. Not checked: packaged units (under lib/systemd: their package declares what they need, and conditions unitlint cannot evaluate, such as ConditionVirtualization=, often skip them), a command whose unit has a path condition on the program itself (ConditionPathExists=/sbin/quotaon skips the unit instead), commands with the \"-\" prefix (a failure is ignored), lines systemd does not read (a command it cannot parse, ExecCondition= before systemd 243), program names systemd searches in $PATH, paths with specifiers or variables, and units of a repository checkout, whose root has no programs.",
    bad: "# /etc/systemd/system/app.service, and /usr/bin/node is not installed\n[Service]\nExecStart=/usr/bin/node /srv/app/server.js\n",
    good: "# /etc/systemd/system/app.service\n[Service]\nExecStart=/usr/local/bin/node /srv/app/server.js\n",
    seeAlso: ["systemd.service(5): ExecStart=, command lines", "systemd.exec(5): exit status 203/EXEC", "systemd-analyze(1): verify"],
  },
  check({ unit, host, report }) {
    const root = unit.dir.root;
    const section = unit.type ? TYPE_SECTION[unit.type] : null;
    if (!section || !host.holdsPrograms(root) || unit.dir.vendor) return;
    let guarded: Set<string> | null = null;
    for (const key of EXEC_KEYS) {
      for (const a of commandsOf(unit, key, section)) {
        for (const command of splitCommands(a.entry.value)) {
          const { path, prefixes } = stripPrefixes(command[0]!.text);
          // "-": systemd ignores the failure (and verify does not check it); "|": a shell command line (v258).
          if (prefixes.includes("-") || prefixes.includes("|") || !path.startsWith("/") || /[%$]/.test(path)) continue;
          const found = host.program(root, path);
          if (found === null || found === "executable" || (guarded ??= conditionedPaths(unit)).has(path)) continue;
          const state = found === "missing" ? "does not exist" : "is not an executable file";
          const effect = START_KEYS.has(key) ? `; the ${unit.type} never starts` : "";
          report({ file: a.file, span: a.entry.range, message: `${key}= runs ${path}, which ${state} ${hostPlace(root)}: systemd fails the command with status 203/EXEC${effect}` });
        }
      }
    }
  },
};
export default rule;
