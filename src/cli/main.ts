/** The `unitlint` command line. `run()` returns the exit code instead of exiting, for tests. */
import fs from "node:fs";
import yargs from "yargs";
import { lintWithProject } from "../engine/lint.js";
import type { Report } from "../engine/report.js";
import { UsageError } from "../model/discover.js";
import type { Project } from "../model/load.js";
import { decodeUnitBytes } from "../syntax/read.js";
import type { Severity } from "../rules/types.js";
import { formatJson } from "../report/json.js";
import { formatStylish } from "../report/stylish.js";
import { VERSION } from "../version.js";

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

const EXAMPLES: Array<[string, string]> = [
  ["$0 /etc/systemd/system", "lint a host's system units"],
  ["$0 examples/", "lint every unit file and drop-in under a directory"],
  ["$0 --root /mnt/image", "lint the search paths of a mounted image"],
  ["$0 --user ~/units/node.service", "treat files whose path says nothing as user units"],
  ["cat foo.service | $0 - --stdin-filename foo.service", "lint standard input"],
  ["$0 --format json --fail-on error deploy/", "machine-readable report; fail only on errors"],
];

function parseArgs(argv: string[]) {
  return yargs(argv)
    .scriptName("unitlint")
    .usage("$0 [PATH...]\n\nLint systemd unit files: files, directories (recursive) or - for standard input.")
    .option("format", { alias: "f", choices: ["stylish", "json"] as const, default: "stylish" as const, describe: "Output format" })
    .option("root", { type: "string", describe: "Treat DIR as the filesystem root (search paths, drop-in precedence); with no PATH, lint its search paths" })
    .option("user", { type: "boolean", describe: "Files whose path says neither system nor user are user units" })
    .option("system", { type: "boolean", describe: "Files whose path says neither system nor user are system units (the default)" })
    .conflicts("user", "system")
    .option("fail-on", { choices: ["error", "warning", "info"] as const, default: "warning" as const, describe: "Exit 1 when a finding has at least this severity" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Print only findings at or above --fail-on, and no summary when there are none" })
    .option("color", { type: "boolean", describe: "Colour the output (default: when stdout is a terminal and NO_COLOR is unset); --no-color to turn off" })
    .option("stdin-filename", { type: "string", describe: "Path to report (and to take the unit name and scope from) when reading -" })
    .example(EXAMPLES)
    .epilogue("Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, configuration or I/O error of the tool itself.")
    .version(VERSION)
    .alias("version", "V")
    .help()
    .alias("help", "h")
    .strictOptions()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false);
}

function useColor(flag: boolean | undefined, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.isTTY;
}

function sourceLines(project: Project): (path: string, line: number) => string | undefined {
  const files = new Map<string, { source: string; lines: { start: number; end: number }[] }>();
  for (const unit of project.units) {
    for (const f of unit.files()) files.set(f.path, { source: f.ast.source, lines: f.ast.lines });
  }
  return (path, line) => {
    const f = files.get(path);
    const l = f?.lines[line - 1];
    return f && l ? f.source.slice(l.start, l.end) : undefined;
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  let helpShown = false;
  let failure: string | null = null;
  const parser = parseArgs(argv).fail((message, error) => {
    failure = message || error?.message || "invalid arguments";
  });
  let args: Awaited<ReturnType<ReturnType<typeof parseArgs>["parse"]>>;
  try {
    args = await parser.parse(argv, {}, (_err, _argv, output) => {
      if (output) {
        helpShown = true;
        io.stdout(output.endsWith("\n") ? output : output + "\n");
      }
    });
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
    args = {} as typeof args;
  }
  if (failure) {
    io.stderr(`unitlint: ${failure}\nRun "unitlint --help" for usage.\n`);
    return EXIT_TOOL_ERROR;
  }
  if (helpShown) return EXIT_OK;

  const paths = (args._ as Array<string | number>).map(String);
  const stdinWanted = paths.includes("-");
  if (paths.length === 0 && !args.root) {
    io.stderr('unitlint: no paths given\nRun "unitlint --help" for usage, e.g. "unitlint /etc/systemd/system".\n');
    return EXIT_TOOL_ERROR;
  }
  if (args.stdinFilename && !stdinWanted) {
    io.stderr("unitlint: --stdin-filename needs - among the paths\n");
    return EXIT_TOOL_ERROR;
  }

  let report: Report;
  let project: Project;
  try {
    let stdin = null;
    if (stdinWanted) {
      const decoded = decodeUnitBytes(io.readStdin());
      stdin = { text: decoded.text, bytes: decoded.bytes, path: args.stdinFilename ?? "<stdin>" };
    }
    ({ report, project } = lintWithProject({
      paths,
      cwd: io.cwd,
      root: args.root ?? null,
      scope: args.user ? "user" : args.system ? "system" : null,
      stdin,
    }));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`unitlint: ${error.message}\n`);
      return EXIT_TOOL_ERROR;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`unitlint: internal error (please report it): ${detail}\n`);
    return EXIT_TOOL_ERROR;
  }

  const threshold = RANK[args.failOn];
  const failing = report.findings.some((f) => RANK[f.severity] >= threshold);
  const shown: Report = args.quiet ? { ...report, findings: report.findings.filter((f) => RANK[f.severity] >= threshold) } : report;

  if (args.format === "json") {
    io.stdout(formatJson(shown));
  } else if (!(args.quiet && shown.findings.length === 0)) {
    io.stdout(formatStylish(shown, { color: useColor(args.color, io), sourceLine: sourceLines(project) }));
  }
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

export async function main(): Promise<void> {
  const code = await run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => fs.readFileSync(0),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
