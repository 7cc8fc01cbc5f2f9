/**
 * Recognises systemd's unit search-path directories inside a path, so that a
 * file's scope (system or user), owner, filesystem root and precedence can be
 * told from where it lives (systemd.unit(5) "Unit File Load Path", systemd-facts §7).
 */

import fs from "node:fs";
import type { UnitName } from "./unit-name.js";

export type Scope = "system" | "user";

/** Search-path directories relative to the root, highest priority first. */
const SYSTEM_DIRS = [
  "etc/systemd/system.control",
  "run/systemd/system.control",
  "run/systemd/transient",
  "run/systemd/generator.early",
  "etc/systemd/system",
  "etc/systemd/system.attached",
  "run/systemd/system",
  "run/systemd/system.attached",
  "run/systemd/generator",
  "usr/local/lib/systemd/system",
  // Split-usr systems (Debian 12 and older) list /lib just before /usr/lib.
  "lib/systemd/system",
  "usr/lib/systemd/system",
  "run/systemd/generator.late",
];

/** Per-user directories (relative to the home directory) and global user directories, in one priority order. */
const USER_DIRS = [
  "~/.config/systemd/user.control",
  "run/user/*/systemd/user.control",
  "run/user/*/systemd/transient",
  "run/user/*/systemd/generator.early",
  "~/.config/systemd/user",
  "etc/xdg/systemd/user",
  "etc/systemd/user",
  "run/user/*/systemd/user",
  "run/systemd/user",
  "run/user/*/systemd/generator",
  "~/.local/share/systemd/user",
  "usr/local/share/systemd/user",
  "usr/share/systemd/user",
  "usr/local/lib/systemd/user",
  "lib/systemd/user",
  "usr/lib/systemd/user",
  "run/user/*/systemd/generator.late",
];

export interface LoadDirInfo {
  scope: Scope;
  /** Filesystem root the directory belongs to ("/" on a live host), or null for a plain directory. */
  root: string | null;
  /** Owning user of a per-user directory (`home/<user>/…`, `root/…`), else null. */
  owner: string | null;
  /** Index in the search path: lower wins. 0 for plain directories. */
  priority: number;
  /** True when this is one of systemd's search-path directories. */
  searchPath: boolean;
  /** Units here are vendor units (under lib/systemd or usr/…/lib/systemd). */
  vendor: boolean;
}

interface Pattern {
  regex: RegExp;
  scope: Scope;
  priority: number;
  perUser: boolean;
  vendor: boolean;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

function compile(dirs: string[], scope: Scope): Pattern[] {
  return dirs.map((dir, priority) => {
    const perUser = dir.startsWith("~/");
    const body = escapeRegex(perUser ? dir.slice(2) : dir).replace("\\*", "[^/]+").replace("*", "[^/]+");
    const home = perUser ? "(?:home/(?<user>[^/]+)|(?<rootUser>root))/" : "";
    return {
      regex: new RegExp(`^(?<root>.*?)/${home}${body}$`),
      scope,
      priority,
      perUser,
      vendor: /(^|\/)lib\/systemd\//.test(dir) || dir.startsWith("usr/"),
    };
  });
}

const PATTERNS: Pattern[] = [...compile(SYSTEM_DIRS, "system"), ...compile(USER_DIRS, "user")];

/** Patterns by the last component of their directory ("system", "user.control", …): a directory is tested only against its own. */
const PATTERNS_BY_BASENAME = new Map<string, Pattern[]>();
[...SYSTEM_DIRS, ...USER_DIRS].forEach((dir, i) => {
  const base = dir.slice(dir.lastIndexOf("/") + 1);
  PATTERNS_BY_BASENAME.set(base, [...(PATTERNS_BY_BASENAME.get(base) ?? []), PATTERNS[i]!]);
});

/**
 * Describes the directory `dir` (absolute, forward slashes). For a directory
 * that is not a search path, the scope comes from a `systemd/user` or
 * `systemd/system` component in the path, else from `fallback`.
 */
export function describeLoadDir(dir: string, fallback: Scope | null): LoadDirInfo {
  const key = `${fallback}\0${dir}`;
  let info = CACHE.get(key);
  if (!info) {
    info = describe(dir, fallback);
    CACHE.set(key, info);
  }
  return info;
}

/** Many files share a directory: each directory is described once and the result shared (read-only). */
const CACHE = new Map<string, LoadDirInfo>();

function describe(dir: string, fallback: Scope | null): LoadDirInfo {
  // Several patterns can match one directory: `…/usr/lib/systemd/system` also ends in
  // `lib/systemd/system` (split-usr), with root `…/usr`. The match with the shortest root is the right one.
  let best: { p: Pattern; m: RegExpExecArray } | null = null;
  for (const p of PATTERNS_BY_BASENAME.get(dir.slice(dir.lastIndexOf("/") + 1)) ?? []) {
    const m = p.regex.exec(dir);
    if (m && (best === null || (m.groups?.root ?? "").length < (best.m.groups?.root ?? "").length)) best = { p, m };
  }
  if (best) {
    const { p, m } = best;
    const g = m.groups ?? {};
    return {
      scope: p.scope,
      root: g.root === "" ? "/" : (g.root ?? "/"),
      owner: p.perUser ? (g.user ?? (g.rootUser ? "root" : null)) : null,
      priority: p.priority,
      searchPath: true,
      vendor: p.vendor,
    };
  }
  const userHome = /\/(?:home\/([^/]+)|(root))\/\.(?:config|local\/share)\/systemd\/user(?:\/|$)/.exec(dir);
  const scope: Scope =
    userHome || /(^|\/)systemd\/user(\/|$)/.test(dir)
      ? "user"
      : /(^|\/)systemd\/system(\/|$)/.test(dir)
        ? "system"
        : (fallback ?? "system");
  return {
    scope,
    root: null,
    owner: userHome ? (userHome[1] ?? userHome[2] ?? null) : null,
    priority: 0,
    searchPath: false,
    vendor: false,
  };
}

/**
 * The search-path directories the manager of a search-path directory looks units up in, highest
 * priority first, as absolute paths under the same root (per-user runtime directories, named by a
 * uid unknown here, are left out); none for a plain directory.
 */
export function searchDirsOf(info: LoadDirInfo): string[] {
  if (!info.searchPath || info.root === null) return [];
  const root = info.root === "/" ? "" : info.root;
  const home = info.owner === null ? null : info.owner === "root" ? "root" : `home/${info.owner}`;
  return (info.scope === "system" ? SYSTEM_DIRS : USER_DIRS).flatMap((d) => {
    if (d.includes("*")) return [];
    if (d.startsWith("~/")) return home ? [`${root}/${home}/${d.slice(2)}`] : [];
    return [`${root}/${d}`];
  });
}

/**
 * Where systemd finds a unit's file: the first directory that has one of that name, else (for an
 * instance) the first that has its template; whatever is there (a file, a link, a mask).
 */
export function findUnitFile(name: UnitName, dirs: readonly string[]): { dir: string; abs: string } | null {
  for (const file of name.template && !name.isTemplate ? [name.name, name.template] : [name.name]) {
    for (const dir of dirs) {
      const abs = `${dir}/${file}`;
      if (fs.lstatSync(abs, { throwIfNoEntry: false })) return { dir, abs };
    }
  }
  return null;
}

/** Search-path directories as glob patterns relative to a root, for `--root` with no paths. */
export function searchDirGlobs(): string[] {
  const globs: string[] = [];
  for (const d of [...SYSTEM_DIRS, ...USER_DIRS]) {
    if (d.startsWith("~/")) globs.push(`home/*/${d.slice(2)}`, `root/${d.slice(2)}`);
    else globs.push(d);
  }
  return globs;
}
