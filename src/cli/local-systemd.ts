/**
 * The version of the local systemd, from `systemctl --version`. Running systemctl
 * costs ~25 ms, a lot for a pre-commit hook on one file, so the answer is cached
 * in $XDG_CACHE_HOME/unitlint (or ~/.cache/unitlint), keyed by the systemctl
 * binary's path, size and mtime: an upgrade changes the key. systemctl only
 * prints its version; nothing from the checked files is ever run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

function cacheFile(env: NodeJS.ProcessEnv): string | null {
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, ".cache") : null);
  return base ? path.join(base, "unitlint", "systemd-version.json") : null;
}

/** The local systemd's release number, or null when there is no systemctl. */
export function localSystemdVersion(env: NodeJS.ProcessEnv): number | null {
  const systemctl = findOnPath("systemctl", env);
  if (!systemctl) return null;
  const stat = fs.statSync(systemctl);
  const key = `${systemctl}:${stat.size}:${stat.mtimeMs}`;
  const cache = cacheFile(env);
  if (cache) {
    try {
      const saved = JSON.parse(fs.readFileSync(cache, "utf8")) as { key?: string; version?: number };
      if (saved.key === key && typeof saved.version === "number") return saved.version;
    } catch {
      // no cache yet, or an unreadable one: ask systemctl
    }
  }
  const r = spawnSync(systemctl, ["--version"], { encoding: "utf8", timeout: 2000 });
  const m = /^systemd (\d+)/.exec(r.stdout ?? "");
  if (!m) return null;
  const version = Number(m[1]);
  if (cache) {
    try {
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      const tmp = `${cache}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ key, version }));
      fs.renameSync(tmp, cache); // atomic: a concurrent run reads the old or the new file, never half of one
    } catch {
      // a read-only home: no cache, ask again next time
    }
  }
  return version;
}
