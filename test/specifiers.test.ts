/** Specifiers: the model (src/model/specifiers.ts), UL305's messages and spans, and UL304 on values with `%`. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { findSpecifierProblems, knownSpecifiers, SPECIFIERS, specifierTable, withPlaceholders } from "../src/model/specifiers.js";
import { expandedNameOfFile, parseUnitName } from "../src/model/unit-name.js";

const FULL_252 = "%a %A %b %B %C %d %E %f %g %G %h %H %i %I %j %J %l %L %m %M %n %N %o %p %P %q %s %S %t %T %u %U %v %V %w %W %y %Y";
const NAME_252 = "%a %A %b %B %g %G %H %i %j %l %m %M %n %N %o %p %q %u %U %v %w %W";

/** [kind, letter, start, effect] of each problem. */
function problems(parser: string, key: string, value: string, target = 252) {
  return findSpecifierProblems(parser, key, value, target).map((p) => [p.kind, p.letter, p.start, p.effect]);
}

function findings(text: string, systemdVersion = 252, file = "x@y.service") {
  return lintText(text, file, { settings: { systemdVersion } })
    .findings.filter((f) => f.rule === "UL305" || f.rule === "UL304")
    .map((f) => [f.rule, f.severity, f.line, f.column, f.endColumn, f.message]);
}

describe("specifier catalog", () => {
  it("knows the tables of systemd 252, and the releases specifiers arrived in", () => {
    expect(knownSpecifiers("full", 252)).toBe(FULL_252);
    expect(knownSpecifiers("name", 252)).toBe(NAME_252);
    expect(knownSpecifiers("full", 262)).toBe(FULL_252.replace("%d ", "%d %D "));
    expect(knownSpecifiers("full", 236)).toBe("%b %C %f %h %H %i %I %L %m %n %N %p %P %s %S %t %u %U %v");
    expect(Object.fromEntries(["S", "E", "g", "a", "M", "y", "d", "D"].map((l) => [l, SPECIFIERS[l]!.since]))).toEqual({ S: 236, E: 239, g: 240, a: 246, M: 249, y: 251, d: 251, D: 256 });
  });

  it("knows which parsers expand specifiers, with which table and from which release", () => {
    expect(specifierTable("config_parse_exec", 252)).toBe("full");
    expect(specifierTable("config_parse_unit_deps", 252)).toBe("name");
    expect(specifierTable("NULL", 252)).toBe("name");
    expect(specifierTable("config_parse_cpu_quota", 252)).toBeNull();
    expect(specifierTable("config_parse_exec_cpu_affinity", 248)).toBeNull();
    expect(specifierTable("config_parse_exec_cpu_affinity", 249)).toBe("full");
  });
});

describe("findSpecifierProblems", () => {
  it("returns nothing without a %, or for parsers that keep % as it is", () => {
    expect(findSpecifierProblems("config_parse_exec", "ExecStart", "/bin/true", 252)).toBe(findSpecifierProblems("config_parse_bool", "PrivateTmp", "x%Z", 252));
    expect(problems("config_parse_cpu_quota", "CPUQuota", "50%Z")).toEqual([]);
  });

  it("reads %% as a literal, leaves % before other characters and at the end alone, and refuses letters and digits it does not know", () => {
    expect(problems("config_parse_unit_string_printf", "Description", "100%% %%Z 50% %- % x%")).toEqual([]);
    expect(problems("config_parse_unit_string_printf", "Description", "%%%Z %1 %i%D")).toEqual([
      ["unknown", "Z", 2, "ignored"],
      ["unknown", "1", 5, "ignored"],
      ["too-new", "D", 10, "ignored"],
    ]);
  });

  it("knows the smaller table of unit names, and the deprecated %c %r %R", () => {
    expect(problems("config_parse_unit_deps", "After", "a-%i.service b-%h.service c-%n")).toEqual([["not-here", "h", 15, "ignored-item"]]);
    expect(problems("config_parse_unit_deps", "After", "a-%c.service")).toEqual([["not-here", "c", 2, "ignored-item"]]);
    expect(problems("config_parse_unit_string_printf", "Description", "%c %r %R")).toEqual([
      ["deprecated", "c", 0, "ignored"],
      ["deprecated", "r", 3, "ignored"],
      ["deprecated", "R", 6, "ignored"],
    ]);
    expect(problems("config_parse_unit_string_printf", "Description", "%c", 251)).toEqual([]);
  });

  it("says what systemd does: refuse the unit, ignore the setting, the item or the command, or fail systemctl enable", () => {
    expect(problems("config_parse_exec", "ExecStart", "/bin/echo %F")).toEqual([["unknown", "F", 10, "refused"]]);
    expect(problems("config_parse_exec", "ExecStart", "-/bin/echo %F")).toEqual([["unknown", "F", 11, "ignored-command"]]);
    expect(problems("config_parse_exec", "ExecStart", "@-/bin/echo %F ; /bin/echo %F ; -/bin/b %k")).toEqual([
      ["unknown", "F", 12, "ignored-command"],
      ["unknown", "F", 27, "refused"],
      ["unknown", "k", 40, "ignored-command"],
    ]);
    expect(problems("config_parse_unit_path_printf", "RootDirectory", "/srv/%Z")).toEqual([["unknown", "Z", 5, "refused"]]);
    expect(problems("config_parse_unit_path_printf", "TTYPath", "/dev/%Z")).toEqual([["unknown", "Z", 5, "ignored"]]);
    expect(problems("config_parse_working_directory", "WorkingDirectory", "/srv/%Z")).toEqual([["unknown", "Z", 5, "refused"]]);
    expect(problems("config_parse_working_directory", "WorkingDirectory", "-/srv/%Z")).toEqual([["unknown", "Z", 6, "ignored"]]);
    expect(problems("config_parse_user_group_compat", "User", "%Z")).toEqual([["unknown", "Z", 0, "refused"]]);
    expect(problems("config_parse_environ", "Environment", "A=1 B=%Z")).toEqual([["unknown", "Z", 6, "ignored-item"]]);
    expect(problems("NULL", "WantedBy", "x-%t.target")).toEqual([["not-here", "t", 2, "enable-fails"]]);
    expect(problems("config_parse_unit_string_printf", "Description", "%Z %E", 235)).toEqual([
      ["unknown", "Z", 0, "literal"],
      ["too-new", "E", 3, "literal"],
    ]);
  });

  it("looks only at the parts a parser expands", () => {
    expect(problems("config_parse_exec_output", "StandardOutput", "append:/var/log/%Z.log")).toEqual([["unknown", "Z", 16, "ignored"]]);
    expect(problems("config_parse_exec_output", "StandardOutput", "journal%Z")).toEqual([]);
    expect(problems("config_parse_exec_input", "StandardInput", "fd:x%Z")).toEqual([["unknown", "Z", 4, "ignored"]]);
    expect(problems("config_parse_set_credential", "SetCredential", "id%Z:data %Z")).toEqual([["unknown", "Z", 2, "ignored"]]);
    expect(problems("config_parse_set_credential", "SetCredential", "id%Z")).toEqual([]);
    expect(problems("config_parse_temporary_filesystems", "TemporaryFileSystem", "/a%Z:mode=%Z /b:%Z")).toEqual([["unknown", "Z", 2, "ignored-item"]]);
    expect(problems("config_parse_bind_paths", "BindPaths", "/a:/b%Z:rbind%Z")).toEqual([["unknown", "Z", 5, "ignored-item"]]);
    expect(problems("config_parse_io_limit", "IOReadBandwidthMax", "/dev/%Z 1%Z")).toEqual([["unknown", "Z", 5, "ignored"]]);
    expect(problems("config_parse_bpf_foreign_program", "BPFProgram", "egress%Z:/sys/fs/bpf/%Z")).toEqual([["unknown", "Z", 21, "ignored"]]);
  });
});

describe("withPlaceholders", () => {
  it("puts plausible expansions in place of the specifiers a parser expands", () => {
    expect(withPlaceholders("config_parse_exec", "/bin/echo %i %h %t %n 100%% 50% %-", 252)).toBe("/bin/echo x /home/x /run x.service 100% 50% %-");
    expect(withPlaceholders("config_parse_exec_output", "append:%L/%N.log%%", 252)).toBe("append:/var/log/x.log%");
    expect(withPlaceholders("config_parse_exec_output", "journal%%", 252)).toBe("journal%%");
    expect(withPlaceholders("config_parse_unit_string_printf", "%c", 252)).toBe("/system.slice/x.service");
  });

  it("keeps the value of a parser that does not expand specifiers, and gives up on ones it cannot resolve", () => {
    expect(withPlaceholders("config_parse_cpu_quota", "50%", 252)).toBe("50%");
    expect(withPlaceholders("config_parse_exec", "/bin/true", 252)).toBe("/bin/true");
    expect(withPlaceholders("config_parse_exec", "/bin/echo %F", 252)).toBeNull();
    expect(withPlaceholders("config_parse_unit_deps", "%h.service", 252)).toBeNull();
    expect(withPlaceholders("config_parse_exec", "/bin/echo %D", 255)).toBeNull();
    expect(withPlaceholders("config_parse_exec", "/bin/echo %D", 256)).toBe("/bin/echo /usr/share");
    expect(withPlaceholders("config_parse_xattr", "user.x=%i", 262)).toBeNull();
  });

  it("puts the unit's name and instance for %n %N %p %P %j %J %i and %I when the unit is known", () => {
    const named = (name: string) => parseUnitName(name);
    expect(withPlaceholders("config_parse_user_group_compat", "%i", 252, named("web.service"))).toBe("");
    expect(withPlaceholders("config_parse_exec", "/bin/echo %i %I %n %N %p %j %%i %u", 252, named("web@a.service"))).toBe("/bin/echo a a web@a.service web@a web web %i x");
    // %j is the prefix's last "-"-separated part; %p ignores the instance's dashes.
    expect(withPlaceholders("config_parse_exec", "/bin/echo %p %j", 252, named("my-web-app@x-y.service"))).toBe("/bin/echo my-web-app app");
    expect(withPlaceholders("config_parse_exec", "/usr/bin/%p %j", 252, named("my\\x2dapp.service"))).toBe("/usr/bin/my\\x2dapp my\\x2dapp");
    // %I is the instance unescaped ("-" is "/", \xNN that byte); one that cannot be unescaped leaves nothing to check (UL305 says why).
    expect(withPlaceholders("config_parse_exec", "/bin/echo %i %I", 252, named("w@a\\x2db-c.service"))).toBe("/bin/echo a\\x2db-c a-b/c");
    expect(withPlaceholders("config_parse_exec", "/bin/echo %i %I", 252, named("w@a\\q.service"))).toBeNull();
    expect(withPlaceholders("config_parse_exec", "/bin/echo %i", 252, named("w@a\\q.service"))).toBe("/bin/echo a\\q");
    // %P and %J unescape the prefix and its last part; a part with a "\\" that is no \\xNN escape leaves nothing to check.
    expect(withPlaceholders("config_parse_exec", "/bin/echo %P %J", 252, named("a-b\\x2dc@x.service"))).toBe("/bin/echo a/b-c b-c");
    expect(withPlaceholders("config_parse_exec", "/bin/echo %P", 252, named("a\\q.service"))).toBeNull();
    // %f is the instance, or the prefix of a unit that is none, as a path; one that is no escaped path leaves nothing to check.
    expect(withPlaceholders("config_parse_exec", "/bin/echo %f", 252, named("fsck@dev-sda1.service"))).toBe("/bin/echo /dev/sda1");
    expect(withPlaceholders("config_parse_exec", "/bin/echo %f", 252, named("srv-my\\x2ddata.service"))).toBe("/bin/echo /srv/my-data");
    expect(withPlaceholders("config_parse_exec", "/bin/echo %f", 252, named("fsck@-.service"))).toBe("/bin/echo /");
    for (const name of ["fsck@-dev.service", "fsck@dev-.service", "fsck@a-..-b.service", "a-\\x2e.service"]) expect(withPlaceholders("config_parse_exec", "/bin/echo %f", 252, named(name)), name).toBeNull();
    // Unknown (a template's or a type-level drop-in's settings): placeholders.
    expect(withPlaceholders("config_parse_exec", "/bin/echo %i %n", 252, null)).toBe("/bin/echo x x.service");
  });

  it("knows the unit a file's specifiers expand with from its name or its drop-in directory's, and not for templates or shared drop-ins", () => {
    const nameOf = (file: string, role: "unit" | "dropin") => expandedNameOfFile(`/etc/systemd/system/${file}`, role)?.name ?? null;
    expect(nameOf("web.service", "unit")).toBe("web.service");
    expect(nameOf("getty@tty1.service", "unit")).toBe("getty@tty1.service");
    expect(nameOf("getty@.service", "unit")).toBeNull();
    expect(nameOf("web.service.d/x.conf", "dropin")).toBe("web.service");
    expect(nameOf("getty@tty1.service.d/x.conf", "dropin")).toBe("getty@tty1.service");
    // An instance's directory is never a prefix drop-in, even when its name ends in "-".
    expect(nameOf("getty@tty-.service.d/x.conf", "dropin")).toBe("getty@tty-.service");
    for (const dir of ["getty@.service.d", "web-.service.d", "service.d"]) expect(nameOf(`${dir}/x.conf`, "dropin"), dir).toBeNull();
  });
});

describe("UL305 unknown-specifier", () => {
  it("names the specifier, what the setting takes, and what systemd does", () => {
    const unit = [
      "[Unit]",
      "Description=100%F done",
      "After=a-%h.service",
      "Wants=x%D.service",
      "[Service]",
      "ExecStart=/bin/sh -c 'date +%F'",
      "ExecStartPre=-/bin/echo %e",
      "Environment=CG=%c",
      "[Install]",
      "WantedBy=multi-user.target",
      "Alias=x-%t.service",
      "",
    ].join("\n");
    expect(findings(unit)).toEqual([
      ["UL305", "error", 2, 16, 18, `"%F" in Description= is not a specifier (Description= expands ${FULL_252}, and %% is a literal "%"): systemd ignores the setting; did you mean "%f", or "%%F" for a literal "%F"?`],
      ["UL305", "error", 3, 9, 11, `"%h" is not expanded in unit names: After= takes only ${NAME_252} (and %% for "%"): systemd ignores that item`],
      ["UL305", "error", 4, 8, 10, '"%D" in Wants= needs systemd ≥ 256 (252 does not know it): systemd ignores that item'],
      ["UL305", "error", 6, 29, 31, `"%F" in ExecStart= is not a specifier (ExecStart= expands ${FULL_252}, and %% is a literal "%"): systemd refuses to load the unit; did you mean "%f", or "%%F" for a literal "%F"?`],
      ["UL305", "error", 7, 25, 27, `"%e" in ExecStartPre= is not a specifier (ExecStartPre= expands ${FULL_252}, and %% is a literal "%"): systemd skips the command (its "-" prefix; without it the unit is refused); did you mean "%E", or "%%e" for a literal "%e"?`],
      ["UL305", "warning", 8, 16, 18, '"%c" in Environment= is deprecated: systemd warns that it "does not work as intended"'],
      ["UL305", "error", 11, 9, 11, `"%t" is not expanded in unit names: Alias= takes only ${NAME_252} (and %% for "%"): \`systemctl enable\` fails ("invalid specifier")`],
    ]);
  });

  it("follows the targeted version", () => {
    const unit = "[Unit]\nDescription=%D %Z\n[Service]\nExecStart=/bin/echo %E\n";
    expect(findings(unit, 262)).toEqual([
      ["UL305", "error", 2, 16, 18, `"%Z" in Description= is not a specifier (Description= expands ${FULL_252.replace("%d ", "%d %D ")}, and %% is a literal "%"): systemd ignores the setting`],
    ]);
    expect(findings(unit, 235)).toEqual([
      ["UL305", "warning", 2, 13, 15, '"%D" in Description= is not a specifier systemd 235 knows (it arrived in 256): systemd 235 keeps it in the value as written'],
      ["UL305", "warning", 2, 16, 18, '"%Z" in Description= is not a specifier systemd 235 knows: systemd 235 keeps it in the value as written'],
      ["UL305", "warning", 4, 21, 23, '"%E" in ExecStart= is not a specifier systemd 235 knows (it arrived in 239): systemd 235 keeps it in the value as written'],
    ]);
  });

  it("leaves alone keys the targeted systemd does not read, and values that only look like specifiers", () => {
    expect(findings("[Service]\nExecStart=/bin/true\nImportCredential=x%Z\n", 252)).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/echo 100%% %%F\nCPUQuota=50%\nTasksMax=10%\nRestart=no\n")).toEqual([]);
  });

  it("says when the unit's name cannot be unescaped for %P, %J or %I, which systemd then cannot resolve", () => {
    const unit = "[Service]\nExecStart=/usr/bin/%P\nReadWritePaths=/srv/%I\nExecStartPre=/usr/bin/%p\n";
    expect(findings(unit, 252, "my-\\xzz@a\\q.service")).toEqual([
      ["UL305", "error", 2, 20, 22, '"%P" in ExecStart= cannot be resolved in my-\\xzz@a\\q.service: its prefix "my-\\xzz" has a "\\" that is no \\xNN escape, so systemd cannot unescape it: systemd refuses to load the unit'],
      ["UL305", "error", 3, 21, 23, '"%I" in ReadWritePaths= cannot be resolved in my-\\xzz@a\\q.service: its instance "a\\q" has a "\\" that is no \\xNN escape, so systemd cannot unescape it: systemd ignores that item'],
      ["UL304", "error", 4, 14, 25, 'ExecStartPre=/usr/bin/%p runs "/usr/bin/my-\\xzz", which contains a quote, backslash or control character: systemd refuses to load the unit'],
    ]);
    // %J unescapes only the prefix's last part; a valid escape is fine.
    expect(findings("[Service]\nExecStart=/usr/bin/%J %P\n", 252, "a\\q-b\\x2dc.service")).toEqual([
      ["UL305", "error", 2, 23, 25, '"%P" in ExecStart= cannot be resolved in a\\q-b\\x2dc.service: its prefix "a\\q-b\\x2dc" has a "\\" that is no \\xNN escape, so systemd cannot unescape it: systemd refuses to load the unit'],
    ]);
  });

  it("says that systemd 252 aborts on %J in a unit whose prefix ends in \"-\", and takes it as empty after 252", () => {
    const unit = "[Service]\nExecStart=/bin/true\nEnvironment=PART=%J\n";
    expect(findings(unit, 252, "web-.service")).toEqual([
      ["UL305", "error", 3, 18, 20, '"%J" in Environment= is empty in web-.service (its prefix ends in "-"), and systemd 252 aborts on that when it loads the unit ("Assertion \'f\' failed" in unit_name_unescape()): the manager reading it crashes (PID 1 freezes when it does); rename the unit, or use %j, the same part without unescaping'],
    ]);
    expect(findings(unit, 262, "web-.service")).toEqual([]);
    expect(findings(unit, 252, "web.service")).toEqual([]);
    expect(findings(unit.replace("%J", "%j"), 252, "web-.service")).toEqual([]);
  });

  it("says when %f cannot read the unit's instance or prefix as a path", () => {
    expect(findings("[Service]\nExecStart=/sbin/fsck %f\n", 252, "fsck@dev-.service")).toEqual([
      ["UL305", "error", 2, 22, 24, '"%f" in ExecStart= cannot be resolved in fsck@dev-.service: its instance "dev-" is not an escaped path (`systemd-escape --path`), so systemd cannot read it as one: systemd refuses to load the unit'],
    ]);
    expect(findings("[Service]\nExecStart=/sbin/fsck %f\n", 252, "fsck@dev-sda1.service")).toEqual([]);
  });

  it("spans the whole value when it is continued over several lines", () => {
    expect(findings("[Service]\nExecStart=/bin/echo \\\n  %F\n")).toEqual([
      ["UL305", "error", 2, 11, 5, `"%F" in ExecStart= is not a specifier (ExecStart= expands ${FULL_252}, and %% is a literal "%"): systemd refuses to load the unit; did you mean "%f", or "%%F" for a literal "%F"?`],
    ]);
  });
});

describe("UL304 on values with specifiers", () => {
  it("checks expanded values with placeholders, and values of parsers that do not expand as they are", () => {
    // Restart= and TimeoutStartSec= do not expand specifiers (systemd-analyze 252: "Failed to parse …: %U").
    expect(findings("[Service]\nExecStart=/bin/true\nRestart=%i\nCPUQuota=50%\nTimeoutStartSec=%U\n")).toEqual([
      ["UL304", "error", 3, 9, 11, expect.stringMatching(/^Restart=%i is not one of /)],
      ["UL304", "error", 5, 17, 19, expect.stringMatching(/^TimeoutStartSec=%U is not a time span/)],
    ]);
    expect(findings("[Unit]\nJobTimeoutSec=5s\n[Service]\nExecStart=/bin/echo %i\nPrivateTmp=yes\n")).toEqual([]);
  });

  it("expands word by word where systemd does: a word that is only %i is an empty word in a unit that is not an instance", () => {
    const empty = ", as %i and %I are empty in a unit that is not an instance of a template";
    const text = "[Service]\nExecStart=%i /bin/true\nExecStartPost=/bin/echo %i x\nSupplementaryGroups=wheel %I\nReadWritePaths=%i%I /srv\nDescription=%i x\n";
    expect(findings(text, 252, "plain.service")).toEqual([
      ["UL304", "error", 2, 11, 23, `ExecStart=%i /bin/true has an empty program name${empty}: systemd refuses to load the unit`],
      ["UL304", "error", 4, 21, 29, `SupplementaryGroups=wheel %I has an empty word${empty}: systemd refuses to load the unit`],
      ["UL304", "error", 5, 16, 25, `ReadWritePaths=%i%I /srv has an empty word${empty}: systemd ignores that entry and keeps the others`],
    ]);
    // In an instance the words are not empty (and "aa" is no absolute path); %%i is a literal "%i".
    expect(findings(text, 252, "web@a.service")).toEqual([
      ["UL304", "error", 5, 16, 25, 'ReadWritePaths=%i%I /srv has "aa", which is not an absolute path: systemd ignores that entry and keeps the others'],
    ]);
    expect(findings("[Service]\nExecStart=/bin/true\nReadWritePaths=%%i /srv\n", 252, "plain.service")).toEqual([
      ["UL304", "error", 3, 16, 24, expect.stringMatching(/^ReadWritePaths=%%i \/srv /)],
    ]);
  });

  it("expands each word after splitting it where systemd does: \"a b\" from %I stays one word", () => {
    const unit = "[Service]\nExecStart=/bin/true\nEnvironment=A=%I B=1\nPassEnvironment=%I\nSupplementaryGroups=wheel %I\nLogExtraFields=F=%I\n";
    // "a b" is one valid assignment value, group name (relaxed rules) and field value, but no variable name.
    expect(findings(unit, 252, "web@a\\x20b.service")).toEqual([
      ["UL304", "error", 4, 17, 19, 'PassEnvironment=%I names "a b", which is not a variable name (letters, digits and "_", not starting with a digit), as %I is "a b" here (the instance unescaped: "-" is "/"): systemd ignores it and keeps the default'],
    ]);
    // A group name may not end in a space: the unit is refused.
    expect(findings(unit, 252, "web@ab\\x20.service").filter((f) => f[2] === 5)).toEqual([
      ["UL304", "error", 5, 21, 29, 'SupplementaryGroups=wheel %I lists "ab ", which is not a user or group name or numeric ID (it starts or ends with a space), as %I is "ab " here (the instance unescaped: "-" is "/"): systemd refuses to load the unit'],
    ]);
  });

  it("gives a placeholder to a name part with a space where systemd splits before it expands and the check would split after", () => {
    // systemd 252 loads all three: "/srv/a b" is one path, "/dev/a b" one device, "/mnt/a b" one destination.
    const unit = "[Service]\nExecStart=/bin/true\nBindPaths=/srv/%I:/mnt\nIOWriteBandwidthMax=/dev/%I 1M\nMountImages=/x.raw:/mnt/%I\n";
    expect(findings(unit, 252, "web@a\\x20b.service")).toEqual([]);
  });

  it("judges StandardInputText='s escapes as written, before the name's backslashes come in", () => {
    expect(findings("[Service]\nExecStart=/bin/true\nStandardInputText=hello %n\n", 252, "e\\xzz.service")).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/true\nStandardInputText=hello \\q %n\n", 252, "e.service").map((f) => f[0])).toEqual(["UL304"]);
  });

  it("takes a command's prefixes as written and expands its program after: a prefix character %i gives is part of the program", () => {
    const empty = ", as %i and %I are empty in a unit that is not an instance of a template";
    const fromSpecifier = (c: string) => `(the "${c}" comes from a specifier, which systemd expands after it has read the prefixes: it is part of the program)`;
    const text = "[Service]\nExecStart=%i-/bin/true\nExecStartPre=-%i@/bin/echo x\nExecStartPost=@%i/bin/echo x\n";
    expect(findings(text, 252, "plain.service")).toEqual([
      ["UL304", "error", 2, 11, 23, `ExecStart=%i-/bin/true runs "-/bin/true", which is not an absolute path or a program name systemd can search for ${fromSpecifier("-")}${empty}: systemd refuses to load the unit`],
      ["UL304", "error", 3, 14, 29, `ExecStartPre=-%i@/bin/echo x runs "@/bin/echo", which is not an absolute path or a program name systemd can search for ${fromSpecifier("@")}${empty}: systemd ignores it and keeps the default`],
    ]);
    // In an instance whose name starts with "-" too (ExecStartPost= runs /bin/echo with argv[0] "-"); %I is
    // the instance unescaped, where "-" is "/" and \x2d is "-": /x/bin/true and the user a-b are fine.
    expect(findings("[Service]\nExecStart=%I/bin/true\n", 252, "web@-x.service")).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/true\nUser=%I\n", 252, "web@a\\x2db.service")).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/true\nUser=%I\n", 252, "web@a-b.service")).toEqual([
      ["UL304", "error", 3, 6, 8, 'User=%I is not a user or group name or numeric ID (it contains "/"), as %I is "a/b" here (the instance unescaped: "-" is "/"): systemd refuses to load the unit'],
    ]);
    expect(findings("[Service]\nExecStart=%i/bin/true\nExecStartPost=@/bin/echo %i\n", 252, "web@-.service")).toEqual([
      ["UL304", "error", 2, 11, 22, `ExecStart=%i/bin/true runs "-/bin/true", which is not an absolute path or a program name systemd can search for ${fromSpecifier("-")}: systemd refuses to load the unit`],
    ]);
  });
});
