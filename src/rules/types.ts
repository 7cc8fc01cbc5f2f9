import type { Span } from "../syntax/ast.js";
import type { Scope } from "../model/search-paths.js";
import type { Unit, UnitFile } from "../model/unit.js";
import type { UnitType } from "../model/unit-name.js";
import type { Settings } from "../engine/settings.js";
import type { Applicability, Fix } from "../fixers/types.js";
import type { HostFacts } from "../model/host.js";
import type { BrokenLink } from "../model/load.js";

export type Severity = "error" | "warning" | "info";

export interface RuleDocs {
  /** One sentence: what the rule finds. */
  summary: string;
  /** Why it matters, citing the systemd fact it rests on. */
  rationale: string;
  /** A unit (or drop-in) the rule reports. */
  bad: string;
  /** The same unit written so the rule is satisfied. */
  good: string;
  /** Man pages and fact sheet sections, e.g. "systemd.service(5): RestartSec=". */
  seeAlso: readonly string[];
  /** Why a fix is safe or unsafe; required when the rule can propose an unsafe fix. */
  fixSafety?: string;
}

/** What a rule hands to `report`: where, and what to say. */
export interface ReportInput {
  file: UnitFile | null;
  /** Display path when there is no parsed file (e.g. an unreadable one). */
  path?: string;
  span: Span | null;
  message: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  /** The edits that fix it, with their applicability (src/fixers/edits.ts builds them). */
  fix?: Fix;
}

export interface FileContext {
  file: UnitFile;
  settings: Settings;
  report(input: ReportInput): void;
}

export interface UnitContext {
  unit: Unit;
  settings: Settings;
  host: HostFacts;
  report(input: ReportInput): void;
}

export interface ProjectContext {
  units: readonly Unit[];
  settings: Settings;
  host: HostFacts;
  /** `.wants/`-style entries that enable nothing: links to nothing, and regular files. */
  brokenLinks: readonly BrokenLink[];
  /** What the rule's collect() returned for each unit (units it returned undefined for are absent). */
  facts: ReadonlyMap<Unit, unknown>;
  report(input: ReportInput): void;
}

/** What a declarative rule looks at: every effective assignment of one directive. */
export interface DirectiveMatch {
  section: string;
  key: string;
  /**
   * "last": only the assignment systemd uses (scalar settings);
   * "list": the assignments after the last empty one (list settings);
   * "all": every assignment.
   */
  assignments: "last" | "list" | "all";
}

interface RuleBase {
  /** Stable code, never reused: UL0xx syntax, UL1xx restart, UL9xx the tool itself. */
  id: string;
  /** kebab-case alias of the id. */
  name: string;
  severity: Severity;
  /** Unit types the rule looks at; omitted means all. */
  types?: readonly UnitType[];
  /** Scopes the rule looks at; omitted means both. */
  scopes?: readonly Scope[];
  docs: RuleDocs;
  /** Tags besides the one of the id range (src/rules/meta.ts adds that one). */
  tags?: readonly string[];
  /** The kinds of fix the rule can propose; omitted when it proposes none (test/rules-meta.test.ts holds it to the fixtures). */
  fixable?: readonly Applicability[];
  /**
   * Options a configuration may give the rule (`rules: { UL101: { options: … } }`): their JSON
   * Schema, and the settings they stand for (rules read settings, not options).
   */
  options?: { schema: object; toSettings(options: Record<string, unknown>): Partial<Settings> };
}

/**
 * A rule is pure: it reads the parsed units and the settings and reports
 * findings; it never touches the filesystem, the clock or the environment.
 * - `file` rules see each file once (syntax);
 * - `unit` rules see each checked unit with its drop-ins merged;
 * - `directive` rules are declarative: a match (section, key, which assignments) and a test
 *   of one value that returns the message, or null when the value is fine;
 * - `project` rules see all units at once (cross-file checks: group by key, never compare all pairs);
 *   what they need from each unit's directives they take in collect(), which runs while the
 *   unit's syntax trees are in memory, so that check() never parses a unit again;
 * - `tool` rules are reported by the engine itself (unreadable files, a rule that crashed).
 */
export type Rule = RuleBase &
  (
    | { phase: "file"; check(ctx: FileContext): void }
    | { phase: "unit"; check(ctx: UnitContext): void }
    | { phase: "directive"; match: DirectiveMatch; test(value: string, ctx: { unit: Unit; settings: Settings }): string | null }
    | { phase: "project"; collect?(ctx: UnitContext): unknown; check(ctx: ProjectContext): void }
    | { phase: "tool" }
  );
