/**
 * Reads a unit's directives the way systemd's parsers fold them: assignments in file order (main
 * file, then drop-ins), an invalid value skipped so that the previous one stays, and, for honest
 * scoring of user units, the settings a user manager does not apply left out.
 */
import { parseBoolean } from "../model/service.js";
import type { Unit } from "../model/unit.js";
import { userManagerIgnores } from "../model/user-manager.js";
import { TYPE_SECTION } from "../model/unit-name.js";
import { resolveSpecifiers } from "./specifiers.js";
import { own } from "../model/own.js";

/**
 * How to score: "systemd" reproduces `systemd-analyze security` of the targeted release; "honest"
 * differs for user units only: they run as the user whose manager starts them (root only for
 * root's own manager), and the settings a user manager ignores protect nothing.
 */
export type ScoreMode = "systemd" | "honest";

export interface InfoOptions {
  /** The systemd release to reproduce. */
  version: number;
  mode: ScoreMode;
  /** Read none of the unit's settings: the score the same unit gets with systemd's defaults. */
  bare?: boolean;
}

/** Words a boolean setting also accepts, with the release each arrived in (systemd.exec(5)). */
const BOOLEAN_OR: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  PrivateTmp: { disconnected: 257 },
  PrivateUsers: { self: 257, identity: 257 },
  ProtectControlGroups: { private: 257, strict: 257 },
  ProtectHostname: { private: 257 },
};

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  ProtectHome: ["read-only", "tmpfs"],
  ProtectSystem: ["full", "strict"],
  KeyringMode: ["inherit", "private", "shared"],
  ProtectProc: ["noaccess", "invisible", "ptraceable", "default"],
  ProcSubset: ["all", "pid"],
  NotifyAccess: ["none", "main", "exec", "all"],
  DevicePolicy: ["auto", "closed", "strict"],
};

const NONE: readonly string[] = [];

/** A list's words: the lists read this way only count or name plain words (groups, image and filter paths). */
const words = (value: string): string[] => value.split(/[ \t\n\r]+/).filter((w) => w !== "");

export class Reader {
  private readonly section: string | null;
  private readonly honestUser: boolean;

  constructor(
    readonly unit: Unit,
    readonly options: InfoOptions,
  ) {
    this.section = unit.type ? TYPE_SECTION[unit.type] : null;
    this.honestUser = options.mode === "honest" && unit.scope === "user";
  }

  /** Every value of `key` in the unit type's section (or `section`), in the order systemd reads them. */
  values(key: string, section: string | null = this.section): readonly string[] {
    if (section === null || this.options.bare === true || (this.honestUser && userManagerIgnores(key))) return NONE;
    const all = this.unit.assignments(section, key);
    return all.length === 0 ? NONE : all.map((a) => a.entry.value);
  }

  /** The last value `parse` accepts, or `initial`; parse returns undefined to skip a value, null to reset. */
  fold<T>(key: string, initial: T, parse: (value: string) => T | null | undefined, section?: string | null): T {
    let out = initial;
    for (const value of this.values(key, section)) {
      const parsed = parse(value);
      if (parsed === null) out = initial;
      else if (parsed !== undefined) out = parsed;
    }
    return out;
  }

  bool(key: string, section?: string | null): boolean {
    const extra = BOOLEAN_OR[key];
    let out = false;
    for (const v of this.values(key, section)) {
      const since = extra ? own(extra, v) : undefined;
      if (since !== undefined) {
        if (since <= this.options.version) out = true;
        continue;
      }
      out = parseBoolean(v) ?? out;
    }
    return out;
  }

  oneOf(key: string, initial: string): string {
    const allowed = ENUMS[key] ?? NONE;
    return this.fold(key, initial, (v) => (allowed.includes(v) ? v : undefined));
  }

  /** ProtectHome= / ProtectSystem=: a boolean ("yes"/"no") or one of the words. */
  boolOrWord(key: string): string {
    const allowed = ENUMS[key] ?? NONE;
    return this.fold(key, "no", (v) => {
      const b = parseBoolean(v);
      if (b !== null) return b ? "yes" : "no";
      return allowed.includes(v) ? v : undefined;
    });
  }

  /** A list of words; an empty assignment empties it. */
  list(key: string, resolve = false): string[] {
    let out: string[] = [];
    for (const value of this.values(key)) {
      if (value === "") out = [];
      else out.push(...words(resolve ? this.specifiers(value) : value));
    }
    return out;
  }

  specifiers(value: string): string {
    return resolveSpecifiers(value, this.unit);
  }

  /** An absolute path setting (RootDirectory=, RootImage=); an empty assignment unsets it. */
  path(key: string): string | null {
    return this.fold<string | null>(key, null, (v) => {
      if (v === "") return null;
      const p = this.specifiers(v);
      return p.startsWith("/") ? p : undefined;
    });
  }
}
