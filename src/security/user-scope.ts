/**
 * How unitlint's score of a user unit differs from `systemd-analyze security --user`
 * (systemd-facts §5 and §12 "Who counts as privileged"): unitlint scores the unit as it runs, as
 * the user whose service manager starts it, without the settings a user manager does not apply;
 * systemd-analyze before 262 scores it as if it ran as root.
 */
import type { Unit } from "../model/unit.js";
import { userManagerIgnores } from "../model/user-manager.js";
import { SCORED_KEYS } from "./gaps.js";
import { formatExposure } from "./levels.js";
import { assessUnit, type Assessment } from "./score.js";

export interface ScoredUnit {
  /** unitlint's score (honest for user units, systemd's for system units). */
  assessment: Assessment;
  /** For user units: what systemd-analyze security --user of the targeted release prints. */
  systemd: Assessment | null;
  /** How the two differ, in words (empty for system units). */
  notes: string[];
}

/** Scores a unit for the `security` command and UL403. */
export function scoreUnit(unit: Unit, version: number): ScoredUnit {
  const assessment = assessUnit(unit, { version, mode: "honest" });
  if (unit.scope !== "user") return { assessment, systemd: null, notes: [] };
  const systemd = assessUnit(unit, { version, mode: "systemd" });
  const who = unit.owner === "root" ? "root (root's own service manager)" : unit.owner ? `${unit.owner}, not root` : "its user, not root";
  const notes = [`a user unit: scored as it runs, as ${who}; systemd-analyze security --user (systemd ${version}) prints ${formatExposure(systemd.exposure)} ${systemd.level}`];
  const ignored = SCORED_KEYS.filter((key) => userManagerIgnores(key) && unit.type === "service" && unit.assignments("Service", key).some((a) => a.entry.value !== ""));
  if (ignored.length > 0) notes.push(`a user manager does not apply ${ignored.map((k) => `${k}=`).join(", ")}: scored as unset`);
  const privateUsers = (a: Assessment): number | null | undefined => a.rows.find((r) => r.row.jsonField === "PrivateUsers")?.badness;
  if (privateUsers(assessment) === 0 && privateUsers(systemd) === 1) notes.push("its sandboxing makes a user manager turn on PrivateUsers= (systemd 254 and later)");
  return { assessment, systemd, notes };
}
