/**
 * Linger and sessions: a user whose user units are enabled but who has no linger
 * gets them started only at login and stopped when the last session ends (the
 * outage in the README). Linger comes from `loginctl show-user`, else from
 * /var/lib/systemd/linger/USER (the file logind keeps it in).
 */
import fs from "node:fs";
import path from "node:path";
import type { Runner } from "./exec.js";
import { CHECKS, finding, type DoctorFinding } from "./findings.js";
import { parseShow } from "./systemctl.js";

export interface LingerState {
  linger: boolean;
  /** logind's State= (active, online, lingering, closing, offline), when loginctl answered. */
  state: string | null;
  source: "loginctl" | "file";
}

export const LINGER_DIR = "/var/lib/systemd/linger";

/** `loginctl show-user USER --property=Linger --property=State` output. */
export function parseLoginctlUser(text: string): { linger: boolean; state: string | null } | null {
  const props = parseShow(text)[0];
  if (!props || (props.Linger !== "yes" && props.Linger !== "no")) return null;
  return { linger: props.Linger === "yes", state: props.State ?? null };
}

export async function lingerOf(run: Runner, user: string, lingerDir = LINGER_DIR): Promise<LingerState> {
  const r = await run("loginctl", ["show-user", "--property=Linger", "--property=State", "--", user]);
  const parsed = r.ok ? parseLoginctlUser(r.stdout) : null;
  if (parsed) return { ...parsed, source: "loginctl" };
  // loginctl says "User alice is not logged in or lingering" for a user without either: that is "no" too.
  return { linger: fs.existsSync(path.join(lingerDir, user)), state: null, source: "file" };
}

/** /etc/passwd: name and home of each account. */
export function parsePasswd(text: string): Array<{ name: string; uid: number; home: string }> {
  const out: Array<{ name: string; uid: number; home: string }> = [];
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || line.startsWith("#")) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), home: f[5]! });
  }
  return out;
}

/** The units enabled in a user's own unit directory (`~/.config/systemd/user/*.wants/*`), sorted. */
export function enabledUserUnits(home: string, root = "/"): string[] {
  const dir = path.join(root, home, ".config/systemd/user");
  const out = new Set<string>();
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!e.endsWith(".wants")) continue;
    try {
      for (const link of fs.readdirSync(path.join(dir, e))) out.add(link);
    } catch {
      /* not ours to read */
    }
  }
  return [...out].sort();
}

export function lingerFinding(user: string, units: readonly string[], state: LingerState): DoctorFinding | null {
  if (units.length === 0 || state.linger) return null;
  const shown = units.length > 5 ? `${units.slice(0, 5).join(", ")} and ${units.length - 5} more` : units.join(", ");
  const how = state.source === "loginctl" ? `Linger=no${state.state ? `, State=${state.state}` : ""}` : `no ${path.join(LINGER_DIR, user)}`;
  return finding(
    CHECKS.noLinger,
    "warning",
    null,
    `${user} has enabled user units (${shown}) but no linger (${how}): they start only when ${user} logs in, and stop when ${user}'s last session ends; \`loginctl enable-linger ${user}\``,
  );
}

/** For the calling user's manager: the services it has enabled (UnitFileState=enabled). */
export async function checkOwnLinger(run: Runner, user: string, enabled: readonly string[], lingerDir = LINGER_DIR): Promise<DoctorFinding[]> {
  if (enabled.length === 0) return [];
  const f = lingerFinding(user, enabled, await lingerOf(run, user, lingerDir));
  return f ? [f] : [];
}

/** For the system: every account with a home whose user units are enabled. */
export async function checkAllLinger(run: Runner, passwd: string, root = "/", lingerDir = LINGER_DIR): Promise<DoctorFinding[]> {
  const out: DoctorFinding[] = [];
  for (const account of parsePasswd(passwd)) {
    if (account.home === "" || account.home === "/" || account.home === "/nonexistent") continue;
    const units = enabledUserUnits(account.home, root);
    if (units.length === 0) continue;
    const f = lingerFinding(account.name, units, await lingerOf(run, account.name, lingerDir));
    if (f) out.push(f);
  }
  return out;
}
