import yargsParser, { type Arguments } from "yargs-parser";
import { EPILOGUE, EXAMPLES, OPTIONS, type CliArgs } from "./options.js";
import { VERSION } from "../version.js";

/**
 * yargs is an ES module, loaded with import(). bin/unitlint.js runs the bundle from a V8 code
 * cache, where the bundle's own import() has no module loader, so it hands its own in.
 */
let importYargs: () => Promise<unknown> = () => import("yargs");

export function useYargsLoader(load: () => Promise<unknown>): void {
  importYargs = load;
}

export type ParsedArgs =
  | { kind: "run"; args: CliArgs }
  | { kind: "exit"; code: number; stdout: string; stderr: string };

const KNOWN = new Set<string>(["_", "--", "$0"]);
for (const [name, spec] of Object.entries(OPTIONS)) {
  KNOWN.add(name);
  KNOWN.add(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
  if ("alias" in spec) KNOWN.add(spec.alias);
}

function fastParse(argvIn: string[]): CliArgs | null {
  // --no-config is the negation of a string option, which yargs-parser would read as config=false.
  const noConfig = argvIn.includes("--no-config");
  const argv = noConfig ? argvIn.filter((a) => a !== "--no-config") : argvIn;
  const entries = Object.entries(OPTIONS);
  const parsed: Arguments = yargsParser(argv, {
    alias: Object.fromEntries(entries.filter(([, s]) => "alias" in s).map(([n, s]) => [n, (s as { alias: string }).alias])),
    boolean: entries.filter(([, s]) => s.type === "boolean").map(([n]) => n),
    string: entries.filter(([, s]) => s.type === "string").map(([n]) => n),
    default: Object.fromEntries(entries.filter(([, s]) => "default" in s).map(([n, s]) => [n, (s as { default: unknown }).default])),
    configuration: { "parse-numbers": false, "parse-positional-numbers": false },
  });
  if (argv.some((a) => a === "--help" || a === "-h" || a === "--version" || a === "-V")) return null;
  if (Object.keys(parsed).some((k) => !KNOWN.has(k))) return null;
  for (const [name, spec] of entries) {
    const value: unknown = parsed[name];
    if (Array.isArray(value)) return null; // an option given twice: let yargs explain
    if ("choices" in spec && value !== undefined && !(spec.choices as readonly unknown[]).includes(value)) return null;
    if (spec.type === "string" && value !== undefined && (typeof value !== "string" || value === "")) return null;
  }
  if (parsed.user && parsed.system) return null;
  return {
    paths: parsed._.map(String),
    format: parsed.format,
    root: parsed.root,
    user: parsed.user,
    system: parsed.system,
    failOn: parsed["fail-on"],
    config: noConfig ? false : parsed.config,
    inlineConfig: parsed["inline-config"],
    quiet: parsed.quiet,
    color: parsed.color,
    stdinFilename: parsed["stdin-filename"],
    outputFile: parsed["output-file"],
    defaults: parsed.defaults,
    systemdVersion: parsed["systemd-version"],
    fix: parsed.fix,
    unsafeFixes: parsed["unsafe-fixes"],
    diff: parsed.diff,
    dropIn: parsed["drop-in"],
    profile: parsed.profile,
    template: parsed.template,
    vendor: parsed.vendor,
    threshold: parsed.threshold,
    watch: parsed.watch,
  };
}

/** The slow path: full yargs, for --help, --version and a clear message on bad arguments. */
async function yargsParse(argv: string[]): Promise<ParsedArgs> {
  const { default: yargs } = (await importYargs()) as typeof import("yargs");
  let stdout = "";
  let failure: string | null = null;
  const parser = yargs(argv)
    .scriptName("unitlint")
    .usage(
      "$0 [PATH...]\n$0 harden [PATH...]\n$0 security [PATH...]\n$0 rules\n$0 explain RULE\n$0 doctor [--user] [--watch N]\n\nLint systemd unit files: files, directories (searched recursively) or - for standard input.\n`harden` rewrites services to the hardened template (unsafe fixes implied; --diff previews).\n`security` prints each service's exposure score, as systemd-analyze security --offline=true would.\n`rules` lists every rule; `explain UL101` (or a rule name) prints its documentation.\n`doctor` checks the running manager: restart loops, orphan port holders, journal, linger, clock.",
    )
    .options(OPTIONS)
    .conflicts("user", "system")
    .example(EXAMPLES.map(([a, b]) => [a, b]))
    .epilogue(EPILOGUE)
    .version(VERSION)
    .alias("version", "V")
    .help()
    .alias("help", "h")
    .strictOptions()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      failure = message || error?.message || "invalid arguments";
    });
  try {
    await parser.parse(argv, {}, (_error, _argv, output) => {
      if (output) stdout += output.endsWith("\n") ? output : `${output}\n`;
    });
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  }
  if (failure) return { kind: "exit", code: 2, stdout: "", stderr: `unitlint: ${failure}\nRun "unitlint --help" for usage.\n` };
  if (stdout) return { kind: "exit", code: 0, stdout, stderr: "" };
  // yargs accepted what the fast path refused (should not happen): say so rather than guess.
  return { kind: "exit", code: 2, stdout: "", stderr: `unitlint: could not parse the arguments ${JSON.stringify(argv)}\n` };
}

export async function parseCliArgs(argv: string[]): Promise<ParsedArgs> {
  const fast = fastParse(argv);
  return fast ? { kind: "run", args: fast } : yargsParse(argv);
}
