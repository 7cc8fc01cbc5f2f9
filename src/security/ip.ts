/**
 * IPAddressDeny= and IPAddressAllow= as far as `systemd-analyze security` looks at them
 * (config_parse_in_addr_prefixes(), assess_ip_address_allow(); systemd.resource-control(5)).
 * Each word is `any`, `localhost`, `link-local`, `multicast`, or an address with an optional
 * /prefix; the address is masked to its prefix. Invalid words are skipped; an empty assignment
 * empties the list.
 */
import { isIPv6Loopback, isLocalhostName, parseAddressPrefix } from "../model/ip.js";
import { own } from "../model/own.js";

export interface IpPrefix {
  family: 4 | 6;
  prefix: number;
  /** The masked address is 127.x.x.x or ::1 (what in_addr_is_localhost() tests). */
  localhost: boolean;
}

const SHORTCUTS: Readonly<Record<string, readonly string[]>> = {
  any: ["0.0.0.0/0", "::/0"],
  "link-local": ["169.254.0.0/16", "fe80::/64"],
  multicast: ["224.0.0.0/4", "ff00::/8"],
};

function parsePrefix(word: string, version: number): IpPrefix | null {
  const parsed = parseAddressPrefix(word, version);
  if (parsed === null) return null;
  const { address, family, prefix } = parsed;
  let localhost: boolean;
  if (family === 4) {
    const first = Number(address.split(".")[0]);
    localhost = prefix >= 8 ? first === 127 : (first & (0xff << (8 - prefix))) === 127;
  } else {
    localhost = prefix === 128 && isIPv6Loopback(address);
  }
  return { family, prefix, localhost };
}

/** Folds the assignments (in order) into the list of prefixes systemd keeps. */
export function ipPrefixes(values: readonly string[], version: number): IpPrefix[] {
  let out: IpPrefix[] = [];
  for (const value of values) {
    if (value === "") {
      out = [];
      continue;
    }
    for (const word of value.split(/\s+/)) {
      if (word === "") continue;
      const words = own(SHORTCUTS, word) ?? (isLocalhostName(word) ? ["127.0.0.0/8", "::1/128"] : [word]);
      for (const w of words) {
        const p = parsePrefix(w, version);
        if (p) out.push(p);
      }
    }
  }
  return out;
}
