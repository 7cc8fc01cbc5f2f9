import type { Rule } from "./types.js";

/** Reported by the engine (src/engine/suppressions.ts) once every other rule has run. */
const rule: Rule = {
  id: "UL008",
  name: "unused-suppression",
  severity: "warning",
  phase: "tool",
  fixable: ["safe"],
  docs: {
    summary: "A `# unitlint-disable-next-line` or `# unitlint-disable-file` comment that suppresses nothing, or names a rule unitlint does not have.",
    rationale:
      "A suppression outlives the problem it was written for: once the unit is fixed, or the directive it sat above has moved, it silently hides the next real finding on that line. Reporting unused suppressions (as ESLint's --report-unused-disable-directives and ruff's RUF100 do) keeps them honest; the fix deletes the comment when none of its rules is used.",
    bad: "[Service]\nExecStart=/usr/bin/gw\n# unitlint-disable-next-line UL101 -- restarts on purpose\nRestart=always\nRestartSec=5s\n",
    good: "[Unit]\nStartLimitIntervalSec=1min\nStartLimitBurst=5\nOnFailure=alert@%n.service\n\n[Service]\nExecStart=/usr/bin/gw\nRestart=always\n# unitlint-disable-next-line UL101 -- restarts at once on purpose\nRestartSec=0\n",
    seeAlso: ["README: Inline suppressions"],
    fixSafety: "Safe: deleting a comment changes nothing systemd reads.",
  },
};
export default rule;
