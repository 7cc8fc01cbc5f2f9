/** The report object: what `--format json` prints and what `lint()` returns (schemas/report.schema.json). */
import type { Severity } from "../rules/types.js";
import type { Scope } from "../model/search-paths.js";
import type { UnitStatus } from "../model/unit.js";
import type { UnitType } from "../model/unit-name.js";

export interface Finding {
  rule: string;
  name: string;
  severity: Severity;
  message: string;
  path: string;
  /** 1-based; columns count UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  /** Exclusive: the column just after the range. */
  endColumn: number;
  fix: null | { applicability: "safe" | "unsafe"; title: string };
  /** The rule's documentation page (src/report/docs-url.ts); null for a rule without one. */
  docs: string | null;
}

export interface UnitReport {
  path: string;
  name: string;
  /** null for a file without a unit suffix. */
  type: UnitType | null;
  scope: Scope;
  owner: string | null;
  status: UnitStatus;
  /** Why the unit was not checked (masked, alias, unreadable, skipped). */
  reason?: string;
  aliasOf?: string;
  /** The unit file was not among the linted paths: read only to judge its drop-ins or alias links, its own findings are not reported. */
  context?: true;
  aliases: string[];
  /** Display paths of the drop-ins, in the order systemd applies them. */
  dropins: string[];
  enabledBy: Array<{ target: string; kind: "wants" | "requires" | "upholds"; path: string }>;
}

/** Where the target systemd version came from: --systemd-version, the local systemctl, or the newest known. */
export type SystemdVersionSource = "option" | "systemctl" | "newest";

export interface Report {
  version: 1;
  tool: { name: "unitlint"; version: string; systemd: { version: number; source: SystemdVersionSource } };
  units: UnitReport[];
  findings: Finding[];
  summary: { errors: number; warnings: number; infos: number; units: number };
}
