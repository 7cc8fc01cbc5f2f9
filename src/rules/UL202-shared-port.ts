import { lastKept } from "../model/kept.js";
import { programOf, type Program } from "../model/command-line.js";
import { isAnyAddress, listenersOf, socketService, WRAPPERS, type Listener } from "../model/ports.js";
import { parseBoolean } from "../model/service.js";
import type { Unit } from "../model/unit.js";
import { duplicatesAcrossScopes, hostOf } from "./UL201-duplicate-across-scopes.js";
import type { Rule } from "./types.js";

/** At most this many other services are named in one message. */
const NAMED = 3;

/** A service together with the sockets that activate it: one listener as far as ports go. */
interface Owner {
  service: string;
  scope: Unit["scope"];
  /** The user whose manager runs it; null for system units and global user units. */
  user: string | null;
  host: string;
  /** The names of its units (the service and its sockets), for Conflicts=. */
  names: Set<string>;
  /** Conflicts= of its units. */
  conflicts: Set<string>;
  /** UL201 groups its units are in: a pair already reported there is not reported again. */
  duplicates: Set<number>;
  program: Program | null;
  /** The service unit, when it is in the tree. */
  unit: Unit | null;
  /** Whether the service's Conflicts= and program have been read (only for owners that share a port). */
  read: boolean;
}

/** What one service or socket with listeners says, read once. */
interface Found {
  unit: Unit;
  kind: "service" | "socket";
  listeners: Listener[];
  /** The service it is (or activates). */
  service: string | null;
  conflicts: string[];
  program: Program | null;
}

interface Entry {
  listener: Listener;
  owner: Owner;
  /** The type of the unit the listener is written in. */
  kind: "service" | "socket";
}

/** Units of one manager: the system manager, or one user's (which also loads the global user units). */
function managerKey(unit: Unit, user: string | null): string {
  return unit.dir.searchPath ? `sp\0${hostOf(unit)}\0${unit.scope}\0${user ?? ""}` : `dir\0${unit.group}`;
}

function conflictsOf(unit: Unit): string[] {
  return unit.assignments("Unit", "Conflicts").flatMap((a) => a.entry.value.split(/\s+/).filter(Boolean));
}

/** Two owners systemd never runs together: one Conflicts= the other, in the same manager. */
function conflicting(a: Owner, b: Owner): boolean {
  if (a.host !== b.host || a.scope !== b.scope) return false;
  if (a.scope === "user" && a.user !== null && b.user !== null && a.user !== b.user) return false;
  for (const name of b.names) if (a.conflicts.has(name)) return true;
  for (const name of a.names) if (b.conflicts.has(name)) return true;
  return false;
}

function alreadyReported(a: Owner, b: Owner): boolean {
  for (const g of a.duplicates) if (b.duplicates.has(g)) return true;
  return false;
}

/** Address keys: brackets and case do not matter. */
function hostKey(host: string): string {
  return host.replace(/^\[|\]$/g, "").toLowerCase();
}

function sameProgram(a: Owner, b: Owner): string | null {
  const p = a.program;
  const q = b.program;
  if (!p || !q || p.name !== q.name || WRAPPERS.has(p.name)) return null;
  return `the same program ${p.path === q.path ? p.path : p.name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function where(entry: Entry): string {
  return `${entry.listener.from.file.path}:${entry.listener.from.entry.range.line}`;
}

/** The listeners of one protocol and port on one host. */
class Bucket {
  readonly owners = new Map<Owner, Entry[]>();
  /** Owners with a listener on every address, and their first such entry. */
  readonly wildcard = new Map<Owner, Entry>();
  /** Owners by specific address, and their first entry there. */
  readonly byHost = new Map<string, Map<Owner, Entry>>();
  /** Per address, how many owners listen there and not also on every address. */
  private readonly specificCounts = new Map<string, number>();

  add(entry: Entry): void {
    const { owner, listener } = entry;
    push(this.owners, owner, entry);
    if (isAnyAddress(listener.host)) {
      if (!this.wildcard.has(owner)) this.wildcard.set(owner, entry);
    } else {
      const key = hostKey(listener.host!);
      let at = this.byHost.get(key);
      if (!at) this.byHost.set(key, (at = new Map()));
      if (!at.has(owner)) at.set(owner, entry);
    }
  }

  /**
   * The owners whose listeners clash with `entry` (all of them for an any-address
   * listener; the any-address ones and those on the same address otherwise), and how many.
   * Linear in the entries shown and the owners excluded, not in the bucket's size.
   */
  clashes(entry: Entry, excluded: Set<Owner>): { shown: Entry[]; count: number } {
    const any = isAnyAddress(entry.listener.host);
    const key = any ? "" : hostKey(entry.listener.host!);
    const at = any ? null : (this.byHost.get(key) ?? new Map<Owner, Entry>());
    const inCandidates = (o: Owner): boolean => any || this.wildcard.has(o) || at!.has(o);
    let count = any ? this.owners.size : this.wildcard.size + this.specificOnly(key);
    for (const o of excluded) if (inCandidates(o)) count--;
    const shown: Entry[] = [];
    for (const [o, e] of any ? this.firstEntries() : this.specificCandidates(at!)) {
      if (shown.length === NAMED) break;
      if (excluded.has(o) || shown.some((s) => s.owner === o)) continue;
      shown.push(e);
    }
    return { shown, count };
  }

  /** How many owners listen on this address and not also on every address (counted once per address). */
  private specificOnly(key: string): number {
    let n = this.specificCounts.get(key);
    if (n === undefined) {
      n = 0;
      for (const o of this.byHost.get(key)?.keys() ?? []) if (!this.wildcard.has(o)) n++;
      this.specificCounts.set(key, n);
    }
    return n;
  }

  private *firstEntries(): Generator<[Owner, Entry]> {
    for (const [o, list] of this.owners) yield [o, list[0]!];
  }

  private *specificCandidates(at: Map<Owner, Entry>): Generator<[Owner, Entry]> {
    yield* this.wildcard;
    yield* at;
  }
}

const rule: Rule = {
  id: "UL202",
  name: "shared-port",
  severity: "warning",
  phase: "project",
  types: ["service", "socket"],
  docs: {
    summary:
      "Two services (of any scope, a socket unit counting for the service it activates) that listen on the same TCP or UDP port and address, as far as their ExecStart= options (`--port 18789`, `--listen 0.0.0.0:8080`, …) and ListenStream=/ListenDatagram= say.",
    rationale:
      "Only one socket can bind a port on an address: whichever service starts second fails with \"address already in use\", and with Restart= it is started again and again while the first holds the port — the gateway whose system and user copies both wanted port 18789 was restarted 609 times. 0.0.0.0, ::, * and no address at all mean every address and clash with any other address on the same port; two different specific addresses do not clash. Only what is unambiguous counts: ports a program reads from its configuration files or from $VARIABLES are not seen, nor those of clients (ssh, psql, curl, …), of Type=oneshot services, of options about other hosts (--db-port, --upstream-port, a --port next to --host db.example.com), or `-p` below 1024. Not reported: services that Conflicts= each other (systemd never runs them together), sockets with ReusePort=yes, a socket and the service it activates, and two copies of one unit already reported by duplicate-across-scopes (UL201).",
    bad: "etc/systemd/system/gateway.service:\n  [Service] ExecStart=/usr/local/bin/gateway --port 18789\nhome/alice/.config/systemd/user/openclaw-gateway.service:\n  [Service] ExecStart=/usr/local/bin/gateway --port=18789\n",
    good: "etc/systemd/system/gateway.service:\n  [Service] ExecStart=/usr/local/bin/gateway --port 18789\nhome/alice/.config/systemd/user/openclaw-gateway.service:\n  [Service] ExecStart=/usr/local/bin/gateway --port=18790\n",
    seeAlso: ["systemd.socket(5): ListenStream=, ListenDatagram=, Service=", "systemd.unit(5): Conflicts=", "systemd.service(5): ExecStart=", "systemd-facts §5–§7"],
  },
  collect({ unit }): Found | undefined {
    // What each service and socket listens on, and each service's Conflicts= and program (a socket's
    // service may name no port itself); taken while the unit's syntax trees are in memory.
    if (unit.type !== "service" && unit.type !== "socket") return undefined;
    const listeners = listenersOf(unit);
    // Sockets with ReusePort=yes may share a port on purpose (SO_REUSEPORT): left out.
    const reusePort = listeners.length > 0 && unit.type === "socket" && parseBoolean(lastKept(unit, "Socket", "ReusePort")?.entry.value ?? "no") === true;
    const service = unit.type === "service";
    if (!service && (listeners.length === 0 || reusePort)) return undefined;
    return {
      unit,
      kind: unit.type,
      listeners: reusePort ? [] : listeners,
      service: service ? unit.name : socketService(unit),
      conflicts: conflictsOf(unit),
      program: service ? programOf(unit) : null,
    };
  },
  check({ units, facts: collected, report }) {
    const facts = collected as ReadonlyMap<Unit, Found>;
    const found = [...facts.values()].filter((f) => f.listeners.length > 0);
    if (found.length < 2) return;

    // UL201's groups, so that one problem is not reported twice.
    const duplicateGroup = new Map<Unit, number>();
    duplicatesAcrossScopes(units).forEach((g, i) => {
      for (const u of g.units) duplicateGroup.set(u, i);
    });

    // The services the listeners belong to (a socket's service may name no port itself).
    const wanted = new Set(found.map((f) => f.service));
    const services = new Map<string, Unit>();
    for (const unit of units) if (unit.type === "service" && wanted.has(unit.name)) services.set(`${managerKey(unit, unit.owner)}\0${unit.name}`, unit);

    const owners = new Map<string, Owner>();
    const ownerOf = (unit: Unit, name: string): Owner => {
      let key = `${managerKey(unit, unit.owner)}\0${name}`;
      // A user's socket may activate a service from the global user directories.
      if (!services.has(key) && unit.scope === "user" && unit.owner !== null && services.has(`${managerKey(unit, null)}\0${name}`)) key = `${managerKey(unit, null)}\0${name}`;
      let owner = owners.get(key);
      if (!owner) {
        const service = services.get(key) ?? null;
        owner = {
          service: name,
          scope: unit.scope,
          user: service ? service.owner : unit.owner,
          host: hostOf(unit),
          names: new Set([name]),
          conflicts: new Set(),
          duplicates: new Set(service && duplicateGroup.has(service) ? [duplicateGroup.get(service)!] : []),
          program: null,
          unit: service,
          read: false,
        };
        owners.set(key, owner);
      }
      return owner;
    };

    /** The service's own Conflicts= and program: read above if it has listeners of its own, else now. */
    const readService = (owner: Owner): void => {
      if (owner.read) return;
      owner.read = true;
      if (!owner.unit) return;
      const known = facts.get(owner.unit);
      for (const c of known?.conflicts ?? []) owner.conflicts.add(c);
      owner.program = known?.program ?? null;
    };

    const buckets = new Map<string, Bucket>();
    for (const { unit, kind, listeners, service, conflicts } of found) {
      if (service === null) continue;
      const owner = ownerOf(unit, service);
      owner.names.add(unit.name);
      for (const c of conflicts) owner.conflicts.add(c);
      if (duplicateGroup.has(unit)) owner.duplicates.add(duplicateGroup.get(unit)!);
      for (const listener of listeners) {
        const key = `${owner.host}\0${listener.protocol}\0${listener.port}`;
        let bucket = buckets.get(key);
        if (!bucket) buckets.set(key, (bucket = new Bucket()));
        bucket.add({ listener, owner, kind });
      }
    }

    for (const bucket of buckets.values()) {
      if (bucket.owners.size < 2) continue;
      const list = [...bucket.owners.keys()];
      for (const o of list) readService(o);
      // Owners never to be reported together with each one: itself, its UL201 partners and what it conflicts with.
      const byDuplicate = new Map<number, Owner[]>();
      const byName = new Map<string, Owner[]>();
      const byConflict = new Map<string, Owner[]>();
      for (const o of list) {
        for (const g of o.duplicates) push(byDuplicate, g, o);
        for (const n of o.names) push(byName, n, o);
        for (const c of o.conflicts) push(byConflict, c, o);
      }
      const excludedFor = (o: Owner): Set<Owner> => {
        const out = new Set<Owner>([o]);
        for (const g of o.duplicates) for (const p of byDuplicate.get(g) ?? []) if (alreadyReported(o, p)) out.add(p);
        for (const c of o.conflicts) for (const p of byName.get(c) ?? []) if (conflicting(o, p)) out.add(p);
        for (const n of o.names) for (const p of byConflict.get(n) ?? []) if (conflicting(o, p)) out.add(p);
        return out;
      };
      for (const [owner, entries] of bucket.owners) {
        const excluded = excludedFor(owner);
        const seen = new Set<unknown>();
        for (const entry of entries) {
          if (seen.has(entry.listener.from)) continue; // one finding per line and port
          seen.add(entry.listener.from);
          const { shown, count } = bucket.clashes(entry, excluded);
          if (count === 0) continue;
          const { listener } = entry;
          const others = shown.map((e) => {
            const same = sameProgram(owner, e.owner);
            return `${where(e)} (${e.listener.text}${same ? `, ${same}` : ""})`;
          });
          if (count > shown.length) others.push(`${count - shown.length} more`);
          const listed = others.length === 1 ? others[0]! : `${others.slice(0, -1).join(", ")} and ${others[others.length - 1]}`;
          const address = isAnyAddress(listener.host) ? "" : ` on ${listener.host}`;
          report({
            file: listener.from.file,
            span: listener.from.entry.range,
            message: `this ${entry.kind} listens on port ${listener.port}/${listener.protocol}${address} (${listener.text}), and so ${count === 1 ? "does" : "do"} ${listed}: only one of them can bind it, and ${count === 1 ? "the other fails" : "the others fail"} to start, over and over if ${count === 1 ? "it restarts" : "they restart"}; give each its own port, or keep one`,
          });
        }
      }
    }
  },
};
export default rule;
