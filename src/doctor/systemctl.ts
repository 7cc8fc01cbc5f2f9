/** What the service manager says about its units: `systemctl list-units` and `systemctl show`, run and parsed. */
import type { Runner } from "./exec.js";

export type ManagerScope = "system" | "user";

/** One unit's `systemctl show` properties, by name. */
export type Properties = Readonly<Record<string, string>>;

/** The properties doctor reads for each unit. */
export const SHOW_PROPERTIES = [
  "Id", "LoadState", "ActiveState", "SubState", "Result", "NRestarts", "Restart", "RestartUSec",
  "StartLimitIntervalUSec", "StartLimitBurst", "ExecMainCode", "ExecMainStatus", "MainPID",
  "ControlGroup", "FragmentPath", "DropInPaths", "TriggeredBy", "UnitFileState", "RestartPreventExitStatus",
] as const;

/**
 * `systemctl show` output: `Key=Value` lines, one block per unit, blocks separated by an
 * empty line. A value may hold `=`; only the first one splits.
 */
export function parseShow(text: string): Properties[] {
  const blocks: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of text.split("\n")) {
    if (line === "") {
      current = null;
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    if (current === null) {
      current = {};
      blocks.push(current);
    }
    current[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return blocks;
}

/**
 * `systemctl list-units --all --plain --no-legend --full` output: the unit name is the first
 * word (a failed or not-found unit may carry a leading `●` or `*`).
 */
export function parseListUnits(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split("\n")) {
    const word = line.replace(/^[\s●*]+/u, "").split(/\s+/)[0];
    if (word) names.push(word);
  }
  return names;
}

/** `DropInPaths=` is a space-separated list (systemd escapes spaces inside a path). */
export function splitPaths(value: string | undefined): string[] {
  return (value ?? "").split(" ").filter((p) => p !== "");
}

/** `NRestarts=` etc.: a number, 0 when empty or absent. */
export function intProp(props: Properties, key: string): number {
  const n = Number(props[key] ?? "");
  return Number.isFinite(n) ? n : 0;
}

export const scopeArgs = (scope: ManagerScope): string[] => (scope === "user" ? ["--user"] : []);

/** `systemctl` or `systemctl --user`, as the user should type it in a remediation. */
export const systemctlCommand = (scope: ManagerScope): string => (scope === "user" ? "systemctl --user" : "systemctl");

const BATCH = 100;

/** Every service the manager has loaded, with SHOW_PROPERTIES; a string says why it could not be read. */
export async function readServices(run: Runner, scope: ManagerScope): Promise<Properties[] | string> {
  const list = await run("systemctl", [...scopeArgs(scope), "list-units", "--type=service", "--all", "--plain", "--no-legend", "--full", "--no-pager"]);
  if (!list.ok) return list.why;
  const names = parseListUnits(list.stdout).filter((n) => n.endsWith(".service"));
  const out: Properties[] = [];
  for (let i = 0; i < names.length; i += BATCH) {
    // `--`: unit names come from the manager, and one could start with a dash.
    const show = await run("systemctl", [...scopeArgs(scope), "show", "--no-pager", ...SHOW_PROPERTIES.map((p) => `--property=${p}`), "--", ...names.slice(i, i + BATCH)]);
    if (!show.ok) return show.why;
    out.push(...parseShow(show.stdout));
  }
  return out.filter((p) => p.Id !== undefined && p.LoadState !== "not-found");
}
