/**
 * Value kinds: file system paths and the settings built from them — single paths, path lists,
 * `SOURCE[:DEST[:OPTIONS]]` bind mounts, image lists with partition mount options, exec
 * directories, path and condition prefixes, root hashes and their signatures, BPF programs and
 * log namespaces (systemd.exec(5), systemd.unit(5), systemd.path(5), systemd.resource-control(5)).
 *
 * Every path goes through path_simplify_and_warn() (src/shared/parse-helpers.c): it must be
 * absolute (or, for exec directories, relative), and after dropping "." and duplicate slashes it
 * must have no ".." and fit PATH_MAX with names of at most NAME_MAX bytes. Lists are split by
 * extract_first_word() (paths-words.ts); a bad entry is skipped, the others still count.
 *
 * Parsers that take any string at load time get no check: the Condition…=/Assert…= string
 * conditions (ConditionArchitecture=, ConditionVirtualization=, ConditionFirstBoot=, … are only
 * read when the condition is evaluated; systemd 252 loads `ConditionFirstBoot=bogus` silently),
 * AppArmorProfile=, SELinuxContext=, SmackProcessLabel= (a leading "-" only makes a missing
 * profile non-fatal), a mount unit's What= (config_parse_mount_node) and the socket XAttr…=
 * settings (v262; not known to 252, so not checked here).
 */
import { FATAL_PATHS } from "../fatal-settings.js";
import { suggest } from "../suggest.js";
import { extractAll, extractFirstWord, extractMany, type ExtractError, type ExtractFlags, printable, utf8Length, WHITESPACE } from "./paths-words.js";
import { asWritten, entryDropped, type ValueCheck, type ValueChecks, type ValueProblem } from "./types.js";

// Limits path_is_valid() enforces (linux/limits.h).
const NAME_MAX = 255;
const PATH_MAX = 4096;

type PathKind = "absolute" | "relative";

/** Why path_simplify_and_warn() refuses a path ("is not an absolute path", …), or null. */
function pathFault(path: string, kind: PathKind): string | null {
  const absolute = path.startsWith("/");
  if (kind === "absolute" && !absolute) return "is not an absolute path";
  if (kind === "relative" && absolute) return "is an absolute path, but a relative one is expected";
  const length = utf8Length(path);
  if (length === null) return "is not valid UTF-8 once its escapes are decoded";
  const names = path.split("/").filter((name) => name !== "" && name !== ".");
  if (length >= PATH_MAX || names.some((name) => (utf8Length(name) ?? 0) > NAME_MAX)) {
    return `is too long for a path (at most ${NAME_MAX} bytes per name, ${PATH_MAX - 1} in all)`;
  }
  if (names.includes("..")) return 'is not normalized (it has a ".." component)';
  if (!absolute && names.length === 0) return 'is not normalized ("." alone names no directory)';
  return null;
}

const problem = (what: string, meant?: string | null): ValueProblem => (meant ? { what, meant } : { what });

/**
 * What is wrong with one entry of a value: "is not an absolute path" when the entry is the whole
 * value, else "has "tmp", which is not an absolute path".
 */
function entry(value: string, text: string, fault: string): string {
  if (text === "") return "has an empty path (e.g. two separators in a row), which systemd refuses";
  const shown = printable(text);
  return shown === value ? fault : `has "${shown}", which ${fault}`;
}

/**
 * The fault of one entry of a list whose parser drops that entry (and, with "rest", the ones after
 * it) and keeps the others (test/oracle/list-items.test.ts); worded as entry() words it.
 */
function droppedEntry(value: string, text: string, fault: string, dropped: "entry" | "rest" = "entry"): ValueProblem {
  const what = entry(value, text, fault);
  return text === "" || !SEVERAL.test(value) ? { what } : { what, dropped };
}

/** Whether a value holds more than one whitespace-separated entry (a dropped one leaves others). */
const SEVERAL = /\S[ \t\n\r]+\S/;

const SYNTAX: Readonly<Record<ExtractError, string>> = {
  quote: "has a quote that is never closed",
  escape: 'has a backslash escape systemd cannot decode (systemd.syntax(7) "Quoting": \\n, \\t, \\xNN, \\nnn, \\uNNNN, …)',
};

/** A whole value that is one absolute path. */
const absolutePath: ValueCheck = (v) => {
  const fault = pathFault(v, "absolute");
  return fault ? problem(fault) : null;
};

/** RootDirectory=, TTYPath=, SourcePath=, …: one absolute path; for the root settings systemd refuses the unit. */
const unitPath: ValueCheck = (v, target, key) => {
  const fault = absolutePath(v, target);
  return fault && key !== undefined && FATAL_PATHS.has(key) ? { ...fault, refused: true } : fault;
};

/**
 * A list of words, each a path after an optional prefix (stripped by `unprefix`, before specifiers
 * are expanded by `expand` where the parser does it in that order); `dropped`: what the parser drops
 * of the list at an invalid entry (null: the whole value).
 */
const pathList =
  (flags: ExtractFlags, dropped: "entry" | "rest" | null, unprefix: (word: string) => string = (w) => w): ValueCheck =>
  (v, _target, _key, expand = asWritten) => {
    const split = extractAll(v, flags);
    if ("error" in split) return problem(SYNTAX[split.error]);
    for (const word of split.words) {
      const written = unprefix(word);
      const path = expand(written);
      const fault = pathFault(path, "absolute");
      const shown = path === written ? word : path;
      if (fault) return dropped ? droppedEntry(v, shown, fault, dropped) : problem(entry(v, shown, fault));
    }
    return null;
  };

const UNQUOTED_WORDS: ExtractFlags = { unquote: true };
/** The outer split of tuple lists: quotes go, backslashes stay for the inner split at ":". */
const TUPLES: ExtractFlags = { unquote: true, retainEscape: true };
/** The inner split of a tuple at ":" (runs of colons count as one). */
const COLON_FIELDS: ExtractFlags = { separators: ":", cunescape: true, unescapeSeparators: true };

/**
 * Condition…=/Assert…= path conditions (systemd.unit(5)): an optional "|" (trigger), then an
 * optional "!" (negate), then an absolute path — in that order, without spaces between.
 */
function conditionPath(v: string): ValueProblem {
  const path = v.replace(/^\|/, "").replace(/^!/, "");
  const fault = pathFault(path, "absolute");
  if (!fault) return null;
  return problem(path === v ? fault : `has the path "${path}", which ${fault} (only "|" then "!" may come before it)`);
}

/**
 * ReadWritePaths=, ReadOnlyPaths=, InaccessiblePaths=, ExecPaths=, NoExecPaths=, …
 * (systemd.exec(5)): absolute paths, each optionally prefixed by "-" (ignore if missing), then "+"
 * (relative to RootDirectory=).
 */
const namespacePaths = pathList(UNQUOTED_WORDS, "entry", (w) => w.replace(/^-/, "").replace(/^\+/, ""));

/**
 * BindPaths=, BindReadOnlyPaths= (systemd.exec(5)): SOURCE[:DEST[:OPTIONS]] separated by
 * whitespace; SOURCE may start with "-"; OPTIONS is "rbind" (default) or "norbind". Each ":" or
 * blank ends a field, so two in a row leave an empty path.
 */
const BIND_FIELD: ExtractFlags = { separators: `:${WHITESPACE}`, unquote: true, dontCoalesce: true };
const BIND_OPTIONS = ["rbind", "norbind"];

function bindPaths(v: string): ValueProblem {
  const endedByColon = (at: number | null) => at !== null && v[at - 1] === ":";
  let at: number | null = 0;
  for (;;) {
    const source = extractFirstWord(v, at, BIND_FIELD);
    if (source === null) return null;
    if ("error" in source) return problem(SYNTAX[source.error]);
    const sourceFault = pathFault(source.word.replace(/^-/, ""), "absolute");
    if (sourceFault) return droppedEntry(v, source.word, sourceFault);
    at = source.next;
    if (!endedByColon(at)) continue;
    const dest = extractFirstWord(v, at, BIND_FIELD);
    if (dest === null) return null;
    if ("error" in dest) return problem(SYNTAX[dest.error]);
    const destFault = pathFault(dest.word, "absolute");
    if (destFault) return droppedEntry(v, dest.word, dest.word.startsWith("-") ? `${destFault} (only the source may start with "-")` : destFault);
    at = dest.next;
    if (!endedByColon(at)) continue;
    const options = extractFirstWord(v, at, UNQUOTED_WORDS);
    if (options !== null && "error" in options) return problem(SYNTAX[options.error]);
    const option = options?.word ?? "";
    if (option !== "" && !BIND_OPTIONS.includes(option)) {
      return entryDropped(problem(`has the mount option "${option}", but only "rbind" or "norbind" may follow the destination`, suggest(option, BIND_OPTIONS))!, SEVERAL.test(v));
    }
    at = options?.next ?? null;
  }
}

/**
 * RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory=, ConfigurationDirectory=
 * (systemd.exec(5)): relative paths below /run, /var/lib, … that must not start with "private"
 * (DynamicUser='s own directory). Since v250 an entry is SOURCE[:LINK] with C escapes, LINK
 * again relative, and not for ConfigurationDirectory=; before, a colon was part of the name.
 */
const EXEC_DIRECTORY_LINKS_SINCE = 250;

function execDirectoryFault(path: string): string | null {
  const fault = pathFault(path, "relative");
  if (fault) return fault;
  return path.split("/").find((name) => name !== "" && name !== ".") === "private" ? 'is inside "private/", the directory systemd keeps for DynamicUser=' : null;
}

/** `expand`: specifiers, which systemd expands in SOURCE and LINK after it has split them. */
function execDirectories(v: string, target: number, key?: string, expand = asWritten): ValueProblem {
  const links = target >= EXEC_DIRECTORY_LINKS_SINCE;
  const split = extractAll(v, links ? TUPLES : UNQUOTED_WORDS);
  if ("error" in split) return problem(SYNTAX[split.error]);
  // A part that only specifiers fill can expand to nothing (%i in a unit that is not an instance).
  const faultOf = (written: string, path: string, fault: string | null) => (path === "" && written !== "" ? "is empty once its specifiers are expanded" : fault);
  for (const word of split.words) {
    if (!links) {
      const tuple = expand(word);
      const fault = faultOf(word, tuple, execDirectoryFault(tuple));
      if (fault) return droppedEntry(v, tuple || word, fault);
      continue;
    }
    const fields = extractMany(word, 0, 2, COLON_FIELDS);
    if ("error" in fields) return problem(SYNTAX[fields.error]);
    const [writtenSource, writtenLink] = fields.words;
    if (writtenSource === undefined) return problem(`has "${expand(word)}", which names no directory`);
    const source = expand(writtenSource);
    const fault = faultOf(writtenSource, source, execDirectoryFault(source));
    if (fault) return droppedEntry(v, source || writtenSource, fault);
    if (!writtenLink) continue;
    if (key === "ConfigurationDirectory") return droppedEntry(v, expand(word), 'has a symlink after ":", which ConfigurationDirectory= does not take');
    const link = expand(writtenLink);
    const relative = pathFault(link, "relative");
    const linkFault = faultOf(writtenLink, link, relative && `${relative} (the symlink after ":" is relative too)`);
    if (linkFault) return droppedEntry(v, link || writtenLink, linkFault);
  }
  return null;
}

/**
 * TemporaryFileSystem= (systemd.exec(5)): PATH[:OPTIONS] separated by whitespace; only the
 * absolute path is checked here, the mount options are read when the unit starts.
 */
function temporaryFileSystems(v: string): ValueProblem {
  const split = extractAll(v, UNQUOTED_WORDS);
  if ("error" in split) return problem(SYNTAX[split.error]);
  for (const word of split.words) {
    const path = extractFirstWord(word, 0, { separators: ":", dontCoalesce: true });
    if (path !== null && "error" in path) return problem(SYNTAX[path.error]);
    const fault = pathFault(path?.word ?? "", "absolute");
    if (fault) return droppedEntry(v, path?.word ?? "", fault);
  }
  return null;
}

/**
 * Partition names for image mount options (partition_designator_from_string(), gpt.c, as in
 * 252; systemd.exec(5) RootImageOptions=). Later versions dropped the "-secondary"/"-other"
 * variants; they are still accepted here, whatever the target.
 */
const PARTITIONS = new Set(
  ["root", "usr", "home", "srv", "esp", "xbootldr", "swap", "tmp", "var"].concat(
    ["root", "usr"].flatMap((p) => ["", "-secondary", "-other"].flatMap((v) => [`${p}${v}`, `${p}${v}-verity`, `${p}${v}-verity-sig`])),
  ),
);

/**
 * An unknown partition name, and what systemd drops for it (test/oracle/list-items.test.ts): an
 * image's partition options (the image stays), or that entry of RootImageOptions=.
 */
function partitionFault(name: string, dropped: "options" | "entry" | null): ValueProblem {
  if (PARTITIONS.has(name)) return null;
  const meant = suggest(name, PARTITIONS);
  const what = `names the partition "${name}", which systemd does not know (e.g. root, usr, home, srv, esp, xbootldr, swap, tmp, var, root-verity)`;
  return { what, ...(meant ? { meant } : {}), ...(dropped ? { dropped } : {}) };
}

/**
 * The PARTITION:OPTIONS pairs after an image's path(s) in MountImages= and ExtensionImages=: a
 * last lone field is the root partition's options.
 */
function partitionOptions(tuple: string, at: number | null): ValueProblem {
  for (;;) {
    const pair = extractMany(tuple, at, 2, COLON_FIELDS);
    if ("error" in pair) return problem(SYNTAX[pair.error]);
    if (pair.words.length < 2) return null;
    const fault = partitionFault(pair.words[0]!, "options");
    if (fault) return fault;
    at = pair.next;
  }
}

/**
 * MountImages= (systemd.exec(5)): SOURCE:DEST[:PARTITION:OPTIONS…] separated by whitespace;
 * SOURCE may start with "-"; both paths absolute.
 */
function mountImages(v: string): ValueProblem {
  const split = extractAll(v, TUPLES);
  if ("error" in split) return problem(SYNTAX[split.error]);
  for (const tuple of split.words) {
    const paths = extractMany(tuple, 0, 2, COLON_FIELDS);
    if ("error" in paths) return problem(SYNTAX[paths.error]);
    const [source, dest] = paths.words;
    if (source === undefined) continue;
    const fault = pathFault(source.replace(/^-/, ""), "absolute");
    if (fault) return droppedEntry(v, source, fault);
    if (!dest) return droppedEntry(v, tuple, "lacks the destination (SOURCE:DEST)");
    const destFault = pathFault(dest, "absolute");
    if (destFault) return droppedEntry(v, dest, destFault);
    const options = partitionOptions(tuple, paths.next);
    if (options) return options;
  }
  return null;
}

/**
 * ExtensionImages= (systemd.exec(5)): SOURCE[:PARTITION:OPTIONS…] separated by whitespace; SOURCE
 * may start with "-", taken before specifiers are expanded (`expand`).
 */
function extensionImages(v: string, _target?: number, _key?: string, expand = asWritten): ValueProblem {
  const split = extractAll(v, TUPLES);
  if ("error" in split) return problem(SYNTAX[split.error]);
  for (const tuple of split.words) {
    const source = extractFirstWord(tuple, 0, COLON_FIELDS);
    if (source === null) continue;
    if ("error" in source) return problem(SYNTAX[source.error]);
    const written = source.word.replace(/^-/, "");
    const path = expand(written);
    const fault = pathFault(path, "absolute");
    if (fault) return droppedEntry(v, path === written ? source.word : path, fault);
    const options = partitionOptions(tuple, source.next);
    if (options) return options;
  }
  return null;
}

/**
 * RootImageOptions= (systemd.exec(5)): [PARTITION:]OPTIONS separated by whitespace
 * (strv_split_colon_pairs(): a third field fails the whole value).
 */
function rootImageOptions(v: string): ValueProblem {
  const split = extractAll(v, TUPLES);
  if ("error" in split) return problem(SYNTAX[split.error]);
  const partitions: string[] = [];
  for (const tuple of split.words) {
    const pair = extractMany(tuple, 0, 2, COLON_FIELDS);
    if ("error" in pair) return problem(SYNTAX[pair.error]);
    if (pair.next !== null) return problem(entry(v, tuple, 'has more than two ":"-separated fields (PARTITION:OPTIONS)'));
    if (pair.words[1]) partitions.push(pair.words[0]!);
  }
  for (const name of partitions) {
    const fault = partitionFault(name, SEVERAL.test(v) ? "entry" : null);
    if (fault) return fault;
  }
  return null;
}

/**
 * RootHash= (systemd.exec(5)): an absolute path to a file, or the hash in hex (blanks allowed
 * between digits) of at least 16 bytes.
 */
const HEX_DIGITS = /^(?:[0-9a-fA-F]{2})+$/;
const BLANKS = /[ \t\n\r]/g;

function rootHash(v: string): ValueProblem {
  if (v.startsWith("/")) return null;
  const hex = v.replace(BLANKS, "");
  if (!HEX_DIGITS.test(hex)) return problem("is neither an absolute path nor a hex string (an even number of hex digits)");
  return hex.length < 32 ? problem("is too short for a root hash (at least 32 hex digits, 16 bytes)") : null;
}

/**
 * RootHashSignature= (systemd.exec(5)): an absolute path, or "base64:" and a PKCS#7 signature
 * in Base64 (blanks allowed), with correct "=" padding and no stray bits (unbase64mem()).
 */
const BASE64 = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function isBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  if (padding === 0) return true;
  // The last data character must not carry bits beyond the encoded bytes.
  const last = BASE64_ALPHABET.indexOf(text[text.length - padding - 1]!);
  return (last & (padding === 2 ? 0x0f : 0x03)) === 0;
}

function rootHashSignature(v: string): ValueProblem {
  if (v.startsWith("/")) return null;
  if (!v.startsWith("base64:")) return problem('is neither an absolute path nor "base64:" followed by the signature');
  return isBase64(v.slice("base64:".length).replace(BLANKS, "")) ? null : problem('has "base64:" followed by text that is not valid Base64');
}

/**
 * BPFProgram= (systemd.resource-control(5)): TYPE:PATH, TYPE one of the cgroup attach types
 * (bpf_cgroup_attach_type_table, bpf-program.c), PATH absolute (a pinned program in /sys/fs/bpf).
 */
const BPF_ATTACH_TYPES = [
  "ingress", "egress", "sock_create", "sock_ops", "device", "bind4", "bind6", "connect4", "connect6", "post_bind4",
  "post_bind6", "sendmsg4", "sendmsg6", "sysctl", "recvmsg4", "recvmsg6", "getsockopt", "setsockopt",
];

function bpfForeignProgram(v: string): ValueProblem {
  const type = extractFirstWord(v, 0, { separators: ":" });
  if (type !== null && "error" in type) return problem(SYNTAX[type.error]);
  if (type === null || type.next === null) return problem("is not TYPE:PATH (e.g. egress:/sys/fs/bpf/egress-hook)");
  if (!BPF_ATTACH_TYPES.includes(type.word)) {
    return problem(`has the attach type "${type.word}", which is not one of ${BPF_ATTACH_TYPES.join(", ")}`, suggest(type.word, BPF_ATTACH_TYPES));
  }
  const path = v.slice(type.next);
  const fault = pathFault(path, "absolute");
  return fault ? problem(entry(v, path, fault)) : null;
}

/**
 * LogNamespace= (systemd.exec(5); log_namespace_name_valid()): a name usable as a file name and
 * unit instance — letters, digits, ":", "_", ".", "-" and "@" — of at most 222 characters, not
 * "." or "..".
 */
const LOG_NAMESPACE = /^[A-Za-z0-9:_.@-]{1,222}$/;

function logNamespace(v: string): ValueProblem {
  return LOG_NAMESPACE.test(v) && v !== "." && v !== ".."
    ? null
    : problem('is not a valid log namespace (up to 222 letters, digits, ":", "_", ".", "-" or "@")');
}

export const PATHS_CHECKS: ValueChecks = {
  // RootDirectory=, RootImage=, TTYPath=, NetworkNamespacePath=, SourcePath=, … (systemd.exec(5), systemd.unit(5)).
  config_parse_unit_path_printf: unitPath,
  // PathExists=, PathChanged=, DirectoryNotEmpty=, … (systemd.path(5)).
  config_parse_path_spec: absolutePath,
  // IPIngressFilterPath=, IPEgressFilterPath= (systemd.resource-control(5)): one pinned program per assignment.
  config_parse_ip_filter_bpf_progs: absolutePath,
  config_parse_unit_condition_path: conditionPath,
  config_parse_namespace_path_strv: namespacePaths,
  // Symlinks= (systemd.socket(5)), RequiresMountsFor=, WantsMountsFor= (systemd.unit(5)): quoted absolute paths.
  config_parse_unit_path_strv_printf: pathList(UNQUOTED_WORDS, "rest"),
  config_parse_unit_mounts_for: pathList(UNQUOTED_WORDS, "entry"),
  // ExecSearchPath= (systemd.exec(5)): absolute paths separated by ":" (no quoting; "::" is an empty path).
  config_parse_colon_separated_paths: pathList({ separators: ":", dontCoalesce: true }, null),
  config_parse_bind_paths: bindPaths,
  config_parse_exec_directories: execDirectories,
  config_parse_temporary_filesystems: temporaryFileSystems,
  config_parse_mount_images: mountImages,
  config_parse_extension_images: extensionImages,
  config_parse_root_image_options: rootImageOptions,
  config_parse_exec_root_hash: rootHash,
  config_parse_exec_root_hash_sig: rootHashSignature,
  config_parse_bpf_foreign_program: bpfForeignProgram,
  config_parse_log_namespace: logNamespace,
};
