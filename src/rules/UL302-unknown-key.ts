import { DIRECTIVES } from "../data/directives.generated.js";
import { catalogued } from "../model/catalog.js";
import { suggest } from "../model/suggest.js";
import { TYPE_SECTION } from "../model/unit-name.js";
import type { Rule } from "./types.js";

/** Unknown keys a more specific rule explains better: StartLimitIntervalSec= in [Service] (UL103). */
const EXPLAINED_ELSEWHERE = new Set(["Service.StartLimitIntervalSec"]);

/** The sections only one unit type reads, named after it ([Socket] in .socket units …). */
const TYPE_SECTIONS = Object.values(TYPE_SECTION).filter((s): s is string => s !== null && DIRECTIVES[s] !== undefined);

const rule: Rule = {
  id: "UL302",
  name: "unknown-key",
  severity: "error",
  phase: "file",
  docs: {
    summary: "A setting no systemd version knows in that section (keys are case-sensitive); `X-` keys are allowed.",
    rationale:
      "systemd logs \"Unknown key 'K' in section [S], ignoring.\" and goes on, and `systemd-analyze verify` still exits 0, so a typo like Restrat= passes CI and the service silently runs without it (systemd-facts §8: Keys). The list of keys is generated from systemd's own parser tables for every release from v209 to today (src/data/directives.generated.ts). The message suggests the key that was probably meant, or the section it belongs in.",
    bad: "[Service]\nExecStart=/usr/sbin/webd\nRestrat=always\n",
    good: "[Service]\nExecStart=/usr/sbin/webd\nRestart=always\nRestartSec=5s\n\n[Unit]\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify@%n.service\n",
    seeAlso: ["systemd.directives(7)", "systemd-facts §8: Keys, §10"],
  },
  check({ file, report }) {
    for (const { section, entry, keys, versions } of catalogued(file)) {
      if (versions || entry.key.startsWith("X-") || EXPLAINED_ELSEWHERE.has(`${section}.${entry.key}`)) continue;
      const elsewhere = file.sections!.find((other) => other !== section && DIRECTIVES[other] && Object.hasOwn(DIRECTIVES[other]!, entry.key));
      const otherType = elsewhere ? undefined : TYPE_SECTIONS.find((other) => other !== section && Object.hasOwn(DIRECTIVES[other]!, entry.key));
      const meant = elsewhere || otherType ? null : suggest(entry.key, Object.keys(keys));
      const hint = elsewhere
        ? `; ${entry.key}= belongs in [${elsewhere}]`
        : otherType
          ? `; ${entry.key}= is a [${otherType}] setting, read only in .${otherType.toLowerCase()} units`
          : meant
            ? `; did you mean ${meant}=?`
            : "";
      report({ file, span: entry.keyRange, message: `unknown key ${entry.key}= in [${section}]: systemd ignores it${hint}` });
    }
  },
};
export default rule;
