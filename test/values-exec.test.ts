/** Exact messages of the exec-family value checks (src/model/values/exec.ts), their word splitting, and version awareness. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { cEscape, nextWord, unknownEscapeIn } from "../src/model/values/exec-words.js";
import { EXEC_CHECKS } from "../src/model/values/exec.js";

const check = (parser: string, value: string, target = 252) => EXEC_CHECKS[parser]!(value, target);

/** UL304's messages for `lines` in a oneshot [Service] section, at systemd 252. */
function ul304(...lines: string[]): string[] {
  const text = `[Service]\nType=oneshot\nExecStart=/usr/sbin/webd\n${lines.join("\n")}\n`;
  return lintText(text, "x.service", { settings: { systemdVersion: 252 } })
    .findings.filter((f) => f.rule === "UL304")
    .map((f) => f.message);
}

const words = (s: string) => {
  const out: unknown[] = [];
  for (let at = 0; ; ) {
    const w = nextWord(s, at, "c-escape");
    if (w === null || "unbalanced" in w) return w ? [...out, "unbalanced"] : out;
    out.push(w.unknownEscape ? [w.text, w.unknownEscape] : w.text);
    at = w.end;
  }
};

describe("extract_first_word() with C escapes", () => {
  it("unquotes anywhere in a word and resolves the escapes of systemd.syntax(7)", () => {
    expect(words(`/bin/"tr"ue "a b" 'c d'  \\x41\\s\\u00e4\\101`)).toEqual(["/bin/true", "a b", "c d", "A äA"]);
    expect(words(`a "b`)).toEqual(["a", "unbalanced"]);
  });

  it("keeps an unknown escape verbatim, as the relaxed retry does", () => {
    expect(words("\\q \\x00 \\x4g \\400 \\U0010ffff")).toEqual([
      ["\\q", "\\q"],
      ["\\x00", "\\x00"],
      ["\\x4g", "\\x4"],
      ["\\400", "\\400"],
      ["\\U0010ffff", "\\U0010ffff"],
    ]);
    expect(cEscape("U0001F600", 0)).toEqual({ char: "😀", length: 9 });
    expect(unknownEscapeIn("a\\\\b\\nc\\d")).toBe("\\d");
  });

  it("knows whether escaped bytes make UTF-8", () => {
    const utf8 = (s: string) => (nextWord(s, 0, "c-escape") as { utf8: boolean }).utf8;
    expect([utf8("\\xc3\\xa4"), utf8("\\xff"), utf8("\\ud800"), utf8("\\uffff"), utf8("\\xef\\xbf\\xbe"), utf8("ä")]).toEqual([true, false, false, false, false, true]);
  });
});

describe("messages", () => {
  it("quote a long value and a long word only in part", () => {
    const words = Array.from({ length: 50 }, (_, i) => `A${i}=1`).join(" ");
    const [message] = ul304(`Environment=${words} ${"b".repeat(500)}`);
    expect(message).toBe(`Environment=${words.slice(0, 100)}… sets "${"b".repeat(100)}…", which is not NAME=value: systemd ignores that entry and keeps the others`);
  });
});

describe("command lines", () => {
  it("accepts prefixes in any order systemd takes them, bare names, several commands and \\;", () => {
    for (const v of ["-@:+/bin/echo echo x", "!!-/bin/true", "!-!/bin/true", "true", "/bin/true ; /bin/false", "; /bin/true ;", "/usr/bin/find . -exec x {} \\;", "/bin/echo $A ${B} $$"]) {
      expect(check("config_parse_exec", v), v).toBeNull();
    }
  });

  it("refuses the unit for a program systemd cannot take, unless the command has the - prefix", () => {
    expect(check("config_parse_exec", "bin/foo --x")).toEqual({
      what: 'runs "bin/foo", which is not an absolute path or a program name systemd can search for (systemd searches only plain names; a path must start with "/")',
      refused: true,
    });
    expect(check("config_parse_exec", "-bin/foo")).toEqual({ what: expect.stringContaining('runs "bin/foo"') });
    expect(check("config_parse_exec", "+!/bin/true")).toEqual({
      what: 'runs "!/bin/true", which is not an absolute path or a program name systemd can search for (prefixes are "-", "@", ":" and one of "+", "!", "!!", each at most once)',
      refused: true,
    });
    expect(check("config_parse_exec", "/usr/bin/")).toEqual({ what: 'runs "/usr/bin/", which ends in "/" (a directory, not a program)', refused: true });
    expect(check("config_parse_exec", "/bin/a\\tb")).toEqual({ what: 'runs "/bin/a\\tb", which contains a quote, backslash or control character', refused: true });
    expect(check("config_parse_exec", "@/bin/true")).toEqual({ what: 'uses "@" but has no argv[0] after the program ("@/path/to/program name args…")', refused: true });
    expect(check("config_parse_exec", "-@")).toEqual({ what: "has no program after its prefixes" });
    expect(check("config_parse_exec", '"" x')).toEqual({ what: "has an empty program name", refused: true });
    // The second command has no "-" of its own.
    expect(check("config_parse_exec", "-/bin/true ; bin/x")).toEqual({ what: expect.stringContaining('runs "bin/x"'), refused: true });
  });

  it("refuses an unbalanced quote after the first word, and only ignores one in it", () => {
    expect(check("config_parse_exec", '/bin/echo "a')).toEqual({ what: 'has a quote (" or \') that is never closed', refused: true });
    expect(check("config_parse_exec", '-/bin/echo "a')).toEqual({ what: 'has a quote (" or \') that is never closed' });
    expect(check("config_parse_exec", '"/bin/echo a')).toEqual({ what: 'has a quote (" or \') that is never closed' });
  });

  it("warns about an unknown escape in an argument, which systemd keeps verbatim", () => {
    const what = 'has the unknown escape "\\d" (systemd.syntax(7) lists \\n \\t \\s \\xNN \\NNN \\uNNNN …; write "\\\\" for a backslash)';
    expect(check("config_parse_exec", "/bin/grep -E \\d+")).toEqual({ what, effect: "systemd warns and keeps the backslash as written" });
    const finding = lintText("[Service]\nExecStart=/bin/grep -E \\d+\n", "x.service", { settings: { systemdVersion: 252 } }).findings.find((f) => f.rule === "UL304");
    expect([finding?.severity, finding?.message]).toEqual(["warning", `ExecStart=/bin/grep -E \\d+ ${what}: systemd warns and keeps the backslash as written`]);
    // In the program it also leaves a backslash there, which systemd refuses.
    expect(check("config_parse_exec", "/bin/t\\qrue")).toEqual({ what: 'runs "/bin/t\\qrue", which contains a quote, backslash or control character', refused: true });
  });

  it("knows when prefixes and bare names arrived", () => {
    expect(check("config_parse_exec", "|/bin/sh -c x")).toEqual({ what: 'uses the "|" prefix, which needs systemd ≥ 258', refused: true });
    expect(check("config_parse_exec", "|echo hi", 258)).toBeNull();
    // 252 takes "|true" as a program name to search for.
    expect(check("config_parse_exec", "|true")).toBeNull();
    expect(check("config_parse_exec", ":/bin/echo $X", 241)).toEqual({ what: 'uses the ":" prefix, which needs systemd ≥ 242', refused: true });
    expect(check("config_parse_exec", "+/bin/true", 230)).toEqual({ what: 'uses the "+" prefix, which needs systemd ≥ 231', refused: true });
    expect(check("config_parse_exec", "true", 238)).toEqual({ what: 'runs "true" by name, which needs systemd ≥ 239 (older versions want an absolute path)', refused: true });
  });

  it("says in UL304's words whether systemd refuses the unit or ignores the line", () => {
    expect(ul304("ExecStartPre=./prepare", "ExecStartPost=-./cleanup")).toEqual([
      'ExecStartPre=./prepare runs "./prepare", which is not an absolute path or a program name systemd can search for (systemd searches only plain names; a path must start with "/"): systemd refuses to load the unit',
      'ExecStartPost=-./cleanup runs "./cleanup", which is not an absolute path or a program name systemd can search for (systemd searches only plain names; a path must start with "/"): systemd ignores it and keeps the default',
    ]);
  });
});

describe("environment settings", () => {
  it("wants NAME=value words with valid names and UTF-8 values in Environment=", () => {
    expect(check("config_parse_environ", `"A=1 2" B='x y' C= D=\\xc3\\xa4`)).toBeNull();
    expect(check("config_parse_environ", "A=1 1B=2")).toEqual({ dropped: "entry", what: 'sets "1B=2", which is not NAME=value with a valid name (letters, digits and "_", not starting with a digit)' });
    expect(check("config_parse_environ", "A=\\xff")).toEqual({ what: 'sets "A=\ufffd", which is not NAME=value with a UTF-8 value' });
    expect(check("config_parse_environ", "A=it's")).toEqual({ what: 'has a quote (" or \') that is never closed' });
    expect(check("config_parse_environ", "A=\\q")).toEqual({ what: expect.stringMatching(/^has the unknown escape "\\q"/) });
  });

  it("wants names in PassEnvironment=, names or assignments in UnsetEnvironment=", () => {
    expect(check("config_parse_pass_environ", `LANG "TERM" A\\x41`)).toBeNull();
    expect(check("config_parse_pass_environ", "LC-ALL")).toEqual({ what: 'names "LC-ALL", which is not a variable name (letters, digits and "_", not starting with a digit)' });
    expect(check("config_parse_unset_environ", "TMPDIR A=1")).toBeNull();
    expect(check("config_parse_unset_environ", "A-B")).toEqual({ what: 'names "A-B", which is not a variable name (letters, digits and "_", not starting with a digit) or NAME=value' });
    expect(check("config_parse_unset_environ", "1A=2")).toEqual({
      what: 'names "1A=2", which is neither a variable name nor NAME=value with a valid name (letters, digits and "_", not starting with a digit)',
    });
    expect(check("config_parse_environ", "A=1 junk")).toEqual({ dropped: "entry", what: 'sets "junk", which is not NAME=value' });
  });

  it("wants an absolute, normalized EnvironmentFile= path after an optional -", () => {
    expect(check("config_parse_unit_env_file", "-/etc/default/x")).toBeNull();
    expect(check("config_parse_unit_env_file", "etc/default/x")).toEqual({ what: 'is not an absolute path (optionally prefixed with "-")' });
    expect(check("config_parse_unit_env_file", '"/etc/default/x"')).toEqual({ what: 'is not an absolute path (optionally prefixed with "-")', meant: "/etc/default/x" });
    expect(check("config_parse_unit_env_file", "/etc/../x")).toEqual({ what: 'is not normalized (it has a ".." component)' });
  });
});

describe("paths of the execution context", () => {
  it("refuses the unit for a WorkingDirectory= that is not ~ or absolute, unless it has the - prefix", () => {
    expect(check("config_parse_working_directory", "-~")).toBeNull();
    expect(check("config_parse_working_directory", "~/src")).toEqual({ what: 'is not an absolute path or "~" (optionally prefixed with "-")', refused: true });
    expect(check("config_parse_working_directory", "-srv")).toEqual({ what: 'is not an absolute path or "~" (optionally prefixed with "-")' });
    expect(check("config_parse_working_directory", '"/srv"')).toEqual({ what: 'is not an absolute path or "~" (optionally prefixed with "-")', meant: "/srv", refused: true });
  });

  it("takes a relative PIDFile= below /run and refuses the unit when it does not normalize", () => {
    expect(check("config_parse_pid_file", "webd.pid")).toBeNull();
    expect(check("config_parse_pid_file", "../webd.pid")).toEqual({ what: 'is not normalized (it has a ".." component)', refused: true });
  });
});

describe("standard input, log fields, documentation, reboot arguments", () => {
  it("decodes StandardInputText= escapes and StandardInputData= base64 strictly", () => {
    expect(check("config_parse_exec_input_text", "it's \"fine\"\\n")).toBeNull();
    expect(check("config_parse_exec_input_text", "C:\\Users")).toEqual({ what: expect.stringMatching(/^has the unknown escape "\\U" /) });
    expect(check("config_parse_exec_input_data", "aGVs bG8=")).toBeNull();
    for (const v of ["aGVsbG8", "aGVsbB==", "a-_b", "Zg==Zg=="]) {
      expect(check("config_parse_exec_input_data", v), v).toEqual({ what: 'is not base64 (A–Z, a–z, 0–9, "+" and "/" in groups of four, "=" padding only at the end)' });
    }
  });

  it("wants LogExtraFields= as FIELD=value with journal field names", () => {
    expect(check("config_parse_log_extra_fields", `COMPONENT=webd "NOTE=a b"`)).toBeNull();
    expect(check("config_parse_log_extra_fields", "component=webd")).toEqual({
      what: 'has "component=webd", whose field name is not 1–64 of A–Z, 0–9 and "_" starting with a letter',
      meant: "COMPONENT=webd",
    });
    expect(check("config_parse_log_extra_fields", "_PID=1")).toEqual({ what: 'has "_PID=1", whose field name is not 1–64 of A–Z, 0–9 and "_" starting with a letter' });
    expect(check("config_parse_log_extra_fields", "NOTE")).toEqual({ what: 'has "NOTE", which is not FIELD=value' });
  });

  it("takes the documentation URI schemes 252 takes and suggests the one meant", () => {
    expect(check("config_parse_documentation", "man:webd(8) https://x.org file:/usr/share/doc/webd info:webd")).toBeNull();
    const what = (item: string) => `lists "${item}", which is not a URI systemd accepts (http://, https://, file:/, man: or info:, then ASCII text)`;
    expect(check("config_parse_documentation", "www.example.org")).toEqual({ what: what("www.example.org"), meant: "https://www.example.org" });
    expect(check("config_parse_documentation", "HTTPS://x.org")).toEqual({ what: what("HTTPS://x.org"), meant: "https://x.org" });
    expect(check("config_parse_documentation", "systemd.exec(5)")).toEqual({ what: what("systemd.exec(5)"), meant: "man:systemd.exec(5)" });
    expect(check("config_parse_documentation", "man:x ftp://x.org")).toEqual({ dropped: "entry", what: what("ftp://x.org") });
    expect(check("config_parse_documentation", "file:/")).toEqual({ what: what("file:/") });
  });

  it("wants reboot arguments ASCII and at most 255 characters", () => {
    expect(check("config_parse_reboot_parameter", "0 recovery")).toBeNull();
    expect(check("config_parse_reboot_parameter", "ré")).toEqual({ what: "is not ASCII" });
    expect(check("config_parse_reboot_parameter", "x".repeat(256))).toEqual({ what: "is longer than 255 characters" });
  });

  it("has no check for parsers that take any string", () => {
    expect(EXEC_CHECKS.config_parse_unit_string_printf).toBeUndefined();
    expect(EXEC_CHECKS.config_parse_string).toBeUndefined();
  });
});
