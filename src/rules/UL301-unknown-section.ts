import { suggest } from "../model/suggest.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL301",
  name: "unknown-section",
  severity: "error",
  phase: "file",
  docs: {
    summary: "A section this unit type does not have (sections are case-sensitive); `X-` sections are allowed.",
    rationale:
      "systemd reads [Unit], [Install] and the section of the unit's type ([Service], [Socket], …). Any other section gets \"Unknown section 'X'. Ignoring.\" and every setting in it is skipped without a word, so `[service]` or `[Sevice]` silently drops the whole configuration (systemd-facts §8: Sections). Sections starting with X- are for other tools and are ignored on purpose.",
    bad: "[Unit]\nDescription=web\n\n[service]\nExecStart=/usr/sbin/webd\n",
    good: "[Unit]\nDescription=web\n\n[Service]\nExecStart=/usr/sbin/webd\n",
    seeAlso: ["systemd.syntax(7)", "systemd.unit(5)", "systemd-facts §8: Sections"],
  },
  check({ file, report }) {
    const known = file.sections;
    if (!known) return;
    for (const section of file.ast.sections) {
      const name = section.name;
      if (known.includes(name) || name.startsWith("X-") || !section.header.valid) continue;
      const meant = suggest(name, known);
      report({
        file,
        span: section.header.range,
        message: `unknown section [${name}]: systemd ignores it and every setting in it${meant ? `; did you mean [${meant}]?` : ` (this unit reads ${known.map((k) => `[${k}]`).join(", ")})`}`,
      });
    }
  },
};
export default rule;
