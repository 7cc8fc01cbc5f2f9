/**
 * Unit file specifiers (`%i`, `%n`, `%h`, `%%` …; systemd.unit(5) "Specifiers", systemd-facts §8):
 * which settings expand them and with which table, which specifiers each systemd release knows,
 * where a value uses one that systemd cannot resolve, and a value with plausible stand-ins so that
 * value checks can still run.
 *
 * What systemd does (specifier_printf(), observed on systemd-analyze 252):
 * - `%%` is a literal `%`; `%` followed by a letter or digit is a specifier, and one the setting's
 *   table lacks fails the whole value with "Failed to resolve unit specifiers … Invalid slot"
 *   (since v236: before it, an unknown specifier stayed in the value literally, NEWS v236);
 * - `%` followed by anything else (`50%`, `%-`, `% `) and a trailing `%` stay as they are;
 * - settings that name units (After=, Wants=, Slice=, Unit=, Sockets=, [Install]) use the small
 *   unit-name table (unit_name_printf(): no paths, so `%h`, `%t`, `%S`, `%I`… are unknown there);
 *   the others use the full table (unit_full_printf()/unit_path_printf());
 * - most settings log the failure and are ignored (list settings drop only the item); ExecStart=
 *   and the other command lines, User=, Group=, SupplementaryGroups=, WorkingDirectory=,
 *   RootDirectory=/RootImage=/RootVerity=, SELinuxContext=, AppArmorProfile= and
 *   SmackProcessLabel= make systemd refuse the unit ("bad-setting"), unless their "-" prefix says
 *   to ignore failures; [Install] is read only by `systemctl enable`, which then fails
 *   ("invalid specifier").
 * Settings whose parser does not expand specifiers (CPUQuota=50%, TasksMax=10%, Restart=…) keep
 * `%` literally.
 */
import { FATAL_PATHS } from "./fatal-settings.js";
import { pathOfNamePart, stemParts, unescapeUnitName, type UnitName } from "./unit-name.js";

/** Which specifier table a setting is expanded with. */
export type SpecifierTable = "full" | "name";

/** What systemd does with an assignment that holds a specifier it cannot resolve. */
export type SpecifierEffect =
  /** The unit fails to load ("Unit configuration has fatal error", load state bad-setting). */
  | "refused"
  /** The whole assignment is ignored. */
  | "ignored"
  /** Only the list item that holds it is ignored. */
  | "ignored-item"
  /** A command line with the "-" prefix is dropped (without the prefix the unit is refused). */
  | "ignored-command"
  /** [Install]: `systemctl enable` fails; systemd itself never reads the section. */
  | "enable-fails"
  /** Before systemd 236 an unknown specifier stays in the value as it is written. */
  | "literal";

interface SpecifierInfo {
  /** The release that added it (0: v209 or earlier). */
  since: number;
  /** Also expanded in unit names (unit_name_printf(), and [Install] for `systemctl enable`). */
  name: boolean;
  /** What the value check sees instead of it: a plausible expansion. */
  placeholder: string;
  /** Still resolved, but systemd warns that it "does not work as intended". */
  deprecated?: true;
}

const HEX_ID = "0123456789abcdef0123456789abcdef";

/**
 * Every specifier of unit files, with the release it arrived in (NEWS: v236 %S %C %L and unknown
 * specifiers refused; v239 %j %J %T %V %E; v240 %g %G; v246 %a %o %w %B %W %l; v249 %M %A;
 * v251 %y %Y %q %d; v256 %D, systemd PR #30770). The tables are 252's as systemd-analyze 252
 * resolves them; the name table of older releases was smaller (only %n %N %p %i, %j), which is
 * not modelled: unitlint accepts there what 252 accepts.
 */
export const SPECIFIERS: Readonly<Record<string, SpecifierInfo>> = {
  a: { since: 246, name: true, placeholder: "x86-64" },
  A: { since: 249, name: true, placeholder: "1" },
  b: { since: 0, name: true, placeholder: HEX_ID },
  B: { since: 246, name: true, placeholder: "1" },
  c: { since: 0, name: false, placeholder: "/system.slice/x.service", deprecated: true },
  C: { since: 236, name: false, placeholder: "/var/cache" },
  d: { since: 251, name: false, placeholder: "/run/credentials/x.service" },
  D: { since: 256, name: false, placeholder: "/usr/share" },
  E: { since: 239, name: false, placeholder: "/etc" },
  f: { since: 0, name: false, placeholder: "/x" },
  g: { since: 240, name: true, placeholder: "root" },
  G: { since: 240, name: true, placeholder: "0" },
  h: { since: 0, name: false, placeholder: "/home/x" },
  H: { since: 0, name: true, placeholder: "x" },
  i: { since: 0, name: true, placeholder: "x" },
  I: { since: 0, name: false, placeholder: "x" },
  j: { since: 239, name: true, placeholder: "x" },
  J: { since: 239, name: false, placeholder: "x" },
  l: { since: 246, name: true, placeholder: "x" },
  L: { since: 236, name: false, placeholder: "/var/log" },
  m: { since: 0, name: true, placeholder: HEX_ID },
  M: { since: 249, name: true, placeholder: "x" },
  n: { since: 0, name: true, placeholder: "x.service" },
  N: { since: 0, name: true, placeholder: "x" },
  o: { since: 246, name: true, placeholder: "x" },
  p: { since: 0, name: true, placeholder: "x" },
  P: { since: 0, name: false, placeholder: "x" },
  q: { since: 251, name: true, placeholder: "x" },
  r: { since: 0, name: false, placeholder: "/system.slice", deprecated: true },
  R: { since: 0, name: false, placeholder: "/", deprecated: true },
  s: { since: 0, name: false, placeholder: "/bin/sh" },
  S: { since: 236, name: false, placeholder: "/var/lib" },
  t: { since: 0, name: false, placeholder: "/run" },
  T: { since: 239, name: false, placeholder: "/tmp" },
  u: { since: 0, name: true, placeholder: "x" },
  U: { since: 0, name: true, placeholder: "0" },
  v: { since: 0, name: true, placeholder: "6.1.0" },
  V: { since: 239, name: false, placeholder: "/var/tmp" },
  w: { since: 246, name: true, placeholder: "1" },
  W: { since: 246, name: true, placeholder: "x" },
  y: { since: 251, name: false, placeholder: "/etc/systemd/system/x.service" },
  Y: { since: 251, name: false, placeholder: "/etc/systemd/system" },
};

/** systemd refuses unknown specifiers from this release on (NEWS v236); before, it kept them literally. */
export const UNKNOWN_REFUSED_SINCE = 236;

/** [start, end) offsets of the parts of a value that systemd expands. */
type Parts = (value: string) => Array<readonly [number, number]>;

interface Expansion {
  table: SpecifierTable;
  /** The parts of the value that are expanded; omitted: all of it. */
  parts?: Parts;
  /** What a failure does; a function when it depends on the key or on a prefix. */
  effect: SpecifierEffect | ((key: string, value: string, offset: number) => SpecifierEffect);
  /** The release from which the parser expands specifiers at all (0: always). */
  since?: number;
}

const WORD = /\S+/g;

/** After a prefix such as "file:" (StandardInput=, StandardOutput=); nothing when none matches. */
const afterPrefix = (...prefixes: string[]): Parts => (value) => {
  const p = prefixes.find((x) => value.startsWith(x));
  return p ? [[p.length, value.length]] : [];
};

/** The first word: a device path before its weight, limit or rights (IODeviceWeight=, DeviceAllow=). */
const firstWord: Parts = (value) => {
  const m = /^\s*(\S+)/.exec(value);
  return m ? [[m.index + m[0].length - m[1]!.length, m.index + m[0].length]] : [];
};

/** Each word, up to its `n`th colon: the paths of TemporaryFileSystem= (n=1) and BindPaths= (n=2), not their options. */
const wordsUpToColon = (n: number): Parts => (value) => {
  const out: Array<readonly [number, number]> = [];
  for (const m of value.matchAll(WORD)) {
    let end = m.index;
    for (let seen = 0; end < m.index + m[0].length; end++) if (value[end] === ":" && ++seen === n) break;
    out.push([m.index, end]);
  }
  return out;
};

/** SetCredential=ID:DATA: the ID only, and only when data follows (else systemd says "Invalid syntax" first). */
const credentialId: Parts = (value) => {
  const colon = value.indexOf(":");
  return colon >= 0 && colon < value.length - 1 ? [[0, colon]] : [];
};

/** BPFProgram=TYPE:PATH: the path. */
const afterFirstColon: Parts = (value) => {
  const colon = value.indexOf(":");
  return colon >= 0 ? [[colon + 1, value.length]] : [];
};

/** A "-" prefix turns the failure into a warning (WorkingDirectory=, SELinuxContext=, …). */
const unlessDash = (_key: string, value: string): SpecifierEffect => (value.startsWith("-") ? "ignored" : "refused");

/**
 * ExecStart= and friends: a command without the "-" prefix makes systemd refuse the unit; the
 * prefix (among "@:+!") of the command that holds the specifier decides (commands are separated
 * by a lone ";").
 */
function execEffect(_key: string, value: string, offset: number): SpecifierEffect {
  let commandStart = true;
  let ignore = false;
  for (const m of value.matchAll(WORD)) {
    if (m.index > offset) break;
    if (m[0] === ";") {
      commandStart = true;
      continue;
    }
    if (commandStart) ignore = /^[@:+!]*-/.test(m[0]);
    commandStart = false;
  }
  return ignore ? "ignored-command" : "refused";
}

const full = (effect: Expansion["effect"], more: Omit<Expansion, "table" | "effect"> = {}): Expansion => ({ table: "full", effect, ...more });
const name = (effect: SpecifierEffect): Expansion => ({ table: "name", effect });

/**
 * The parsers (column 4 of src/data/directives.generated.ts) that expand specifiers, as
 * systemd-analyze 252 shows for every setting it parses (test/oracle/specifiers.test.ts), plus
 * ImportCredential= (254, unit_cred_printf() in load-fragment.c) and "NULL", the [Install]
 * settings `systemctl enable` expands.
 */
const EXPANSIONS: Readonly<Record<string, Expansion>> = {
  config_parse_exec: full(execEffect),
  config_parse_user_group_compat: full("refused"),
  config_parse_user_group_strv_compat: full("refused"),
  config_parse_working_directory: full(unlessDash),
  config_parse_exec_selinux_context: full(unlessDash),
  config_parse_exec_apparmor_profile: full(unlessDash),
  config_parse_exec_smack_process_label: full(unlessDash),
  config_parse_unit_path_printf: full((key) => (FATAL_PATHS.has(key) ? "refused" : "ignored")),

  config_parse_unit_string_printf: full("ignored"),
  config_parse_unit_path_strv_printf: full("ignored"),
  config_parse_colon_separated_paths: full("ignored"),
  config_parse_documentation: full("ignored"),
  config_parse_bus_name: full("ignored"),
  config_parse_fdname: full("ignored"),
  config_parse_pid_file: full("ignored"),
  config_parse_path_spec: full("ignored"),
  config_parse_timer: full("ignored"),
  config_parse_socket_listen: full("ignored"),
  config_parse_unit_condition_path: full("ignored"),
  config_parse_unit_condition_string: full("ignored"),
  config_parse_unit_env_file: full("ignored"),
  config_parse_unit_cpu_set: full("ignored"),
  config_parse_exec_cpu_affinity: full("ignored", { since: 249 }),
  config_parse_exec_input_text: full("ignored"),
  config_parse_ip_filter_bpf_progs: full("ignored"),
  config_parse_load_credential: full("ignored"),
  config_parse_import_credential: full("ignored", { since: 254 }),
  config_parse_log_namespace: full("ignored"),
  config_parse_reboot_parameter: full("ignored"),
  config_parse_exec_input: full("ignored", { parts: afterPrefix("fd:", "file:") }),
  config_parse_exec_output: full("ignored", { parts: afterPrefix("fd:", "file:", "append:", "truncate:") }),
  config_parse_set_credential: full("ignored", { parts: credentialId }),
  config_parse_bpf_foreign_program: full("ignored", { parts: afterFirstColon }),
  config_parse_device_allow: full("ignored", { parts: firstWord }),
  config_parse_io_device_weight: full("ignored", { parts: firstWord }),
  config_parse_io_device_latency: full("ignored", { parts: firstWord }),
  config_parse_io_limit: full("ignored", { parts: firstWord }),
  config_parse_blockio_device_weight: full("ignored", { parts: firstWord }),
  config_parse_blockio_bandwidth: full("ignored", { parts: firstWord }),

  config_parse_environ: full("ignored-item"),
  config_parse_pass_environ: full("ignored-item"),
  config_parse_unset_environ: full("ignored-item"),
  config_parse_log_extra_fields: full("ignored-item"),
  config_parse_namespace_path_strv: full("ignored-item"),
  config_parse_exec_directories: full("ignored-item"),
  config_parse_mount_images: full("ignored-item"),
  config_parse_extension_images: full("ignored-item"),
  config_parse_root_image_options: full("ignored-item"),
  config_parse_unit_mounts_for: full("ignored-item"),
  config_parse_temporary_filesystems: full("ignored-item", { parts: wordsUpToColon(1) }),
  config_parse_bind_paths: full("ignored-item", { parts: wordsUpToColon(2) }),

  config_parse_unit_deps: name("ignored-item"),
  config_parse_obsolete_unit_deps: name("ignored-item"),
  config_parse_service_sockets: name("ignored-item"),
  config_parse_socket_service: name("ignored"),
  config_parse_trigger_unit: name("ignored"),
  config_parse_unit_slice: name("ignored"),
  NULL: name("enable-fails"),
};

/**
 * Parsers newer than 252 whose handling of `%` unitlint could not check against a systemd
 * (their code is newer than the source it read): values with `%` are left alone there.
 */
const UNVERIFIED = new Set([
  "config_parse_bind_network_interface",
  "config_parse_bpf_delegate_attachments",
  "config_parse_bpf_delegate_commands",
  "config_parse_bpf_delegate_maps",
  "config_parse_bpf_delegate_programs",
  "config_parse_image_policy",
  "config_parse_luo_sessions",
  "config_parse_xattr",
]);

/** The table a parser expands specifiers with at the targeted release, or null when it keeps `%` as it is. */
export function specifierTable(parser: string, target: number): SpecifierTable | null {
  const e = EXPANSIONS[parser];
  return e && target >= (e.since ?? 0) ? e.table : null;
}

/** Whether a specifier is resolved in a table at a release. */
export function specifierKnown(letter: string, table: SpecifierTable, target: number): boolean {
  const s = SPECIFIERS[letter];
  return s !== undefined && s.since <= target && (table === "full" || s.name);
}

const listCache = new Map<string, string>();

/** "%a %A %b …": the specifiers a table resolves at a release, deprecated ones left out. */
export function knownSpecifiers(table: SpecifierTable, target: number): string {
  const k = `${table}:${target}`;
  let list = listCache.get(k);
  if (list === undefined) {
    list = Object.keys(SPECIFIERS)
      .filter((l) => specifierKnown(l, table, target) && !SPECIFIERS[l]!.deprecated)
      .sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase()) || (x < y ? 1 : -1))
      .map((l) => `%${l}`)
      .join(" ");
    listCache.set(k, list);
  }
  return list;
}

export interface SpecifierProblem {
  /** Offsets of the specifier ("%Z", two characters) in the value. */
  start: number;
  end: number;
  /** The character after "%". */
  letter: string;
  /**
   * unknown: no release knows it; too-new: a later release does (`since`); not-here: known, but
   * not in the unit-name table this setting uses; deprecated: resolved, with a warning;
   * unescapable: %P, %J, %I or %f of a unit whose name part systemd cannot unescape (unescapeFailure());
   * aborts: %J of a unit whose prefix ends in "-", on which systemd 252 aborts (ABORTS_ON_EMPTY_J).
   */
  kind: "unknown" | "too-new" | "not-here" | "deprecated" | "unescapable" | "aborts";
  /** For too-new: the release that added it. */
  since?: number;
  table: SpecifierTable;
  /** What systemd does with the assignment ("literal" before 236, whatever the setting). */
  effect: SpecifierEffect;
}

const NONE: readonly SpecifierProblem[] = [];
const ALNUM = /^[A-Za-z0-9]$/;

function classify(letter: string, table: SpecifierTable, target: number, unit: UnitName | null): Pick<SpecifierProblem, "kind" | "since"> | null {
  const s = SPECIFIERS[letter];
  if (!s) return { kind: "unknown" };
  if (s.since > target) return { kind: "too-new", since: s.since };
  if (table === "name" && !s.name) return { kind: "not-here" };
  if (s.deprecated) return { kind: "deprecated" };
  if (unit === null) return null;
  if (letter === "J" && target <= ABORTS_ON_EMPTY_J && stemParts(unit.stem).last === "") return { kind: "aborts" };
  return unescapeFailure(letter, unit) === null ? null : { kind: "unescapable" };
}

/**
 * The newest release known to abort on %J when the prefix's last part is empty (`web-.service`):
 * specifier_last_component() gives NULL and unit_name_unescape() asserts, which kills the manager
 * that loads the unit (a real 252 user manager, test/system/specifier-abort.test.ts). Later code
 * gives "" instead; in which release that changed is not known here, so newer targets take it as empty.
 */
export const ABORTS_ON_EMPTY_J = 252;

/** What a check splitting or unescaping the expanded value would read apart in a name. */
const SPLITS = /[\s:"'\\]/;

/**
 * Whether the parser splits the value before it expands specifiers: into items (Environment=,
 * BindPaths=, MountImages= …), or to expand only a part (a device path before its limit).
 */
export function splitsBeforeExpanding(parser: string): boolean {
  const e = EXPANSIONS[parser];
  return e !== undefined && (e.parts !== undefined || e.effect === "ignored-item");
}

/** A backslash that does not start a \xNN escape: unit_name_unescape() fails on it. */
const BAD_ESCAPE = /\\(?!x[0-9a-fA-F]{2})/;

/**
 * The part of the unit's name that %P (the prefix), %J (its last part), %I (the instance) or %f
 * (the instance, or the prefix of a unit that is none) unescape, as written, with what it is;
 * null for another letter.
 */
export function unescapedPart(letter: string, unit: UnitName): { part: string; what: string } | null {
  const { prefix, last, instance } = stemParts(unit.stem);
  if (letter === "P") return { part: prefix, what: "prefix" };
  if (letter === "J") return { part: last, what: "prefix's last part" };
  if (letter === "I") return { part: instance, what: "instance" };
  if (letter === "f") return instance === "" ? { part: prefix, what: "prefix" } : { part: instance, what: "instance" };
  return null;
}

/**
 * Why systemd cannot resolve %P, %J, %I or %f in the unit: the name part has a "\" that is no \xNN
 * escape ("escape"), or for %f it is no escaped path ("path": pathOfNamePart()); null when it can.
 */
export function unescapeFailure(letter: string, unit: UnitName): "escape" | "path" | null {
  const named = unescapedPart(letter, unit);
  if (named === null) return null;
  if (BAD_ESCAPE.test(named.part)) return "escape";
  // A part that unescapes to bytes that are not UTF-8 cannot be judged here.
  return letter === "f" && unescapeUnitName(named.part) !== null && pathOfNamePart(named.part) === null ? "path" : null;
}

/** Visits each `%` sequence in the expanded parts of a value: `%%`, a specifier (letter or digit), or a lone `%`. */
function scan(exp: Expansion, value: string, visit: (at: number, next: string | undefined) => void): void {
  const parts = exp.parts ? exp.parts(value) : [[0, value.length] as const];
  for (const [start, end] of parts) {
    for (let i = value.indexOf("%", start); i >= 0 && i < end; i = value.indexOf("%", i)) {
      const next = i + 1 < end ? value[i + 1] : undefined;
      visit(i, next);
      i += next === "%" || (next !== undefined && ALNUM.test(next)) ? 2 : 1;
    }
  }
}

/**
 * The specifiers of a value that systemd (at the targeted release) cannot resolve, or resolves
 * with a deprecation warning, for a setting parsed by `parser`. Cheap: returns at once when the
 * value has no `%` or the parser does not expand specifiers.
 */
export function findSpecifierProblems(parser: string, key: string, value: string, target: number, unit: UnitName | null = null): readonly SpecifierProblem[] {
  if (!value.includes("%")) return NONE;
  const exp = EXPANSIONS[parser];
  if (!exp || target < (exp.since ?? 0)) return NONE;
  const out: SpecifierProblem[] = [];
  scan(exp, value, (at, next) => {
    if (next === undefined || next === "%" || !ALNUM.test(next)) return;
    const c = classify(next, exp.table, target, unit);
    if (!c) return;
    if (c.kind === "deprecated" && target < 252) return; // the warning is verified on 252 only
    const effect = target < UNKNOWN_REFUSED_SINCE ? "literal" : typeof exp.effect === "function" ? exp.effect(key, value, at) : exp.effect;
    out.push({ start: at, end: at + 2, letter: next, ...c, table: exp.table, effect });
  });
  return out;
}

/**
 * What a specifier of the unit's name expands to in the unit named `unit` (unit-printf.c): %n the
 * name, %N without its suffix, %p the prefix, %j the prefix's last "-"-separated part, %i the
 * instance ("" when there is none), %P, %J, %I those unescaped ("-" is "/"), and %f the instance
 * (or the prefix) as a path. Null, so a placeholder, for any other specifier, an unknown unit, or
 * a part that cannot be unescaped.
 */
function fromUnitName(letter: string, unit: UnitName | null): string | null {
  if (unit === null) return null;
  if (letter === "n") return unit.name;
  if (letter === "N") return unit.stem;
  const { prefix, last, instance } = stemParts(unit.stem);
  if (letter === "p") return prefix;
  if (letter === "j") return last;
  if (letter === "i") return instance;
  const named = unescapedPart(letter, unit);
  if (named === null) return null;
  return letter === "f" ? pathOfNamePart(named.part) : unescapeUnitName(named.part);
}

/**
 * The value as a value check should see it: for a parser that expands specifiers, each one
 * replaced by a plausible expansion (`%i` → `x`, `%h` → `/home/x`, `%t` → `/run`, `%%` → `%`);
 * for one that does not, the value itself. Null when the value cannot be checked: a specifier
 * systemd cannot resolve (UL305 reports it), or a parser whose handling of `%` is unverified.
 * With the unit's name known (expandedNameOfFile()), the specifiers of its name are what it
 * gives them: `User=%i` in a plain unit is an empty user name, which systemd refuses, and
 * `ExecStart=/usr/bin/%p` in `my\x2dapp.service` runs a program with a backslash in its name.
 * With `opaque`, a name part that holds whitespace, ":", a quote or a backslash gets a placeholder
 * instead (for a check that would split or unescape it where systemd did so before expanding).
 */
export function withPlaceholders(parser: string, value: string, target: number, unit: UnitName | null = null, opaque = false): string | null {
  if (!value.includes("%")) return value;
  if (UNVERIFIED.has(parser)) return null;
  const exp = EXPANSIONS[parser];
  if (!exp || target < (exp.since ?? 0)) return value;
  let out = "";
  let from = 0;
  let bad = false;
  scan(exp, value, (at, next) => {
    if (next === undefined || (next !== "%" && !ALNUM.test(next))) return; // stays as written
    // A specifier systemd cannot resolve here (a deprecated one it still resolves) leaves nothing to check.
    const problem = next === "%" ? null : classify(next, exp.table, target, unit);
    if (problem !== null && problem.kind !== "deprecated") bad = true;
    const named = fromUnitName(next, unit);
    const usable = named !== null && !(opaque && SPLITS.test(named)) ? named : null;
    out += value.slice(from, at) + (next === "%" ? "%" : (usable ?? SPECIFIERS[next]?.placeholder ?? ""));
    from = at + 2;
  });
  return bad ? null : out + value.slice(from);
}
