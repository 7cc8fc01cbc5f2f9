import type { Samples } from "../../helpers/differential.js";

const LONG_FIELD = "A".repeat(65);

/**
 * Command lines, environment settings, execution paths, standard input, log fields, Documentation=
 * and reboot arguments (src/model/values/exec.ts). Programs in valid command lines exist here
 * (verify checks that without naming a line). JavaScript escapes: "\\q" is the two characters \q.
 */
export const SAMPLES: Samples = {
  config_parse_exec: {
    valid: [
      "/bin/true",
      "true", // a bare name, searched in systemd's $PATH (v239)
      "-/bin/false --flag",
      "-no-such-program",
      "@/bin/true true-argv0 x",
      ":/bin/echo $HOME ${USER} $$",
      "+/bin/true",
      "!!/bin/true",
      "!-:@/bin/echo echo x", // prefixes in any order
      `/bin/echo "a b" 'c d' "e\\"f" g"h"i`,
      "/bin/echo \\x41\\s\\u00e4\\101 \\; x",
      "/bin/true ; /bin/false", // several commands: soft-deprecated, still read
      "/bin/true ;",
      "; /bin/true",
      "/bin/echo a;b",
      "/bin/../bin/true",
    ],
    invalid: [
      "bin/foo",
      "./foo",
      "..",
      "-bin/foo",
      "+!/bin/true",
      "!!!/bin/true",
      "@@/bin/true x",
      "@/bin/true",
      "@",
      '"" x',
      "/usr/bin/",
      "/bin/true \\q",
      "/bin/true \\x00 \\U0010ffff",
      "/bin/t\\qrue",
      "/bin/a\\tb",
      "/bin/it\\'s",
      '/bin/echo "unterminated',
      '"/bin/true',
      "/bin/true ; bin/x",
      "-/bin/true ; bin/x",
      "/bin/true ; -/bin/t\\qrue",
      "|/bin/sh -c true", // the "|" prefix is 258's
    ],
  },
  config_parse_environ: {
    valid: ["A=1", "A=1 B=2", `"A=with space" B='x y'`, "_x=", "PATH=/usr/bin:/bin", "A=\\n\\x41", "A=$B", "A=1;B=2", "A=ä", "A=\\xc3\\xa4"],
    invalid: ["A", "1A=x", "A-B=1", "=x", `A=1 "B=2`, "A=\\q", "A=it's", "A=1 junk", "ä=1", "A=\\xff", "A=\\uffff"],
  },
  config_parse_unit_env_file: {
    valid: ["/etc/default/foo", "-/etc/default/foo", "/etc//foo/", "/etc/./foo", "/etc/foo bar", "/etc/foo\\q"],
    invalid: ["etc/foo", "-etc/foo", "/etc/../foo", '"/etc/foo"', "~/foo", "--/etc/foo"],
  },
  config_parse_pass_environ: {
    valid: ["A B", "_x PATH", `"A" 'B'`, "A\\x41"],
    invalid: ["A-B", "1A", "A=1", `A "B`, `"A B"`],
  },
  config_parse_unset_environ: {
    valid: ["A B=1", `"A=1 2"`, "A=", "_x"],
    invalid: ["A-B", "=1", "1A=2", "A=\\q", `A "B`],
  },
  config_parse_working_directory: {
    valid: ["/srv", "~", "-~", "-/srv/x", "/srv/", "/srv x", "/srv/./x"],
    invalid: ["srv", "-srv", "/srv/../x", "-/srv/../x", "~/x", '"/srv"', "--/srv"],
  },
  config_parse_pid_file: {
    valid: ["/run/x.pid", "x.pid", "/var/run/x.pid", "/run//x/", "-/run/x"],
    invalid: ["/run/../x", "../x.pid"],
  },
  // Any string: only specifiers can fail, and values with "%" are left to the specifier checks.
  config_parse_unit_string_printf: { valid: ["x", `"unbalanced`, "a\\qb", "ä b"], invalid: [] },
  config_parse_string: { valid: ["cubic", "bogus value"], invalid: [] },
  config_parse_log_extra_fields: {
    valid: ["FOO=1", "FOO=1 BAR=2", `"FOO=a b"`, "FOO=", `A${"B".repeat(63)}=1`],
    invalid: ["foo=1", "_FOO=1", "1FOO=x", "FOO", "FOO=\\q", `FOO=1 "B`, `${LONG_FIELD}=1`, "F-O=1", "=1"],
  },
  config_parse_exec_input_text: {
    valid: ["hello", "a\\nb", `"quoted"`, "it's", "a\\\\", "ä \\u00e4"],
    invalid: ["a\\qb", "a\\x00", "a\\400"],
  },
  config_parse_exec_input_data: {
    valid: ["aGVsbG8=", "aGVs bG8=", "Zm9v", "aGVsbA==", "Zm9v Zg=="],
    invalid: ["aGVsbG8", "aGVsbB==", "a-_b", "====", "aG=s", "aGVsbG8=x", "Zg==Zg=="],
  },
  config_parse_documentation: {
    valid: ["man:foo(1)", "https://x.org", "http://x", "file:/usr/share/doc", "info:foo", "man:a man:b", `"man:a b"`, "file:///usr", "https://x.org/a\\qb"],
    invalid: ["ftp://x", "www.x.org", "/usr/share/doc", "HTTPS://x", "man:", "https://", "file:/", "man:foo(1) bogus", `man:a "b`, "info:ä", `"man:a\\"b"`],
  },
  config_parse_reboot_parameter: {
    valid: ["foo", "a b", "0", "x".repeat(255)],
    invalid: ["ä", "x".repeat(256)],
  },
};
