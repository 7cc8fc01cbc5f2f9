/**
 * Turns command-line paths into the list of files to read: unit files, drop-ins
 * and `.wants/`-style links. Directories are walked with fast-glob without
 * following symbolic links, so linked directories can never cause a loop.
 */
import fs from "node:fs";
import path from "node:path";
import { fastGlob } from "./fast-glob.js";
import { UNIT_TYPES } from "./unit-name.js";
import { describeLoadDir, searchDirGlobs } from "./search-paths.js";

export interface FoundPath {
  /** Absolute path, forward slashes. */
  absPath: string;
  /** The path as the user would write it. */
  path: string;
  /** Named on the command line (then read whatever its name). */
  explicit: boolean;
  /** What the directory walk saw (saves a stat per file); undefined for paths named on the command line. */
  entry?: "file" | "symlink" | "other";
}

export class UsageError extends Error {}

const UNIT_SUFFIX = new RegExp(`\\.(?:${UNIT_TYPES.join("|")})$`);

/**
 * Which files a directory walk keeps: files named like units (including `.wants/`-style
 * links, and directories named like units, which are reported), and `*.conf`
 * files directly inside a `*.d` directory.
 */
function isUnitPath(absPath: string): boolean {
  const slash = absPath.lastIndexOf("/");
  const base = absPath.slice(slash + 1);
  if (base.startsWith(".") || base.endsWith(".ignore")) return false; // systemd skips these names
  if (UNIT_SUFFIX.test(base)) return true;
  if (!base.endsWith(".conf")) return false;
  const dir = absPath.slice(absPath.lastIndexOf("/", slash - 1) + 1, slash);
  // foo.service.d, foo-.service.d, foo@.service.d, or a type-level service.d; not conf.d.
  return dir.endsWith(".d") && (UNIT_SUFFIX.test(dir.slice(0, -2)) || TYPE_NAMES.has(dir.slice(0, -2)));
}

const TYPE_NAMES: ReadonlySet<string> = new Set(UNIT_TYPES);

export function toSlash(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

/** How the user would write `abs`: relative to cwd unless the argument was absolute. */
export function displayPath(abs: string, cwd: string, absoluteArg: boolean): string {
  if (absoluteArg) return toSlash(abs);
  // The common case without path.relative(), which is slow enough to matter for 20,000 files.
  const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
  if (abs.startsWith(prefix) && !abs.includes("/./") && !abs.includes("/../")) return abs.slice(prefix.length);
  const rel = path.relative(cwd, abs);
  return toSlash(rel === "" ? "." : rel);
}

interface WalkEntry {
  path: string;
  entry: "file" | "symlink" | "other";
}

/**
 * Every unit file, drop-in and link under `dirAbs`. One `**` walk filtered by
 * name is three times faster than one glob per suffix; `.git` and
 * `node_modules` are not entered.
 */
function walk(dirAbs: string): WalkEntry[] {
  const base = dirAbs.endsWith("/") ? dirAbs : `${dirAbs}/`;
  const out: WalkEntry[] = [];
  const entries = fastGlob().sync("**/*", {
    cwd: dirAbs,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    suppressErrors: true,
    objectMode: true,
    unique: false, // one pattern never yields a path twice; the dedupe set costs time on big trees
    // Written with "/**", fast-glob never opens these directories; "**/.git" alone is matched against every entry (a third of the walk on 20,000 units).
    ignore: ["**/.git/**", "**/node_modules/**"],
  });
  for (const e of entries) {
    const abs = base + e.path;
    if (!isUnitPath(abs)) continue;
    out.push({ path: abs, entry: e.dirent.isFile() ? "file" : e.dirent.isSymbolicLink() ? "symlink" : "other" });
  }
  return out;
}

export interface DiscoverOptions {
  cwd: string;
  /** With `--root` and no paths, the root's search-path directories are linted. */
  root?: string | null;
}

export function discover(args: readonly string[], options: DiscoverOptions): FoundPath[] {
  const { cwd } = options;
  const found = new Map<string, FoundPath>();
  const add = (absPath: string, shown: string, explicit: boolean, entry?: WalkEntry["entry"]): void => {
    const existing = found.get(absPath);
    if (!existing || (explicit && !existing.explicit)) found.set(absPath, entry ? { absPath, path: shown, explicit, entry } : { absPath, path: shown, explicit });
  };

  if (args.length === 0 && options.root) {
    const root = toSlash(path.resolve(cwd, options.root));
    const dirs = fastGlob().sync(searchDirGlobs(), { cwd: root, dot: true, onlyDirectories: true, followSymbolicLinks: false, absolute: true, suppressErrors: true });
    for (const dir of eachRealDirOnce(dirs, root)) {
      for (const e of walk(dir)) add(e.path, displayPath(e.path, cwd, path.isAbsolute(options.root)), false, e.entry);
    }
    return sortFound(found);
  }

  const missing: string[] = [];
  const walked = new Set<string>();
  for (const arg of args) {
    const abs = toSlash(path.resolve(cwd, arg));
    const shown = displayPath(abs, cwd, path.isAbsolute(arg));
    const lstat = fs.lstatSync(abs, { throwIfNoEntry: false });
    if (!lstat) {
      missing.push(arg);
      continue;
    }
    if (lstat.isFile()) {
      add(abs, shown, true, "file");
      continue;
    }
    // A link is followed to see whether it names a directory; a dangling one is a per-file diagnostic.
    const stat = lstat.isSymbolicLink() ? fs.statSync(abs, { throwIfNoEntry: false }) : lstat;
    if (stat?.isDirectory() && !isUnitLike(abs)) {
      // The same directory under a second name (/lib/systemd/system and /usr/lib/… on a merged /usr) is walked once.
      const real = realPathOrNull(abs) ?? abs;
      if (walked.has(real)) continue;
      walked.add(real);
      for (const e of walk(abs)) add(e.path, displayPath(e.path, cwd, path.isAbsolute(arg)), false, e.entry);
    } else {
      add(abs, shown, true);
    }
  }
  if (missing.length > 0) {
    throw new UsageError(`no such file or directory: ${missing.map((m) => JSON.stringify(m)).join(", ")}`);
  }
  return sortFound(found);
}

/**
 * Search-path directories under `root`, each real directory once, under the name systemd finds it
 * first: on a merged-/usr system /lib/systemd/system is /usr/lib/systemd/system, and walking both
 * would list every vendor unit twice, once "overridden by" itself. A directory whose real path
 * leaves the root (an image's absolute link lib -> /usr/lib) would be the host's: systemd resolves
 * such a link inside the root, to a directory that is walked under its own name, so it is left out.
 */
function eachRealDirOnce(dirs: readonly string[], root: string): string[] {
  const realRoot = realPathOrNull(root) ?? root;
  const byReal = new Map<string, string>();
  for (const dir of dirs) {
    const real = realPathOrNull(dir);
    if (real === null) continue; // vanished since the walk
    if (realRoot !== "/" && real !== realRoot && !real.startsWith(`${realRoot}/`)) continue;
    const kept = byReal.get(real);
    if (kept === undefined || describeLoadDir(dir, null).priority < describeLoadDir(kept, null).priority) byReal.set(real, dir);
  }
  return [...byReal.values()];
}

function realPathOrNull(p: string): string | null {
  try {
    return toSlash(fs.realpathSync.native(p));
  } catch {
    return null;
  }
}

/** A directory named like a unit (`x.service`) is reported, not walked. */
function isUnitLike(abs: string): boolean {
  return /\.[a-z]+$/.test(abs) && UNIT_TYPES.some((t) => abs.endsWith(`.${t}`));
}

function sortFound(found: Map<string, FoundPath>): FoundPath[] {
  return [...found.values()].sort((a, b) => (a.absPath < b.absPath ? -1 : a.absPath > b.absPath ? 1 : 0));
}
