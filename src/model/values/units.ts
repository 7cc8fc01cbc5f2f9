/**
 * Value kinds that name things: units (dependencies, Slice=, a timer's or path's Unit=, Sockets=,
 * Service=), D-Bus names, file descriptor names, users and groups, credentials, and what a socket
 * listens on (units-sockets.ts). The rules are systemd 252's as `systemd-analyze verify` applies
 * them at load time; [Install] settings (Alias=, WantedBy=, …) are read only by `systemctl enable`,
 * so nothing here checks them.
 */
import { suggest } from "../suggest.js";
import { parseUnitName, UNIT_NAME_MAX, UNIT_TYPES, type UnitType } from "../unit-name.js";
import { asWritten, type ValueCheck, type ValueChecks, type ValueProblem } from "./types.js";
import { pathTooLong, socketListenCheck } from "./units-sockets.js";
import { firstProblem, firstSkipped, splitList, type ExtractError } from "./paths-words.js";

/**
 * The words of a list as extract_first_word() splits them without EXTRACT_UNQUOTE: whitespace
 * separates, quotes are ordinary characters, a backslash takes the next character into the word;
 * with `retainEscape` (EXTRACT_RETAIN_ESCAPE, as for dependencies) a backslash is an ordinary
 * character, so `foo\ bar.service` is the two words `foo\` and `bar.service`, as systemd reads it.
 * Or why systemd cannot split the value (a lone trailing backslash).
 */
export function listWords(value: string, retainEscape: boolean): string[] | ExtractError {
  return splitList(value, retainEscape ? { retainEscape } : {});
}

/** Splits "NAME:REST" at the first ":" that no backslash escapes (extract_first_word(":")); rest is null without one. */
function splitAtColon(value: string): { name: string; rest: string | null } {
  let name = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && i + 1 < value.length) name += value[++i];
    else if (c === ":") return { name, rest: value.slice(i + 1) };
    else name += c;
  }
  return { name, rest: null };
}

// --- Unit names (systemd.unit(5) "Description"; systemd-facts §7) ---------------------------------

/** The first character a unit name's prefix or instance may not contain. */
const NOT_NAME_CHAR = /[^A-Za-z0-9:_.\\-]/u;
const NOT_INSTANCE_CHAR = /[^A-Za-z0-9:_.\\@-]/u;

/** Unit types whose units cannot be templates or instances (their names come from paths or the kernel). */
const NO_INSTANCES: ReadonlySet<UnitType> = new Set(["slice", "scope", "device", "mount", "automount", "swap"]);

function badChar(text: string, notAllowed: RegExp): string | undefined {
  return notAllowed.exec(text)?.[0];
}

/** Why systemd refuses `name` as a unit name (unit_name_is_valid()), and the name probably meant; null for a valid name. */
export function unitNameProblem(name: string): { why: string; meant?: string } | null {
  if (name.length > UNIT_NAME_MAX) return { why: `it is longer than ${UNIT_NAME_MAX} characters` };
  const dot = name.lastIndexOf(".");
  const unit = parseUnitName(name);
  if (!unit) {
    if (dot < 0) return { why: 'it has no type suffix such as ".service" or ".target"' };
    const suffix = name.slice(dot + 1);
    const type = dot > 0 ? suggest(suffix, UNIT_TYPES) : null;
    return { why: dot === 0 ? "it has no name before the type" : `".${suffix}" is not a unit type`, ...(type ? { meant: `${name.slice(0, dot)}.${type}` } : {}) };
  }
  const at = unit.stem.indexOf("@");
  const prefix = at < 0 ? unit.stem : unit.stem.slice(0, at);
  if (prefix === "") return { why: 'it has no name before "@"' };
  const bad = badChar(prefix, NOT_NAME_CHAR) ?? (at < 0 ? undefined : badChar(unit.stem.slice(at + 1), NOT_INSTANCE_CHAR));
  if (bad !== undefined) return { why: `it contains ${JSON.stringify(bad)}; unit names take only ASCII letters, digits and ":-_.\\", and systemd-escape escapes the rest` };
  if (at >= 0 && NO_INSTANCES.has(unit.type)) return { why: `.${unit.type} units cannot be templates or instances` };
  return null;
}

/** `subject` is "" for a value that is one name, or `lists "x", which` for a word of a list (built only for a problem). */
function notUnitName(name: string, subject: string | ((name: string) => string)): ValueProblem {
  const p = unitNameProblem(name);
  if (!p) return null;
  return { what: `${typeof subject === "string" ? subject : subject(name)}is not a unit name (${p.why})`, ...(p.meant ? { meant: p.meant } : {}) };
}

const listed = (word: string): string => `lists ${JSON.stringify(word)}, which `;

/** After=, Wants=, Requires=, …: unit names separated by whitespace; templates are accepted (systemd.unit(5) "[Unit] Section Options"). */
const unitDeps: ValueCheck = (v, _target, _key, expand = asWritten) => firstSkipped(expandedWords(v, true, expand), (w) => notUnitName(w, listed));

/** listWords() with each word's specifiers expanded after the split, as these parsers do (values/index.ts EXPANDED_BY_PART). */
function expandedWords(value: string, retainEscape: boolean, expand: (part: string) => string): string[] | ExtractError {
  const words = listWords(value, retainEscape);
  return typeof words === "string" || expand === asWritten ? words : words.map(expand);
}

/** A unit name of one type: Slice= (systemd.resource-control(5)), Sockets= and Service= (systemd.service(5), systemd.socket(5)). */
function ofType(name: string, type: UnitType, subject: string): ValueProblem {
  if (name.endsWith(`.${type}`)) return notUnitName(name, subject);
  const p = unitNameProblem(name);
  return { what: `${subject}is not a .${type} unit (a unit name ending in ".${type}")`, ...(p?.meant?.endsWith(`.${type}`) ? { meant: p.meant } : {}) };
}

/** Service=: one service that can be loaded, so not a template (manager_load_unit()). */
function socketService(v: string): ValueProblem {
  const p = ofType(v, "service", "");
  if (p) return p;
  return parseUnitName(v)?.isTemplate ? { what: 'is a template, which cannot be loaded: name a service or an instance of the template (e.g. "name@instance.service")' } : null;
}

// --- D-Bus names and file descriptor names ------------------------------------------------------

const BUS_ELEMENT = /^[A-Za-z_-][A-Za-z0-9_-]*$/;
const UNIQUE_ELEMENT = /^[A-Za-z0-9_-]+$/;
const BUS_NAME_MAX = 255;

/** sd_bus_service_name_is_valid(): a well-known name ("org.example.App") or a unique one (":1.42"). */
function busName(v: string): ValueProblem {
  const unique = v.startsWith(":");
  const elements = (unique ? v.slice(1) : v).split(".");
  const ok = v.length <= BUS_NAME_MAX && elements.length >= 2 && elements.every((e) => (unique ? UNIQUE_ELEMENT : BUS_ELEMENT).test(e));
  return ok ? null : { what: `is not a D-Bus name (two or more dot-separated elements of letters, digits, "_" and "-", none starting with a digit, at most ${BUS_NAME_MAX} characters; e.g. "org.example.App")` };
}

const PRINTABLE_NO_COLON = /^[\x20-\x39\x3b-\x7e]+$/;
const FDNAME_MAX = 255;

/** fdname_is_valid(): printable ASCII without ":", at most 255 characters (systemd.socket(5) FileDescriptorName=). */
const fdname = (v: string): ValueProblem =>
  PRINTABLE_NO_COLON.test(v) && v.length <= FDNAME_MAX ? null : { what: `is not a file descriptor name (printable ASCII without ":", at most ${FDNAME_MAX} characters)` };

// --- Users and groups (systemd.exec(5) User=; https://systemd.io/USER_NAMES) --------------------

const DIGITS = /^[0-9]+$/;
const CONTROL = /[\x00-\x1f\x7f]/;

/** Why valid_user_group_name(RELAX|ALLOW_NUMERIC) refuses `name`, or null. */
function userGroupProblem(name: string): string | null {
  if (name === "") return "it is empty";
  if (DIGITS.test(name)) {
    const n = Number(name);
    if (name.length > 1 && name.startsWith("0")) return "numeric IDs take no leading zeros";
    return n >= 0xffffffff || n === 65535 ? "65535 and IDs from 4294967295 up are not valid" : null;
  }
  if (name === "-" || name === "." || name === "..") return `"${name}" cannot be a name`;
  if (name.startsWith("-") && DIGITS.test(name.slice(1))) return "it is a negative number";
  const bad = name.match(/[:/]/)?.[0];
  if (bad) return `it contains "${bad}"`;
  if (CONTROL.test(name)) return "it contains a control character";
  if (name.startsWith(" ") || name.endsWith(" ")) return "it starts or ends with a space";
  return null;
}

function notUserGroup(name: string, subject: string): ValueProblem {
  const why = userGroupProblem(name);
  return why ? { what: `${subject}is not a user or group name or numeric ID (${why})`, refused: true } : null;
}

// --- Credentials (systemd.exec(5) "Credentials") ------------------------------------------------

const CREDENTIAL_NAME = /^[\x20-\x2e\x30-\x39\x3b-\x7e]{1,255}$/;

/** credential_name_valid(): a file name that is also a file descriptor name. */
function credentialNameProblem(name: string): ValueProblem {
  return CREDENTIAL_NAME.test(name) && name !== "." && name !== ".."
    ? null
    : { what: `has credential name ${JSON.stringify(name)}, which is not valid (1–255 printable ASCII characters without "/" and ":", not "." or "..")` };
}

/** path_is_normalized() for an absolute path: no "//", "." or ".." (a trailing "/" is fine). */
function isNormalizedAbsolute(path: string): boolean {
  if (!path.startsWith("/") || pathTooLong(path)) return false;
  const parts = path.slice(1).split("/");
  return parts.every((p, i) => (p === "" ? i === parts.length - 1 : p !== "." && p !== ".."));
}

/** LoadCredential=ID[:PATH]: the source is an absolute normalized path (file, directory or AF_UNIX socket) or a credential name to look up. */
/** `expand`: specifiers, which systemd expands in the name and the source after it has split them. */
function loadCredential(v: string, _target?: number, _key?: string, expand = asWritten): ValueProblem {
  const { name, rest } = splitAtColon(v);
  const p = credentialNameProblem(expand(name));
  if (p || !rest) return p;
  const source = expand(rest);
  const ok = source.startsWith("/") ? isNormalizedAbsolute(source) : credentialNameProblem(source) === null;
  return ok ? null : { what: `has source ${JSON.stringify(source)}, which is neither an absolute normalized path nor a credential name` };
}

/** What may follow a backslash: C's escapes, \s, \xHH, \uHHHH, \UHHHHHHHH and three octal digits up to \377. */
const ESCAPE = /[abfnrtv\\"'s]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U([0-9a-fA-F]{8})|[0-3][0-7]{2}/y;

/** unichar_is_valid(): a Unicode scalar value that is not a noncharacter. */
function isUnichar(c: number): boolean {
  return c < 0x110000 && (c & 0xfffff800) !== 0xd800 && !(c >= 0xfdd0 && c <= 0xfdef) && (c & 0xfffe) !== 0xfffe;
}

/** The first escape sequence cunescape() refuses (systemd.syntax(7) "Quoting"), or null. */
export function badEscape(text: string): string | null {
  for (let i = text.indexOf("\\"); i >= 0; i = text.indexOf("\\", i)) {
    ESCAPE.lastIndex = i + 1;
    const m = ESCAPE.exec(text);
    if (!m) return text.slice(i, i + 2);
    if (m[1] !== undefined && !isUnichar(parseInt(m[1], 16))) return `\\${m[0]}`;
    i = ESCAPE.lastIndex;
  }
  return null;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * SetCredential=ID:VALUE (C escapes allowed) and SetCredentialEncrypted=ID:BASE64 share one parser.
 * SetCredentialEncrypted= wants Base64 (not unescaped); called without a key, only what both
 * refuse (an escape cunescape() refuses is no Base64 either).
 */
export function setCredentialCheck(v: string, _target: number, key?: string): ValueProblem {
  const { name, rest } = splitAtColon(v);
  if (rest === null || rest === "") return { what: 'has no data: expected ID:VALUE (e.g. "token:secret")' };
  const p = credentialNameProblem(name);
  if (p) return p;
  if (key === "SetCredentialEncrypted") {
    const data = rest.replace(/[ \t\n\r]/g, "");
    return data !== "" && BASE64.test(data) ? null : { what: "has data that is not Base64 (the output of systemd-creds encrypt)" };
  }
  const bad = badEscape(rest);
  return bad ? { what: `has escape "${bad}", which is not one systemd knows (\\n, \\t, \\xHH, \\uHHHH, \\ooo, …; write "\\\\" for a backslash)` } : null;
}

export const UNITS_CHECKS: ValueChecks = {
  config_parse_unit_deps: unitDeps,
  // RequiresOverridable=, RequisiteOverridable=: read as Requires=/Requisite= (the warning that
  // they are obsolete is not a value problem).
  config_parse_obsolete_unit_deps: unitDeps,
  config_parse_unit_slice: (v) => ofType(v, "slice", ""),
  // A timer's or path's Unit=: any unit type, even another timer (systemd.timer(5), systemd.path(5)).
  config_parse_trigger_unit: (v) => notUnitName(v, ""),
  // Sockets=: words without escapes kept; templates are accepted.
  config_parse_service_sockets: (v, _target, _key, expand = asWritten) => firstSkipped(expandedWords(v, false, expand), (w) => ofType(w, "socket", listed(w))),
  config_parse_socket_service: socketService,
  config_parse_bus_name: busName,
  config_parse_fdname: fdname,
  // User=, Group=, SocketUser=, SocketGroup=: systemd refuses to load the unit.
  config_parse_user_group_compat: (v) => notUserGroup(v, ""),
  config_parse_user_group_strv_compat: (v, _target, _key, expand = asWritten) => firstProblem(expandedWords(v, false, expand), (w) => notUserGroup(w, listed(w))),
  config_parse_socket_listen: socketListenCheck,
  config_parse_load_credential: loadCredential,
  config_parse_set_credential: setCredentialCheck,
};
