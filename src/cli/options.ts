/**
 * The command line's options, defined once. A normal run parses them with
 * yargs-parser (about 20 ms to load); the full yargs (about 110 ms) is loaded
 * only to print --help, --version or an argument error, so a pre-commit run
 * on one file does not pay for it.
 */
import type { Options } from "yargs";

export const FORMATS = ["stylish", "json", "sarif", "github", "checkstyle", "junit", "compact"] as const;
export const SEVERITIES = ["error", "warning", "info"] as const;

export const OPTIONS = {
  format: { alias: "f", choices: FORMATS, default: "stylish", type: "string", describe: "Output format" },
  root: {
    type: "string",
    describe: "Treat DIR as the filesystem root (search paths, drop-in precedence); with no PATH, lint its search paths",
  },
  user: { type: "boolean", describe: "Files whose path says neither system nor user are user units" },
  system: { type: "boolean", describe: "Files whose path says neither system nor user are system units (the default)" },
  "fail-on": { choices: SEVERITIES, type: "string", describe: "Exit 1 when a finding has at least this severity (default: the config's failOn, else warning)" },
  quiet: { alias: "q", type: "boolean", default: false, describe: "Print only findings at or above --fail-on, and nothing else when there are none" },
  color: { type: "boolean", describe: "Colour the output (default: when stdout is a terminal and NO_COLOR is unset); --no-color turns it off" },
  "systemd-version": {
    type: "string",
    describe: "The systemd version the units are for, e.g. 252 (default: the local systemctl --version, else the newest unitlint knows)",
  },
  defaults: {
    type: "string",
    describe: "A systemd system.conf or user.conf whose [Manager] DefaultRestartSec=, DefaultStartLimitIntervalSec= and DefaultStartLimitBurst= replace systemd's built-in defaults",
  },
  "stdin-filename": { type: "string", describe: "Path to report, and to take the unit name and scope from, when reading -" },
  "output-file": { alias: "o", type: "string", describe: "Write the report to FILE (atomically: a temporary file, then rename) instead of standard output" },
  config: { type: "string", describe: "The configuration file (default: the nearest .unitlint.json from the working directory up); --no-config: none" },
  "inline-config": { type: "boolean", default: true, describe: "Honour # unitlint-disable-… comments; --no-inline-config ignores them (strict CI)" },
  fix: { type: "boolean", default: false, describe: "Apply safe fixes to the files (atomically), then report what remains" },
  "unsafe-fixes": { type: "boolean", default: false, describe: "With --fix or --diff, also apply fixes that may change what a service does" },
  diff: { type: "boolean", default: false, describe: "Write nothing; print a unified diff (patch -p1, git apply) of what --fix would do; exit 1 when it is not empty" },
  threshold: { type: "string", describe: "security: exit 1 when a unit's exposure (0-10, as printed) is above N" },
  watch: { type: "string", describe: "doctor: sample the units twice, N seconds apart, to see NRestarts grow" },
  profile: { type: "string", describe: "harden: the template profile to apply: baseline (default), strict, or one of your template's" },
  template: { type: "string", describe: "harden: a template file (JSON, schemas/template.schema.json) that extends the built-in one" },
  vendor: { type: "boolean", default: false, describe: "harden: also harden packaged units (lib/systemd), as drop-ins; by default they are left alone" },
  "drop-in": {
    type: "boolean",
    default: false,
    describe: "Write every fix as a drop-in (<unit>.d/50-unitlint.conf) instead of editing unit files; vendor units (lib/systemd) always get one",
  },
} as const satisfies Record<string, Options>;

export const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ["$0 /etc/systemd/system", "lint a host's system units"],
  ["$0 examples/", "lint every unit file and drop-in under a directory"],
  ["$0 --root /mnt/image", "lint the search paths of a mounted image"],
  ["$0 --user units/node.service", "treat files whose path says nothing as user units"],
  ["cat foo.service | $0 - --stdin-filename foo.service", "lint standard input"],
  ["$0 --format json --fail-on error deploy/", "machine-readable report; fail only on errors"],
  ["$0 --defaults /etc/systemd/system.conf /etc/systemd/system", "judge restart timing with this host's manager defaults"],
  ["$0 --diff deploy/", "show, as a patch, what --fix would change"],
  ["$0 --fix --unsafe-fixes deploy/", "apply every fix, then report what remains"],
  ["$0 harden --diff /etc/systemd/system/gateway.service", "preview the hardened template (sandboxing, restart block)"],
  ["$0 security --threshold 7 /etc/systemd/system", "exposure scores as systemd-analyze security computes them, offline"],
  ["$0 doctor --user --watch 5", "live checks of your user manager: restart loops (sampled 5 s apart), orphan port holders, linger"],
];

export const EPILOGUE =
  "Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, configuration or I/O error of the tool itself.";

export interface CliArgs {
  paths: string[];
  format: (typeof FORMATS)[number];
  root?: string;
  user?: boolean;
  system?: boolean;
  failOn?: (typeof SEVERITIES)[number];
  /** --config FILE; false for --no-config. */
  config?: string | false;
  inlineConfig: boolean;
  quiet: boolean;
  color?: boolean;
  stdinFilename?: string;
  outputFile?: string;
  defaults?: string;
  systemdVersion?: string;
  fix: boolean;
  unsafeFixes: boolean;
  diff: boolean;
  dropIn: boolean;
  profile?: string;
  template?: string;
  vendor: boolean;
  threshold?: string;
  watch?: string;
}
