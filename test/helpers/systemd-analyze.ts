/**
 * systemd-analyze as an oracle. Installs the Debian package when the command
 * is missing (CI runs as root); tests that need it skip loudly when it still is.
 */
import { spawnSync } from "node:child_process";

function present(): boolean {
  return spawnSync("systemd-analyze", ["--version"], { stdio: "ignore" }).status === 0;
}

let cached: boolean | null = null;

export function ensureSystemdAnalyze(): boolean {
  if (cached !== null) return cached;
  if (!present() && process.getuid?.() === 0) {
    spawnSync("apt-get", ["update"], { stdio: "ignore" });
    spawnSync("apt-get", ["install", "-y", "systemd"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  cached = present();
  return cached;
}

export const SKIP_NO_SYSTEMD = "SKIPPED: systemd-analyze is not installed and could not be installed (apt-get install -y systemd needs root and Debian's archive)";

/** Runs `systemd-analyze verify` on files and returns everything it printed. */
export function verifyOutput(files: readonly string[], cwd = "/"): string {
  const result = spawnSync("systemd-analyze", ["verify", "--man=no", ...files], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return `${result.stdout}\n${result.stderr}`;
}

/** The messages of verify's output about a line of a file, as { path, line, message }. */
export function lineMessages(output: string): Array<{ path: string; line: number; message: string }> {
  const out: Array<{ path: string; line: number; message: string }> = [];
  for (const line of output.split("\n")) {
    const m = /^(\/[^:]+):(\d+): (.*)$/.exec(line);
    if (m) out.push({ path: m[1]!, line: Number(m[2]), message: m[3]! });
  }
  return out;
}

/** Runs `systemd-analyze verify` on files and returns its messages about lines as { path, line, message }. */
export function verify(files: readonly string[], cwd: string): Array<{ path: string; line: number; message: string }> {
  return lineMessages(verifyOutput(files, cwd));
}
