/**
 * Turns command-line paths into the list of files to read: unit files, drop-ins
 * and `.wants/`-style links. Directories are walked with fast-glob without
 * following symbolic links, so linked directories can never cause a loop.
 */
import fs from "node:fs";
import path from "node:path";
import { fastGlob } from "./fast-glob.js";
import { UNIT_TYPES } from "./unit-name.js";
import { searchDirGlobs } from "./search-paths.js";

export interface FoundPath {
  /** Absolute path, forward slashes. */
  absPath: string;
  /** The path as the user would write it. */
  path: string;
  /** Named on the command line (then read whatever its name). */
  explicit: boolean;
}

export class UsageError extends Error {}

const SUFFIXES = `{${UNIT_TYPES.join(",")}}`;
export const UNIT_GLOBS = [
  `**/*.${SUFFIXES}`,
  `**/*.d/*.conf`,
  `**/*.{wants,requires,upholds}/*`,
];

export function toSlash(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

/** How the user would write `abs`: relative to cwd unless the argument was absolute. */
export function displayPath(abs: string, cwd: string, absoluteArg: boolean): string {
  if (absoluteArg) return toSlash(abs);
  const rel = path.relative(cwd, abs);
  return toSlash(rel === "" ? "." : rel);
}

function walk(dirAbs: string, patterns: string[]): string[] {
  return fastGlob()
    .sync(patterns, {
      cwd: dirAbs,
      dot: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      absolute: true,
      suppressErrors: true,
      unique: true,
      ignore: ["**/node_modules/**", "**/.git/**"],
    })
    .filter((p) => !hiddenOrIgnored(p));
}

/** systemd ignores unit and drop-in names that start with "." or end with ".ignore". */
function hiddenOrIgnored(p: string): boolean {
  const base = p.slice(p.lastIndexOf("/") + 1);
  return base.startsWith(".") || base.endsWith(".ignore");
}

export interface DiscoverOptions {
  cwd: string;
  /** With `--root` and no paths, the root's search-path directories are linted. */
  root?: string | null;
}

export function discover(args: readonly string[], options: DiscoverOptions): FoundPath[] {
  const { cwd } = options;
  const found = new Map<string, FoundPath>();
  const add = (absPath: string, shown: string, explicit: boolean): void => {
    const existing = found.get(absPath);
    if (!existing || (explicit && !existing.explicit)) found.set(absPath, { absPath, path: shown, explicit });
  };

  if (args.length === 0 && options.root) {
    const root = path.resolve(cwd, options.root);
    const globs = searchDirGlobs().flatMap((d) => UNIT_GLOBS.map((g) => `${d}/${g.replace(/^\*\*\//, "")}`));
    const nested = searchDirGlobs().map((d) => `${d}/*.d/*.conf`);
    for (const p of walk(root, [...globs, ...nested])) add(p, displayPath(p, cwd, path.isAbsolute(options.root)), false);
    return sortFound(found);
  }

  const missing: string[] = [];
  for (const arg of args) {
    const abs = toSlash(path.resolve(cwd, arg));
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      try {
        fs.lstatSync(abs); // a dangling link: a per-file diagnostic, not a usage error
        add(abs, displayPath(abs, cwd, path.isAbsolute(arg)), true);
      } catch {
        missing.push(arg);
      }
      continue;
    }
    if (stat.isDirectory() && !isUnitLike(abs)) {
      // A drop-in directory named itself (`foo.service.d`): its `*.conf` files are drop-ins too.
      const patterns = abs.endsWith(".d") ? [...UNIT_GLOBS, "*.conf"] : UNIT_GLOBS;
      for (const p of walk(abs, patterns)) add(p, displayPath(p, cwd, path.isAbsolute(arg)), false);
    } else {
      add(abs, displayPath(abs, cwd, path.isAbsolute(arg)), true);
    }
  }
  if (missing.length > 0) {
    throw new UsageError(`no such file or directory: ${missing.map((m) => JSON.stringify(m)).join(", ")}`);
  }
  return sortFound(found);
}

/** A directory named like a unit (`x.service`) is reported, not walked. */
function isUnitLike(abs: string): boolean {
  return /\.[a-z]+$/.test(abs) && UNIT_TYPES.some((t) => abs.endsWith(`.${t}`));
}

function sortFound(found: Map<string, FoundPath>): FoundPath[] {
  return [...found.values()].sort((a, b) => (a.absPath < b.absPath ? -1 : a.absPath > b.absPath ? 1 : 0));
}
