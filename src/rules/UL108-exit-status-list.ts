import type { Span } from "../syntax/ast.js";
import { exitStatusSet, formatExitCode, parseExitStatusList, signalFromString, type ExitStatusSuggestion } from "../model/exit-status.js";
import { restartPolicy } from "../model/restart-policy.js";
import type { Assignment, Unit } from "../model/unit.js";
import type { Rule } from "./types.js";

const KEYS = ["SuccessExitStatus", "RestartPreventExitStatus", "RestartForceExitStatus"] as const;

/** Restart= values under which an exit that counts as success is restarted anyway (systemd-facts §2, the Restart= table). */
const RESTARTS_ON_SUCCESS = new Set(["always", "on-success"]);

/** The span of a word of the value: the word itself when the value is written on one line as systemd reads it, else the whole value. */
function itemSpan(a: Assignment, start: number, end: number): Span {
  const range = a.entry.valueRange;
  if (range.line !== range.endLine || a.file.text.slice(range.start, range.end) !== a.entry.value) return range;
  return { start: range.start + start, end: range.start + end, line: range.line, column: range.column + start, endLine: range.line, endColumn: range.column + end };
}

/** KillSignal=: the last assignment systemd accepts; SIGTERM by default (systemd.kill(5)). */
function killSignal(unit: Unit): number {
  const all = unit.assignments("Service", "KillSignal");
  for (let i = all.length - 1; i >= 0; i--) {
    const value = all[i]!.entry.value;
    if (value === "") break;
    const signal = signalFromString(value);
    if (signal !== null) return signal;
  }
  return 15;
}

function hint(s: ExitStatusSuggestion | null): string {
  if (!s) return "";
  if (s.why === "version") return `; use the number ${s.text}`;
  return `; did you mean ${JSON.stringify(s.text)} (${s.kind === "code" ? s.value : `signal ${s.value}`})?`;
}

const rule: Rule = {
  id: "UL108",
  name: "exit-status-list",
  severity: "error",
  phase: "unit",
  types: ["service"],
  docs: {
    summary:
      "An item of `SuccessExitStatus=`, `RestartPreventExitStatus=` or `RestartForceExitStatus=` that systemd ignores (not an exit code 0–255, exit-status name or signal), and `SuccessExitStatus=` with a failure code (1–127) on a restarting service, which hides the failure.",
    rationale:
      "These settings take numbers 0–255, exit-status names without the `EXIT_`/`EX_` prefix (`CONFIG`, `TEMPFAIL`; since v243) and signal names (`SIGTERM`); systemd logs anything else once and ignores it, so `SuccessExitStatus=EX_CONFIG` or `RestartPreventExitStatus=config` silently does nothing (systemd-facts §2 \"Exit-status sets\", §4). And an exit code listed in `SuccessExitStatus=` becomes a success: with `Restart=on-failure` a service that exits 78 is not restarted and shows \"inactive\", not \"failed\", so monitoring and `OnFailure=` never see it (observed on a real systemd 252, real-systemd.md); with `Restart=always` it is restarted as if nothing failed. `RestartPreventExitStatus=` stops the restarts and keeps the failure. Not reported: codes 128 and up (`SuccessExitStatus=143` is the usual way to accept a Java service's exit on SIGTERM, 128 + 15), a code also listed in `RestartForceExitStatus=` (\"exit 3 means restart me\") or `RestartPreventExitStatus=` (the author has decided), and the number of the `KillSignal=` (emacs exits 15 after SIGTERM).",
    bad: "[Unit]\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify-admin@%n.service\n\n[Service]\nExecStart=/usr/local/bin/app\nRestart=always\nRestartSec=5s\nSuccessExitStatus=143 78\nRestartPreventExitStatus=EX_CONFIG\n",
    good: "[Unit]\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify-admin@%n.service\n\n[Service]\nExecStart=/usr/local/bin/app\nRestart=always\nRestartSec=5s\nSuccessExitStatus=143\nRestartPreventExitStatus=CONFIG\n",
    seeAlso: [
      "systemd.service(5): SuccessExitStatus=, RestartPreventExitStatus=, RestartForceExitStatus=",
      "systemd.exec(5): Process Exit Codes",
      "systemd-analyze exit-status",
      "systemd-facts §2 (Exit-status sets), §4 (Exit codes)",
    ],
  },
  check({ unit, settings, report }) {
    const options = { systemdVersion: settings.systemdVersion };
    // systemd logs every item it cannot parse, even in assignments a later empty one resets.
    for (const key of KEYS) {
      for (const a of unit.assignments("Service", key)) {
        for (const bad of parseExitStatusList(a.entry.value, options).invalid) {
          report({
            file: a.file,
            span: itemSpan(a, bad.start, bad.end),
            message: `${key}= item ${JSON.stringify(bad.text)} ${bad.reason}: systemd ignores it${hint(bad.suggestion)}`,
          });
        }
      }
    }

    const restart = restartPolicy(unit, settings).restart.value;
    if (restart === "no") return;
    // Deliberate uses: a code that also forces a restart ("exit 3 = restart me", syncthing), one whose
    // restart is already prevented (snapd's 42), and a program that exits with the number of the
    // signal that stops it (emacs exits 15 on SIGTERM).
    const skip = new Set<number>([
      ...exitStatusSet(unit, "RestartForceExitStatus", options).codes,
      ...exitStatusSet(unit, "RestartPreventExitStatus", options).codes,
      killSignal(unit),
    ]);
    for (const a of unit.list("Service", "SuccessExitStatus")) {
      for (const item of parseExitStatusList(a.entry.value, options).items) {
        if (item.kind !== "code" || item.value < 1 || item.value > 127 || skip.has(item.value)) continue;
        skip.add(item.value);
        const code = item.value;
        const effect = RESTARTS_ON_SUCCESS.has(restart)
          ? `with Restart=${restart} a service that exits with ${code} is restarted as if nothing had failed (Result=success)`
          : `with Restart=${restart} a service that exits with ${code} stays down and shows "inactive" instead of "failed"`;
        report({
          file: a.file,
          span: itemSpan(a, item.start, item.end),
          severity: "warning",
          message: `SuccessExitStatus= lists exit code ${formatExitCode(code)}: systemd counts that exit as a success, so ${effect}, and monitoring never sees the failure; RestartPreventExitStatus=${code} stops the restarts while keeping the failure visible`,
        });
      }
    }
  },
};
export default rule;
