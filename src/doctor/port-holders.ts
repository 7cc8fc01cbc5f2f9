/**
 * Orphan port holders: for each service whose unit file says it listens on a TCP
 * port (listenersOf, the same parsing as UL202), the processes listening on that
 * port that are not in the service's cgroup — typically a copy started by hand,
 * or left behind by an earlier run, so that every start of the service fails.
 * Doctor only reports them, with the commands to run; it never kills anything.
 */
import { isAnyAddress, listenersOf, type Listener } from "../model/ports.js";
import type { Unit } from "../model/unit.js";
import { CHECKS, finding, type DoctorFinding } from "./findings.js";
import { inCgroup, inodeOwners, readProcess, tcpListeners, type ProcessInfo, type TcpListener } from "./proc.js";
import { systemctlCommand, type ManagerScope, type Properties } from "./systemctl.js";

export interface PortContext {
  scope: ManagerScope;
  /** The loaded unit (its files as the manager reports them) by name. */
  unitOf: (id: string) => Unit | undefined;
  proc?: string;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** Can a socket bound to `address` keep the unit from binding `declared`? */
function clashes(declared: string | null, address: string): boolean {
  if (isAnyAddress(declared) || address === "0.0.0.0" || address === "::") return true;
  if (declared === address) return true;
  return LOOPBACK.has(declared!) && LOOPBACK.has(address);
}

/** The command line, each long argument cut short (so the options after an inline script still show), at most 12 arguments. */
const quoteArgs = (args: readonly string[]): string => {
  const shown = args.slice(0, 12).map((a) => (a.length > 60 ? `${a.slice(0, 40)}…` : a));
  const text = shown.map((a) => (/^[A-Za-z0-9_./=:@%+,-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
  return args.length > 12 ? `${text} …` : text;
};

function age(sec: number | null): string {
  if (sec === null) return "for an unknown time";
  if (sec < 120) return `for ${sec} s`;
  if (sec < 7200) return `for ${Math.round(sec / 60)} min`;
  if (sec < 172800) return `for ${Math.round(sec / 3600)} h`;
  return `for ${Math.round(sec / 86400)} days`;
}

function describe(p: ProcessInfo): string {
  const cmd = p.args.length > 0 ? quoteArgs(p.args) : `[${p.comm}]`;
  const parent = `parent ${p.ppid}${p.parentComm ? ` (${p.parentComm})` : ""}`;
  return `\`${cmd}\` (${parent}, running ${age(p.ageSec)}${p.cgroup !== null ? `, cgroup ${p.cgroup}` : ""})`;
}

/** The socket activation case: the manager itself holds the port for a .socket unit. */
const isManager = (p: ProcessInfo): boolean => p.comm === "systemd" || p.pid === 1;

export function checkPortHolders(units: readonly Properties[], ctx: PortContext): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const sc = systemctlCommand(ctx.scope);
  for (const props of units) {
    const id = props.Id!;
    const unit = ctx.unitOf(id);
    if (!unit) continue;
    const running = props.ActiveState === "active" && props.SubState === "running";
    const seen = new Set<number>();
    for (const listener of unitListeners(unit)) {
      if (seen.has(listener.port)) continue;
      seen.add(listener.port);
      const sockets = tcpListeners(listener.port, ctx.proc).filter((s) => clashes(listener.host, s.address));
      if (sockets.length === 0) continue;
      const owners = inodeOwners(new Set(sockets.map((s) => s.inode)), ctx.proc);
      for (const socket of sockets) {
        const pids = owners.get(socket.inode) ?? [];
        const where = `port ${listener.port}/tcp (\`${listener.text}\` in ${listener.from.entry.key}=)`;
        const at = { path: listener.from.file.path, from: listener.from };
        if (pids.length === 0) {
          out.push(hidden(id, socket, where, running, sc, at));
          continue;
        }
        for (const pid of pids) {
          const p = readProcess(pid, ctx.proc);
          if (!p || isManager(p)) continue;
          if (p.cgroup !== null && inCgroup(p.cgroup, props.ControlGroup ?? "")) continue;
          const effect = running
            ? `${id} is running anyway (on another address?), but a restart may fail`
            : `while it does, every start of ${id} fails to bind the port (${id} is ${props.ActiveState}/${props.SubState}, NRestarts=${props.NRestarts ?? "0"})`;
          out.push(
            finding(
              CHECKS.portHolder,
              running ? "warning" : "error",
              id,
              `${where} is held by PID ${p.pid}, which is not part of ${id} (${props.ControlGroup ? `not under its ControlGroup=${props.ControlGroup}` : "which has no processes now: ControlGroup= is empty"}): ${describe(p)}; ${effect}. If it is a stray copy: \`kill ${p.pid}\`, then \`${sc} restart ${id}\``,
              at,
            ),
          );
        }
      }
    }
  }
  return out;
}

function hidden(id: string, socket: TcpListener, where: string, running: boolean, sc: string, at: { path: string; from: Listener["from"] }): DoctorFinding {
  return finding(
    CHECKS.portHolder,
    running ? "info" : "warning",
    id,
    `${where} is held by a process of uid ${socket.uid} that unitlint may not look into (socket inode ${socket.inode}); run doctor as root, or \`ss -tlnp 'sport = :${socket.port}'\`, to see whether it belongs to ${id}; if it is a stray copy, kill it, then \`${sc} restart ${id}\``,
    at,
  );
}

function unitListeners(unit: Unit): Listener[] {
  return unit.type === "service" ? listenersOf(unit).filter((l) => l.protocol === "tcp") : [];
}
