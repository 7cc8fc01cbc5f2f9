import { syntaxRule } from "./syntax-rule.js";

export default syntaxRule({
  id: "UL001",
  name: "invalid-section-header",
  severity: "error",
  code: "invalid-section-header",
  docs: {
    summary: "A section header with anything after the closing `]`, such as a trailing comment.",
    rationale:
      "systemd has no trailing comments: a header line must end in `]` once whitespace is stripped. Otherwise systemd logs \"Invalid section header\" and refuses to load the whole unit (systemd-facts §8, conf-parser.c parse_line()). In a drop-in it stops reading that drop-in instead: the unit loads without the header's section and everything after it, often refused then for what is missing (checked against systemd-analyze verify 252).",
    bad: "[Service] # main settings\nExecStart=/usr/bin/foo\n",
    good: "# main settings\n[Service]\nExecStart=/usr/bin/foo\n",
    seeAlso: ["systemd.syntax(7)", "systemd-facts §8: Sections"],
  },
});
