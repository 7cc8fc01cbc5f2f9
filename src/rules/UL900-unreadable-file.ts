import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL900",
  name: "unreadable-file",
  severity: "error",
  phase: "tool",
  docs: {
    summary: "A file unitlint was asked to check but could not read: permission denied, a dangling symbolic link, a directory named like a unit.",
    rationale:
      "A unit that cannot be read cannot be checked, and systemd cannot load it either. The run goes on with the other files; this finding makes sure the gap is not silent.",
    bad: "/etc/systemd/system/foo.service -> /opt/foo/foo.service   (target missing)\n",
    good: "/etc/systemd/system/foo.service -> /opt/foo/foo.service   (target present)\n",
    seeAlso: ["systemd.unit(5): Unit File Load Path"],
  },
};
export default rule;
