/**
 * The network ports a unit listens on, as far as its unit file says: the
 * options and arguments of a service's effective `ExecStart=` command lines
 * (`--port 18789`, `--listen 0.0.0.0:8080`, …) and a socket unit's
 * `ListenStream=` (TCP) and `ListenDatagram=` (UDP). What a program reads
 * from its own configuration files or from `$VARIABLES` is invisible here;
 * and a number counts only where its meaning is clear, so this rather misses
 * a port than invents one. Command lines are split as systemd splits them
 * (command-line.ts).
 */
import { basename, splitCommands, splitWords, stripPrefixes, type Word } from "./command-line.js";
import { isIPv4 } from "./ip.js";
import { keptList, lastKept } from "./kept.js";
import { cIntegerIn } from "./values/numbers-parse.js";
import { execStarts, parseBoolean, serviceType } from "./service.js";
import type { Assignment, Unit } from "./unit.js";

export type Protocol = "tcp" | "udp";

/** A port found in a piece of text, with where it was written. */
export interface PortMatch {
  protocol: Protocol;
  port: number;
  /** The host or address as written (IPv6 without brackets), or null when none is given. */
  host: string | null;
  /** The words it was read from, e.g. `--port 18789` or `0.0.0.0:8080`. */
  text: string;
  /** Offsets in the value (end-exclusive) of the words it was read from. */
  start: number;
  end: number;
}

/** A port a unit listens on, and the assignment that says so. */
export interface Listener extends PortMatch {
  from: Assignment;
}

/** Programs that start another program, whose own name says nothing about what listens. */
export const WRAPPERS: ReadonlySet<string> = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash", "busybox", "env", "docker", "podman", "nerdctl"]);

/**
 * Programs whose port options are about connecting elsewhere (clients) or
 * whose `-p` is a process id, so their numbers are never listening ports here.
 */
const CLIENTS: ReadonlySet<string> = new Set([
  "ssh", "scp", "sftp", "autossh", "sshpass", "mosh", "nc", "ncat", "netcat", "telnet", "curl", "wget",
  "mysql", "mysqldump", "mysqladmin", "mariadb", "mariadb-dump", "psql", "pg_dump", "pg_dumpall", "pg_basebackup", "pg_isready",
  "redis-cli", "mongo", "mongosh", "mongodump", "ping", "rsync", "kubectl",
  "renice", "taskset", "ionice", "chrt", "strace", "ltrace", "gdb", "perf", "prlimit", "kill", "pkill", "pgrep", "ps", "mkdir", "install", "cp",
]);

const CONTAINER_RUNNERS: ReadonlySet<string> = new Set(["docker", "podman", "nerdctl"]);
const SHELLS: ReadonlySet<string> = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash"]);

/** Words in a `--…-port` option's name that say it is a port to connect to or to advertise, not one to listen on. */
const NOT_LISTENING = new Set([
  "remote", "upstream", "target", "backend", "proxy", "db", "database", "redis", "mysql", "postgres", "postgresql", "pg", "mongo",
  "mongodb", "smtp", "imap", "ldap", "dest", "destination", "forward", "connect", "master", "primary", "origin", "external",
  "public", "advertise", "advertised", "announce", "nat", "client", "peer", "ssh", "source", "src",
]);

/** A TCP/UDP port number as a decimal without leading zeros, 1–65535 (0 asks the kernel for any port). */
export function parsePort(text: string): number | null {
  if (!/^[1-9][0-9]{0,4}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/** A port of a socket unit's address as parse_ip_port() reads it: safe_atou16(), base 0 (0x1F90 is 8080, 0120 is 80), 1–65535. */
const systemdPort = (text: string): number | null => (/^[+0-9]/.test(text) ? cIntegerIn(text, 1n, 65535n) : null);

/** Text shaped like an IPv6 address, with or without a zone (fe80::1%eth0): a host in a command line or a listen address. */
function looksLikeIPv6(text: string): boolean {
  const bare = text.replace(/%[A-Za-z0-9._-]+$/, "");
  return /^[0-9A-Fa-f:.]+$/.test(bare) && bare.includes(":") && (bare.match(/::/g)?.length ?? 0) <= 1;
}

const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Hosts that mean "every address": a listener there clashes with any other on the same port. */
export function isAnyAddress(host: string | null): boolean {
  return host === null || host === "" || host === "*" || host === "0.0.0.0" || host === "::" || host === "[::]" || host === "0:0:0:0:0:0:0:0";
}

/**
 * `host:port`, `:port`, `*:port`, `[v6]:port` (and `port` alone when `barePort`);
 * null for anything else, including a host without a port.
 * `strictHost` accepts only IP literals (and `*`), for arguments with no option to say what they are.
 */
export function parseHostPort(
  text: string,
  options: { barePort?: boolean; strictHost?: boolean; port?: (text: string) => number | null } = {},
): { host: string | null; port: number } | null {
  const portOf = options.port ?? parsePort;
  if (options.barePort) {
    const port = portOf(text);
    if (port !== null) return { host: null, port };
  }
  let host: string;
  let portText: string;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0 || text[close + 1] !== ":") return null;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!looksLikeIPv6(host)) return null;
  } else {
    const colon = text.lastIndexOf(":");
    if (colon < 0) return null;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(":")) return null; // an IPv6 address needs brackets to carry a port
    if (host !== "" && host !== "*") {
      if (options.strictHost ? !isIPv4(host) : !(isIPv4(host) || HOSTNAME.test(host))) return null;
    } else if (options.strictHost && host === "") {
      return null;
    }
  }
  const port = portOf(portText);
  if (port === null) return null;
  return { host: host === "" ? null : host, port };
}

/** A host on its own (for `--host 127.0.0.1` next to `--port 8080`). */
function parseHost(text: string): string | null {
  if (text.startsWith("[") && text.endsWith("]") && looksLikeIPv6(text.slice(1, -1))) return text.slice(1, -1);
  if (isIPv4(text) || looksLikeIPv6(text) || text === "*") return text;
  return HOSTNAME.test(text) && !/^[0-9.]+$/.test(text) ? text : null;
}

/**
 * A systemd socket address of `ListenStream=`/`ListenDatagram=`: a port, `IPv4:port`
 * or `[IPv6]:port` (systemd.socket(5)). Paths (`/…`), abstract sockets (`@…`),
 * `vsock:`, specifiers and anything else give null.
 */
export function parseSocketAddress(value: string): { host: string | null; port: number } | null {
  const port = systemdPort(value);
  if (port !== null) return { host: null, port };
  if (value.startsWith("[")) return parseHostPort(value, { port: systemdPort });
  const colon = value.lastIndexOf(":");
  if (colon < 0 || !isIPv4(value.slice(0, colon))) return null;
  return parseHostPort(value, { port: systemdPort });
}

type OptionKind = "port" | "listen" | "host" | null;

function segments(name: string): string[] {
  return name.toLowerCase().split(/[-_.]/).filter(Boolean);
}

/** What a long option's name says its value is: a port to listen on, an address to listen on, a host for the port options, or nothing we know. */
export function optionKind(name: string): OptionKind {
  const seg = segments(name);
  const last = seg[seg.length - 1];
  if (last === undefined) return null;
  if (last === "port") return seg.slice(0, -1).some((s) => NOT_LISTENING.has(s)) ? null : "port";
  const prev = seg[seg.length - 2];
  if (last === "listen" || last === "bind") return "listen";
  if ((last === "addr" || last === "address") && (prev === "listen" || prev === "bind")) return "listen";
  if (seg.length === 1 && last === "host") return "host";
  if ((last === "host" || last === "ip") && (prev === "listen" || prev === "bind") && seg.length === 2) return "host";
  return null;
}

function protocolOfName(name: string): Protocol {
  return segments(name).some((s) => s === "udp" || s === "quic") ? "udp" : "tcp";
}

interface Scan {
  program: string;
  words: Word[];
  out: PortMatch[];
  value: string;
  /** For words of a nested `sh -c` script: the range of the script argument in the value. */
  within: Word | null;
}

function push(scan: Scan, match: Omit<PortMatch, "start" | "end" | "text">, first: Word, last: Word): void {
  if (scan.within) {
    // Words of a nested script: their offsets are in the script, so point at the whole script argument.
    const text = first === last ? first.text : `${first.text} ${last.text}`;
    scan.out.push({ ...match, text, start: scan.within.start, end: scan.within.end });
  } else {
    scan.out.push({ ...match, text: scan.value.slice(first.start, last.end), start: first.start, end: last.end });
  }
}

/** `[ip:]hostPort:containerPort[/proto]` of `docker run -p`: the host side. */
function parsePublish(text: string): { host: string | null; port: number; protocol: Protocol } | null {
  const slash = text.lastIndexOf("/");
  const proto = slash >= 0 ? text.slice(slash + 1).toLowerCase() : "tcp";
  if (proto !== "tcp" && proto !== "udp") return null;
  const spec = slash >= 0 ? text.slice(0, slash) : text;
  let host: string | null = null;
  let rest = spec;
  if (spec.startsWith("[")) {
    const close = spec.indexOf("]");
    if (close < 0 || spec[close + 1] !== ":") return null;
    host = spec.slice(1, close);
    rest = spec.slice(close + 2);
  }
  const parts = rest.split(":");
  if (host === null && parts.length === 3) {
    host = parts.shift()!;
    if (!isIPv4(host) && !HOSTNAME.test(host)) return null;
  }
  if (parts.length !== 2) return null;
  const port = parsePort(parts[0]!);
  if (port === null || parsePort(parts[1]!) === null) return null;
  return { host: host === "" ? null : host, port, protocol: proto };
}

/** socat's listening addresses: `TCP-LISTEN:8080,fork`, `UDP4-RECVFROM:53`, … */
function parseSocat(text: string): { port: number; protocol: Protocol } | null {
  const m = /^(TCP|UDP)[46]?-(LISTEN|L|RECV|RECVFROM):([0-9]+)(,.*)?$/i.exec(text);
  if (!m) return null;
  const port = parsePort(m[3]!);
  const protocol: Protocol = m[1]!.toLowerCase() === "udp" ? "udp" : "tcp";
  if (port === null || (protocol === "tcp" && /^recv/i.test(m[2]!))) return null;
  return { port, protocol };
}

/** The ports in the arguments of one command (program word excluded). */
function scanArguments(scan: Scan): void {
  const { words, program } = scan;
  if (CLIENTS.has(program)) return;
  const container = CONTAINER_RUNNERS.has(program);
  // Port options without an address: their host comes from --host & co., wherever that is on the line.
  const pending: Array<{ protocol: Protocol; port: number; first: Word; last: Word }> = [];
  let hostHint: string | null = null;
  let positional = false;
  let bareSeen = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const text = word.text;
    const next = words[i + 1];
    if (!positional && text === "--") {
      positional = true;
      continue;
    }
    if (SHELLS.has(program) && /^-[a-z]*c[a-z]*$/.test(text) && next) {
      scanScript(scan, next);
      return;
    }
    const option = positional ? null : /^(--?)([A-Za-z][A-Za-z0-9._-]*)(?:=(.*))?$/s.exec(text);
    if (option) {
      const [, dashes, name, inline] = option as unknown as [string, string, string, string | undefined];
      const valueWord = inline === undefined ? next : undefined;
      const value = inline ?? next?.text;
      const last = inline === undefined && next ? next : word;
      // Short options: -p PORT / -pPORT (a number of 1024 or more), -b HOST:PORT; docker's -p/--publish.
      if (dashes === "-" && name.length >= 1 && /^[pb]/.test(name) && (name.length === 1 || /^p[0-9]+$/.test(name))) {
        const letter = name[0]!;
        const attached = name.length > 1 ? name.slice(1) : inline;
        const v = attached ?? next?.text;
        const end = attached !== undefined ? word : (next ?? word);
        if (v !== undefined) {
          if (container && letter === "p") {
            const p = parsePublish(v);
            if (p) push(scan, { protocol: p.protocol, port: p.port, host: p.host }, word, end);
          } else if (!container && letter === "p") {
            const port = parsePort(v);
            if (port !== null && port >= 1024) pending.push({ protocol: "tcp", port, first: word, last: end });
          } else if (letter === "b" && v.includes(":")) {
            const hp = parseHostPort(v);
            if (hp) push(scan, { protocol: "tcp", port: hp.port, host: hp.host }, word, end);
          }
        }
        if (attached === undefined && valueWord) i++;
        continue;
      }
      if (dashes === "-" && name.length === 1) {
        if (inline === undefined && next && !next.text.startsWith("-")) i++; // its value, if it takes one
        continue;
      }
      if (container && name === "publish") {
        const p = value === undefined ? null : parsePublish(value);
        if (p) push(scan, { protocol: p.protocol, port: p.port, host: p.host }, word, last);
        if (valueWord) i++;
        continue;
      }
      const kind = optionKind(name);
      if (kind === null || value === undefined) {
        // An unknown option may take the next word as its value: that word is not a bare address.
        if (inline === undefined && next && !next.text.startsWith("-")) i++;
        continue;
      }
      if (valueWord) i++;
      const protocol = protocolOfName(name);
      if (kind === "port") {
        const port = parsePort(value);
        if (port !== null) pending.push({ protocol, port, first: word, last });
      } else if (kind === "listen") {
        const url = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/i.exec(value);
        const address = url ? url[2]! : value;
        const urlProtocol: Protocol = url && /^udp/i.test(url[1]!) ? "udp" : protocol;
        const hp = parseHostPort(address, { barePort: !url });
        if (hp) push(scan, { protocol: urlProtocol, port: hp.port, host: hp.host }, word, last);
        else if (!url && parseHost(value) !== null) hostHint = parseHost(value);
      } else {
        const host = parseHost(value);
        if (host !== null) hostHint = host;
      }
      continue;
    }
    // An argument on its own: socat's TCP-LISTEN:port, or an IP literal with a port.
    const socat = program === "socat" ? parseSocat(text) : null;
    if (socat) {
      push(scan, { protocol: socat.protocol, port: socat.port, host: null }, word, word);
      continue;
    }
    // Only the first: a proxy's listening address comes first, the addresses it connects to after it.
    const hp = bareSeen ? null : parseHostPort(text, { strictHost: true });
    if (hp) push(scan, { protocol: "tcp", port: hp.port, host: hp.host }, word, word);
    if (hp || /^(\[[^\]]*\]|[^:/]*):[0-9]+$/.test(text)) bareSeen = true;
  }
  // A port option next to `--host db.example.com` is more likely where to connect than where to listen.
  if (hostHint !== null && !isAnyAddress(hostHint) && !isIPv4(hostHint) && !looksLikeIPv6(hostHint) && hostHint !== "localhost") return;
  for (const p of pending) push(scan, { protocol: p.protocol, port: p.port, host: hostHint }, p.first, p.last);
}

/** `sh -c 'exec /usr/bin/gw --port 1'`: the script's commands, reported at the script argument. */
function scanScript(scan: Scan, script: Word): void {
  if (scan.within) return; // one level of nesting is enough
  const words = splitWords(script.text.replace(/(&&|\|\||[;|&])/g, " ; "));
  const commands: Word[][] = [[]];
  for (const w of words) {
    if (w.text === ";") commands.push([]);
    else commands[commands.length - 1]!.push(w);
  }
  for (const command of commands) {
    let k = 0;
    while (k < command.length && (command[k]!.text === "exec" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(command[k]!.text))) k++;
    const head = command[k];
    if (!head) continue;
    scanCommand({ ...scan, words: command.slice(k), within: script }, head.text);
  }
}

/** `env [-i] [VAR=value…] program args…`: the program and its arguments. */
function unwrapEnv(words: Word[]): Word[] {
  let k = 0;
  while (k < words.length && (words[k]!.text.startsWith("-") || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]!.text))) k++;
  return words.slice(k);
}

function scanCommand(scan: Scan, programPath: string): void {
  let program = basename(programPath);
  let args = scan.words.slice(1);
  if (program === "env") {
    const inner = unwrapEnv(args);
    if (inner.length === 0) return;
    program = basename(inner[0]!.text);
    args = inner.slice(1);
  }
  scanArguments({ ...scan, program, words: args });
}

/**
 * The ports one `ExecStart=` value listens on: `--port N`, `--port=N`, `--*-port N`
 * (not `--db-port` and other ports to connect to), `-p N` (N ≥ 1024), `-b HOST:PORT`,
 * `--listen`/`--bind`/`--listen-address`/… `HOST:PORT` (or a port alone), a bare
 * IP-literal `HOST:PORT` argument, `docker run -p`, socat `TCP-LISTEN:`, and the same
 * inside `sh -c '…'`. `--host H` gives the host of port options that have none.
 */
export function portsInCommandLine(value: string): PortMatch[] {
  const out: PortMatch[] = [];
  for (const command of splitCommands(value)) {
    const { path, prefixes } = stripPrefixes(command[0]!.text);
    if (path === "") continue;
    // With "@", the second word is argv[0], not an argument.
    const words = prefixes.includes("@") ? [command[0]!, ...command.slice(2)] : command;
    scanCommand({ program: "", words, out, value, within: null }, path);
  }
  return out;
}

/** Every [Socket] setting that adds a listener (systemd.socket(5)); an empty one of any of them removes them all. */
export const LISTEN_KEYS = ["ListenStream", "ListenDatagram", "ListenSequentialPacket", "ListenFIFO", "ListenSpecial", "ListenNetlink", "ListenMessageQueue", "ListenUSBFunction"] as const;

/** The service a socket unit activates, and the assignment that decides it (Service=, Accept=yes; null for the socket's own name). */
export function socketActivation(unit: Unit): { service: string; by: Assignment | null } | null {
  if (!unit.unitName || unit.type !== "socket") return null;
  const explicit = lastKept(unit, "Socket", "Service");
  if (explicit) return { service: explicit.entry.value, by: explicit };
  const accept = lastKept(unit, "Socket", "Accept");
  const stem = unit.unitName.stem;
  return accept && parseBoolean(accept.entry.value) === true && !stem.includes("@") ? { service: `${stem}@.service`, by: accept } : { service: `${stem}.service`, by: null };
}

/** The service a socket unit activates: `Service=`, else the same name with `.service` (`name@.service` with `Accept=yes`). */
export function socketService(unit: Unit): string | null {
  return socketActivation(unit)?.service ?? null;
}

/** Text without which no file of a service (or socket) can name a port: files without it are not parsed. */
const MAY_LISTEN: Readonly<Record<string, RegExp>> = {
  service: /(?:\b|_)port\b|listen|bind|publish|\s-[pb]|:[0-9]/i,
  socket: /Listen(Stream|Datagram)/,
};

/** The ports a unit listens on: a service's from its command lines (not a oneshot's: those are clients), a socket's from the ListenStream=/ListenDatagram= systemd keeps (kept.ts keptList()). */
export function listenersOf(unit: Unit): Listener[] {
  const out: Listener[] = [];
  const hint = unit.type ? MAY_LISTEN[unit.type] : undefined;
  if (!hint || !unit.files().some((f) => hint.test(f.text))) return out;
  if (unit.type === "service") {
    if (serviceType(unit).value === "oneshot") return out;
    for (const from of execStarts(unit)) {
      for (const m of portsInCommandLine(from.entry.value)) out.push({ ...m, from });
    }
  } else if (unit.type === "socket") {
    for (const from of keptList(unit, "Socket", LISTEN_KEYS).kept) {
      const { key, value } = from.entry;
      const protocol = key === "ListenStream" ? "tcp" : key === "ListenDatagram" ? "udp" : null;
      const address = protocol && parseSocketAddress(value);
      if (address) out.push({ protocol, port: address.port, host: address.host, text: `${key}=${value}`, start: 0, end: value.length, from });
    }
  }
  return out;
}
