/** Exact messages of the path value checks (src/model/values/paths.ts), and their version awareness. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { extractAll, extractFirstWord } from "../src/model/values/paths-words.js";
import { PATHS_CHECKS } from "../src/model/values/paths.js";

const check = (parser: string, value: string, target = 252, key?: string) => PATHS_CHECKS[parser]!(value, target, key);

/** UL304's messages for `lines` in a [Service] section, at systemd 252. */
function ul304(...lines: string[]): string[] {
  const text = `[Service]\nExecStart=/usr/sbin/webd\n${lines.join("\n")}\n`;
  return lintText(text, "x.service", { settings: { systemdVersion: 252 } })
    .findings.filter((f) => f.rule === "UL304")
    .map((f) => f.message);
}

describe("extract_first_word()", () => {
  it("unquotes anywhere in a word and keeps blanks inside quotes", () => {
    expect(extractAll(`/a"b c"d '/e f' /g`, { unquote: true })).toEqual({ words: ["/ab cd", "/e f", "/g"] });
    expect(extractAll(`"/a`, { unquote: true })).toEqual({ error: "quote" });
  });

  it("yields empty words between separators only without coalescing", () => {
    expect(extractAll("/a::/b:", { separators: ":", dontCoalesce: true })).toEqual({ words: ["/a", "", "/b", ""] });
    expect(extractAll("::/a::/b:", { separators: ":" })).toEqual({ words: ["/a", "/b"] });
  });

  it("decodes C escapes and escaped separators, and refuses unknown escapes and NUL", () => {
    const flags = { separators: ":", cunescape: true, unescapeSeparators: true };
    expect(extractAll("a\\x3ab\\:c:d\\101", flags)).toEqual({ words: ["a:b:c", "dA"] });
    expect(extractAll("a\\qb", flags)).toEqual({ error: "escape" });
    expect(extractAll("a\\x00", flags)).toEqual({ error: "escape" });
    expect(extractAll("a\\19", flags)).toEqual({ error: "escape" });
  });

  it("says where the next word starts", () => {
    expect(extractFirstWord("egress::/sys/fs/bpf/x", 0, { separators: ":" })).toEqual({ word: "egress", next: 8 });
    expect(extractFirstWord("egress", 0, { separators: ":" })).toEqual({ word: "egress", next: null });
  });
});

describe("single paths", () => {
  it("wants them absolute and normalized, within PATH_MAX and NAME_MAX", () => {
    expect(check("config_parse_unit_path_printf", "dev/tty1")).toEqual({ what: "is not an absolute path" });
    expect(check("config_parse_unit_path_printf", "/srv/../x")).toEqual({ what: 'is not normalized (it has a ".." component)' });
    expect(check("config_parse_unit_path_printf", `/${"x".repeat(256)}`)).toEqual({ what: "is too long for a path (at most 255 bytes per name, 4095 in all)" });
    expect(check("config_parse_unit_path_printf", "/srv/./a//b/")).toBeNull();
    expect(check("config_parse_path_spec", "/var/spool/*.job")).toBeNull();
    expect(check("config_parse_ip_filter_bpf_progs", "sys/fs/bpf/x")).toEqual({ what: "is not an absolute path" });
  });

  it("says that a bad RootDirectory=, RootImage= or RootVerity= fails the whole unit", () => {
    expect(ul304("RootDirectory=srv/root", "TTYPath=dev/tty1")).toEqual([
      "RootDirectory=srv/root is not an absolute path: systemd refuses to load the unit",
      "TTYPath=dev/tty1 is not an absolute path: systemd ignores it and keeps the default",
    ]);
  });

  it("reads a condition's | and ! prefixes in that order, without blanks", () => {
    expect(check("config_parse_unit_condition_path", "|!/etc/x")).toBeNull();
    expect(check("config_parse_unit_condition_path", "!|/etc/x")).toEqual({ what: 'has the path "|/etc/x", which is not an absolute path (only "|" then "!" may come before it)' });
    expect(check("config_parse_unit_condition_path", "etc/x")).toEqual({ what: "is not an absolute path" });
  });
});

describe("path lists", () => {
  it("names the entry that is wrong", () => {
    expect(ul304("ReadWritePaths=/var/lib/a tmp")).toEqual(['ReadWritePaths=/var/lib/a tmp has "tmp", which is not an absolute path: systemd ignores that entry and keeps the others']);
    expect(check("config_parse_namespace_path_strv", "-/a +/b -+/c")).toBeNull();
    expect(check("config_parse_namespace_path_strv", "+-/a")).toEqual({ what: "is not an absolute path" });
    expect(check("config_parse_unit_mounts_for", "/mnt/a b")).toEqual({ dropped: "entry", what: 'has "b", which is not an absolute path' });
    expect(check("config_parse_colon_separated_paths", "/usr/bin::/bin")).toEqual({ what: "has an empty path (e.g. two separators in a row), which systemd refuses" });
    expect(check("config_parse_unit_path_strv_printf", '"/run/a')).toEqual({ what: "has a quote that is never closed" });
  });

  it("checks BindPaths= sources, destinations and options", () => {
    expect(check("config_parse_bind_paths", "-/a:/b:norbind /c")).toBeNull();
    expect(check("config_parse_bind_paths", "/a:-/b")).toEqual({ what: 'has "-/b", which is not an absolute path (only the source may start with "-")' });
    expect(check("config_parse_bind_paths", "/a:/b:rbnd")).toEqual({ what: 'has the mount option "rbnd", but only "rbind" or "norbind" may follow the destination', meant: "rbind" });
  });

  it("checks TemporaryFileSystem= paths, not their mount options", () => {
    expect(check("config_parse_temporary_filesystems", "/run/a:bogus")).toBeNull();
    expect(check("config_parse_temporary_filesystems", "run/a:ro")).toEqual({ what: 'has "run/a", which is not an absolute path' });
  });
});

describe("exec directories", () => {
  it("wants relative paths outside private/", () => {
    expect(ul304("StateDirectory=/var/lib/foo")).toEqual(["StateDirectory=/var/lib/foo is an absolute path, but a relative one is expected: systemd ignores it and keeps the default"]);
    expect(check("config_parse_exec_directories", "foo private/x")).toEqual({ dropped: "entry", what: 'has "private/x", which is inside "private/", the directory systemd keeps for DynamicUser=' });
    expect(check("config_parse_exec_directories", ".")).toEqual({ what: 'is not normalized ("." alone names no directory)' });
  });

  it("reads SOURCE:LINK with C escapes since v250, and a plain name before", () => {
    expect(check("config_parse_exec_directories", "foo:/bar")).toEqual({ what: 'has "/bar", which is an absolute path, but a relative one is expected (the symlink after ":" is relative too)' });
    expect(check("config_parse_exec_directories", "foo:/bar", 249)).toBeNull();
    expect(check("config_parse_exec_directories", "a\\qb")).toEqual({ what: 'has a backslash escape systemd cannot decode (systemd.syntax(7) "Quoting": \\n, \\t, \\xNN, \\nnn, \\uNNNN, …)' });
    expect(check("config_parse_exec_directories", "a\\qb", 249)).toBeNull();
  });

  it("refuses a symlink for ConfigurationDirectory= only", () => {
    expect(check("config_parse_exec_directories", "webd webd.d:webd-conf", 252, "ConfigurationDirectory")).toEqual({ dropped: "entry", what: 'has "webd.d:webd-conf", which has a symlink after ":", which ConfigurationDirectory= does not take' });
    expect(check("config_parse_exec_directories", "webd:", 252, "ConfigurationDirectory")).toBeNull();
    expect(check("config_parse_exec_directories", "webd webd.d:webd-conf", 252, "StateDirectory")).toBeNull();
  });

  it("decodes escaped bytes and refuses those that are not UTF-8", () => {
    expect(check("config_parse_exec_directories", "caf\\xc3\\xa9")).toBeNull();
    expect(check("config_parse_exec_directories", "caf\\xe9")).toEqual({ what: "is not valid UTF-8 once its escapes are decoded" });
  });
});

describe("images", () => {
  it("knows 252's partition names and suggests the closest", () => {
    expect(check("config_parse_extension_images", "/a.raw:root:ro:usr-secondary-verity-sig:nosuid")).toBeNull();
    expect(check("config_parse_extension_images", "/a.raw:rooot:ro")).toEqual({ dropped: "options",
      what: 'names the partition "rooot", which systemd does not know (e.g. root, usr, home, srv, esp, xbootldr, swap, tmp, var, root-verity)',
      meant: "root",
    });
    expect(check("config_parse_root_image_options", "ro:nosuid")).toEqual(expect.objectContaining({ what: expect.stringContaining('names the partition "ro"') }));
  });

  it("needs MountImages= destinations and at most two fields per RootImageOptions= entry", () => {
    expect(check("config_parse_mount_images", "/a.raw")).toEqual({ what: "lacks the destination (SOURCE:DEST)" });
    expect(check("config_parse_mount_images", "/a.raw:/b /c.raw:d")).toEqual({ dropped: "entry", what: 'has "d", which is not an absolute path' });
    expect(check("config_parse_root_image_options", "root:ro:x")).toEqual({ what: 'has more than two ":"-separated fields (PARTITION:OPTIONS)' });
    expect(check("config_parse_root_image_options", "root::ro :ro")).toBeNull();
  });
});

describe("root hashes, BPF programs, log namespaces", () => {
  it("takes a path or enough hex digits for RootHash=", () => {
    expect(check("config_parse_exec_root_hash", "0123456789abcdef 0123456789ABCDEF")).toBeNull();
    expect(check("config_parse_exec_root_hash", "0123456789abcdef")).toEqual({ what: "is too short for a root hash (at least 32 hex digits, 16 bytes)" });
    expect(check("config_parse_exec_root_hash", "abc")).toEqual({ what: "is neither an absolute path nor a hex string (an even number of hex digits)" });
  });

  it("takes a path or strict base64: for RootHashSignature=", () => {
    expect(check("config_parse_exec_root_hash_sig", "base64:AAA= ")).toBeNull();
    expect(check("config_parse_exec_root_hash_sig", "base64:AB==")).toEqual({ what: 'has "base64:" followed by text that is not valid Base64' });
    expect(check("config_parse_exec_root_hash_sig", "AAAA")).toEqual({ what: 'is neither an absolute path nor "base64:" followed by the signature' });
  });

  it("wants BPFProgram= as TYPE:PATH with a known attach type", () => {
    expect(check("config_parse_bpf_foreign_program", "sock_ops:/sys/fs/bpf/x")).toBeNull();
    expect(check("config_parse_bpf_foreign_program", "/sys/fs/bpf/x")).toEqual({ what: "is not TYPE:PATH (e.g. egress:/sys/fs/bpf/egress-hook)" });
    expect(check("config_parse_bpf_foreign_program", "egres:/sys/fs/bpf/x")?.meant).toBe("egress");
  });

  it("wants a short, plain LogNamespace=", () => {
    expect(check("config_parse_log_namespace", "foo-bar_1.2:x@y")).toBeNull();
    expect(ul304("LogNamespace=foo bar")).toEqual(['LogNamespace=foo bar is not a valid log namespace (up to 222 letters, digits, ":", "_", ".", "-" or "@"): systemd ignores it and keeps the default']);
  });
});

describe("settings whose strings are checked later, not at load", () => {
  it("has no check for string conditions, security labels, What= or XAttr…=", () => {
    for (const parser of ["config_parse_unit_condition_string", "config_parse_exec_apparmor_profile", "config_parse_exec_selinux_context", "config_parse_exec_smack_process_label", "config_parse_mount_node", "config_parse_xattr"]) {
      expect(PATHS_CHECKS[parser]).toBeUndefined();
    }
    expect(lintText("[Unit]\nConditionFirstBoot=bogus\nConditionArchitecture=nonsense\n[Service]\nExecStart=/usr/sbin/webd\n", "x.service").findings.filter((f) => f.rule === "UL304")).toEqual([]);
  });
});
