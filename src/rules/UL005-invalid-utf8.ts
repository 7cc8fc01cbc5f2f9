import { syntaxRule } from "./syntax-rule.js";

export default syntaxRule({
  id: "UL005",
  name: "invalid-utf8",
  severity: "error",
  code: "invalid-utf8",
  docs: {
    summary: "A line that is not valid UTF-8.",
    rationale:
      "Although systemd's message says \"ignoring assignment\", parse_line() returns the error and the whole unit fails to load (\"Invalid argument\"; systemd-facts §8: Line endings, BOM, encoding). Files saved in Latin-1 by an editor are the usual cause.",
    bad: "[Unit]\nDescription=Caf\\xe9 daemon   (the byte 0xE9 alone, as Latin-1 writes it)\n",
    good: "[Unit]\nDescription=Café daemon\n\n[Service]\nExecStart=/usr/sbin/cafed\n",
    seeAlso: ["systemd.syntax(7)", "systemd-facts §8: Line endings, BOM, encoding"],
  },
});
