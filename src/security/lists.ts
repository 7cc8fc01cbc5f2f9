/**
 * The list settings of the assessment, folded as systemd's parsers fold them (each checked against
 * systemd 252 in test/oracle/security.test.ts): RestrictNamespaces=, RestrictAddressFamilies=,
 * SystemCallArchitectures= and DeviceAllow=.
 */
import { ADDRESS_FAMILIES, NAMESPACE_TYPES, SECCOMP_ARCHITECTURES } from "../model/values/security-names.js";
import { parseBoolean } from "../model/service.js";
import { extractFirstWord, extractWords, splitList } from "../model/values/paths-words.js";
import type { Reader } from "./reader.js";
import { own } from "../model/own.js";

/**
 * The words of a value whose parser applies them one by one (EXTRACT_UNQUOTE): at a syntax error
 * (an unterminated quote) systemd logs "Invalid syntax, ignoring" and keeps the words before it.
 */
const appliedWords = (value: string): string[] => extractWords(value, { unquote: true }).words;

const namespaceTypes = new Map<number, readonly string[]>();

function namespacesOf(version: number): readonly string[] {
  let all = namespaceTypes.get(version);
  if (!all) namespaceTypes.set(version, (all = Object.keys(NAMESPACE_TYPES).filter((n) => NAMESPACE_TYPES[n]! <= version)));
  return all;
}

/**
 * The namespace types the unit may still create (config_parse_restrict_namespaces()): a boolean
 * replaces the set; a list replaces the initial value and merges into any other; `~` inverts;
 * one unknown type makes systemd ignore the whole line.
 */
export function namespaces(r: Reader): ReadonlySet<string> {
  const all = namespacesOf(r.options.version);
  let allowed = new Set(all);
  let initial = true;
  for (const value of r.values("RestrictNamespaces")) {
    if (value === "") {
      allowed = new Set(all);
      initial = true;
      continue;
    }
    const b = parseBoolean(value);
    if (b !== null) {
      allowed = b ? new Set() : new Set(all);
      initial = false;
      continue;
    }
    const invert = value.startsWith("~");
    const named = splitList(invert ? value.slice(1) : value, {});
    if (typeof named === "string") continue;
    if (named.some((n) => !all.includes(n))) continue;
    if (initial) allowed = new Set(invert ? all.filter((n) => !named.includes(n)) : named);
    else for (const n of named) invert ? allowed.delete(n) : allowed.add(n);
    initial = false;
  }
  return allowed;
}

/** Address family names in capitals → the family systemd stores (AF_LOCAL and AF_FILE are AF_UNIX, AF_ROUTE is AF_NETLINK). */
let familyByName: Map<string, string> | null = null;

function family(word: string): string | undefined {
  familyByName ??= new Map(ADDRESS_FAMILIES.map((f) => [f.toUpperCase(), f === "AF_LOCAL" || f === "AF_FILE" ? "AF_UNIX" : f === "AF_ROUTE" ? "AF_NETLINK" : f]));
  return familyByName.get(word.toUpperCase());
}

/** The five kinds systemd-analyze tells apart. */
export type FamilyKind = "inet" | "unix" | "netlink" | "packet" | "other";

const KIND: Readonly<Record<string, FamilyKind>> = { AF_INET: "inet", AF_INET6: "inet", AF_UNIX: "unix", AF_NETLINK: "netlink", AF_PACKET: "packet" };

/**
 * RestrictAddressFamilies= as the kinds of families that are restricted
 * (config_parse_address_families(), then get_security_info()): an allow-list restricts every kind
 * but those of its families; a deny-list restricts the kinds of its families (denying AF_INET6
 * alone counts as restricting "inet"). `none` is an empty allow-list.
 */
export function restrictedFamilies(r: Reader): Record<FamilyKind, boolean> {
  let set: Set<string> | null = null;
  let allowList = false;
  for (const value of r.values("RestrictAddressFamilies")) {
    if (value === "" || value === "none") {
      set = null;
      allowList = value === "none";
      continue;
    }
    const invert = value.startsWith("~");
    if (set === null) {
      set = new Set();
      allowList = !invert;
    }
    for (const word of appliedWords(invert ? value.slice(1) : value)) {
      const f = family(word);
      if (f === undefined) continue;
      if (!invert === allowList) set.add(f);
      else set.delete(f);
    }
  }
  const out: Record<FamilyKind, boolean> = { inet: allowList, unix: allowList, netlink: allowList, packet: allowList, other: allowList };
  for (const f of set ?? []) out[KIND[f] ?? "other"] = !allowList;
  return out;
}

const NO_ARCHITECTURES: ReadonlySet<string> = new Set();

/** SystemCallArchitectures=: the names systemd knows (exact case); an empty assignment empties the set. */
export function architectures(r: Reader): ReadonlySet<string> {
  const values = r.values("SystemCallArchitectures");
  if (values.length === 0) return NO_ARCHITECTURES;
  let set = new Set<string>();
  for (const value of values) {
    if (value === "") set = new Set();
    for (const word of appliedWords(value)) {
      const since = own(SECCOMP_ARCHITECTURES, word);
      if (since !== undefined && since <= r.options.version) set.add(word);
    }
  }
  return set;
}

/** How many DeviceAllow= entries systemd keeps: a device node path or block-/char- class, with optional r/w/m rights. */
export function deviceAllowCount(r: Reader): number {
  let n = 0;
  for (const value of r.values("DeviceAllow")) {
    if (value === "") {
      n = 0;
      continue;
    }
    // The path is a word; the rights are the rest of the line. A path that cannot be read is not added.
    const text = r.specifiers(value);
    const step = extractFirstWord(text, 0, { unquote: true });
    if (step === null || "error" in step) continue;
    const node = step.word;
    const rights = step.next === null ? "" : text.slice(step.next).trim();
    const nodeOk = /^\/(dev|sys|run\/systemd\/inaccessible)\//.test(node) || /^(block|char)-./.test(node);
    if (nodeOk && /^[rwm]*$/.test(rights)) n++;
  }
  return n;
}
