/**
 * `systemd-analyze security --offline=true` as an oracle: one batched call per tree, with
 * SYSTEMD_ANALYZE_DEBUG=1 so that the table shows each row's weight, badness and range.
 *
 * Why this form: `--root=DIR` with unit names reads the units, their drop-ins and links from DIR's
 * search paths only (plain file paths would also pick up the host's /etc and /lib drop-ins), and one
 * call takes any number of units. `--json=short` was not used: it prints one JSON array per unit
 * back to back (not one JSON document), without the unit's name or its overall score, while the
 * text table has both. In --user mode 252 assesses nothing under --root, so user units are given
 * as file paths (with an XDG_RUNTIME_DIR, which the user manager needs).
 */
import { spawnSync } from "node:child_process";

export interface OracleRow {
  /** The check as systemd prints it, e.g. "PrivateTmp=". */
  id: string;
  /** null: the row does not apply (systemd prints UINT64_MAX). */
  badness: number | null;
  /** The row's exposure column ("0.2"), or "" when it is blank. */
  exposure: string;
}

export interface OracleUnit {
  /** The printed overall exposure, e.g. "9.6". */
  exposure: string;
  level: string;
  rows: Map<string, OracleRow>;
}

const ROW = /^(.) (\S+)\s+(.*?)\s+(\d+)\s+(\d+)\s+(\d+)(?:\s+(\d+\.\d))?\s*$/;
const OVERALL = /Overall exposure level for (\S+): (\d+\.\d) (\S+)/;
const NA = "18446744073709551615";

/**
 * Runs the oracle on units: names of units under `root`'s search paths, or (without a root) unit
 * file paths; `user` scores them as a user's service manager would (--user, which needs an
 * XDG_RUNTIME_DIR). Returns the assessed units by printed name, and stderr.
 */
export function analyzeSecurity(units_: readonly string[], options: { root?: string; user?: boolean; runtimeDir?: string } = {}): { units: Map<string, OracleUnit>; stderr: string } {
  const args = ["security", "--offline=true", "--no-pager", ...(options.user ? ["--user"] : []), ...(options.root ? [`--root=${options.root}`] : []), ...units_];
  const r = spawnSync("systemd-analyze", args, {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, SYSTEMD_ANALYZE_DEBUG: "1", SYSTEMD_COLORS: "0", COLUMNS: "400", ...(options.runtimeDir ? { XDG_RUNTIME_DIR: options.runtimeDir } : {}) },
  });
  const units = new Map<string, OracleUnit>();
  let rows = new Map<string, OracleRow>();
  for (const line of r.stdout.split("\n")) {
    const row = ROW.exec(line);
    if (row) {
      rows.set(row[2]!, { id: row[2]!, badness: row[5] === NA ? null : Number(row[5]), exposure: row[7] ?? "" });
      continue;
    }
    const overall = OVERALL.exec(line);
    if (overall) {
      units.set(overall[1]!, { exposure: overall[2]!, level: overall[3]!, rows });
      rows = new Map();
    }
  }
  return { units, stderr: r.stderr };
}

/** The name systemd-analyze prints for a unit: a template is analysed as its instance "i". */
export function printedName(name: string): string {
  return name.replace(/@\.(\w+)$/, "@i.$1");
}
