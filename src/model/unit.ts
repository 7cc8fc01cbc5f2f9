import type { EntryNode, UnitFileAst } from "../syntax/ast.js";
import { parseUnitFile } from "../syntax/parse.js";
import type { LoadDirInfo, Scope } from "./search-paths.js";
import { NEWEST_SYSTEMD } from "../data/directives.generated.js";
import { readingEnd } from "./fatal.js";
import { expandedNameOfUnit, type UnitName, type UnitType } from "./unit-name.js";

/**
 * One file read from disk (or stdin): a unit file or a drop-in. It keeps its
 * text and parses it when first asked; `release()` frees the tree again, so a
 * run over 20,000 units holds only the trees of the unit being checked.
 */
export class UnitFile {
  private cached: UnitFileAst | null = null;
  /** How many units apply this file; a drop-in shared by several (e.g. service.d/) keeps its tree. */
  users = 0;
  /**
   * Read only so that drop-ins or alias links among the linted paths are judged with their unit (a
   * vendor unit under /usr/lib, or the unit beside a drop-in committed alone): its own findings are
   * not reported.
   */
  context = false;

  constructor(
    /** The path as the user would write it (relative to the working directory, or absolute if given so). */
    readonly path: string,
    /** Absolute path with forward slashes. */
    readonly absPath: string,
    /** The file's text; with `bytes`, its bytes as Latin-1 characters. */
    readonly text: string,
    /** True when the file is not valid UTF-8. */
    readonly bytes: boolean,
    readonly role: "unit" | "dropin",
    readonly dir: LoadDirInfo,
    /** Sections systemd reads in this file, by unit type; undefined when the type is unknown. */
    readonly sections: readonly string[] | undefined,
  ) {}

  /** Values computed from the syntax tree, freed with it. */
  private memos: Map<unknown, unknown> | null = null;

  /** Computes something from this file's tree once, until release(). */
  memo<T>(key: unknown, compute: () => T): T {
    this.memos ??= new Map();
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  get ast(): UnitFileAst {
    this.cached ??= parseUnitFile(this.text, this.sections ? { sections: this.sections, bytes: this.bytes } : { bytes: this.bytes });
    return this.cached;
  }

  /** Frees the syntax tree; the next use of `ast` parses the text again. */
  release(): void {
    this.cached = null;
    this.memos = null;
  }
}

/** One assignment of a directive, and the file it is written in. */
export interface Assignment {
  entry: EntryNode;
  file: UnitFile;
}

export type UnitStatus = "checked" | "masked" | "alias" | "unreadable" | "skipped";

export interface Enablement {
  /** The unit whose `.wants/`, `.requires/` or `.upholds/` directory links to this unit. */
  target: string;
  kind: "wants" | "requires" | "upholds";
  /** Path of the link, as displayed. */
  path: string;
}

/**
 * A unit as systemd would load it: the main file plus its drop-ins in merge
 * order, with effective directive values. Units that are not linted (masked,
 * aliases, unreadable, overridden) carry a status and no files to check.
 */
export class Unit {
  readonly dropins: UnitFile[] = [];
  readonly aliases: string[] = [];
  readonly enabledBy: Enablement[] = [];
  status: UnitStatus = "checked";
  /** Why the unit is not checked (for masked, alias, unreadable, skipped). */
  reason: string | null = null;
  aliasOf: string | null = null;
  /** The systemd release the unit is read for: it decides where a drop-in with a fatal line stops being read (fatal.ts). */
  private target: number = NEWEST_SYSTEMD;
  /** section → key → assignments, built on first use. */
  private index: Map<string, Map<string, Assignment[]>> | null = null;
  /** Values derived from the directives (see memo()), dropped with the trees. */
  private memos: Map<unknown, { settings: unknown; value: unknown }> | null = null;

  constructor(
    /** Display path of the main file, or of the drop-in directory for a unit known only from drop-ins. */
    readonly path: string,
    /** The unit name (for files without a unit suffix, the file name). */
    readonly name: string,
    readonly unitName: UnitName | null,
    readonly dir: LoadDirInfo,
    readonly file: UnitFile | null,
    /**
     * The load-path group: one root's search-path directories of one scope (and
     * owner), or a plain directory. Units of a group override each other by
     * name and share drop-ins and `.wants/` links.
     */
    readonly group: string,
  ) {}

  get type(): UnitType | null {
    return this.unitName?.type ?? null;
  }

  get scope(): Scope {
    return this.dir.scope;
  }

  get owner(): string | null {
    return this.dir.owner;
  }

  /** The main file followed by the drop-ins, in the order systemd applies them. */
  files(): readonly UnitFile[] {
    // Drop-ins are all attached while loading, before any rule asks.
    if (this.allFiles === null || this.allFiles.length !== this.dropins.length + (this.file ? 1 : 0)) {
      this.allFiles = this.file ? [this.file].concat(this.dropins) : this.dropins.slice();
    }
    return this.allFiles;
  }
  private allFiles: UnitFile[] | null = null;

  /** Every assignment of `section`.`key`, in the order systemd reads them. */
  assignments(section: string, key: string): Assignment[] {
    if (this.index === null) this.index = this.buildIndex();
    return this.index.get(section)?.get(key) ?? NONE;
  }

  /** The effective items of a list setting: an empty assignment resets the list. */
  list(section: string, key: string): Assignment[] {
    const all = this.assignments(section, key);
    let from = 0;
    all.forEach((a, i) => {
      if (a.entry.value === "") from = i + 1;
    });
    return from === 0 ? all : all.slice(from);
  }

  /** The systemd release the unit is read for (readFor()). */
  get systemdVersion(): number {
    return this.target;
  }

  /** Reads the unit as the targeted systemd release does (the linter's --systemd-version). */
  readFor(target: number): void {
    if (target === this.target) return;
    this.target = target;
    this.index = null;
    this.memos = null;
  }

  /** The last assignment of a scalar setting (the one systemd uses when it parses). */
  last(section: string, key: string): Assignment | undefined {
    const all = this.assignments(section, key);
    return all[all.length - 1];
  }

  value(section: string, key: string): string | undefined {
    return this.last(section, key)?.entry.value;
  }

  /**
   * Computes a value from this unit's directives once per settings, for the rules
   * that share it (the restart policy is read by several), until release().
   */
  memo<T>(key: unknown, settings: unknown, compute: () => T): T {
    this.memos ??= new Map();
    const hit = this.memos.get(key);
    if (hit && hit.settings === settings) return hit.value as T;
    const value = compute();
    this.memos.set(key, { settings, value });
    return value;
  }

  /**
   * Frees the directive index, memos and the syntax trees of the files only this unit
   * uses; all are rebuilt when next needed.
   */
  release(): void {
    this.index = null;
    this.memos = null;
    for (const file of this.files()) if (file.users <= 1) file.release();
  }

  private buildIndex(): Map<string, Map<string, Assignment[]>> {
    // Indexed loops: this runs once per unit, mostly before the JIT has warmed up, where
    // for-of allocates an iterator per loop and a result object per step.
    const index = new Map<string, Map<string, Assignment[]>>();
    const files = this.files();
    for (let f = 0; f < files.length; f++) {
      const file = files[f]!;
      // systemd stops reading a drop-in at a line its parser fails on (fatal.ts).
      const end = file.role === "dropin" ? readingEnd(file, this.target, expandedNameOfUnit(this.unitName)) : Infinity;
      const sections = file.ast.sections;
      for (let s = 0; s < sections.length; s++) {
        const section = sections[s]!;
        let keys = index.get(section.name);
        if (!keys) index.set(section.name, (keys = new Map()));
        const entries = section.entries;
        for (let e = 0; e < entries.length; e++) {
          const entry = entries[e]!;
          if (entry.range.start >= end) break;
          const list = keys.get(entry.key);
          if (list) list.push({ entry, file });
          else keys.set(entry.key, [{ entry, file }]);
        }
      }
    }
    return index;
  }
}

const NONE: Assignment[] = [];
Object.freeze(NONE);
