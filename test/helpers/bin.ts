/** The real binary (`node bin/unitlint.js`, which runs dist/), built when stale, run in a given directory. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const REPO = path.join(import.meta.dirname, "..", "..");
export const BIN = path.join(REPO, "bin", "unitlint.js");

/** Newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than the sources (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  const main = path.join(REPO, "dist", "unitlint.cjs"); // the bundle bin/unitlint.js loads, written last by the build
  if (!fs.existsSync(main) || fs.statSync(main).mtimeMs < newest(path.join(REPO, "src"))) {
    const build = spawnSync("npm", ["run", "build"], { cwd: REPO, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
}

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary with a clean colour environment (stdout is a pipe, so no colour by default). */
export function runBin(args: string[], options: { cwd: string; input?: string | Buffer; env?: Record<string, string> }): BinResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? "",
    env: { ...env, ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
