/** Unit names, types, templates and instances (systemd.unit(5), systemd-facts §7). */

export const UNIT_TYPES = [
  "service",
  "socket",
  "timer",
  "path",
  "mount",
  "automount",
  "swap",
  "target",
  "slice",
  "scope",
  "device",
] as const;

export type UnitType = (typeof UNIT_TYPES)[number];

const TYPE_SET: ReadonlySet<string> = new Set(UNIT_TYPES);

/** The section that carries a type's own settings; target and device units have none. */
export const TYPE_SECTION: Readonly<Record<UnitType, string | null>> = {
  service: "Service",
  socket: "Socket",
  timer: "Timer",
  path: "Path",
  mount: "Mount",
  automount: "Automount",
  swap: "Swap",
  target: null,
  slice: "Slice",
  scope: "Scope",
  device: null,
};

/** Sections systemd reads in a unit file of this type. */
export function sectionsFor(type: UnitType): string[] {
  const own = TYPE_SECTION[type];
  return own ? ["Unit", own, "Install"] : ["Unit", "Install"];
}

export interface UnitName {
  /** The full name, e.g. `getty@tty1.service`. */
  name: string;
  type: UnitType;
  /** The name without the type suffix, e.g. `getty@tty1`. */
  stem: string;
  /** `foo@.service` */
  isTemplate: boolean;
  /** `tty1` for `getty@tty1.service`; null otherwise. */
  instance: string | null;
  /** The template this instance comes from, e.g. `getty@.service`. */
  template: string | null;
}

/** Longest unit name systemd accepts, suffix included (UNIT_NAME_MAX − 1). */
export const UNIT_NAME_MAX = 255;

/** Parses `name` as a unit name; returns null when it has no known unit suffix. */
export function parseUnitName(name: string): UnitName | null {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  const type = name.slice(dot + 1);
  if (!TYPE_SET.has(type)) return null;
  const stem = name.slice(0, dot);
  const at = stem.indexOf("@");
  if (at < 0) return { name, type: type as UnitType, stem, isTemplate: false, instance: null, template: null };
  const instance = stem.slice(at + 1);
  const template = `${stem.slice(0, at + 1)}.${type}`;
  if (instance === "") return { name, type: type as UnitType, stem, isTemplate: true, instance: null, template: null };
  return { name, type: type as UnitType, stem, isTemplate: false, instance, template };
}

/**
 * The unit name systemd gives a path (unit_name_from_path(), `systemd-escape --path
 * --suffix=TYPE`): "." components, repeated and trailing slashes dropped, "/" → "-", "/" alone →
 * "-", and every byte but ASCII letters, digits, ":", "_" and a "." that does not come first
 * written as \xNN.
 */
export function unitNameFromPath(path: string, type: UnitType): string {
  const parts = path.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0) return `-.${type}`;
  const bytes = Buffer.from(parts.join("/"), "utf8");
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const c = String.fromCharCode(b);
    if (c === "/") out += "-";
    else if (/[A-Za-z0-9:_]/.test(c) || (c === "." && i > 0)) out += c;
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `${out}.${type}`;
}

/**
 * The unit whose name a file's specifiers expand to (%n, %p, %i and the others of its name): the
 * file's own name or, for a drop-in, its directory's; null when it depends on the unit that reads
 * the file (a template, a template's, prefix or type-level drop-in directory) or is not known.
 */
export function expandedNameOfFile(absPath: string, role: "unit" | "dropin"): UnitName | null {
  const parts = absPath.split("/");
  const dir = parts.at(-2) ?? "";
  const name = role === "unit" ? parseUnitName(parts.at(-1)!) : dir.endsWith(".d") ? parseUnitName(dir.slice(0, -2)) : null;
  // A directory "web-.service.d" also serves every "web-….service" (a prefix drop-in); one with "@" in its name is never one.
  if (!name || name.isTemplate || (role === "dropin" && name.instance === null && name.stem.endsWith("-"))) return null;
  return name;
}

/** The name a loaded unit's settings are expanded with; null for a template. */
export const expandedNameOfUnit = (name: UnitName | null): UnitName | null => (!name || name.isTemplate ? null : name);

/**
 * The parts of a unit name without its suffix that specifiers give (unit-printf.c): the prefix
 * before "@" (%p), the prefix's last "-"-separated part (%j) and the instance (%i; "" when none).
 */
export function stemParts(stem: string): { prefix: string; last: string; instance: string } {
  const at = stem.indexOf("@");
  const prefix = at < 0 ? stem : stem.slice(0, at);
  return { prefix, last: prefix.slice(prefix.lastIndexOf("-") + 1), instance: at < 0 ? "" : stem.slice(at + 1) };
}

/** The path systemd gives a unit name (unit_name_to_path(), `systemd-escape --unescape --path`): its stem as pathOfNamePart() reads it. */
export function pathFromUnitName(name: string): string | null {
  const dot = name.lastIndexOf(".");
  return pathOfNamePart(dot > 0 ? name.slice(0, dot) : name);
}

/**
 * A part of a unit name read as an escaped path (unit_name_path_unescape()): "-" alone is "/";
 * anything else is unescaped, cut at a \x00 (a C string ends there), refused when it then starts
 * or ends with "/" or is not normalized ("//", a "." or ".." component), and prefixed with "/".
 * Null when systemd refuses it, and for a result that is not UTF-8, which systemd takes as bytes.
 */
export function pathOfNamePart(part: string): string | null {
  if (part === "") return null;
  if (part === "-") return "/";
  const unescaped = unescapeUnitName(part)?.split("\0")[0];
  if (unescaped === undefined || unescaped.startsWith("/") || unescaped.endsWith("/")) return null;
  const path = `/${unescaped}`;
  return path.includes("//") || path.split("/").some((name) => name === "." || name === "..") ? null : path;
}

/**
 * A part of a unit name unescaped (unit_name_unescape(), as %I, %P and %J expand): "-" → "/",
 * \xNN → that byte. Null for a bad escape or an invalid UTF-8 result.
 */
export function unescapeUnitName(text: string): string | null {
  if (!text.includes("-") && !text.includes("\\")) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "-") bytes.push(0x2f);
    else if (c === "\\") {
      const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(i + 1, i + 4));
      if (!hex) return null;
      bytes.push(parseInt(hex[1]!, 16));
      i += 3;
    } else bytes.push(...Buffer.from(c, "utf8"));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

/**
 * Names whose `.d/` directories hold drop-ins for this unit, most specific
 * first: the name itself, its template, its dash prefixes (`a-b-.service`,
 * `a-.service`, since v239) and the type-level directory (`service`, since v244).
 */
export function dropInDirNames(unit: UnitName): string[] {
  const names = [unit.name];
  if (unit.template) names.push(unit.template);
  const base = stemParts(unit.stem).prefix;
  for (let i = base.lastIndexOf("-"); i > 0; i = base.lastIndexOf("-", i - 1)) {
    names.push(`${base.slice(0, i + 1)}.${unit.type}`);
  }
  names.push(unit.type);
  return names;
}
