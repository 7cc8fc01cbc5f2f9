import { syntaxRule } from "./syntax-rule.js";

export default syntaxRule({
  id: "UL003",
  name: "missing-equals",
  severity: "warning",
  code: "missing-equals",
  docs: {
    summary: "A line in a section that is neither a comment nor a `Key=value` assignment.",
    rationale:
      "systemd logs \"Missing '=', ignoring line.\" and skips it. This is often the second half of a command whose continuation was cut by an empty line or by whitespace after the backslash (systemd-facts §8: Line continuation).",
    bad: "[Service]\nExecStart=/usr/bin/foo \\\n\n  --verbose\n",
    good: "[Service]\nExecStart=/usr/bin/foo \\\n  --verbose\n",
    seeAlso: ["systemd.syntax(7)", "systemd-facts §8: Line continuation"],
  },
});
