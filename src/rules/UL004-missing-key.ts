import { syntaxRule } from "./syntax-rule.js";

export default syntaxRule({
  id: "UL004",
  name: "missing-key",
  severity: "warning",
  code: "missing-key",
  docs: {
    summary: "An assignment with nothing before the `=`.",
    rationale: "systemd logs \"Missing key name before '=', ignoring line.\" and the value is lost (systemd-facts §8: Keys).",
    bad: "[Service]\n=/usr/bin/foo\n",
    good: "[Service]\nExecStart=/usr/bin/foo\n",
    seeAlso: ["systemd.syntax(7)"],
  },
});
