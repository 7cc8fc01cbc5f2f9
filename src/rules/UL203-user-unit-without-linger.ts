import { installTargets, STARTS_WITH_MANAGER } from "../model/user-manager.js";
import type { Unit, UnitFile } from "../model/unit.js";
import type { Span } from "../syntax/ast.js";
import type { Rule } from "./types.js";

/** Why a user unit is meant to run without anyone logged in, and where that is said; null if it is not. */
function runsWithoutSession(unit: Unit): { why: string; file: UnitFile; span: Span } | null {
  const install = installTargets(unit).find((t) => STARTS_WITH_MANAGER.has(t.target));
  if (install) return { why: `${install.key}=${install.target}`, file: install.assignment.file, span: install.assignment.entry.range };
  const link = unit.enabledBy.find((e) => STARTS_WITH_MANAGER.has(e.target));
  const first = unit.file?.ast.nodes[0];
  if (link && unit.file && first) return { why: `it is enabled in ${link.target}.${link.kind}/`, file: unit.file, span: first.range };
  return null;
}

const rule: Rule = {
  id: "UL203",
  name: "user-unit-without-linger",
  severity: "warning",
  phase: "project",
  tags: ["host"],
  scopes: ["user"],
  docs: {
    summary: "A user's unit meant to run without a login session (WantedBy=default.target, or enabled there) while that user has no linger.",
    rationale:
      "A user's service manager (user@UID.service) starts with the user's first session and stops about 10 s (UserStopDelaySec=) after the last one ends, unless the user has linger: the file /var/lib/systemd/linger/USER, made by `loginctl enable-linger USER`. So a node that must stay up goes \"offline\" every time its owner logs out (systemd-facts §6; logind-user.c). Where linger cannot be known (a repository checkout without --root), this says so once per user, as info. Units in the global user directories apply to every user and are not reported.",
    bad: "home/alice/.config/systemd/user/node.service with [Install] WantedBy=default.target, and no var/lib/systemd/linger/alice\n",
    good: "the same unit, after `loginctl enable-linger alice` created var/lib/systemd/linger/alice\n",
    seeAlso: ["loginctl(1): enable-linger", "logind.conf(5): UserStopDelaySec=", "systemd-facts §6"],
  },
  collect({ unit }) {
    if (unit.owner === null || unit.owner === "root") return undefined;
    return runsWithoutSession(unit) ?? undefined;
  },
  check({ units, facts, host, report }) {
    const unknownSaid = new Set<string>();
    for (const unit of units) {
      const owner = unit.owner;
      const reason = facts.get(unit) as ReturnType<typeof runsWithoutSession> | undefined;
      if (!reason || owner === null) continue;
      const linger = host.linger(unit.dir.root, owner);
      if (linger === true) continue;
      if (linger === false) {
        report({
          file: reason.file,
          span: reason.span,
          message: `${unit.name} is meant to run without a login session (${reason.why}), but ${owner} has no linger: it starts only at ${owner}'s first login and stops about 10 s after ${owner}'s last session ends; run \`loginctl enable-linger ${owner}\``,
        });
      } else if (!unknownSaid.has(owner)) {
        unknownSaid.add(owner);
        report({
          file: reason.file,
          span: reason.span,
          severity: "info",
          message: `cannot tell whether ${owner} has linger (no var/lib/systemd/linger here; lint with --root, or list the user in lingerUsers): without it, ${owner}'s units such as ${unit.name} start only at login and stop about 10 s after the last session ends (\`loginctl enable-linger ${owner}\`)`,
        });
      }
    }
  },
};
export default rule;
