import { TYPE_SECTION } from "../model/unit-name.js";
import { credentialReason, environmentAssignments } from "../security/secrets.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL401",
  name: "secret-in-environment",
  severity: "warning",
  phase: "unit",
  types: ["service", "socket", "mount", "swap"],
  docs: {
    summary: "An `Environment=` variable that holds a credential: its name says so (`*_KEY`, `*_TOKEN`, `*_SECRET`, `PASSWORD`, …) or its value has the shape of a known token (`sk-…`, `ghp_…`, `AKIA…`, a URL with a password, a private key).",
    rationale:
      "Unit files of the system manager are world-readable, and any user can print a unit's environment with `systemctl show -p Environment` or its files with `systemctl cat`: a secret written there is not a secret. systemd has a place for them: `LoadCredential=name:/etc/credstore/name` (a file only root reads) or `SetCredential=` hands the secret to the service in `$CREDENTIALS_DIRECTORY`, readable only by the service (systemd.exec(5) \"Credentials\", since v247); or keep the variables in an `EnvironmentFile=` with mode 0600. Files under a user's home (per-user units) are not reported: they are as private as the home directory. The message names the variable, never its value.",
    bad: "[Service]\nExecStart=/usr/local/bin/llm-proxy\nEnvironment=OPENAI_API_KEY=sk-proj-4fJ2kQ9xLmN3pR7sT1vW5yZ8\n",
    good: "[Service]\nExecStart=/usr/local/bin/llm-proxy --api-key-file=${CREDENTIALS_DIRECTORY}/openai\nLoadCredential=openai:/etc/credstore/openai\n",
    seeAlso: ["systemd.exec(5): Environment=, EnvironmentFile=, LoadCredential=, SetCredential=", "systemd-creds(1)"],
  },
  check({ unit, report }) {
    // A per-user unit lives in its owner's home directory, as private as the home itself.
    if (unit.scope === "user" && unit.owner !== null) return;
    const section = unit.type ? TYPE_SECTION[unit.type] : null;
    if (!section) return;
    for (const a of unit.assignments(section, "Environment")) {
      for (const { name, value } of environmentAssignments(a.entry.value)) {
        const why = credentialReason(name, value);
        if (!why) continue;
        report({
          file: a.file,
          span: a.entry.range,
          message: `Environment= sets ${name} to what looks like a credential (${why}): unit files are world-readable and \`systemctl show\` prints the environment to any user; pass it with LoadCredential=/SetCredential= (or an EnvironmentFile= with mode 0600)`,
        });
      }
    }
  },
};
export default rule;
