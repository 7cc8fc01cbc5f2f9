/**
 * What /proc says about sockets and processes: who listens on a TCP port
 * (/proc/net/tcp and tcp6, then the socket inodes in /proc/PID/fd), and a
 * process's command line, parent, age and cgroup. Parsers take text, so they
 * are tested on exact input; the readers take the /proc directory, and report
 * what they could not read instead of failing.
 */
import fs from "node:fs";
import path from "node:path";

export interface TcpListener {
  /** The local address as printed by ss (IPv4 dotted, IPv6 in hex groups, no brackets). */
  address: string;
  port: number;
  inode: number;
  uid: number;
}

const LISTEN = "0A";

function ipv4(hex: string): string {
  // Four bytes in host order, which is little-endian on every architecture Linux reports them this way on.
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join(".");
}

function ipv6(hex: string): string {
  const groups: string[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    const bytes = word.match(/../g)!.reverse().join("");
    groups.push(bytes.slice(0, 4), bytes.slice(4, 8));
  }
  const short = groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""));
  // RFC 5952: the longest run of two or more zero groups (the first of equal ones) becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && short[j] === "0") j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return short.join(":");
  return `${short.slice(0, best).join(":")}::${short.slice(best + bestLen).join(":")}`;
}

/** The listening sockets of /proc/net/tcp (or tcp6): state 0A, `local_address` as `HEX:PORT`. */
export function parseProcNetTcp(text: string): TcpListener[] {
  const out: TcpListener[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== LISTEN) continue;
    const [addr, port] = f[1]!.split(":");
    if (!addr || !port) continue;
    out.push({ address: addr.length === 8 ? ipv4(addr) : ipv6(addr), port: parseInt(port, 16), uid: Number(f[7]), inode: Number(f[9]) });
  }
  return out;
}

/**
 * The cgroup path systemd tracks a process by, from /proc/PID/cgroup: the `name=systemd`
 * hierarchy on legacy and hybrid hosts, else the unified one (`0::`).
 */
export function parseCgroup(text: string): string | null {
  let unified: string | null = null;
  for (const line of text.split("\n")) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    if (m[2] === "name=systemd") return m[3]!;
    if (m[1] === "0" && m[2] === "") unified = m[3]!;
  }
  return unified;
}

/** Is a process in this cgroup inside the unit's `ControlGroup=` (the group itself or below it)? */
export function inCgroup(processCgroup: string, controlGroup: string): boolean {
  if (controlGroup === "") return false;
  return processCgroup === controlGroup || processCgroup.startsWith(controlGroup.endsWith("/") ? controlGroup : `${controlGroup}/`);
}

export interface Stat {
  comm: string;
  ppid: number;
  /** Clock ticks after boot. */
  starttime: number;
}

/** /proc/PID/stat: `pid (comm) state ppid … starttime(22nd field)`; comm may hold spaces and parentheses. */
export function parseStat(text: string): Stat | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state), so field N is rest[N - 3].
  const ppid = Number(rest[1]);
  const starttime = Number(rest[19]);
  if (!Number.isFinite(ppid) || !Number.isFinite(starttime)) return null;
  return { comm: text.slice(open + 1, close), ppid, starttime };
}

/** /proc/PID/cmdline: arguments separated (and ended) by NUL. */
export function parseCmdline(buffer: Buffer): string[] {
  const text = buffer.toString("utf8");
  const args = text.split("\0");
  if (args[args.length - 1] === "") args.pop();
  return args;
}

/** A socket's fd link target, `socket:[12345]`: its inode. */
export function socketInode(link: string): number | null {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}

/** Linux's USER_HZ, the unit of /proc starttime: 100 on every architecture it runs on today. */
const TICKS_PER_SECOND = 100;

export interface ProcessInfo {
  pid: number;
  comm: string;
  args: string[];
  ppid: number;
  parentComm: string | null;
  /** Seconds since it started, or null when /proc/uptime or its stat could not be read. */
  ageSec: number | null;
  cgroup: string | null;
  uid: number | null;
}

const readText = (file: string): string | null => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
};

/** Everything doctor shows about a process; null when it is gone or hidden. */
export function readProcess(pid: number, proc = "/proc"): ProcessInfo | null {
  const stat = parseStat(readText(path.join(proc, String(pid), "stat")) ?? "");
  if (!stat) return null;
  let args: string[] = [];
  try {
    args = parseCmdline(fs.readFileSync(path.join(proc, String(pid), "cmdline")));
  } catch {
    /* hidden: keep the comm */
  }
  const parent = parseStat(readText(path.join(proc, String(stat.ppid), "stat")) ?? "");
  const uptime = Number((readText(path.join(proc, "uptime")) ?? "").split(" ")[0]);
  const status = readText(path.join(proc, String(pid), "status")) ?? "";
  const uid = /^Uid:\s+(\d+)/m.exec(status);
  return {
    pid,
    comm: stat.comm,
    args,
    ppid: stat.ppid,
    parentComm: parent?.comm ?? null,
    ageSec: Number.isFinite(uptime) && uptime > 0 ? Math.max(0, Math.round(uptime - stat.starttime / TICKS_PER_SECOND)) : null,
    cgroup: parseCgroup(readText(path.join(proc, String(pid), "cgroup")) ?? ""),
    uid: uid ? Number(uid[1]) : null,
  };
}

/** The TCP listeners on a port, from /proc/net/tcp and tcp6 (an unreadable file counts as none). */
export function tcpListeners(port: number, proc = "/proc"): TcpListener[] {
  const out: TcpListener[] = [];
  for (const file of ["tcp", "tcp6"]) out.push(...parseProcNetTcp(readText(path.join(proc, "net", file)) ?? "").filter((l) => l.port === port));
  return out;
}

/** The processes holding each socket inode, from /proc/PID/fd links (only the processes we may look into). */
export function inodeOwners(inodes: ReadonlySet<number>, proc = "/proc"): Map<number, number[]> {
  const owners = new Map<number, number[]>();
  if (inodes.size === 0) return owners;
  let entries: string[];
  try {
    entries = fs.readdirSync(proc);
  } catch {
    return owners;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(path.join(proc, entry, "fd"));
    } catch {
      continue; // gone, or not ours to look into
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(path.join(proc, entry, "fd", fd));
      } catch {
        continue;
      }
      const inode = socketInode(link);
      if (inode === null || !inodes.has(inode)) continue;
      const pids = owners.get(inode) ?? [];
      if (!pids.includes(Number(entry))) pids.push(Number(entry));
      owners.set(inode, pids);
    }
  }
  return owners;
}
