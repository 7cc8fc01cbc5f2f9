/**
 * Journal noise: how many "Scheduled restart job" and "Failed to start" messages
 * each unit left in the last hour, from `journalctl -o json` filtered on their
 * catalog message ids (the same messages in any language).
 */
import fs from "node:fs";
import path from "node:path";
import type { Runner } from "./exec.js";
import { CHECKS, finding, type DoctorFinding } from "./findings.js";
import { systemctlCommand, type ManagerScope } from "./systemctl.js";

/** "Automatic restarting of a unit has been scheduled" (SD_MESSAGE_UNIT_RESTART_SCHEDULED). */
export const RESTART_SCHEDULED = "5eb03494b6584870a536b337290809b3";
/** "A start job for unit … has failed" (SD_MESSAGE_UNIT_FAILED). */
export const START_FAILED = "be02cf6855d2428ba40df7e9d022f03d";

export interface Noise {
  restarts: number;
  failures: number;
}

/**
 * `journalctl -o json` output: one object a line. The manager names the unit in UNIT=
 * (system manager) or USER_UNIT= (user manager). Lines that are not JSON are skipped.
 */
export function countNoise(text: string): Map<string, Noise> {
  const out = new Map<string, Noise>();
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const unit = typeof entry.USER_UNIT === "string" ? entry.USER_UNIT : typeof entry.UNIT === "string" ? entry.UNIT : null;
    if (unit === null) continue;
    const n = out.get(unit) ?? { restarts: 0, failures: 0 };
    if (entry.MESSAGE_ID === RESTART_SCHEDULED) n.restarts++;
    else if (entry.MESSAGE_ID === START_FAILED) n.failures++;
    else continue;
    out.set(unit, n);
  }
  return out;
}

/** The arguments, fixed but for the scope: two matches on the same field are ORed by journalctl. */
export function journalArgs(scope: ManagerScope): string[] {
  return [...(scope === "user" ? ["--user"] : []), "--since=-1h", "--no-pager", "--output=json", `MESSAGE_ID=${RESTART_SCHEDULED}`, `MESSAGE_ID=${START_FAILED}`];
}

export const JOURNAL_DIRS = ["/run/log/journal", "/var/log/journal"];

/**
 * Are there journal files (`<dir>/<machine-id>/*.journal`)? journalctl prints nothing, and
 * exits 0, when there are none (no journald, as in a container); null when we may not look.
 */
export function journalFilesPresent(dirs: readonly string[] = JOURNAL_DIRS): boolean | null {
  let unknown = false;
  for (const dir of dirs) {
    let machines: string[];
    try {
      machines = fs.readdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") unknown = true;
      continue;
    }
    for (const m of machines) {
      try {
        if (fs.readdirSync(path.join(dir, m)).some((f) => f.endsWith(".journal") || f.endsWith(".journal~"))) return true;
      } catch {
        unknown = true;
      }
    }
  }
  return unknown ? null : false;
}

/** The findings, and a note when the journal could not be read. */
export async function checkJournal(run: Runner, scope: ManagerScope, dirs: readonly string[] = JOURNAL_DIRS): Promise<{ findings: DoctorFinding[]; note: string | null }> {
  const r = await run("journalctl", journalArgs(scope));
  if (!r.ok) return { findings: [], note: `journal noise not checked: ${r.why}` };
  const counts = countNoise(r.stdout);
  const findings: DoctorFinding[] = [];
  const journal = `journalctl ${scope === "user" ? "--user " : ""}`;
  for (const [unit, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const severity = n.restarts >= 10 || n.failures >= 3 ? "warning" : "info";
    findings.push(
      finding(
        CHECKS.journalNoise,
        severity,
        unit,
        `the journal of the last hour has ${n.restarts} "Scheduled restart job" and ${n.failures} "Failed to start" messages for ${unit}; read them with \`${journal}-u ${unit} --since=-1h\` (\`${systemctlCommand(scope)} status ${unit}\` shows its state)`,
      ),
    );
  }
  const none = counts.size === 0 && journalFilesPresent(dirs) === false;
  return { findings, note: none ? `journal noise not checked: no journal files in ${dirs.join(" or ")} (is systemd-journald running?)` : null };
}
