/**
 * IP addresses as inet_pton() reads them (systemd's in_addr_from_string()), without node:net,
 * whose first use costs a module load a lint run should not pay for and which accepts zone
 * suffixes (fe80::1%eth0) that systemd refuses.
 */
import { cIntegerIn } from "./values/numbers-parse.js";

const IPV4_BYTE = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4 = new RegExp(`^${IPV4_BYTE}(?:\\.${IPV4_BYTE}){3}$`);
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

export const isIPv4 = (address: string): boolean => IPV4.test(address);

/** The 16-bit groups of an IPv6 address (an IPv4 tail as two groups), or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let body = address;
  const tail: number[] = [];
  if (address.includes(".")) {
    const colon = address.lastIndexOf(":");
    const v4 = address.slice(colon + 1);
    if (colon < 0 || !IPV4.test(v4)) return null;
    const [a, b, c, d] = v4.split(".").map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    // Keep a "::" that ends right before the IPv4 part; drop a single separating ":".
    body = address[colon - 1] === ":" ? address.slice(0, colon + 1) : address.slice(0, colon);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parts = halves.map((h) => (h === "" ? [] : h.split(":")));
  if (!parts.every((g) => g.every((group) => IPV6_GROUP.test(group)))) return null;
  const [head, rest = []] = parts.map((g) => g.map((group) => parseInt(group, 16)));
  const count = head!.length + rest.length + tail.length;
  if (halves.length === 2 ? count > 7 : count !== 8) return null;
  return [...head!, ...Array<number>(8 - count).fill(0), ...rest, ...tail];
}

export const isIPv6 = (address: string): boolean => ipv6Groups(address) !== null;

/** ::1 in any spelling. */
export function isIPv6Loopback(address: string): boolean {
  const groups = ipv6Groups(address);
  return groups !== null && groups.every((g, i) => g === (i === 7 ? 1 : 0));
}

/** is_localhost(): "localhost", "localhost.localdomain" and names under either, any case, with an optional final dot. */
export function isLocalhostName(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, "");
  return w === "localhost" || w === "localhost.localdomain" || w.endsWith(".localhost") || w.endsWith(".localhost.localdomain");
}

/**
 * An address with an optional "/prefix length" as in_addr_prefix_from_string() reads it (IPAddressAllow=,
 * IPAddressDeny=): the address, its family and the prefix length (the whole address without one), or
 * null. The length is read by safe_atou8(): base 0, so "033" is 27 and "0x8" is 8; 0b/0o from v246.
 */
export function parseAddressPrefix(word: string, target: number): { address: string; family: 4 | 6; prefix: number } | null {
  const slash = word.indexOf("/");
  const address = slash < 0 ? word : word.slice(0, slash);
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : null;
  if (family === null) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = slash < 0 ? max : cIntegerIn(word.slice(slash + 1), 0n, BigInt(max), target);
  return prefix === null ? null : { address, family, prefix };
}
