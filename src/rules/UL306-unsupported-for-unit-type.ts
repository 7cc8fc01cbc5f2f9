import { catalogued } from "../model/catalog.js";
import type { Rule } from "./types.js";

/**
 * Settings that systemd's shared tables accept in a section, but that the unit type cannot
 * honour (load-fragment.c checks the unit vtable's can_delegate / cgroup support): systemd 252
 * says "… not supported for this unit type, ignoring." (seen with systemd-analyze verify 252).
 */
const SUPPORTED_IN: Readonly<Record<string, readonly string[]>> = {
  Delegate: ["Service"],
  ManagedOOMSwap: ["Service", "Slice"],
  ManagedOOMMemoryPressure: ["Service", "Slice"],
  ManagedOOMMemoryPressureLimit: ["Service", "Slice"],
  // A slice's parent is given by its name (a-b.slice is in a.slice): 252 refuses any Slice= there.
  Slice: ["Service", "Socket", "Mount", "Swap"],
};

const rule: Rule = {
  id: "UL306",
  name: "unsupported-for-unit-type",
  severity: "warning",
  phase: "file",
  types: ["mount", "socket", "swap", "slice"],
  docs: {
    summary: "A setting the section accepts but this unit type cannot honour (Delegate= outside services; ManagedOOM*= in mounts, sockets and swaps; Slice= in slices).",
    rationale:
      "These keys come into [Mount], [Socket], [Swap] and [Slice] with the shared cgroup settings, so no \"Unknown key\" is logged; but when systemd loads the unit it finds the type cannot delegate or be watched by systemd-oomd and ignores the setting with \"not supported for this unit type\" (systemd.resource-control(5); checked against systemd-analyze verify 252).",
    bad: "[Mount]\nWhat=/dev/sdb1\nWhere=/example\nDelegate=yes\n",
    good: "[Mount]\nWhat=/dev/sdb1\nWhere=/example\n",
    seeAlso: ["systemd.resource-control(5): Delegate=, ManagedOOMSwap="],
  },
  check({ file, report }) {
    for (const { section, entry, versions } of catalogued(file)) {
      const supported = versions ? SUPPORTED_IN[entry.key] : undefined;
      if (!supported || section === "Unit" || section === "Install" || supported.includes(section)) continue;
      report({
        file,
        span: entry.keyRange,
        message:
          entry.key === "Slice"
            ? "Slice= is not supported in .slice units: systemd ignores it (a slice's parent comes from its name: a-b.slice is placed in a.slice)"
            : `${entry.key}= is not supported in .${section.toLowerCase()} units: systemd ignores it (only ${supported.map((s) => `.${s.toLowerCase()}`).join(" and ")} units${supported.includes("Service") ? " and scopes" : ""} honour it)`,
      });
    }
  },
};
export default rule;
