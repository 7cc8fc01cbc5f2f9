import { hostPlace } from "../model/host.js";
import { socketActivation } from "../model/ports.js";
import { sectionHeaderSpan } from "./spans.js";
import type { Rule } from "./types.js";

const rule: Rule = {
  id: "UL209",
  name: "socket-without-service",
  severity: "error",
  phase: "unit",
  types: ["socket"],
  tags: ["host"],
  docs: {
    summary: "A socket of your own whose service (its own name, `NAME@.service` with `Accept=yes`, or `Service=`) is in none of the manager's unit directories on the host it belongs to: checked on the live system and under `--root`, never for a checkout.",
    rationale:
      "A socket unit starts the service of its own name (`web.socket` → `web.service`), the template `web@.service` when `Accept=yes`, or the one `Service=` names. When that unit is nowhere in the manager's search path, systemd refuses to start the socket (\"service web.service not loaded, socket cannot be started\", systemd-analyze verify 252; systemd.socket(5)): nothing listens. The usual causes are a socket renamed without its service, `Accept=yes` added to a socket whose service is not a template, or a typo in `Service=`. The lookup follows systemd's search path for the socket's scope (and user), under the socket's root; packaged sockets and units of a repository checkout (whose other units may be installed elsewhere) are not checked.",
    bad: "# /etc/systemd/system/api.socket, with /etc/systemd/system/api.service and no api@.service\n[Socket]\nListenStream=8080\nAccept=yes\n",
    good: "# /etc/systemd/system/api.socket, with /etc/systemd/system/api.service\n[Socket]\nListenStream=8080\n",
    seeAlso: ["systemd.socket(5): Service=, Accept=", "systemd.unit(5): unit load path", "systemd-analyze(1): verify"],
  },
  check({ unit, host, report }) {
    const file = unit.file;
    if (!file || unit.dir.vendor || !host.holdsPrograms(unit.dir.root)) return;
    const activation = socketActivation(unit);
    if (activation === null || host.unitFile(unit.dir, activation.service) !== false) return;
    const { service, by: at } = activation;
    const why = at === null ? "it is the socket's own name" : at.entry.key === "Service" ? "Service= names it" : "Accept=yes starts an instance of the template";
    report({
      file: at?.file ?? file,
      span: at ? at.entry.range : sectionHeaderSpan(file.ast, "Socket"),
      message: `${unit.name} starts ${service} (${why}), which is in none of the ${unit.scope} manager's unit directories ${hostPlace(unit.dir.root)}: systemd refuses to start the socket ("service … not loaded, socket cannot be started")`,
    });
  },
};
export default rule;
