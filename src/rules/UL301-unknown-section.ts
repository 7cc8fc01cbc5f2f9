import { DIRECTIVES } from "../data/directives.generated.js";
import { suggest } from "../model/suggest.js";
import type { Rule } from "./types.js";
import { own } from "../model/own.js";

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
      const reads = `this unit reads ${known.map((k) => `[${k}]`).join(", ")}`;
      // A known section of another unit type: [Service] in a .timer, [Socket] in a .service …
      const otherType = own(DIRECTIVES, name) && name !== "Unit" && name !== "Install" ? `; [${name}] is read only in .${name.toLowerCase()} units (${reads})` : null;
      report({
        file,
        span: section.header.range,
        message: `unknown section [${name}]: systemd ignores it and every setting in it${otherType ?? (meant ? `; did you mean [${meant}]?` : ` (${reads})`)}`,
      });
    }
  },
};
export default rule;
