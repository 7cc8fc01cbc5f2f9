/**
 * `unitlint security PATH…`: the exposure of each service, as `systemd-analyze security --offline`
 * of the targeted release computes it (src/security/), with a table per unit or one JSON object
 * (schemas/security.schema.json). main.ts parses the arguments and calls runSecurity().
 */
import { discover, UsageError } from "../model/discover.js";
import { loadProject } from "../model/load.js";
import type { Scope } from "../model/search-paths.js";
import type { Unit } from "../model/unit.js";
import { describe } from "../security/descriptions.js";
import { formatExposure } from "../security/levels.js";
import type { RowResult } from "../security/score.js";
import { dropInStops, mainFileFailsAt } from "../model/fatal.js";
import { scoreUnit, type ScoredUnit } from "../security/user-scope.js";
import type { Io } from "./main.js";

export interface SecurityOptions {
  /** Treat this directory as the filesystem root; with no paths, assess its search paths. */
  root?: string | null;
  /** Scope of files whose path says neither. */
  scope?: Scope | null;
  /** Exit 1 when a unit's exposure is above this (0–10, as printed, e.g. 5 or 7.5). */
  threshold?: number | null;
  format?: "stylish" | "json";
  /** The systemd release whose assessment to reproduce. */
  systemdVersion: number;
  color?: boolean;
}

export interface SecurityJson {
  version: 1;
  units: Array<{
    path: string;
    unit: string;
    scope: Scope;
    exposure: number;
    level: string;
    notes: string[];
    checks: Array<{ id: string; setting: string; ok: boolean | null; exposure: number | null }>;
  }>;
}

const EXIT_OK = 0;
const EXIT_ABOVE_THRESHOLD = 1;
const EXIT_TOOL_ERROR = 2;

/** --threshold's text → 0–100, or an error message. */
export function parseThreshold(text: string): number | string {
  if (!/^\d+(\.\d)?$/.test(text) || Number(text) > 10) {
    return `--threshold ${JSON.stringify(text)}: expected an exposure from 0 to 10 with at most one decimal, as printed (e.g. 5 or 7.5; systemd-analyze's --threshold=75 is 7.5 here)`;
  }
  return Math.round(Number(text) * 10);
}

const decimal = (exposure: number): number => exposure / 10;

/** Most exposing rows first (systemd-analyze sorts by description); rows that do not apply last. */
function ordered(rows: readonly RowResult[]): RowResult[] {
  const rank = (r: RowResult): number => (r.badness === null ? -1 : (r.exposure ?? 0));
  return rows.map((r, i) => ({ r, i })).sort((a, b) => rank(b.r) - rank(a.r) || a.i - b.i).map(({ r }) => r);
}

function table(unit: Unit, scored: ScoredUnit, color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const rows = ordered(scored.assessment.rows);
  const nameWidth = Math.max(4, ...rows.map((r) => r.row.id.length));
  const descriptions = rows.map(describe);
  const descWidth = Math.max(11, ...descriptions.map((d) => d.length));
  const lines = [`${unit.path}  (${unit.name}, ${unit.scope})`, `  ${"NAME".padEnd(nameWidth)} ${"DESCRIPTION".padEnd(descWidth)} EXPOSURE`];
  rows.forEach((r, i) => {
    const mark = r.ok === null ? " " : r.ok ? paint("32", "✓") : paint("31", "✗");
    const exposure = r.exposure === null ? "" : formatExposure(r.exposure).padStart(8);
    lines.push(`${mark} ${r.row.id.padEnd(nameWidth)} ${descriptions[i]!.padEnd(descWidth)} ${exposure}`.trimEnd());
  });
  const { exposure, level } = scored.assessment;
  const levelColor = exposure >= 90 ? "31" : exposure >= 50 ? "33" : "32";
  lines.push("", `→ Overall exposure level for ${unit.name}: ${paint(levelColor, `${formatExposure(exposure)} ${level}`)}`);
  for (const note of scored.notes) lines.push(`  note: ${note}`);
  return `${lines.join("\n")}\n`;
}

function jsonUnit(unit: Unit, scored: ScoredUnit): SecurityJson["units"][number] {
  return {
    path: unit.path,
    unit: unit.name,
    scope: unit.scope,
    exposure: decimal(scored.assessment.exposure),
    level: scored.assessment.level,
    notes: scored.notes,
    checks: scored.assessment.rows.map((r) => ({ id: r.row.jsonField, setting: r.row.id, ok: r.ok, exposure: r.exposure === null ? null : decimal(r.exposure) })),
  };
}

/**
 * Assesses the services found under `paths` (files, directories, or with no paths the root's
 * search paths) and prints them; returns the exit code: 0, 1 when a unit scores above the
 * threshold, 2 when the tool could not do its job (e.g. a missing path).
 */
export function runSecurity(paths: readonly string[], options: SecurityOptions, io: Io): number {
  if (paths.includes("-")) {
    io.stderr("unitlint security: reading a unit from standard input is not supported; name its file\n");
    return EXIT_TOOL_ERROR;
  }
  if (paths.length === 0 && !options.root) {
    io.stderr('unitlint security: no paths given\nRun e.g. "unitlint security /etc/systemd/system".\n');
    return EXIT_TOOL_ERROR;
  }
  let units: Unit[];
  try {
    const root = options.root ?? null;
    const project = loadProject(discover(paths, { cwd: io.cwd, root }), { cwd: io.cwd, root, scope: options.scope ?? null });
    units = project.units.filter((u) => u.status === "checked" && u.type === "service");
    for (const unit of units) unit.readFor(options.systemdVersion);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`unitlint security: ${error.message}\n`);
      return EXIT_TOOL_ERROR;
    }
    throw error;
  }

  const threshold = options.threshold ?? null;
  const above: string[] = [];
  const json: SecurityJson = { version: 1, units: [] };
  const texts: string[] = [];
  for (const unit of units) {
    const scored = scoreUnit(unit, options.systemdVersion);
    const failsAt = mainFileFailsAt(unit);
    scored.notes.unshift(
      ...(failsAt === null
        ? []
        : [`systemd refuses to load this unit (its parser fails on line ${failsAt}; \`unitlint\` says why), so systemd-analyze security gives it no score: this is the score of its settings as written`]),
      ...dropInStops(unit).map(({ file, line }) => `systemd stops reading ${file.path} at line ${line} (its parser fails there; \`unitlint\` says why): the settings from that line on are not applied, nor counted here`),
    );
    if (threshold !== null && scored.assessment.exposure > threshold) above.push(`${unit.name} (${formatExposure(scored.assessment.exposure)})`);
    if (options.format === "json") json.units.push(jsonUnit(unit, scored));
    else texts.push(table(unit, scored, options.color === true));
    unit.release();
  }

  if (options.format === "json") {
    io.stdout(`${JSON.stringify(json)}\n`);
  } else {
    const summary =
      units.length === 0
        ? "no service to assess"
        : threshold === null
          ? `${units.length} service${units.length === 1 ? "" : "s"} assessed (systemd ${options.systemdVersion} rules)`
          : above.length === 0
            ? `${units.length} service${units.length === 1 ? "" : "s"} assessed: none above ${formatExposure(threshold)}`
            : `${above.length} of ${units.length} services above ${formatExposure(threshold)}: ${above.join(", ")}`;
    io.stdout(`${texts.join("\n")}${texts.length > 0 ? "\n" : ""}${above.length > 0 ? "✖" : "✔"} ${summary}\n`);
  }
  return above.length > 0 ? EXIT_ABOVE_THRESHOLD : EXIT_OK;
}
