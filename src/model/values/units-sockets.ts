/**
 * What a socket unit listens on (systemd.socket(5) "Options"): ListenStream=, ListenDatagram= and
 * ListenSequentialPacket= take a socket address, ListenNetlink= a netlink family and group, and
 * ListenFIFO=, ListenSpecial=, ListenMessageQueue=, ListenUSBFunction= an absolute path. All eight
 * share one parser, config_parse_socket_listen; the rules below are systemd 252's as
 * `systemd-analyze verify` applies them.
 */
import { suggest } from "../suggest.js";
import type { ValueProblem } from "./types.js";

/** How each Listen*= key reads its value. */
type ListenKind = "address" | "local" | "netlink" | "path";

const LISTEN_KIND: Readonly<Record<string, ListenKind>> = {
  ListenStream: "address",
  ListenDatagram: "address",
  ListenSequentialPacket: "local",
  ListenNetlink: "netlink",
  ListenFIFO: "path",
  ListenSpecial: "path",
  ListenMessageQueue: "path",
  ListenUSBFunction: "path",
};

/** AF_VSOCK addresses ("vsock:CID:PORT") arrived in v233 (NEWS). */
const VSOCK_SINCE = 233;

/** Longest AF_UNIX path systemd takes, '@' of an abstract name included: sun_path is 108 bytes and must end in NUL. */
const UNIX_PATH_MAX = 107;

const PATH_MAX = 4096;
const NAME_MAX = 255;
const UINT32_MAX = 0xffffffff;
const INT_MAX = 0x7fffffff;

/** netlink_family_from_string(): these names, or a number up to INT_MAX. */
const NETLINK_FAMILIES = [
  "route", "firewall", "inet-diag", "nflog", "xfrm", "selinux", "iscsi", "audit", "fib-lookup",
  "connector", "netfilter", "ip6-fw", "dnrtmsg", "kobject-uevent", "generic", "scsitransport", "ecryptfs", "rdma",
];
const NETLINK_SET: ReadonlySet<string> = new Set(NETLINK_FAMILIES);

const C_UNSIGNED = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
const LEADING_SPACE = /^[ \t\n\v\f\r]+/;

/**
 * An unsigned number as systemd's safe_atou*() read it (strtoul() with base 0): decimal, 0x… hex or
 * 0… octal, an optional "+", "-" only for zero; leading whitespace only where `space` (vsock, netlink).
 * Null when it is not one or exceeds `max`.
 */
export function cUnsigned(text: string, max: number, space = false): number | null {
  const m = C_UNSIGNED.exec(space ? text.replace(LEADING_SPACE, "") : text);
  if (!m) return null;
  const digits = m[2]!;
  const n = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === "0" ? parseInt(digits, 8) : Number(digits);
  if (m[1] === "-" && n !== 0) return null;
  return n <= max ? n : null;
}

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** A dotted quad as inet_pton(AF_INET) takes it: four decimals up to 255, no leading zeros. */
export function isIPv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p) && Number(p) <= 255);
}

/** An IPv6 address as inet_pton(AF_INET6) takes it: eight groups, one "::" for at least one of them, an optional trailing dotted quad. */
export function isIPv6(text: string): boolean {
  const lastColon = text.lastIndexOf(":");
  if (lastColon < 0) return false;
  const tail = text.slice(lastColon + 1);
  let s = text;
  if (tail.includes(".")) {
    if (!isIPv4(tail)) return false;
    s = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === "" ? [] : h.split(":")));
  if (!groups.every((g) => g.every((x) => HEX_GROUP.test(x)))) return false;
  const count = groups.reduce((n, g) => n + g.length, 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

const ADDRESS_FORMS = "a port, IPv4:PORT, [IPv6]:PORT, an absolute path, @abstract or vsock:CID:PORT";

const isPort = (text: string): boolean => (cUnsigned(text, 65535) ?? 0) >= 1;
const portProblem = (text: string): string => `has port "${text}", which is not a port number from 1 to 65535`;

/** socket_address_parse(): why `value` is not a socket address for the targeted version, or null. */
function addressProblem(value: string, target: number): string | null {
  if (value.startsWith("/") || value.startsWith("@")) {
    if (value.length < 2) return `is not a socket address: "${value}" alone names no socket`;
    return Buffer.byteLength(value) > UNIX_PATH_MAX ? `is too long for an AF_UNIX socket address (at most ${UNIX_PATH_MAX} bytes)` : null;
  }
  if (value.startsWith("vsock:")) {
    if (target < VSOCK_SINCE) return `needs systemd ≥ ${VSOCK_SINCE} (${target} does not know vsock: addresses)`;
    const rest = value.slice("vsock:".length);
    const colon = rest.indexOf(":");
    const cid = rest.slice(0, colon);
    const ok = colon >= 0 && (cid === "" || cUnsigned(cid, UINT32_MAX, true) !== null) && cUnsigned(rest.slice(colon + 1), UINT32_MAX, true) !== null;
    return ok ? null : 'is not a vsock address (vsock:CID:PORT with numbers up to 4294967295, e.g. "vsock:2:1234"; an empty CID means any)';
  }
  if (value.startsWith("[")) {
    const close = value.indexOf("]");
    const host = close < 0 ? "" : value.slice(1, close).replace(/%[^%]+$/, "");
    if (close < 0 || value[close + 1] !== ":" || !isIPv6(host)) return 'is not an IPv6 socket address ([ADDRESS]:PORT, e.g. "[::1]:8080")';
    const port = value.slice(close + 2);
    return isPort(port) ? null : portProblem(port);
  }
  const colon = value.indexOf(":");
  if (colon >= 0) {
    if (!isIPv4(value.slice(0, colon))) return 'is not an IPv4 socket address (ADDRESS:PORT, e.g. "127.0.0.1:8080"; IPv6 needs brackets and host names are not resolved)';
    const port = value.slice(colon + 1);
    return isPort(port) ? null : portProblem(port);
  }
  if (C_UNSIGNED.test(value)) return isPort(value) ? null : "is not a port number from 1 to 65535";
  return `is not a socket address: expected ${ADDRESS_FORMS} (e.g. "8080", "127.0.0.1:8080", "[::]:8080", "/run/app.sock")`;
}

/** ListenSequentialPacket=: SOCK_SEQPACKET is for AF_UNIX only ("Address family not supported"). */
function localProblem(value: string, target: number): string | null {
  const problem = addressProblem(value, target);
  if (problem || value.startsWith("/") || value.startsWith("@")) return problem;
  return 'is not an AF_UNIX socket address (an absolute path or @abstract name): sequential packet sockets are local only';
}

/** socket_address_parse_netlink(): a family name or number, then an optional multicast group. */
function netlinkProblem(value: string): { what: string; meant?: string } | null {
  const space = value.search(/[ \t\n\r]/);
  const family = space < 0 ? value : value.slice(0, space);
  const group = space < 0 ? "" : value.slice(space).replace(LEADING_SPACE, "");
  if (!NETLINK_SET.has(family) && cUnsigned(family, INT_MAX, true) === null) {
    const meant = suggest(family, NETLINK_FAMILIES);
    return { what: `is not a netlink family and group (e.g. "route 1", "kobject-uevent 1"; families: ${NETLINK_FAMILIES.join(", ")}, or a number)`, ...(meant ? { meant: `${meant}${value.slice(family.length)}` } : {}) };
  }
  if (group !== "" && cUnsigned(group, UINT32_MAX, true) === null) return { what: `has group "${group}", which is not a netlink multicast group (one number up to 4294967295)` };
  return null;
}

/** path_is_valid(): shorter than PATH_MAX, no component longer than NAME_MAX (in bytes). */
export function pathTooLong(path: string): boolean {
  return Buffer.byteLength(path) >= PATH_MAX || path.split("/").some((c) => Buffer.byteLength(c) > NAME_MAX);
}

/** path_simplify_and_warn(PATH_CHECK_ABSOLUTE): absolute, no ".." component ("//" and "." are simplified away), not too long. */
function pathProblem(value: string): string | null {
  if (!value.startsWith("/")) return "is not an absolute path";
  if (value.split("/").includes("..")) return 'is not a normalized path (it contains "..")';
  return pathTooLong(value) ? `is too long for a path (components up to ${NAME_MAX} bytes, ${PATH_MAX - 1} in all)` : null;
}

function kindProblem(kind: ListenKind, value: string, target: number): { what: string; meant?: string } | null {
  switch (kind) {
    case "address":
    case "local": {
      const what = kind === "address" ? addressProblem(value, target) : localProblem(value, target);
      return what ? { what } : null;
    }
    case "netlink":
      return netlinkProblem(value);
    case "path": {
      const what = pathProblem(value);
      return what ? { what } : null;
    }
  }
}

const KINDS: readonly ListenKind[] = ["address", "netlink", "path"];

/**
 * config_parse_socket_listen: the rules of the key; called without one, only what no Listen*= key
 * accepts.
 */
export function socketListenCheck(value: string, target: number, key?: string): ValueProblem {
  const kind = key === undefined ? undefined : LISTEN_KIND[key];
  if (kind) return kindProblem(kind, value, target);
  const problems = KINDS.map((k) => kindProblem(k, value, target));
  if (problems.some((p) => p === null)) return null;
  const version = problems.find((p) => p!.what.startsWith("needs systemd"));
  return version ?? { what: `is neither a socket address (${ADDRESS_FORMS}) nor a netlink family` };
}
