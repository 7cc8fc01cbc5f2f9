/**
 * Facts about the host a tree belongs to that rules need but must not read
 * themselves (rules do no I/O): which users have linger (systemd-facts §6).
 */
import fs from "node:fs";

export interface HostFacts {
  /**
   * Whether `user` has linger on the filesystem `root` ("/" for the live system):
   * true or false when it can be known, null when it cannot (a repository
   * checkout with no var/lib/systemd/linger and no --root).
   */
  linger(root: string | null, user: string): boolean | null;
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
  return {
    linger(root, user) {
      if (lingerUsers.includes(user)) return true;
      const r = explicitRoot ?? root;
      if (r === null) return null;
      return read(r)?.has(user) ?? null;
    },
  };
}
