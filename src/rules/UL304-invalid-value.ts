import { DIRECTIVES } from "../data/directives.generated.js";
import { parseBoolean } from "../model/service.js";
import { parseTimespan } from "../model/timespan.js";
import type { Rule } from "./types.js";

const BOOLEAN = "1/yes/y/true/t/on or 0/no/n/false/f/off";

/**
 * Value checks by systemd's parser function (src/data/directives.generated.ts): so far
 * booleans (parse_boolean(), any case) and time spans (parse_sec(): systemd.time(7)), and
 * the few parsers that are one of those with an extra word.
 */
const notBoolean = (v: string): string | null => (parseBoolean(v) === null ? `is not a boolean (expected ${BOOLEAN})` : null);

const CHECKS: Readonly<Record<string, (value: string) => string | null>> = {
  config_parse_bool: notBoolean,
  config_parse_tristate: notBoolean,
  // PrivateTmp= is a boolean, or "disconnected" (v257).
  config_parse_private_tmp: (v) => (v === "disconnected" ? null : notBoolean(v)),
  config_parse_service_timeout: (v) => (parseTimespan(v) === null ? 'is not a time span (e.g. "90s", "5min", "infinity"; 0 means no timeout)' : null),
  config_parse_sec: (v) => (parseTimespan(v) === null ? 'is not a time span (e.g. "90s", "5min 30s", "infinity"; "m" is minutes, "M" months)' : null),
  config_parse_sec_fix_0: (v) => (parseTimespan(v) === null ? 'is not a time span (e.g. "90s", "5min", "infinity"; 0 means no timeout)' : null),
};

const rule: Rule = {
  id: "UL304",
  name: "invalid-value",
  severity: "error",
  phase: "file",
  docs: {
    summary: "A value systemd cannot parse for its setting (so far booleans and time spans), so the setting keeps its default.",
    rationale:
      "For most settings systemd logs \"Failed to parse …, ignoring\" and carries on with the previous or default value, while `systemd-analyze verify` exits 0 (systemd-facts §8: Invalid values). Booleans accept 1/yes/y/true/t/on and 0/no/n/false/f/off in any case (parse_boolean()); time spans follow systemd.time(7): units are case-sensitive, `m` is minutes and `M` months, a bare number is seconds (§9). Which parser a setting uses comes from systemd's own tables (src/data/directives.generated.ts).",
    bad: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2 mins\nPrivateTmp=enabled\n",
    good: "[Service]\nExecStart=/usr/sbin/webd\nTimeoutStartSec=2min\nPrivateTmp=yes\n",
    seeAlso: ["systemd.syntax(7)", "systemd.time(7)", "systemd-facts §8, §9"],
  },
  check({ file, report }) {
    const known = file.sections;
    if (!known) return;
    for (const section of file.ast.sections) {
      const keys = DIRECTIVES[section.name];
      if (!keys || !known.includes(section.name)) continue;
      for (const entry of section.entries) {
        const parser = keys[entry.key]?.[3];
        const check = parser ? CHECKS[parser] : undefined;
        // An empty value resets some settings and is refused by others; that is left alone here.
        if (!check || entry.value === "" || entry.value.includes("%")) continue;
        const problem = check(entry.value);
        if (problem) report({ file, span: entry.valueRange, message: `${entry.key}=${entry.value} ${problem}: systemd ignores it and keeps the default` });
      }
    }
  },
};
export default rule;
