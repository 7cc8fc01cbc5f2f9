/** `unitlint doctor [--user] [--watch N] [--format …]`: live checks of the running manager (src/doctor/). */
import path from "node:path";
import { findConfig, readConfig, resolveConfig } from "../config/load.js";
import { doctor, type DoctorReport } from "../doctor/index.js";
import { systemRunner, type Runner } from "../doctor/exec.js";
import { formatDoctor } from "../doctor/stylish.js";
import { TEXT_FORMATTERS } from "../report/formats.js";
import { writeJson } from "../report/json.js";
import { RULES } from "../rules/index.js";
import type { Severity } from "../rules/types.js";
import { NEWEST_SYSTEMD } from "../data/directives.generated.js";
import { localSystemdVersion } from "./local-systemd.js";
import type { Io } from "./main.js";
import type { CliArgs } from "./options.js";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_TOOL_ERROR = 2;

/** Options of the linter that mean nothing to doctor. */
const NOT_FOR_DOCTOR: ReadonlyArray<[keyof CliArgs, string]> = [
  ["root", "--root"], ["fix", "--fix"], ["diff", "--diff"], ["unsafeFixes", "--unsafe-fixes"], ["dropIn", "--drop-in"],
  ["profile", "--profile"], ["template", "--template"], ["threshold", "--threshold"], ["stdinFilename", "--stdin-filename"], ["defaults", "--defaults"],
];

function colorOf(args: CliArgs, io: Io): boolean {
  if (args.color !== undefined) return args.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.isTTY;
}

/** `run` replaces the real programs (tests); `proc` the /proc doctor reads. */
export async function runDoctor(args: CliArgs, io: Io, inject: { run?: Runner; proc?: string; sleep?: (ms: number) => Promise<void> } = {}): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`unitlint doctor: ${message}\n`);
    return EXIT_TOOL_ERROR;
  };
  if (args.paths.length > 1) return fail(`takes no paths (it asks the running manager), got ${JSON.stringify(args.paths.slice(1).join(" "))}`);
  for (const [key, flag] of NOT_FOR_DOCTOR) if (args[key] !== undefined && args[key] !== false) return fail(`${flag} is not an option of unitlint doctor`);
  let watchSec = 0;
  if (args.watch !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(args.watch)) return fail(`--watch ${JSON.stringify(args.watch)}: expected a number of seconds from 1 to 9999`);
    watchSec = Number(args.watch);
  }
  let config = null;
  if (args.config !== false) {
    const file = args.config !== undefined ? path.resolve(io.cwd, args.config) : findConfig(io.cwd);
    if (file !== null) {
      const data = readConfig(file);
      if (Array.isArray(data)) return fail(data.join("; "));
      config = resolveConfig(file, data, RULES);
    }
  }
  let version: number;
  if (args.systemdVersion !== undefined) {
    version = Number(args.systemdVersion);
    if (!/^\d+$/.test(args.systemdVersion) || version < 209 || version > NEWEST_SYSTEMD) return fail(`--systemd-version ${JSON.stringify(args.systemdVersion)}: expected a release from 209 to ${NEWEST_SYSTEMD}`);
  } else {
    version = Math.min(Math.max(localSystemdVersion(io.env) ?? NEWEST_SYSTEMD, 209), NEWEST_SYSTEMD);
  }
  const result = await doctor({
    scope: args.user ? "user" : "system",
    watchSec,
    run: inject.run ?? systemRunner(io.env),
    settings: { ...config?.settings, systemdVersion: version },
    policy: config?.policy ?? null,
    proc: inject.proc,
    sleep: inject.sleep,
  });
  if (!result.ok) return fail(result.error);
  for (const note of result.notes) io.stderr(`unitlint doctor: ${note}\n`);
  const threshold = RANK[args.failOn ?? config?.failOn ?? "warning"];
  let report: DoctorReport = result.report;
  const failing = report.findings.some((f) => RANK[f.severity] >= threshold);
  if (args.quiet) {
    const findings = report.findings.filter((f) => RANK[f.severity] >= threshold);
    const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
    report = { ...report, findings, summary: { ...report.summary, errors: count("error"), warnings: count("warning"), infos: count("info") } };
  }
  if (args.format === "json") writeJson(report, io.stdout);
  else if (args.format === "stylish") {
    if (!(args.quiet && report.findings.length === 0)) io.stdout(formatDoctor(report, colorOf(args, io)));
  } else io.stdout(TEXT_FORMATTERS[args.format](report));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
