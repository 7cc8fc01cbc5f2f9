import type { UnitFile } from "../model/unit.js";
import type { Rule } from "./types.js";

/**
 * A file whose only content is one line naming a path or a unit is almost
 * always a symbolic link that a checkout stored as a plain file (git with
 * core.symlinks=false, an archive tool that flattened links).
 */
function flattenedLinkTarget(file: UnitFile): string | null {
  const { ast } = file;
  if (ast.sections.length > 0 || ast.preamble.length !== 1 || ast.source.includes("\n")) return null;
  const text = ast.source.trim();
  // An absolute path, a relative one (what `systemctl enable` writes into .wants/ directories: ../foo.service), or a bare unit name.
  return /^(\/\S*|(?:\.\.?\/)+\S+|[\w@.:\\-]+\.[a-z]+)$/.test(text) ? text : null;
}

const rule: Rule = {
  id: "UL002",
  name: "assignment-outside-section",
  severity: "warning",
  phase: "file",
  docs: {
    summary: "A setting (or any non-comment line) before the first section header.",
    rationale:
      "systemd only reads settings inside a section. Before the first `[Section]` it logs \"Assignment outside of section. Ignoring.\" and the setting has no effect (systemd-facts §8). A file that holds nothing but a path or a unit name is a symbolic link that was stored as a plain file (for example by git with core.symlinks=false): systemd reads it as an empty, broken unit, so that case is an error.",
    bad: "Description=web server\n[Unit]\nAfter=network.target\n\n[Service]\nExecStart=/usr/sbin/webd\n",
    good: "[Unit]\nDescription=web server\nAfter=network.target\n\n[Service]\nExecStart=/usr/sbin/webd\n",
    seeAlso: ["systemd.syntax(7)", "systemd-facts §8: Keys"],
  },
  check({ file, report }) {
    const target = flattenedLinkTarget(file);
    for (const problem of file.ast.problems) {
      if (problem.code !== "outside-section") continue;
      if (target) {
        report({
          file,
          span: problem.range,
          severity: "error",
          message: `this file holds only "${target}": it looks like a symbolic link stored as a plain file (e.g. a git checkout with core.symlinks=false); systemd reads it as a unit without sections`,
        });
      } else {
        report({ file, span: problem.range, message: problem.message });
      }
    }
  },
};
export default rule;
