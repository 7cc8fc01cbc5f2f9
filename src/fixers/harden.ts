/**
 * `unitlint harden`: the hardened-service template (templates/hardened.json, described by
 * schemas/template.schema.json) as an unsafe fix per service. It only adds: a setting the unit
 * already has, in any of its files, is never changed, so nothing is ever weakened.
 */
import fs from "node:fs";
import { DIRECTIVES } from "../data/directives.generated.js";
import { readAt } from "../model/catalog.js";
import { lastKept } from "../model/kept.js";
import { listenersOf } from "../model/ports.js";
import { LONG_RUNNING_TYPES, serviceType } from "../model/service.js";
import type { Unit } from "../model/unit.js";
import type { Rule } from "../rules/types.js";
import { packageFile, schemaValidator } from "../package-files.js";
import { addToSection } from "./edits.js";
import { type Condition, conditionHolds } from "./harden-conditions.js";
import { sandboxExemption } from "./sandbox-exemption.js";
import type { Fix, TextEdit } from "./types.js";

export interface TemplateSetting {
  key: string;
  value: string;
  user?: boolean;
  unless?: Condition | Condition[];
}

export interface Template {
  version: 1;
  restart: {
    restart?: string | null;
    restartSec: string;
    startLimitIntervalSec?: string;
    startLimitBurst?: number;
    onFailure?: string;
    backoff?: { restartSteps: number; restartMaxDelaySec: string };
  };
  profiles: Record<string, { extends?: string; settings: TemplateSetting[] }>;
}

/**
 * Reads and validates a template: the built-in one without `file`. A template of your own
 * extends the built-in one: its profiles are added to the built-in profiles (replacing those of
 * the same name, and able to extend them), and without a `restart` block the built-in one applies.
 */
export function loadTemplate(file?: string): Template | string {
  if (file === undefined) {
    const builtin = readTemplate(packageFile("templates", "hardened.json"));
    return typeof builtin === "string" || builtin.restart === undefined ? String(builtin) : { ...builtin, restart: builtin.restart };
  }
  const own = readTemplate(file);
  if (typeof own === "string") return own;
  const builtin = builtinTemplate();
  const template: Template = { version: 1, restart: own.restart ?? builtin.restart, profiles: { ...builtin.profiles, ...own.profiles } };
  for (const [name, profile] of Object.entries(template.profiles)) {
    if (profile.extends !== undefined && !template.profiles[profile.extends]) return `invalid template ${file}: profile "${name}" extends unknown profile "${profile.extends}"`;
  }
  return template;
}

function readTemplate(where: string): (Omit<Template, "restart"> & { restart?: Template["restart"] }) | string {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(where, "utf8"));
  } catch (error) {
    return `cannot read template ${where}: ${error instanceof SyntaxError ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error))}`;
  }
  const validate = schemaValidator("template.schema.json");
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
    return `invalid template ${where}: ${problems.join("; ")}`;
  }
  return data as Omit<Template, "restart"> & { restart?: Template["restart"] };
}

/** A profile's settings with what it extends first; a later setting of the same key wins. */
export function profileSettings(template: Template, name: string, seen: ReadonlySet<string> = new Set()): TemplateSetting[] {
  const profile = template.profiles[name];
  if (!profile || seen.has(name)) return [];
  const base = profile.extends ? profileSettings(template, profile.extends, new Set([...seen, name])) : [];
  const byKey = new Map(base.map((s) => [s.key, s]));
  for (const s of profile.settings) byKey.set(s.key, s);
  return [...byKey.values()];
}

/** A profile's settings that the targeted release reads, each with its line. */
type KnownSettings = ReadonlyArray<{ setting: TemplateSetting; line: string }>;

const resolvedProfiles = new WeakMap<Template, Map<string, KnownSettings>>();

/** profileSettings() that the targeted release reads, resolved once per template, profile and release (UL403 asks for every service). */
function knownSettings(template: Template, name: string, target: number): KnownSettings {
  let byName = resolvedProfiles.get(template);
  if (!byName) resolvedProfiles.set(template, (byName = new Map()));
  const key = `${name}\0${target}`;
  let settings = byName.get(key);
  if (!settings) {
    settings = profileSettings(template, name)
      .filter((setting) => known("Service", setting.key, target))
      .map((setting) => ({ setting, line: `${setting.key}=${setting.value}` }));
    byName.set(key, settings);
  }
  return settings;
}

/** Whether one of the setting's `unless` conditions holds, so that it is left out. */
function skipped(setting: TemplateSetting, unit: Unit): boolean {
  const unless = setting.unless;
  return unless === undefined ? false : (Array.isArray(unless) ? unless : [unless]).some((c) => conditionHolds(c, unit));
}

/** Whether the targeted systemd reads `key` in `section` (known, not removed, not ignored). */
const known = (section: string, key: string, target: number): boolean => readAt(DIRECTIVES[section]?.[key], target);

const has = (unit: Unit, section: string, key: string): boolean => unit.assignments(section, key).length > 0;

/**
 * What harden adds to one service, by section, for the release it is read for (nothing to a service
 * exempt from sandboxing; to packaged units only with `vendor`).
 */
export function hardeningFor(unit: Unit, template: Template, profile: string, vendor = false): { Unit: string[]; Service: string[] } {
  const add = { Unit: [] as string[], Service: [] as string[] };
  const target = unit.systemdVersion;
  if (sandboxExemption(unit, vendor) !== null) return add;
  const user = unit.scope === "user";
  const longRunning = LONG_RUNNING_TYPES.has(serviceType(unit).value);
  const r = template.restart;
  // Restart block.
  // A Restart= systemd cannot read leaves its default, no.
  const restarts = has(unit, "Service", "Restart") ? (lastKept(unit, "Service", "Restart")?.entry.value ?? "no") !== "no" : longRunning && Boolean(r.restart) && r.restart !== "no";
  if (longRunning && !has(unit, "Service", "Restart") && r.restart) add.Service.push(`Restart=${r.restart}`);
  if (restarts) {
    if (!has(unit, "Service", "RestartSec")) add.Service.push(`RestartSec=${r.restartSec}`);
    const backoff = r.backoff && known("Service", "RestartSteps", target) ? r.backoff : undefined;
    if (backoff && !has(unit, "Service", "RestartSteps") && !has(unit, "Service", "RestartMaxDelaySec")) {
      add.Service.push(`RestartSteps=${backoff.restartSteps}`, `RestartMaxDelaySec=${backoff.restartMaxDelaySec}`);
    } else if (!backoff && r.startLimitIntervalSec && r.startLimitBurst && !has(unit, "Unit", "StartLimitIntervalSec") && !has(unit, "Unit", "StartLimitBurst")) {
      add.Unit.push(`StartLimitIntervalSec=${r.startLimitIntervalSec}`, `StartLimitBurst=${r.startLimitBurst}`);
      if (r.onFailure && !has(unit, "Unit", "OnFailure")) add.Unit.push(`OnFailure=${r.onFailure}`);
    }
  }
  // Sandboxing.
  for (const { setting, line } of knownSettings(template, profile, target)) {
    if (user && !setting.user) continue;
    if (has(unit, "Service", setting.key) || skipped(setting, unit)) continue;
    if (setting.key === "CapabilityBoundingSet" && setting.value === "" && listenersOf(unit).some((l) => l.port < 1024)) {
      // Dropping every capability would stop it binding its port below 1024: keep exactly that one.
      add.Service.push("CapabilityBoundingSet=CAP_NET_BIND_SERVICE");
      if (!has(unit, "Service", "AmbientCapabilities")) add.Service.push("AmbientCapabilities=CAP_NET_BIND_SERVICE");
      continue;
    }
    add.Service.push(line);
  }
  return add;
}

/** What harden does to one service, as an unsafe fix in its main file (titled by what it adds); null when it adds nothing. */
export function hardenFix(
  unit: Unit,
  template: Template,
  profile: string,
  { title = (added: string[]) => `Add ${added.join(", ")}`, vendor = false }: { title?: (added: string[]) => string; vendor?: boolean } = {},
): Fix | null {
  const file = unit.file;
  if (!file) return null;
  const add = hardeningFor(unit, template, profile, vendor);
  const edits: TextEdit[] = [];
  if (add.Unit.length > 0) edits.push(addToSection(file.ast, "Unit", add.Unit));
  if (add.Service.length > 0) edits.push(addToSection(file.ast, "Service", add.Service));
  if (edits.length === 0) return null;
  return { title: title(add.Unit.concat(add.Service)), applicability: "unsafe", edits };
}

let builtin: Template | null = null;

/**
 * The built-in template, read once (UL403 offers its fix), without loading ajv: it is checked
 * against its schema by test/harden.test.ts, and a lint run should not pay for a validator.
 */
export function builtinTemplate(): Template {
  builtin ??= JSON.parse(fs.readFileSync(packageFile("templates", "hardened.json"), "utf8")) as Template;
  return builtin;
}

/** harden as a rule (run only by `unitlint harden`): one unsafe fix per service, in its main file. */
export function hardenRule(template: Template, profile: string, vendor: boolean): Rule {
  return {
    id: "UL-HARDEN",
    name: "harden",
    severity: "info",
    phase: "unit",
    types: ["service"],
    docs: { summary: "The hardened template, applied by `unitlint harden`.", rationale: "", bad: "", good: "", seeAlso: [] },
    check({ unit, settings, report }) {
      const fix = hardenFix(unit, template, profile, { vendor });
      if (!fix || !unit.file) return;
      report({ file: unit.file, span: null, message: `harden (${profile}) adds ${fix.title.slice(4)}`, fix });
    },
  };
}
