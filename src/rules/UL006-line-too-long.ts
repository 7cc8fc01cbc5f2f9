import { syntaxRule } from "./syntax-rule.js";

export default syntaxRule({
  id: "UL006",
  name: "line-too-long",
  severity: "error",
  code: "line-too-long",
  docs: {
    summary: "A line, or a line joined from continuations, longer than 1 MiB.",
    rationale:
      "systemd reads at most LONG_LINE_MAX (1,048,576 bytes) per logical line; beyond that it fails with \"Line too long\" and the unit does not load (systemd-facts §8: Line length).",
    bad: "[Service]\nExecStart=/usr/bin/foo\nEnvironment=DATA=…(more than a million characters)…\n",
    good: "[Service]\nExecStart=/usr/bin/foo\nEnvironmentFile=/etc/foo/data.env\n",
    seeAlso: ["systemd-facts §8: Line length"],
  },
});
