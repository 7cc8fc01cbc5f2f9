/**
 * Reads the discovered files and builds the units systemd would load from
 * them: precedence between search-path directories, masking, aliases,
 * drop-ins in merge order, and enablement from `.wants/`-style links
 * (systemd.unit(5); systemd-facts §7).
 */
import fs from "node:fs";
import path from "node:path";
import { decodeUnitBytes, readUnitFile, type DecodedText } from "../syntax/read.js";
import { displayPath, type FoundPath, toSlash } from "./discover.js";
import { describeLoadDir, findUnitFile, searchDirsOf, type LoadDirInfo, type Scope } from "./search-paths.js";
import { Unit, UnitFile, type Enablement } from "./unit.js";
import { dropInDirNames, parseUnitName, sectionsFor, type UnitName, type UnitType } from "./unit-name.js";

export interface LoadOptions {
  cwd: string;
  /** Treat this directory as the filesystem root (like systemd's --root). */
  root?: string | null;
  /** Scope for files whose path says nothing (`--user` / `--system`). */
  scope?: Scope | null;
  /** Text read from standard input, linted as if it were the file `path`. */
  stdin?: { text: string; path: string; bytes?: boolean } | null;
  /** Scope of a file whose path says neither, by absolute path (a configuration's overrides); else `scope`. */
  scopeFor?: ((absPath: string) => Scope | null) | null;
  /** Texts to use instead of the files' contents, by absolute path (a fix pass not yet written). */
  overrides?: ReadonlyMap<string, DecodedText> | null;
}

/** A file the tool could not use; reported as a finding of the `unreadable-file` rule. */
export interface LoadProblem {
  path: string;
  message: string;
}

export interface Project {
  /** Every unit, sorted by path; only units with status "checked" are linted. */
  units: Unit[];
  problems: LoadProblem[];
  /** `.wants/`-style entries that enable nothing: links to a unit neither in the tree nor on disk, and regular files. */
  brokenLinks: BrokenLink[];
}

export interface BrokenLink {
  /** Display path of the link. */
  path: string;
  /** The unit it names, and the unit whose directory holds it. */
  name: string;
  target: string;
  kind: Enablement["kind"];
  /** What the link points at; null for a regular file, which systemd ignores ("… is not a symlink, ignoring"). */
  pointsAt: string | null;
}

type Role = "unit" | "dropin" | "link";

interface Classified {
  found: FoundPath;
  role: Role;
  /** Unit file name; drop-in directory name without `.d`; or the linked unit for `.wants/` entries. */
  name: string;
  /** Directory of the load path the file belongs to. */
  loadDir: string;
  info: LoadDirInfo;
  group: string;
  /** For links: the unit whose `.wants/` (etc.) directory holds them. */
  linkTarget?: string;
  linkKind?: Enablement["kind"];
}

type ReadResult =
  | { kind: "file"; file: UnitFile }
  | { kind: "masked"; reason: string }
  | { kind: "alias"; targetAbs: string; targetName: string }
  | { kind: "error"; message: string };

interface DropIn {
  file: UnitFile | null;
  /** Name of the `.d` directory without the suffix, e.g. `foo.service`, `foo-.service`, `service`. */
  dirName: string;
  priority: number;
  base: string;
  classified: Classified;
}

const LINK_DIR = /^(.+)\.(wants|requires|upholds)$/;

function groupKey(info: LoadDirInfo, loadDir: string): string {
  return info.searchPath ? `sp\0${info.root}\0${info.scope}\0${info.owner ?? ""}` : `dir\0${loadDir}`;
}

/** The group of global user directories a per-user directory falls back to. */
function globalUserGroup(info: LoadDirInfo): string | null {
  return info.searchPath && info.scope === "user" && info.owner !== null ? `sp\0${info.root}\0user\0` : null;
}

const dirOf = (abs: string): string => abs.slice(0, abs.lastIndexOf("/")) || "/";

/** The names in a directory; none when it is missing or unreadable. */
function entriesOf(dir: string): string[] {
  // Most search-path directories do not exist: a stat without an exception is far cheaper than a failing readdir.
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function typeOfDropInDir(dirName: string): UnitType | null {
  return parseUnitName(dirName)?.type ?? (parseUnitName(`x.${dirName}`)?.type ?? null);
}

export class Loader {
  private readonly problems: LoadProblem[] = [];
  private readonly rootAbs: string | null;

  constructor(private readonly options: LoadOptions) {
    this.rootAbs = options.root ? toSlash(path.resolve(options.cwd, options.root)) : null;
  }

  load(found: FoundPath[]): Project {
    const classified = found.map((f) => this.classify(f));
    if (this.options.stdin) classified.push(this.classify({ absPath: toSlash(path.resolve(this.options.cwd, this.options.stdin.path)), path: this.options.stdin.path, explicit: true }));
    const units: Unit[] = [];
    const dropins = new Map<string, DropIn[]>();
    const links: Classified[] = [];
    const aliasLinks: Array<{ c: Classified; unit: Unit; targetAbs: string; targetName: string }> = [];
    const byAbs = new Map<string, Unit>();

    for (const c of classified) {
      if (c.role === "link") {
        links.push(c);
        continue;
      }
      const type = c.role === "unit" ? (parseUnitName(c.name)?.type ?? null) : typeOfDropInDir(c.name);
      const result = this.read(c, type);
      if (c.role === "dropin") {
        this.addDropIn(dropins, c, result);
        continue;
      }
      const unit = new Unit(c.found.path, c.name, parseUnitName(c.name), c.info, result.kind === "file" ? result.file : null, c.group);
      if (result.kind === "masked") this.mark(unit, "masked", result.reason);
      else if (result.kind === "error") this.mark(unit, "unreadable", result.message);
      else if (result.kind === "alias") aliasLinks.push({ c, unit, ...result });
      units.push(unit);
      byAbs.set(c.found.absPath, unit);
    }

    this.resolveAliases(aliasLinks, byAbs, units);
    this.applyPrecedence(units);
    units.push(...this.contextUnits(units, dropins));
    this.contextDropIns(units, dropins, new Set(found.filter((f) => !f.explicit).map((f) => dirOf(f.absPath))));
    const orphans = this.attachDropIns(units, dropins);
    units.push(...orphans);
    const brokenLinks = this.applyLinks(units, links);
    units.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.name < b.name ? -1 : 1));
    return { units, problems: this.problems, brokenLinks };
  }

  private classify(found: FoundPath): Classified {
    const abs = found.absPath;
    const dir = abs.slice(0, abs.lastIndexOf("/")) || "/";
    const base = abs.slice(abs.lastIndexOf("/") + 1);
    const dirBase = dir.slice(dir.lastIndexOf("/") + 1);
    const parent = dir.slice(0, dir.lastIndexOf("/")) || "/";
    const scope = this.options.scopeFor?.(found.absPath) ?? this.options.scope ?? null;
    const linkDir = LINK_DIR.exec(dirBase);
    if (linkDir && parseUnitName(base)) {
      const info = describeLoadDir(parent, scope);
      return { found, role: "link", name: base, loadDir: parent, info, group: groupKey(info, parent), linkTarget: linkDir[1]!, linkKind: linkDir[2] as Enablement["kind"] };
    }
    if (dirBase.endsWith(".d") && dirBase.length > 2 && base.endsWith(".conf") && typeOfDropInDir(dirBase.slice(0, -2))) {
      const info = describeLoadDir(parent, scope);
      return { found, role: "dropin", name: dirBase.slice(0, -2), loadDir: parent, info, group: groupKey(info, parent) };
    }
    const info = describeLoadDir(dir, scope);
    return { found, role: "unit", name: base, loadDir: dir, info, group: groupKey(info, dir) };
  }

  private read(c: Classified, type: UnitType | null): ReadResult {
    const abs = c.found.absPath;
    const override = this.options.overrides?.get(abs);
    if (override) return { kind: "file", file: this.parse(c, override.text, override.bytes, type) };
    const stdin = this.options.stdin;
    if (stdin && c.found.path === stdin.path && c.found.explicit) return { kind: "file", file: this.parse(c, stdin.text, stdin.bytes ?? false, type) };
    if (c.found.entry === "file") return this.readRegular(c, abs, type);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(abs);
    } catch (error) {
      return { kind: "error", message: `cannot read: ${describeError(error)}` };
    }
    let readFrom = abs;
    if (stat.isSymbolicLink()) {
      const resolved = this.resolveLink(c);
      if (resolved.kind !== "path") return resolved;
      readFrom = resolved.path;
      try {
        stat = fs.statSync(readFrom);
      } catch {
        return { kind: "error", message: `dangling symbolic link to ${resolved.target}` };
      }
      if (c.role === "unit" && stat.isFile()) {
        const targetName = readFrom.slice(readFrom.lastIndexOf("/") + 1);
        if (parseUnitName(targetName)?.type === type && type !== null) return { kind: "alias", targetAbs: readFrom, targetName };
      }
    }
    if (stat.isDirectory()) return { kind: "error", message: "is a directory, not a unit file" };
    if (!stat.isFile()) return { kind: "error", message: "is not a regular file" };
    return this.readRegular(c, readFrom, type);
  }

  private readRegular(c: Classified, readFrom: string, type: UnitType | null): ReadResult {
    let decoded: ReturnType<typeof readUnitFile>;
    try {
      decoded = readUnitFile(readFrom);
    } catch (error) {
      return { kind: "error", message: `cannot read: ${describeError(error)}` };
    }
    if (decoded.size === 0) return { kind: "masked", reason: "empty file" };
    return { kind: "file", file: this.parse(c, decoded.text, decoded.bytes, type) };
  }

  private resolveLink(c: Classified): { kind: "path"; path: string; target: string } | ReadResult {
    const abs = c.found.absPath;
    let target: string;
    try {
      target = fs.readlinkSync(abs);
    } catch (error) {
      return { kind: "error", message: `cannot read link: ${describeError(error)}` };
    }
    const root = this.rootAbs ?? c.info.root;
    const rooted = path.isAbsolute(target) && root && root !== "/" ? path.join(root, target) : path.resolve(path.dirname(abs), target);
    if (target === "/dev/null" || rooted === "/dev/null") return { kind: "masked", reason: "symbolic link to /dev/null" };
    let real: string;
    try {
      real = toSlash(fs.realpathSync.native(rooted));
    } catch (error) {
      const loop = (error as NodeJS.ErrnoException)?.code === "ELOOP";
      return { kind: "error", message: loop ? `symbolic link loop through ${target}` : `dangling symbolic link to ${target}` };
    }
    if (real === "/dev/null") return { kind: "masked", reason: "symbolic link to /dev/null" };
    return { kind: "path", path: real, target };
  }

  private parse(c: Classified, text: string, bytes: boolean, type: UnitType | null): UnitFile {
    return new UnitFile(c.found.path, c.found.absPath, text, bytes, c.role === "dropin" ? "dropin" : "unit", c.info, type ? sectionsFor(type) : undefined);
  }

  private mark(unit: Unit, status: Unit["status"], reason: string): void {
    unit.status = status;
    unit.reason = reason;
    if (status === "unreadable") this.problems.push({ path: unit.path, message: reason });
  }

  private addDropIn(dropins: Map<string, DropIn[]>, c: Classified, result: ReadResult): void {
    if (result.kind === "error") {
      this.problems.push({ path: c.found.path, message: result.message });
      return;
    }
    const file = result.kind === "file" ? result.file : null; // masked: an empty drop-in hides same-named ones
    const list = dropins.get(c.group) ?? [];
    const base = c.found.absPath.slice(c.found.absPath.lastIndexOf("/") + 1);
    list.push({ file, dirName: c.name, priority: c.info.priority, base, classified: c });
    dropins.set(c.group, list);
  }

  /**
   * A link to a unit file that is linted anyway is an alias of it; otherwise the linked file is read
   * under its own name (as context when it lives in the manager's search path).
   */
  private resolveAliases(
    aliasLinks: Array<{ c: Classified; unit: Unit; targetAbs: string; targetName: string }>,
    byAbs: Map<string, Unit>,
    units: Unit[],
  ): void {
    if (aliasLinks.length === 0) return;
    // Many files share a directory: each directory is resolved once.
    const realDirs = new Map<string, string>();
    const realDir = (dir: string): string => {
      let real = realDirs.get(dir);
      if (real === undefined) {
        try {
          real = toSlash(fs.realpathSync.native(dir));
        } catch {
          real = dir;
        }
        realDirs.set(dir, real);
      }
      return real;
    };
    const realPath = (abs: string): string => `${realDir(abs.slice(0, abs.lastIndexOf("/")))}/${abs.slice(abs.lastIndexOf("/") + 1)}`;
    const byReal = new Map<string, Unit>();
    for (const [abs, unit] of byAbs) if (unit.file) byReal.set(realPath(abs), unit);
    for (const { c, unit, targetAbs, targetName } of aliasLinks) {
      const target = byReal.get(targetAbs);
      if (target && target !== unit) {
        this.mark(unit, "alias", `symbolic link to ${target.path}`);
        unit.aliasOf = target.name;
        if (target.name !== unit.name) target.aliases.push(unit.name);
        continue;
      }
      // Linked from outside what is linted: read the target, name it as systemd does.
      let text: Buffer;
      try {
        text = fs.readFileSync(targetAbs);
      } catch (error) {
        this.mark(unit, "unreadable", `cannot read link target: ${describeError(error)}`);
        continue;
      }
      if (text.length === 0) {
        this.mark(unit, "masked", "symbolic link to an empty file");
        continue;
      }
      const decoded = decodeUnitBytes(text);
      const type = unit.type;
      const file = this.parse(c, decoded.text, decoded.bytes, type);
      // A link into the manager's own search path (an alias of a vendor unit, as `systemctl enable`
      // makes for Alias=) names a unit that lives there: like a drop-in's unit, it is read for
      // what links to it and not reported. A link to anywhere else (`systemctl link`) is the unit.
      const targetDir = targetAbs.slice(0, targetAbs.lastIndexOf("/"));
      file.context = searchDirsOf(c.info).some((dir) => dir === targetDir || realDir(dir) === targetDir);
      const linked = new Unit(unit.path, targetName, parseUnitName(targetName), unit.dir, file, c.group);
      if (targetName !== unit.name) linked.aliases.push(unit.name);
      units[units.indexOf(unit)] = linked;
    }
  }

  /**
   * The unit files of drop-ins whose unit is not among the linted paths, read from where systemd
   * would find them: the search path of the drop-in's manager (a drop-in in /etc/systemd/system
   * for a unit in /usr/lib/systemd/system), or the drop-in's own directory. So `unitlint
   * /etc/systemd/system`, or a pre-commit run given only a changed drop-in, judges the drop-in with
   * its unit. Prefix and type-level drop-ins (foo-.service.d/, service.d/) belong to many units and
   * are left as they are.
   */
  private contextUnits(units: readonly Unit[], dropins: ReadonlyMap<string, DropIn[]>): Unit[] {
    const known = new Set(units.map((u) => `${u.group}\0${u.name}`));
    const out: Unit[] = [];
    for (const [group, list] of dropins) {
      for (const d of list) {
        const key = `${group}\0${d.dirName}`;
        const name = parseUnitName(d.dirName);
        if (known.has(key) || !name || name.stem.endsWith("-")) continue;
        known.add(key);
        const c = d.classified;
        const where = findUnitFile(name, c.info.searchPath ? searchDirsOf(c.info) : [c.loadDir]);
        if (!where) continue;
        const info = describeLoadDir(where.dir, c.info.scope);
        const found: FoundPath = { absPath: where.abs, path: displayPath(where.abs, this.options.cwd, path.isAbsolute(c.found.path)), explicit: false };
        const result = this.read({ found, role: "unit", name: d.dirName, loadDir: where.dir, info, group }, name.type);
        // A masked, unreadable or aliased unit is left alone.
        if (result.kind !== "file") continue;
        result.file.context = true;
        out.push(new Unit(found.path, d.dirName, name, info, result.file, group));
      }
    }
    return out;
  }

  /**
   * The drop-ins of linted units that are not among the linted paths, read from where systemd
   * finds them: every directory of the unit's search path (a vendor drop-in in /usr/lib for a unit
   * in /etc), or the unit's own directory, for its own names and its aliases'. So a unit linted
   * alone, as pre-commit passes a changed file, is judged with what systemd merges into it; the
   * drop-ins' own findings are not reported.
   */
  private contextDropIns(units: readonly Unit[], dropins: Map<string, DropIn[]>, walked: ReadonlySet<string>): void {
    const known = new Set<string>();
    for (const list of dropins.values()) for (const d of list) known.add(dirOf(d.classified.found.absPath));
    // Each directory is listed once, for the .d directories in it that the linted paths did not
    // include; a directory walked for the linted paths has none left.
    const unread = new Map<string, Set<string>>();
    const unreadIn = (dir: string): Set<string> => {
      let names = unread.get(dir);
      if (!names) {
        names = new Set();
        if (!walked.has(dir)) for (const entry of entriesOf(dir)) if (entry.endsWith(".d") && !known.has(`${dir}/${entry}`)) names.add(entry.slice(0, -2));
        unread.set(dir, names);
      }
      return names;
    };
    const searchDirs = new Map<LoadDirInfo, string[]>();
    for (const unit of units) {
      if (!unit.unitName || !unit.file || unit.status !== "checked") continue;
      let dirs = searchDirs.get(unit.dir);
      if (!dirs) searchDirs.set(unit.dir, (dirs = searchDirsOf(unit.dir)));
      for (const dir of dirs.length > 0 ? dirs : [dirOf(unit.file.absPath)]) {
        const present = unreadIn(dir);
        if (present.size === 0) continue;
        for (const name of dropInNamesOf(unit.unitName, unit.aliases)) {
          if (!present.delete(name)) continue;
          for (const base of entriesOf(`${dir}/${name}.d`).filter((e) => e.endsWith(".conf")).sort()) this.addContextDropIn(dropins, `${dir}/${name}.d/${base}`, unit);
        }
      }
    }
  }

  private addContextDropIn(dropins: Map<string, DropIn[]>, abs: string, unit: Unit): void {
    const c = this.classify({ absPath: abs, path: displayPath(abs, this.options.cwd, path.isAbsolute(unit.path)), explicit: false });
    if (c.role !== "dropin") return;
    const result = this.read(c, typeOfDropInDir(c.name));
    // One that cannot be read is not the user's to hear about: nobody asked for it.
    if (result.kind === "error") return;
    if (result.kind === "file") result.file.context = true;
    this.addDropIn(dropins, c, result);
  }

  /** Within a group, the unit in the highest-priority directory wins; the others are overridden, and their aliases name the winner. */
  private applyPrecedence(units: Unit[]): void {
    const byKey = new Map<string, Unit[]>();
    for (const unit of units) {
      if (unit.status === "alias") continue;
      const key = `${unit.group}\0${unit.name}`;
      const list = byKey.get(key);
      if (list) list.push(unit);
      else byKey.set(key, [unit]);
    }
    for (const list of byKey.values()) {
      if (list.length < 2) continue;
      list.sort((a, b) => a.dir.priority - b.dir.priority || (a.path < b.path ? -1 : 1));
      const winner = list[0]!;
      for (const loser of list.slice(1)) {
        loser.status = "skipped";
        loser.reason = `overridden by ${winner.path}`;
        // An alias names the unit, whichever of its files the link points to: systemd reads the alias's drop-ins for the winner too.
        for (const alias of loser.aliases) if (!winner.aliases.includes(alias)) winner.aliases.push(alias);
      }
    }
  }

  /** Attaches drop-ins to units; returns pseudo-units for drop-ins that match no unit, so they are still linted. */
  private attachDropIns(units: Unit[], dropins: Map<string, DropIn[]>): Unit[] {
    // Index by group and directory name, so each unit looks up only its own few names.
    const byDir = new Map<string, DropIn[]>();
    for (const [group, list] of dropins) {
      for (const d of list) {
        const key = `${group}\0${d.dirName}`;
        const same = byDir.get(key);
        if (same) same.push(d);
        else byDir.set(key, [d]);
      }
    }
    const used = new Set<DropIn>();
    for (const unit of units) {
      if (!unit.unitName) continue;
      const groups = [unit.group, globalUserGroup(unit.dir)].filter((g): g is string => g !== null);
      const names = dropInNamesOf(unit.unitName, unit.aliases);
      const matching: Array<{ d: DropIn; specificity: number }> = [];
      names.forEach((name, specificity) => {
        if (names.indexOf(name) !== specificity) return;
        for (const group of groups) for (const d of byDir.get(`${group}\0${name}`) ?? []) matching.push({ d, specificity });
      });
      for (const { d } of matching) used.add(d);
      // Drop-ins of a masked, aliased or overridden unit are not applied, and not linted on their own either.
      if (unit.status !== "checked" || matching.length === 0) continue;
      // systemd reads the unit's own names in every directory, then its aliases', then the type-level
      // directories (dropin.c unit_file_find_dropin_paths): a same-named file is taken from the first.
      const own = dropInDirNames(unit.unitName).length - 1;
      const tier = (m: { d: DropIn; specificity: number }): number =>
        m.d.dirName === unit.unitName!.type ? 2 : m.specificity >= own ? 1 : 0;
      matching.sort((a, b) => tier(a) - tier(b) || a.d.priority - b.d.priority || a.specificity - b.specificity);
      const byBase = new Map<string, DropIn>();
      for (const { d } of matching) if (!byBase.has(d.base)) byBase.set(d.base, d);
      for (const base of [...byBase.keys()].sort()) {
        const file = byBase.get(base)!.file;
        if (!file) continue;
        unit.dropins.push(file);
        file.users++;
      }
    }
    const orphans = new Map<string, Unit>();
    for (const list of dropins.values()) {
      for (const d of list) {
        if (used.has(d) || !d.file) continue;
        const c = d.classified;
        const key = `${c.group}\0${c.name}\0${c.loadDir}`;
        let unit = orphans.get(key);
        if (!unit) {
          const dirPath = displayPath(`${c.loadDir}/${c.name}.d`, this.options.cwd, path.isAbsolute(c.found.path));
          unit = new Unit(dirPath, c.name, parseUnitName(c.name), c.info, null, c.group);
          orphans.set(key, unit);
        }
        unit.dropins.push(d.file);
      }
    }
    for (const unit of orphans.values()) unit.dropins.sort((a, b) => (a.absPath < b.absPath ? -1 : 1));
    return [...orphans.values()];
  }

  /** Records enablement on the units links name; returns the entries that enable nothing. */
  private applyLinks(units: Unit[], links: Classified[]): BrokenLink[] {
    const broken: BrokenLink[] = [];
    if (links.length === 0) return broken;
    const byName = new Map<string, Unit[]>();
    for (const unit of units) {
      const key = `${unit.group}\0${unit.name}`;
      byName.set(key, [...(byName.get(key) ?? []), unit]);
    }
    for (const link of links) {
      // systemd follows only symbolic links here: a copied or flattened one (git with core.symlinks=false) enables nothing.
      if (isRegularFile(link.found)) {
        broken.push({ path: link.found.path, name: link.name, target: link.linkTarget!, kind: link.linkKind!, pointsAt: null });
        continue;
      }
      const template = parseUnitName(link.name)?.template;
      const groups = [link.group, globalUserGroup(link.info)].filter((g): g is string => g !== null);
      let matched = false;
      for (const group of groups) {
        // An instance link enables the instance's own file if there is one, else the template.
        const exact = byName.get(`${group}\0${link.name}`) ?? [];
        const targets = exact.length > 0 || !template ? exact : (byName.get(`${group}\0${template}`) ?? []);
        for (const unit of targets) {
          unit.enabledBy.push({ target: link.linkTarget!, kind: link.linkKind!, path: link.found.path });
        }
        if (targets.length > 0) {
          matched = true;
          break;
        }
      }
      // Not in the tree: only a link that also leads nowhere on disk is broken.
      if (!matched && this.resolveLink(link).kind === "error") {
        let pointsAt = "";
        try {
          pointsAt = fs.readlinkSync(link.found.absPath);
        } catch {
          // neither a link nor a regular file (a directory, a socket …): nothing to say
        }
        if (pointsAt) broken.push({ path: link.found.path, name: link.name, target: link.linkTarget!, kind: link.linkKind!, pointsAt });
      }
    }
    return broken;
  }
}

/** Whether a found path is a regular file (what the directory walk saw, else lstat). */
function isRegularFile(found: FoundPath): boolean {
  if (found.entry !== undefined) return found.entry === "file";
  return fs.lstatSync(found.absPath, { throwIfNoEntry: false })?.isFile() ?? false;
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === "EACCES" || e?.code === "EPERM") return "permission denied";
  if (e?.code === "ENOENT") return "no such file";
  if (e?.code === "ELOOP") return "too many levels of symbolic links";
  return e?.message ?? String(error);
}

export function loadProject(found: FoundPath[], options: LoadOptions): Project {
  return new Loader(options).load(found);
}

/** The drop-in directory names systemd reads for a unit (dropInDirNames()), then those of each of its aliases. */
function dropInNamesOf(name: UnitName, aliases: readonly string[]): string[] {
  const names = dropInDirNames(name);
  for (const alias of aliases) {
    const parsed = parseUnitName(alias);
    if (parsed) names.push(...dropInDirNames(parsed));
  }
  return names;
}
