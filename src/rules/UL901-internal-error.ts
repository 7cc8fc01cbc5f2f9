import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL901",
  name: "internal-error",
  severity: "error",
  phase: "tool",
  docs: {
    summary: "A rule crashed while checking a unit: a bug in unitlint, not in the unit.",
    rationale:
      "One broken rule must not hide the others' results, so the engine catches the exception, reports it under this id with the rule's name, and keeps everything else. Please report it with the unit that triggers it.",
    bad: "(any unit that makes a rule throw)\n",
    good: "(the same unit after the bug is fixed)\n",
    seeAlso: [],
  },
};
export default rule;
