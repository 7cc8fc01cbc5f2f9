/**
 * Facts about the host a tree belongs to that rules need but must not read
 * themselves (rules do no I/O): which users have linger (systemd-facts §6), and
 * whether the programs units run are there. Nothing is ever run.
 */
import fs from "node:fs";
import { findUnitFile, searchDirsOf, type LoadDirInfo } from "./search-paths.js";
import { parseUnitName } from "./unit-name.js";

export interface HostFacts {
  /**
   * Whether `user` has linger on the filesystem `root` ("/" for the live system):
   * true or false when it can be known, null when it cannot (a repository
   * checkout with no var/lib/systemd/linger and no --root).
   */
  linger(root: string | null, user: string): boolean | null;
  /** Whether `root` is a host's filesystem whose programs can be looked up: the live system or an explicit --root (a checkout's root holds no /usr/bin). */
  holdsPrograms(root: string | null): root is string;
  /** Whether the absolute path `program` is an executable file on the filesystem `root`; null where holdsPrograms(root) is false. */
  program(root: string | null, program: string): "executable" | "missing" | "not-executable" | null;
  /**
   * Whether the manager of the search-path directory `dir` finds a unit file named `name` (or its
   * template) in its unit directories; null where holdsPrograms(dir.root) is false or `dir` is no search path.
   */
  unitFile(dir: LoadDirInfo, name: string): boolean | null;
}

/** Where a host lookup was made, as messages say it: "on this host", or "under ROOT" for --root. */
export const hostPlace = (root: string): string => (root === "/" ? "on this host" : `under ${root}`);

/** Symbolic links followed at most (the kernel's limit, ELOOP). */
const MAX_LINKS = 40;

/**
 * stat() of the absolute `file` as a process chrooted into `root` sees it: links are followed
 * component by component and an absolute target stays inside `root` (an image's /usr/bin/awk ->
 * /etc/alternatives/awk is the image's, not this host's). Null when it does not exist or loops.
 */
function statInRoot(root: string, file: string): fs.Stats | null {
  const base = root.endsWith("/") ? root.slice(0, -1) : root;
  let pending = file.split("/").filter((c) => c !== "" && c !== ".");
  const resolved: string[] = [];
  for (let links = 0; pending.length > 0; ) {
    const part = pending.shift()!;
    if (part === "..") {
      resolved.pop();
      continue;
    }
    const here = `${base}/${[...resolved, part].join("/")}`;
    const stat = fs.lstatSync(here, { throwIfNoEntry: false });
    if (!stat) return null;
    if (!stat.isSymbolicLink()) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_LINKS) return null;
    const target = fs.readlinkSync(here);
    if (target.startsWith("/")) resolved.length = 0;
    pending = [...target.split("/").filter((c) => c !== "" && c !== "."), ...pending];
  }
  return fs.statSync(`${base}/${resolved.join("/")}`, { throwIfNoEntry: false }) ?? null;
}

/**
 * Linger is the empty file <root>/var/lib/systemd/linger/<user> (logind-dbus.c).
 * It is known for the live system, for an explicit --root, and for any tree that
 * has a var/lib/systemd/linger directory; `lingerUsers` (settings) always count.
 */
export function readHostFacts(explicitRoot: string | null, lingerUsers: readonly string[]): HostFacts {
  const byRoot = new Map<string, Set<string> | null>();
  const read = (root: string): Set<string> | null => {
    let users = byRoot.get(root);
    if (users !== undefined) return users;
    const dir = `${root === "/" ? "" : root}/var/lib/systemd/linger`;
    try {
      users = new Set(fs.readdirSync(dir));
    } catch {
      // No such directory: nobody lingers on a real root; on a checkout we cannot tell.
      users = root === "/" || root === explicitRoot ? new Set() : null;
    }
    byRoot.set(root, users);
    return users;
  };
  const programs = new Map<string, ReturnType<HostFacts["program"]>>();
  const holdsPrograms = (root: string | null): root is string => root !== null && (root === "/" || root === explicitRoot);
  const unitFiles = new Map<string, boolean>();
  return {
    holdsPrograms,
    unitFile(dir, name) {
      const unitName = parseUnitName(name);
      if (!holdsPrograms(dir.root) || !dir.searchPath || unitName === null) return null;
      const dirs = searchDirsOf(dir);
      const key = `${dirs.join("\0")}\0${name}`;
      let found = unitFiles.get(key);
      if (found === undefined) unitFiles.set(key, (found = findUnitFile(unitName, dirs) !== null));
      return found;
    },
    program(root, program) {
      if (!holdsPrograms(root)) return null;
      const key = `${root}\0${program}`;
      let answer = programs.get(key);
      if (answer === undefined) {
        let stat: fs.Stats | null = null;
        try {
          stat = root === "/" ? (fs.statSync(program, { throwIfNoEntry: false }) ?? null) : statInRoot(root, program);
        } catch {
          // A component that is no directory, a loop, no permission: systemd cannot run it either.
        }
        answer = stat === null ? "missing" : stat.isFile() && (stat.mode & 0o111) !== 0 ? "executable" : "not-executable";
        programs.set(key, answer);
      }
      return answer;
    },
    linger(root, user) {
      if (lingerUsers.includes(user)) return true;
      const r = explicitRoot ?? root;
      if (r === null) return null;
      return read(r)?.has(user) ?? null;
    },
  };
}
