import { syntaxRule } from "./syntax-rule.js";

export default syntaxRule({
  id: "UL002",
  name: "assignment-outside-section",
  severity: "warning",
  code: "outside-section",
  docs: {
    summary: "A setting (or any non-comment line) before the first section header.",
    rationale:
      "systemd only reads settings inside a section. Before the first `[Section]` it logs \"Assignment outside of section. Ignoring.\" and the setting has no effect (systemd-facts §8).",
    bad: "Description=web server\n[Unit]\nAfter=network.target\n",
    good: "[Unit]\nDescription=web server\nAfter=network.target\n",
    seeAlso: ["systemd.syntax(7)", "systemd-facts §8: Keys"],
  },
});
