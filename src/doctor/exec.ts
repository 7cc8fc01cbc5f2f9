/**
 * The only way doctor runs programs: one of five fixed programs, with argument
 * lists built by doctor itself, never through a shell and never with anything
 * read from a unit file or a configuration as the command. Every run has a
 * timeout; a program that is missing, not permitted or too slow comes back as a
 * failure with a message that says so, and the check that needed it says what it
 * could not do.
 */
import { execFile } from "node:child_process";

export const PROGRAMS = ["systemctl", "journalctl", "loginctl", "timedatectl", "ss"] as const;
export type Program = (typeof PROGRAMS)[number];

export type CommandResult =
  | { ok: true; stdout: string; stderr: string }
  /** `code` is the exit status when the program ran and failed, else null. */
  | { ok: false; code: number | null; stdout: string; stderr: string; why: string };

/** Runs one of PROGRAMS with these arguments; tests hand in recorded output instead. */
export type Runner = (program: Program, args: readonly string[]) => Promise<CommandResult>;

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

/** The first line of a program's complaint, for messages. */
export function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

/** A Runner that executes the real programs (found on PATH), in the C locale, without pagers or colours. */
export function systemRunner(env: NodeJS.ProcessEnv, timeoutMs = DEFAULT_TIMEOUT_MS): Runner {
  const childEnv: NodeJS.ProcessEnv = { ...env, LC_ALL: "C", SYSTEMD_PAGER: "", PAGER: "cat", SYSTEMD_COLORS: "0", SYSTEMD_LESS: "" };
  return (program, args) => {
    if (!PROGRAMS.includes(program)) return Promise.reject(new Error(`doctor may not run ${program}`));
    return new Promise((resolve) => {
      execFile(program, [...args], { env: childEnv, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: MAX_OUTPUT, shell: false, encoding: "utf8" }, (error, stdout, stderr) => {
        if (!error) {
          resolve({ ok: true, stdout, stderr });
          return;
        }
        const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: unknown };
        const command = `${program} ${args.join(" ")}`;
        let why: string;
        let code: number | null = null;
        if (e.code === "ENOENT") why = `${program} is not installed (not found on PATH)`;
        else if (e.code === "EACCES" || e.code === "EPERM") why = `${program} may not be run here (${e.code})`;
        else if (e.killed || e.signal) why = `\`${command}\` did not finish within ${timeoutMs / 1000} s`;
        else {
          code = typeof e.code === "number" ? e.code : null;
          why = `\`${command}\` failed${code !== null ? ` (exit ${code})` : ""}: ${firstLine(stderr) || firstLine(stdout) || e.message}`;
        }
        resolve({ ok: false, code, stdout: stdout ?? "", stderr: stderr ?? "", why });
      });
    });
  };
}
