/** The `unitlint` command line. `run()` returns the exit code instead of exiting, for tests. */
import fs from "node:fs";
import path from "node:path";
import { lintWithProject, type LintOptions } from "../engine/lint.js";
import { fixProject } from "../fixers/project.js";
import { hardenRule, loadTemplate } from "../fixers/harden.js";
import { sandboxExemption } from "../fixers/sandbox-exemption.js";
import { RULES } from "../rules/index.js";
import type { Rule } from "../rules/types.js";
import { describeWrites, performWrites, planDiff, planWrites } from "./fix.js";
import { parseThreshold, runSecurity } from "./security.js";
import { findConfig, readConfig, resolveConfig, type ResolvedConfig } from "../config/load.js";
import type { CliArgs } from "./options.js";
import { runRulesCommand } from "./rules-command.js";
import { runDoctor } from "./doctor.js";
import { formatExposure, levelOf } from "../security/levels.js";
import { scoreUnit } from "../security/user-scope.js";
import type { Report } from "../engine/report.js";
import { UsageError } from "../model/discover.js";
import type { Project } from "../model/load.js";
import type { Unit, UnitFile } from "../model/unit.js";
import { decodeUnitBytes } from "../syntax/read.js";
import type { Severity } from "../rules/types.js";
import { writeJson } from "../report/json.js";
import { formatStylish } from "../report/stylish.js";
import { formatTiming } from "../report/timing.js";
import { TEXT_FORMATTERS } from "../report/formats.js";
import { openOutputFile } from "./output-file.js";
import { parseCliArgs, useYargsLoader } from "./args.js";
import { localSystemdVersion } from "./local-systemd.js";
import { readHostDefaults } from "../engine/host-defaults.js";
import type { Settings } from "../engine/settings.js";
import type { SystemdVersionSource } from "../engine/report.js";
import { NEWEST_SYSTEMD } from "../data/directives.generated.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TOOL_ERROR = 2;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  cwd: string;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function useColor(flag: boolean | undefined, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.isTTY;
}

/** The text of a line of a linted file, for the stylish output (files are parsed again only if they have findings). */
function sourceLines(project: Project): (path: string, line: number) => string | undefined {
  const files = new Map<string, UnitFile>();
  for (const unit of project.units) for (const f of unit.files()) files.set(f.path, f);
  return (path, line) => {
    const file = files.get(path);
    const l = file?.ast.lines[line - 1];
    return file && l ? file.text.slice(l.start, l.end) : undefined;
  };
}

/**
 * The systemd version to check for: --systemd-version, else the local systemd's (see
 * local-systemd.ts), else the newest version unitlint knows. Returns an error message for a bad option.
 */
function systemdTarget(option: string | undefined, io: Io): { version: number; source: SystemdVersionSource } | string {
  if (option !== undefined) {
    const v = Number(option);
    if (!/^\d+$/.test(option) || v < 209 || v > NEWEST_SYSTEMD) return `--systemd-version ${JSON.stringify(option)}: expected a release from 209 to ${NEWEST_SYSTEMD}`;
    return { version: v, source: "option" };
  }
  const local = localSystemdVersion(io.env);
  if (local !== null) return { version: Math.min(Math.max(local, 209), NEWEST_SYSTEMD), source: "systemctl" };
  return { version: NEWEST_SYSTEMD, source: "newest" };
}

/** Each checked service's exposure (0–10), by unit path; `alsoEach` sees each service while its files are parsed. */
function serviceExposures(project: Project, version: number, alsoEach?: (unit: Unit) => void): Map<string, number> {
  const out = new Map<string, number>();
  for (const unit of project.units) {
    if (unit.status === "checked" && unit.type === "service") {
      out.set(unit.path, scoreUnit(unit, version).assessment.exposure);
      alsoEach?.(unit);
    }
    unit.release();
  }
  return out;
}

/** "unitlint: harden adds no sandboxing to ssh.service: it starts login sessions (sshd): …" for a service exempt; "" for the others. */
function describeExemption(unit: Unit, vendor: boolean): string {
  if (unit.file === null || unit.file.context) return "";
  const why = sandboxExemption(unit, vendor);
  return why === null ? "" : `unitlint: harden adds no sandboxing to ${unit.path}: ${why}\n`;
}

/** "harden: gw.service: exposure 9.6 UNSAFE → 5.5 MEDIUM" for each service whose score changed. */
function describeExposures(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): string {
  let out = "";
  for (const [unit, was] of before) {
    const now = after.get(unit);
    if (now === undefined || now === was) continue;
    out += `unitlint: harden ${unit}: exposure ${formatExposure(was)} ${levelOf(was)} → ${formatExposure(now)} ${levelOf(now)}\n`;
  }
  return out;
}

/** The configuration: --config FILE, else the nearest .unitlint.json, none with --no-config; a number is the exit code of a bad one. */
function configFor(args: CliArgs, io: Io): ResolvedConfig | null | number {
  if (args.config === false) return null;
  const file = args.config !== undefined ? path.resolve(io.cwd, args.config) : findConfig(io.cwd);
  if (file === null) return null;
  const data = readConfig(file);
  if (Array.isArray(data)) {
    io.stderr(data.map((problem) => `unitlint: ${problem}\n`).join(""));
    return EXIT_TOOL_ERROR;
  }
  return resolveConfig(file, data, RULES);
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = await parseCliArgs(argv);
  if (parsed.kind === "exit") {
    if (parsed.stdout) io.stdout(parsed.stdout);
    if (parsed.stderr) io.stderr(parsed.stderr);
    return parsed.code;
  }
  const { args } = parsed;
  if (args.outputFile === undefined) return runArgs(args, io);
  // --output-file: what would go to standard output goes to the file; messages stay on stderr.
  const out = openOutputFile(path.resolve(io.cwd, args.outputFile));
  if (typeof out === "string") {
    io.stderr(`unitlint: ${out}\n`);
    return EXIT_TOOL_ERROR;
  }
  let code: number;
  try {
    code = await runArgs(args, { ...io, stdout: out.write, isTTY: false });
  } catch (error) {
    out.abort();
    throw error;
  }
  // A run that failed before writing anything leaves FILE as it was (an empty SARIF file would not even parse).
  if (code === EXIT_TOOL_ERROR && !out.written) {
    out.abort();
    return code;
  }
  const failure = out.commit();
  if (failure !== null) io.stderr(`unitlint: ${failure}\n`);
  return failure !== null ? EXIT_TOOL_ERROR : code;
}

async function runArgs(args: CliArgs, io: Io): Promise<number> {
  // `unitlint rules`, `unitlint explain RULE` (src/cli/rules-command.ts).
  if (args.paths[0] === "rules" || args.paths[0] === "explain") return runRulesCommand(args.paths[0], args.paths.slice(1), { format: args.format }, io);
  // `unitlint doctor [--user] [--watch N]` (src/cli/doctor.ts).
  if (args.paths[0] === "doctor") return runDoctor(args, io);
  const config = configFor(args, io);
  if (typeof config === "number") return config;
  const systemdVersion = args.systemdVersion ?? (config?.settings.systemdVersion !== undefined ? String(config.settings.systemdVersion) : undefined);
  // `unitlint harden PATH…`, `unitlint security PATH…` (a directory named so is ./harden).
  const command = args.paths[0] === "harden" || args.paths[0] === "security" ? args.paths[0] : null;
  const harden = command === "harden";
  const paths = command ? args.paths.slice(1) : args.paths;
  if (!harden && (args.profile || args.template || args.vendor)) {
    io.stderr(`unitlint: ${args.profile ? "--profile" : args.template ? "--template" : "--vendor"} is an option of unitlint harden\n`);
    return EXIT_TOOL_ERROR;
  }
  if (command !== "security" && args.threshold !== undefined) {
    io.stderr("unitlint: --threshold is an option of unitlint security\n");
    return EXIT_TOOL_ERROR;
  }
  if (command === "security") {
    const threshold = args.threshold === undefined ? null : parseThreshold(args.threshold);
    if (typeof threshold === "string") {
      io.stderr(`unitlint: ${threshold}\n`);
      return EXIT_TOOL_ERROR;
    }
    const target = systemdTarget(systemdVersion, io);
    if (typeof target === "string") {
      io.stderr(`unitlint: ${target}\n`);
      return EXIT_TOOL_ERROR;
    }
    const scope = args.user ? "user" : args.system ? "system" : null;
    if (args.format !== "stylish" && args.format !== "json") {
      io.stderr(`unitlint security: --format ${args.format} is not supported (stylish or json)\n`);
      return EXIT_TOOL_ERROR;
    }
    return runSecurity(paths, { root: args.root ?? null, scope, threshold, format: args.format, systemdVersion: target.version, color: useColor(args.color, io) }, io);
  }
  const stdinWanted = paths.includes("-");
  if (paths.length === 0 && !args.root) {
    io.stderr('unitlint: no paths given\nRun "unitlint --help" for usage, e.g. "unitlint /etc/systemd/system".\n');
    return EXIT_TOOL_ERROR;
  }
  if (args.stdinFilename && !stdinWanted) {
    io.stderr("unitlint: --stdin-filename needs - among the paths\n");
    return EXIT_TOOL_ERROR;
  }

  let settings: Partial<Settings> = {};
  if (args.defaults) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, args.defaults), "utf8");
    } catch (error) {
      io.stderr(`unitlint: cannot read --defaults ${JSON.stringify(args.defaults)}: ${(error as NodeJS.ErrnoException).code ?? error}\n`);
      return EXIT_TOOL_ERROR;
    }
    const host = readHostDefaults(text);
    if (host.problems.length > 0) {
      io.stderr(host.problems.map((p) => `unitlint: ${args.defaults}: ${p}\n`).join(""));
      return EXIT_TOOL_ERROR;
    }
    settings = host.settings;
  }

  const target = systemdTarget(systemdVersion, io);
  if (typeof target === "string") {
    io.stderr(`unitlint: ${target}\n`);
    return EXIT_TOOL_ERROR;
  }
  // The configuration's settings (linger users, rule options), then --defaults, then the target version.
  settings = { ...config?.settings, ...settings, systemdVersion: target.version };

  let extraRules: Rule[] = [];
  if (harden) {
    const templateFile = args.template !== undefined ? path.resolve(io.cwd, args.template) : config?.harden.template;
    const template = loadTemplate(templateFile);
    if (typeof template === "string") {
      io.stderr(`unitlint: ${template}\n`);
      return EXIT_TOOL_ERROR;
    }
    const profile = args.profile ?? config?.harden.profile ?? "baseline";
    if (!template.profiles[profile]) {
      io.stderr(`unitlint: the template has no profile "${profile}" (it has ${Object.keys(template.profiles).join(", ")})\n`);
      return EXIT_TOOL_ERROR;
    }
    extraRules = [hardenRule(template, profile, args.vendor)];
  }
  const fixing = args.fix || harden;
  // UNITLINT_TIMING=1 (or all): each rule's time in the final lint, on standard error, as ESLint's TIMING.
  const timingEnv = io.env.UNITLINT_TIMING;
  const timing = timingEnv !== undefined && timingEnv !== "" && timingEnv !== "0" ? new Map<string, number>() : null;
  if ((args.unsafeFixes || args.dropIn) && !fixing && !args.diff) {
    io.stderr(`unitlint: ${args.unsafeFixes ? "--unsafe-fixes" : "--drop-in"} needs --fix or --diff\n`);
    return EXIT_TOOL_ERROR;
  }
  if (fixing && !args.diff && stdinWanted) {
    io.stderr("unitlint: --fix cannot write to standard input; use --diff to see the fixes as a patch\n");
    return EXIT_TOOL_ERROR;
  }

  let report: Report;
  let project: Project;
  let writeFailed = false;
  try {
    let stdin = null;
    if (stdinWanted) {
      const decoded = decodeUnitBytes(io.readStdin());
      stdin = { text: decoded.text, bytes: decoded.bytes, path: args.stdinFilename ?? "<stdin>" };
    }
    const options: LintOptions = {
      paths,
      cwd: io.cwd,
      root: args.root ?? null,
      scope: args.user ? "user" : args.system ? "system" : null,
      stdin,
      settings,
      systemdVersionSource: target.source,
      policy: config?.policy ?? null,
      inlineConfig: args.inlineConfig,
      rules: config && config.custom.length > 0 ? [...RULES, ...config.custom] : RULES,
    };
    // harden says, per service it changes, how exposed it was and is (systemd-analyze security's score).
    let exposures: Map<string, number> | null = null;
    if (fixing || args.diff) {
      const result = fixProject({ ...options, rules: [...(options.rules ?? RULES), ...extraRules] }, args.unsafeFixes || harden ? ["safe", "unsafe"] : ["safe"]);
      if (harden) {
        // One pass over the services as they were: their scores, and which ones harden left unsandboxed.
        let exemptions = "";
        exposures = serviceExposures(result.initialProject, target.version, (unit) => (exemptions += describeExemption(unit, args.vendor)));
        io.stderr(exemptions);
      }
      for (const r of result.reverted) io.stderr(`unitlint: not fixed ${r.path}: the fixes (${r.titles.join("; ")}) would have made it unparsable; please report this\n`);
      const writes = planWrites(result.changes, result.project, { dropIn: args.dropIn, cwd: io.cwd });
      if (args.diff) {
        const patch = planDiff(writes);
        io.stdout(patch);
        if (exposures) io.stderr(describeExposures(exposures, serviceExposures(result.project, target.version)));
        return patch ? EXIT_FINDINGS : EXIT_OK;
      }
      const failures = performWrites(writes);
      writeFailed = failures.length > 0;
      io.stderr(describeWrites(writes, failures));
    }
    // After --fix, what remains is read back from disk: that is what systemd will see.
    ({ report, project } = lintWithProject({ ...options, timing: timing ?? undefined }));
    if (exposures) io.stderr(describeExposures(exposures, serviceExposures(project, target.version)));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`unitlint: ${error.message}\n`);
      return EXIT_TOOL_ERROR;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`unitlint: internal error (please report it): ${detail}\n`);
    return EXIT_TOOL_ERROR;
  }

  const failOn = args.failOn ?? config?.failOn ?? "warning";
  const threshold = RANK[failOn];
  const failing = report.findings.some((f) => RANK[f.severity] >= threshold);
  let shown: Report = report;
  if (args.quiet) {
    // The summary counts what is shown, so that it agrees with the findings (and the JSON report stays consistent).
    const findings = report.findings.filter((f) => RANK[f.severity] >= threshold);
    const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
    shown = { ...report, findings, summary: { ...report.summary, errors: count("error"), warnings: count("warning"), infos: count("info") } };
  }

  if (args.format === "json") {
    writeJson(shown, io.stdout);
  } else if (args.format !== "stylish") {
    io.stdout(TEXT_FORMATTERS[args.format](shown, [...RULES, ...(config?.custom ?? [])]));
  } else if (!(args.quiet && shown.findings.length === 0)) {
    io.stdout(formatStylish(shown, { color: useColor(args.color, io), sourceLine: sourceLines(project) }));
  }
  if (timing) io.stderr(formatTiming(timing, timingEnv === "all"));
  return writeFailed ? EXIT_TOOL_ERROR : failing ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * `beforeExit` runs after the output is written and before the process exits (bin/ saves its code
 * cache there); `importYargs` loads yargs where the bundle's own import() cannot.
 */
export async function main(options: { beforeExit?: () => void; importYargs?: () => Promise<unknown> } = {}): Promise<void> {
  if (options.importYargs) useYargsLoader(options.importYargs);
  // A reader that stops early (`unitlint … | head`) is not an error: stop quietly instead of crashing on EPIPE.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? EXIT_OK);
  });
  const code = await run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => fs.readFileSync(0),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  });
  process.exitCode = code;
  options.beforeExit?.();
  // Leave now rather than let the event loop wind down, which waits ~30 ms for the module
  // loader to close a file handle; but only once all output has been handed to the OS.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
}
