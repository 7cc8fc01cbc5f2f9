/**
 * Restart loops and units that gave up, from `systemctl show`: a unit waiting
 * to be restarted (`activating`/`auto-restart`), one whose NRestarts grew between
 * two samples (`--watch N`), one that is `failed` although its Restart= policy
 * would restart it (the start limit tripped: "Start request repeated too
 * quickly", which shows as Result=exit-code, or start-limit-hit when the last run
 * succeeded; ../shared/docs/real-systemd.md).
 */
import { CHECKS, finding, type DoctorFinding } from "./findings.js";
import { intProp, systemctlCommand, type ManagerScope, type Properties } from "./systemctl.js";

export interface LoopContext {
  scope: ManagerScope;
  /** The second sample of each unit by Id (with --watch), and the seconds between the samples. */
  later: ReadonlyMap<string, Properties> | null;
  watchSec: number;
  /** Where each unit's file is, for the finding's path. */
  pathOf: (unit: string) => string | null;
}

/** `RestartUSec=100ms`, `StartLimitIntervalUSec=10s`: systemd's own time spans, shown as they are. */
const limit = (p: Properties): string => `StartLimitBurst=${p.StartLimitBurst ?? "?"} in StartLimitIntervalSec=${p.StartLimitIntervalUSec ?? "?"}`;

function restartPrevented(p: Properties): boolean {
  const status = p.ExecMainStatus ?? "";
  return status !== "" && (p.RestartPreventExitStatus ?? "").split(" ").includes(status);
}

function journalCommand(scope: ManagerScope, unit: string): string {
  return `journalctl ${scope === "user" ? "--user " : ""}-u ${unit} -n 50`;
}

export function checkLoops(units: readonly Properties[], ctx: LoopContext): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const sc = systemctlCommand(ctx.scope);
  for (const first of units) {
    const id = first.Id!;
    const now = ctx.later?.get(id) ?? first;
    const restarts = intProp(now, "NRestarts");
    const grew = ctx.later?.has(id) ? restarts - intProp(first, "NRestarts") : 0;
    const at = ctx.pathOf(id);
    const where = at === null ? null : { path: at };
    const state = `${now.ActiveState}/${now.SubState}`;
    const growth = grew > 0 ? `, up ${grew} in ${ctx.watchSec} s` : "";
    if (now.SubState === "auto-restart" || grew > 0) {
      out.push(
        finding(
          CHECKS.restartLoop,
          "error",
          id,
          `${id} is in a restart loop: ${state}, NRestarts=${restarts}${growth} (Restart=${now.Restart}, RestartSec=${now.RestartUSec}, last result ${now.Result}, exit status ${now.ExecMainStatus}); see why with \`${journalCommand(ctx.scope, id)}\`, fix the cause, then \`${sc} restart ${id}\``,
          where,
        ),
      );
      continue;
    }
    if (now.ActiveState === "failed") {
      const policy = now.Restart ?? "no";
      const gaveUp = now.Result === "start-limit-hit" || (policy !== "no" && restarts > 0 && !restartPrevented(now));
      if (gaveUp) {
        out.push(
          finding(
            CHECKS.gaveUp,
            "error",
            id,
            `${id} gave up: failed after ${restarts} restarts (Result=${now.Result}, NRestarts=${restarts}, exit status ${now.ExecMainStatus}): the start limit tripped (${limit(now)}) and nothing will restart it (Restart=${policy}); see why with \`${journalCommand(ctx.scope, id)}\`, fix the cause, then \`${sc} reset-failed ${id}\` and \`${sc} restart ${id}\``,
            where,
          ),
        );
      } else {
        out.push(
          finding(CHECKS.failed, "warning", id, `${id} failed (Result=${now.Result}, exit status ${now.ExecMainStatus}, Restart=${policy}); see why with \`${journalCommand(ctx.scope, id)}\`, then \`${sc} restart ${id}\``, where),
        );
      }
      continue;
    }
    if (restarts > 0) {
      out.push(finding(CHECKS.restarted, "info", id, `${id} was restarted ${restarts} times (NRestarts=${restarts}) and is ${state} now`, where));
    }
  }
  return out;
}
