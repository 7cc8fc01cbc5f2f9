/**
 * Value kinds of the sandboxing and access settings: capabilities, system call filters, address
 * families, namespaces, file systems, IP prefixes, socket binds, devices, network interfaces and
 * cgroup controllers (systemd.exec(5), systemd.resource-control(5), systemd.socket(5)). What each
 * parser accepts was checked against systemd 252 (`systemd-analyze verify`); the name tables and
 * where they come from are in security-names.ts.
 *
 * Most of these settings are lists: systemd skips the word it cannot read and keeps the others
 * (only RestrictNamespaces=, SocketBind*= and SocketProtocol= drop the whole value), so a check
 * names the first bad word.
 *
 * CapabilityBoundingSet= and AmbientCapabilities= (config_parse_capability_set) take any string:
 * an unknown capability name is only logged at debug level and left out, which can empty the set,
 * so unitlint warns about it. SecureBits= (config_parse_exec_secure_bits) skips an unknown word
 * without even a debug message, and unitlint warns about that too.
 */
import { parseBoolean } from "../service.js";
import { suggest } from "../suggest.js";
import {
  ADDRESS_FAMILIES,
  CAPABILITIES,
  capabilityOf,
  AFTER_252,
  CGROUP_CONTROLLERS,
  ERRNO_NAMES,
  FILESYSTEM_GROUPS,
  NAMESPACE_TYPES,
  SECCOMP_ARCHITECTURES,
  SOCKET_PROTOCOLS,
  SYSCALL_GROUPS,
  SYSCALL_NAMES,
} from "./security-names.js";
import { isLocalhostName, parseAddressPrefix } from "../ip.js";
import { cInteger, cIntegerIn, usesBasePrefix } from "./numbers-parse.js";
import { needsNewer, type ValueChecks, type ValueProblem } from "./types.js";
import { own } from "../own.js";
import { extractWords, firstProblem, firstSkipped, splitList, unsplittable, type ExtractError } from "./paths-words.js";

// ---------------------------------------------------------------------------------------------
// Shared helpers

/**
 * The words of a list, as extract_first_word() splits them: on " \t\n\r", a backslash taking the
 * next character literally; with `unquote` (EXTRACT_UNQUOTE), quotes group words and are removed,
 * otherwise they stay part of the word. Or why systemd cannot split it (it then ignores the setting).
 */
function words(value: string, unquote: boolean): string[] | ExtractError {
  return splitList(value, unquote ? { unquote } : {});
}

/** A list that may start with "~" (a deny-list): whether it does, and the rest. */
function invertible(value: string): { deny: boolean; rest: string } {
  return value.startsWith("~") ? { deny: true, rest: value.slice(1) } : { deny: false, rest: value };
}

/** An integer as strtol(…, 0) reads a whole word (decimal, 0x hex, 0 octal; sign allowed; not 0b/0o), or null. */
function base0Integer(word: string): number | null {
  const n = usesBasePrefix(word) ? null : cInteger(word);
  return n === null ? null : Number(n);
}

/** A prefix length or port as safe_atou8()/safe_atou16() read it. */
const unsignedIn = (word: string, min: number, max: number, target: number): number | null => cIntegerIn(word, BigInt(min), BigInt(max), target);

/** The words of a versioned table known at the target. */
function knownAt(table: Readonly<Record<string, number>>, target: number): string[] {
  return Object.keys(table).filter((w) => table[w]! <= target);
}

/** "needs systemd ≥ N" for a word newer than the target (for AFTER_252, "a systemd newer than 252"), else null. */
function needs(word: string, since: number, target: number): ValueProblem {
  if (since <= target) return null;
  return since === AFTER_252 ? { what: `needs a systemd newer than 252 (${target} does not know "${word}")` } : needsNewer(since, target, `"${word}"`);
}

/** A word missing from a list: `has "word", which is not <kind>`, with the closest known word. */
function unknown(word: string, kind: string, candidates: Iterable<string>): ValueProblem {
  const meant = suggest(word, candidates);
  return { what: `has "${word}", which is not ${kind}`, ...(meant ? { meant } : {}) };
}

/** Words for a message: "a", "b". */
const quoted = (list: readonly string[]): string => list.map((w) => `"${w}"`).join(", ");

// ---------------------------------------------------------------------------------------------
// System calls (systemd.exec(5) "System Call Filtering")

/** An errno as parse_errno() reads it — a name (any case) or a number from `min` to 4095 — or "kill". */
function isErrno(word: string, min: number): boolean {
  if (word === "kill" || ERRNO_NAMES.has(word.toUpperCase())) return true;
  const n = base0Integer(word);
  return n !== null && n >= min && n <= 4095;
}

function syscallGroup(group: string, target: number): ValueProblem {
  const since = own(SYSCALL_GROUPS, group);
  if (since === undefined) return unknown(group, "a system call group", knownAt(SYSCALL_GROUPS, target));
  return needs(group, since, target);
}

function syscallName(name: string): ValueProblem {
  return SYSCALL_NAMES.has(name) ? null : unknown(name, "a system call name libseccomp knows", SYSCALL_NAMES);
}

/**
 * SystemCallFilter= (with `withErrno`) and SystemCallLog=: "~" then system call names and @groups
 * (exact case, quotes not removed); in SystemCallFilter=, a deny-list word may end in ":errno".
 */
function syscallList(value: string, target: number, withErrno: boolean): ValueProblem {
  const { deny, rest } = invertible(value);
  return firstSkipped(words(rest, false), (word) => {
    const colon = withErrno ? word.indexOf(":") : -1;
    const name = colon < 0 ? word : word.slice(0, colon);
    if (colon >= 0) {
      const errno = word.slice(colon + 1);
      if (name === "") return { what: `has "${word}", which names no system call` };
      if (!isErrno(errno, 0)) return { what: `has "${word}", whose error "${errno}" is not an errno name, a number from 0 to 4095 or "kill"` };
      if (!deny) return { what: `has "${word}", but ":errno" is only allowed in a "~" deny-list` };
    }
    return name.startsWith("@") ? syscallGroup(name, target) : syscallName(name);
  });
}

/** SystemCallErrorNumber=: an errno name, a number from 1 to 4095, or "kill". */
function syscallErrno(value: string): ValueProblem {
  return isErrno(value, 1) ? null : { what: 'is not an errno name (e.g. EPERM, EACCES), a number from 1 to 4095 or "kill"' };
}

/** SystemCallArchitectures=: seccomp architecture names (exact case; quotes removed). */
function syscallArchs(value: string, target: number): ValueProblem {
  return firstSkipped(words(value, true), (arch) => {
    const since = own(SECCOMP_ARCHITECTURES, arch);
    return since === undefined ? unknown(arch, "a system call architecture (e.g. native, x86-64, x86, arm64)", knownAt(SECCOMP_ARCHITECTURES, target)) : needs(arch, since, target);
  });
}

/**
 * CapabilityBoundingSet=, AmbientCapabilities=: capability names (CAP_…, any letter case) or
 * numbers 0–63, after an optional "~". systemd drops an unknown word without a warning (its debug
 * log only), and an assignment left naming no capability empties the set (with "~", removes
 * nothing): CapabilityBoundingSet=CAP_NET_BIND_SERVICES leaves the service no capability at all
 * (verify's debug dump, test/oracle/list-items.test.ts).
 */
function capabilityNames(value: string, _target: number, key?: string): ValueProblem {
  const { deny, rest } = invertible(value);
  const list = words(rest, true);
  // A value systemd cannot split is refused with a warning of its own: not this check's to judge.
  if (typeof list === "string") return null;
  const unknown = list.filter((word) => capabilityOf(word) === null);
  if (unknown.length === 0) return null;
  const word = unknown[0]!;
  const meant = suggest(word.toUpperCase().startsWith("CAP_") ? word.toUpperCase() : `CAP_${word.toUpperCase()}`, CAPABILITIES);
  const emptied = key === "AmbientCapabilities" ? "the service gets no ambient capability" : "the service keeps no capability";
  const effect =
    unknown.length < list.length
      ? "systemd drops it without a warning (only its debug log says so) and keeps the others"
      : deny
        ? 'systemd drops it without a warning, and "~" with no capability it knows removes nothing'
        : `systemd drops it without a warning, and an assignment that names no capability it knows empties the set: ${emptied}`;
  return { what: `has "${word}", which is not a capability name (CAP_…, in any letter case) or number from 0 to 63`, ...(meant ? { meant } : {}), effect };
}

const SECURE_BITS: ReadonlySet<string> = new Set(["keep-caps", "keep-caps-locked", "no-setuid-fixup", "no-setuid-fixup-locked", "noroot", "noroot-locked"]);

/** What is said of an assignment left with no secure bit systemd knows. */
const NO_SECURE_BIT = "an assignment that names no secure bit it knows sets none: the service gets no secure bits, whatever a SecureBits= before it said";

/**
 * SecureBits=: the six bit names, exact case, quotes removed (secure_bits_from_string()). systemd
 * skips any other word without a message, not even at debug level, stops reading at an unterminated
 * quote, and each assignment replaces the one before (verify's debug dump, test/oracle/list-items.test.ts).
 */
function secureBits(value: string): ValueProblem {
  const { words, error } = extractWords(value, { unquote: true });
  const unknownAt = words.findIndex((word) => !SECURE_BITS.has(word));
  if (unknownAt < 0 && error === null) return null;
  const kept = words.some((word) => SECURE_BITS.has(word));
  if (unknownAt < 0) {
    return { what: error === "quote" ? "has an unterminated quote" : "has a backslash at its end", effect: `systemd ignores that entry and the ones after it, without a warning${kept ? "" : `, and ${NO_SECURE_BIT}`}` };
  }
  const word = words[unknownAt]!;
  const meant = suggest(word, SECURE_BITS);
  const effect = kept ? "systemd drops it without a warning (not even in its debug log) and keeps the others" : `systemd drops it without a warning (not even in its debug log), and ${NO_SECURE_BIT}`;
  return { what: `has "${word}", which is not a secure bit (${[...SECURE_BITS].join(", ")})`, ...(meant ? { meant } : {}), effect };
}

// ---------------------------------------------------------------------------------------------
// Address families, namespaces, file systems (systemd.exec(5) "Sandboxing")

const FAMILY_BY_LOWER: ReadonlyMap<string, string> = new Map(ADDRESS_FAMILIES.map((f) => [f.toLowerCase(), f]));

/** RestrictAddressFamilies=: "none" alone, or "~" then AF_ names (any case; quotes removed). */
function addressFamilies(value: string): ValueProblem {
  if (value === "none") return null;
  return firstSkipped(words(invertible(value).rest, true), (family) => {
    if (FAMILY_BY_LOWER.has(family.toLowerCase())) return null;
    if (family === "none") return { what: 'has "none", which is only valid alone (RestrictAddressFamilies=none)' };
    return unknown(family, "an address family (e.g. AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET)", ADDRESS_FAMILIES);
  });
}

/**
 * RestrictNamespaces= (and DelegateNamespaces=): a boolean, or "~" then namespace types (exact
 * case, quotes not removed). systemd drops the whole value when one word is wrong.
 */
function namespaceFlags(value: string, target: number): ValueProblem {
  if (parseBoolean(value) !== null) return null;
  const { deny, rest } = invertible(value);
  const list = words(rest, false);
  if (typeof list === "string") return unsplittable(list);
  return firstProblem(list, (type) => {
    const since = own(NAMESPACE_TYPES, type);
    if (since !== undefined) return needs(type, since, target);
    const types = knownAt(NAMESPACE_TYPES, target);
    if (deny || list.length > 1) return unknown(type, `a namespace type (${types.join(", ")})`, types);
    const meant = suggest(type, types);
    return { what: `is not a boolean or a namespace type (${types.join(", ")})`, ...(meant ? { meant } : {}) };
  });
}

/**
 * RestrictFileSystems=: "~" then file system names and @groups (quotes removed). 252 takes any
 * name (an unknown one matches nothing), but not an unknown @group.
 */
function restrictFilesystems(value: string): ValueProblem {
  return firstProblem(words(invertible(value).rest, true), (name) =>
    !name.startsWith("@") || FILESYSTEM_GROUPS.has(name) ? null : unknown(name, `a file system group (${[...FILESYSTEM_GROUPS].join(", ")})`, FILESYSTEM_GROUPS),
  );
}

// ---------------------------------------------------------------------------------------------
// IP access lists and socket binds (systemd.resource-control(5))

const IP_KEYWORDS = new Set(["any", "link-local", "multicast"]);

/** One IPAddressAllow=/IPAddressDeny= word: a keyword, or an address with an optional /prefix length. */
function isAddressPrefix(word: string, target: number): boolean {
  if (IP_KEYWORDS.has(word) || isLocalhostName(word)) return true;
  return parseAddressPrefix(word, target) !== null;
}

/** IPAddressAllow=, IPAddressDeny=: addresses and prefixes, or any, localhost, link-local, multicast. */
function addressPrefixes(value: string, target: number): ValueProblem {
  return firstSkipped(words(value, false), (word) =>
    isAddressPrefix(word, target) ? null : { what: `has "${word}", which is not an IP address prefix (e.g. 10.0.0.0/8, fe80::/64, 192.168.1.1) or any, localhost, link-local, multicast` },
  );
}

/** A port range "N" or "N-M" with N ≤ M, each from `min` to 65535. */
function isPortRange(word: string, min: number, target: number): boolean {
  const dash = word.indexOf("-");
  const low = unsignedIn(dash < 0 ? word : word.slice(0, dash), min, 65535, target);
  const high = dash < 0 ? low : unsignedIn(word.slice(dash + 1), min, 65535, target);
  return low !== null && high !== null && low <= high;
}

const PROTOCOL_TOKEN = /^(?:tcp|udp)$/i;

/**
 * One SocketBindAllow=/SocketBindDeny= item as parse_socket_bind_item() reads it: ":"-separated
 * optional parts in this order — ipv4|ipv6 (lowercase), tcp|udp (any case), "any" or a port range.
 */
function isSocketBindItem(value: string, minPort: number, target: number): boolean {
  const tokens = value.split(":");
  let i = 0;
  if (tokens[i] === "ipv4" || tokens[i] === "ipv6") i++;
  if (i < tokens.length && PROTOCOL_TOKEN.test(tokens[i]!)) i++;
  if (i < tokens.length && (tokens[i] === "any" || isPortRange(tokens[i]!, minPort, target))) i++;
  return i === tokens.length;
}

/** SocketBindAllow=, SocketBindDeny=: one item; port 0 is accepted only after 252. */
function socketBind(value: string, target: number): ValueProblem {
  if (isSocketBindItem(value, 1, target)) return null;
  if (isSocketBindItem(value, 0, target)) return target >= AFTER_252 ? null : { what: `uses port 0, which needs a systemd newer than 252 (${target} takes ports from 1 to 65535)` };
  return { what: 'is not [ipv4:|ipv6:][tcp:|udp:]PORT[-PORT] or "any" (e.g. "ipv4:tcp:8080", "udp:5353-5355", "any")' };
}

// ---------------------------------------------------------------------------------------------
// Devices, network interfaces, controllers, protocols

const DEVICE_RIGHTS = /^[rwm]*$/;
const DEVICE_ROOTS = /^\/(?:dev|run\/systemd\/inaccessible)(?:\/|$)/;

/** DeviceAllow=: a /dev/ path, char-NAME or block-NAME (quotes removed), then access rights from r, w, m. */
function deviceAllow(value: string): ValueProblem {
  const split = words(value, true);
  if (typeof split === "string") return unsplittable(split);
  const first = split[0] ?? "";
  const rights = value.replace(/^\s*("[^"]*"|'[^']*'|\S+)\s*/, "");
  if (!first.startsWith("char-") && !first.startsWith("block-")) {
    if (first.split("/").includes("..")) return { what: `has the path "${first}" with ".." in it` };
    const simplified = first.replace(/\/+/g, "/").replace(/\/\.(?=\/|$)/g, "");
    if (!DEVICE_ROOTS.test(simplified)) return { what: `has "${first}", which is neither a device node under /dev/ nor a char-…/block-… device group` };
  }
  if (!DEVICE_RIGHTS.test(rights)) return { what: `gives the access rights "${rights}", which are not a combination of r, w and m` };
  return null;
}

const IFNAME_FORBIDDEN = /[^\x21-\x7e]|[:/%]/;
const ALL_DIGITS = /^[0-9]+$/;

/**
 * What is wrong with a network interface name as ifname_valid() reads it, or null: at most 15
 * bytes (`maxLength`), printable ASCII without ":", "/" or "%", not ".", "..", "all", "default",
 * nor a number (an ifindex).
 */
function ifnameProblem(name: string, maxLength: number): string | null {
  if (name.length > maxLength) return `longer than ${maxLength} characters`;
  if (IFNAME_FORBIDDEN.test(name)) return 'has a space, ":", "/", "%" or a character outside printable ASCII';
  if ([".", "..", "all", "default"].includes(name)) return 'reserved: ".", "..", "all", "default"';
  const index = base0Integer(name);
  if (ALL_DIGITS.test(name) || (index !== null && index > 0 && index <= 0x7fffffff)) return "a number, which would be an interface index";
  return null;
}

function interfaceName(name: string, maxLength: number): ValueProblem {
  const problem = name === "" ? "empty" : ifnameProblem(name, maxLength);
  return problem === null ? null : { what: `has "${name}", which is not a network interface name (${problem})` };
}

/** RestrictNetworkInterfaces=: "~" then interface names (quotes removed); alternative names (up to 127 characters) came after 252. */
function restrictInterfaces(value: string, target: number): ValueProblem {
  const maxLength = target >= AFTER_252 ? 127 : 15;
  return firstSkipped(words(invertible(value).rest, true), (name) => interfaceName(name, maxLength));
}

/** BindToDevice=: one interface name, taken as it is (quotes are part of the name), or "*" for none. */
function bindToDevice(value: string): ValueProblem {
  if (value === "*") return null;
  const problem = ifnameProblem(value, 15);
  return problem === null ? null : { what: `is not a network interface name (${problem})` };
}

/**
 * DisableControllers=: cgroup controller names (exact case, quotes not removed). 252 skips unknown
 * words silently and refuses the value only when it names no controller at all.
 */
function disableControllers(value: string, target: number): ValueProblem {
  const list = words(value, false);
  if (typeof list === "string") return unsplittable(list);
  if (list.some((w) => (own(CGROUP_CONTROLLERS, w) ?? Infinity) <= target)) return null;
  const controllers = knownAt(CGROUP_CONTROLLERS, target);
  const since = list.length === 1 ? own(CGROUP_CONTROLLERS, list[0]!) : undefined;
  if (since !== undefined) return needs(list[0]!, since, target);
  const meant = list.length === 1 ? suggest(list[0]!, controllers) : null;
  return { what: `names no cgroup controller (${controllers.join(", ")})`, ...(meant ? { meant } : {}) };
}

/** SocketProtocol= (systemd.socket(5)): udplite or sctp, by name (any letter case) or IPPROTO_ number. */
function socketProtocol(value: string, target: number): ValueProblem {
  const number = base0Integer(value);
  const known = Object.entries(SOCKET_PROTOCOLS).find(([name, p]) => (number === null ? name === value.toLowerCase() : p.number === number));
  if (known) return needs(value, known[1].since, target);
  const protocols = Object.keys(SOCKET_PROTOCOLS).filter((p) => SOCKET_PROTOCOLS[p]!.since <= target);
  const meant = number === null ? suggest(value.toLowerCase(), protocols) : null;
  return { what: `is not one of ${quoted(protocols)} (or their protocol numbers)`, ...(meant ? { meant } : {}) };
}

export const SECURITY_CHECKS: ValueChecks = {
  config_parse_capability_set: capabilityNames,
  config_parse_exec_secure_bits: secureBits,
  config_parse_syscall_filter: (v, t) => syscallList(v, t, true),
  config_parse_syscall_log: (v, t) => syscallList(v, t, false),
  config_parse_syscall_errno: syscallErrno,
  config_parse_syscall_archs: syscallArchs,
  config_parse_address_families: addressFamilies,
  config_parse_namespace_flags: namespaceFlags,
  config_parse_restrict_filesystems: restrictFilesystems,
  config_parse_in_addr_prefixes: addressPrefixes,
  config_parse_cgroup_socket_bind: socketBind,
  config_parse_device_allow: deviceAllow,
  config_parse_restrict_network_interfaces: restrictInterfaces,
  config_parse_socket_bindtodevice: bindToDevice,
  config_parse_disable_controllers: disableControllers,
  config_parse_socket_protocol: socketProtocol,
};
