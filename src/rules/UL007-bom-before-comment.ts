import { syntaxRule } from "./syntax-rule.js";

export default syntaxRule({
  id: "UL007",
  name: "bom-before-comment",
  severity: "info",
  code: "bom-comment",
  docs: {
    summary: "A file that starts with a UTF-8 byte-order mark directly followed by a comment.",
    rationale:
      "systemd checks for comments before it strips the byte-order mark, so it reads the first comment as an assignment and logs a spurious \"Assignment outside of section\" warning. Harmless, but noisy in the journal (systemd-facts §8).",
    bad: "\uFEFF# managed by ansible\n[Unit]\nDescription=foo\n\n[Service]\nExecStart=/usr/bin/foo\n",
    good: "# managed by ansible\n[Unit]\nDescription=foo\n\n[Service]\nExecStart=/usr/bin/foo\n",
    seeAlso: ["systemd-facts §8: Line endings, BOM, encoding"],
  },
});
