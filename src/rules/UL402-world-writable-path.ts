import path from "node:path";
import { TYPE_SECTION } from "../model/unit-name.js";
import { commandProgram } from "../model/command-line.js";
import { EXEC_KEYS } from "../model/service.js";
import type { Rule } from "./types.js";

/** Directories every local user can create files in (mode 1777 on every distribution). */
const WORLD_WRITABLE = ["/tmp", "/var/tmp", "/dev/shm"];

/** The world-writable directory `file` is under, or null. */
function underWorldWritable(file: string): string | null {
  if (!file.startsWith("/")) return null;
  const normal = path.posix.normalize(file);
  return WORLD_WRITABLE.find((dir) => normal.startsWith(`${dir}/`)) ?? null;
}

const rule: Rule = {
  id: "UL402",
  name: "world-writable-path",
  severity: "warning",
  phase: "unit",
  types: ["service", "socket", "mount", "swap"],
  docs: {
    summary: "`EnvironmentFile=` or a command (`ExecStart=`, `ExecStartPre=`, …) under `/tmp`, `/var/tmp` or `/dev/shm`, where every local user can create files.",
    rationale:
      "Any user can create files in /tmp, /var/tmp and /dev/shm (mode 1777). A program there can be planted or replaced before the service starts, and then runs with the service's identity, often root. An environment file there can be created by anyone when it is missing (and with the \"-\" prefix its absence is not even an error), then sets LD_PRELOAD, PATH or the service's own variables: the service manager reads EnvironmentFile= itself, outside any PrivateTmp= namespace. Keep programs under /usr/local/bin or /opt and environment files under /etc (e.g. /etc/default/NAME), owned by root.",
    bad: "[Service]\nEnvironmentFile=-/tmp/app.env\nExecStart=/tmp/app/server\n",
    good: "[Service]\nEnvironmentFile=-/etc/default/app\nExecStart=/opt/app/server\n",
    seeAlso: ["systemd.exec(5): EnvironmentFile=", "systemd.service(5): ExecStart=", "tmpfiles.d(5): the sticky bit of /tmp"],
  },
  check({ unit, report }) {
    const section = unit.type ? TYPE_SECTION[unit.type] : null;
    if (!section) return;
    for (const a of unit.assignments(section, "EnvironmentFile")) {
      const file = a.entry.value.replace(/^-/, "");
      const dir = underWorldWritable(file);
      if (!dir) continue;
      report({
        file: a.file,
        span: a.entry.range,
        message: `EnvironmentFile=${a.entry.value} is under ${dir}, where every local user can create files: anyone can put variables (LD_PRELOAD, PATH, …) into this service's environment${a.entry.value.startsWith("-") ? ", and the \"-\" prefix means nobody notices while it is missing" : ""}; keep it under /etc, owned by root`,
      });
    }
    for (const key of EXEC_KEYS) {
      for (const a of unit.assignments(section, key)) {
        const prog = commandProgram(a.entry.value);
        const dir = underWorldWritable(prog);
        if (!dir) continue;
        report({
          file: a.file,
          span: a.entry.range,
          message: `${key}= runs ${prog}, under ${dir}, where every local user can create files: anyone can plant or replace the program and have it run as this service's user; install it under /usr/local/bin or /opt, owned by root`,
        });
      }
    }
  },
};
export default rule;
