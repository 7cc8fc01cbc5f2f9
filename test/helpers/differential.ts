/**
 * The differential harness for value checks: puts sample values into every directive that
 * systemd 252 parses itself, runs one batched `systemd-analyze verify` and unitlint over the
 * same files, and lists where they disagree about the line of the setting.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DIRECTIVES } from "../../src/data/directives.generated.js";
import { parserAt, readAt } from "../../src/model/catalog.js";
import { lint } from "../../src/engine/lint.js";
import { isFatal } from "../../src/model/fatal.js";
import { parseUnitName } from "../../src/model/unit-name.js";
import { lineMessages, verifyOutput } from "./systemd-analyze.js";

/**
 * Per parser (config_parse_…): values systemd 252 accepts silently, and values it complains
 * about. A "Section.Key" entry takes precedence for that one directive (one parser reads
 * OnCalendar= and OnBootSec= differently).
 */
export type Samples = Readonly<Record<string, { valid: readonly string[]; invalid: readonly string[] }>>;

export const TARGET = 252;


/** The rules that check values: the catalog rules, and UL108 (exit-status lists). */
const VALUE_RULES = /^(UL3\d\d|UL108)$/;

/**
 * Directives the harness does not drive, and why. Scope units cannot be loaded from files
 * ("Unit x.scope not found"; their keys are the same as Service's through systemd's macros);
 * Where=/What= name the unit itself, so a sample cannot vary them without breaking the unit.
 */
export const NOT_DRIVEN: Readonly<Record<string, string>> = {
  Scope: "scope units exist only transiently; systemd-analyze cannot load one from a file",
  "Mount.Where": "must equal the unit's name",
  "Automount.Where": "must equal the unit's name",
  "Mount.What": "the template's own What= (kept so the mount unit loads)",
  "Swap.What": "must equal the unit's name",
  // systemd 252 refuses it in these unit types whatever the value ("is not supported for this unit type").
  "Mount.ManagedOOMMemoryPressureLimit": "not supported in .mount units (any value is refused; UL306)",
  "Socket.ManagedOOMMemoryPressureLimit": "not supported in .socket units (any value is refused; UL306)",
  "Swap.ManagedOOMMemoryPressureLimit": "not supported in .swap units (any value is refused; UL306)",
  ...Object.fromEntries(
    ["Mount", "Socket", "Swap"].flatMap((type) =>
      ["ManagedOOMSwap", "ManagedOOMMemoryPressure"].map((key) => [`${type}.${key}`, `not supported in .${type.toLowerCase()} units (any value is refused; UL306)`]),
    ),
  ),
  "Slice.Slice": "not supported in .slice units (any value is refused; UL306)",
  ...Object.fromEntries(["Mount", "Slice", "Socket", "Swap"].map((type) => [`${type}.Delegate`, `not supported in .${type.toLowerCase()} units (any value is refused; UL306)`])),
};

/** A unit of the section's type whose line 4 is `key=value`, and its file name. */
function unitFor(section: string, key: string, value: string, id: string): { name: string; text: string } | null {
  const line = `${key}=${value}`;
  switch (section) {
    case "Unit":
      return { name: `${id}.service`, text: `[Unit]\nDescription=x\n\n${line}\n[Service]\nExecStart=/bin/true\n` };
    case "Install":
      return { name: `${id}.service`, text: `[Service]\nExecStart=/bin/true\n[Install]\n${line}\n` };
    case "Service":
      return { name: `${id}.service`, text: `[Service]\n${key === "ExecStart" ? "Type=oneshot" : "ExecStart=/bin/true"}\n\n${line}\n` };
    case "Socket":
      return { name: `${id}.socket`, text: `[Socket]\nListenStream=/run/${id}.sock\n\n${line}\n` };
    case "Timer":
      return { name: `${id}.timer`, text: `[Timer]\nOnActiveSec=5\n\n${line}\n` };
    case "Path":
      return { name: `${id}.path`, text: `[Path]\nPathExists=/tmp\n\n${line}\n` };
    case "Mount":
      return { name: `tmp-${id}.mount`, text: `[Mount]\nWhat=tmpfs\nWhere=/tmp/${id}\n${line}\n` };
    case "Automount":
      return { name: `tmp-${id}.automount`, text: `[Automount]\nWhere=/tmp/${id}\n\n${line}\n` };
    case "Swap":
      return { name: `dev-${id}.swap`, text: `[Swap]\nWhat=/dev/${id}\n\n${line}\n` };
    case "Slice":
      return { name: `${id}.slice`, text: `[Slice]\n\n\n${line}\n` };
    default:
      return null;
  }
}

/**
 * Every Section.Key systemd 252 parses itself: known to it, not removed, not legacy. Keys that
 * depend on build options (seccomp, SELinux, AppArmor …) are included: Debian's systemd has them all.
 */
export function directivesOf252(): Array<{ section: string; key: string; parser: string }> {
  const out: Array<{ section: string; key: string; parser: string }> = [];
  for (const [section, keys] of Object.entries(DIRECTIVES)) {
    for (const [key, row] of Object.entries(keys)) {
      // With the parser 252 reads it with: a setting later ignored as legacy had its own then.
      const parser = readAt(row, TARGET) ? parserAt(row, key, TARGET) : null;
      if (parser) out.push({ section, key, parser });
    }
  }
  return out;
}

export interface Case {
  /** "Service.Restart=on-falure" */
  id: string;
  kind: "valid" | "invalid";
  /** What systemd said about the setting's line (empty: nothing). */
  theirs: string[];
  /** What unitlint's value rules (UL3xx, UL108) said about it. */
  ours: string[];
  /** Whether one of those is an error (warnings about deprecated names are not disagreements). */
  oursError: boolean;
  /** Whether systemd's parser failed on the line, so that it refuses the unit ("Unit configuration has fatal error", "failed to load properly"). */
  theirsFatal: boolean;
  /** Whether unitlint says systemd refuses the unit for the line (fatal.ts isFatal(), which also decides where a drop-in stops being read). */
  oursFatal: boolean;
  /** Whether a message of unitlint's says so. */
  messageFatal: boolean;
}

export interface Disagreement {
  /** Cases unitlint reports as errors and systemd accepts silently. */
  onlyOurs: Case[];
  /** Cases systemd complains about and unitlint does not. */
  onlyTheirs: Case[];
  /** Valid samples systemd complained about, or invalid ones it accepted: the sample is wrong. */
  badSamples: Case[];
  /** Cases where only one side refuses the unit for the line's value. */
  fatalDiffers: Case[];
  cases: number;
}

/** One setting to try: `key=value` on line 4 of a unit reading [section]; whether systemd should accept it. */
export interface Trial {
  section: string;
  key: string;
  value: string;
  kind: "valid" | "invalid";
}

/** Every 252 directive whose parser has samples, with each of its parser's samples. */
export function trialsFor(samples: Samples): Trial[] {
  const trials: Trial[] = [];
  for (const { section, key, parser } of directivesOf252()) {
    const sample = samples[`${section}.${key}`] ?? samples[parser];
    if (!sample || NOT_DRIVEN[section] || NOT_DRIVEN[`${section}.${key}`]) continue;
    for (const kind of ["valid", "invalid"] as const) for (const value of sample[kind]) trials.push({ section, key, value, kind });
  }
  return trials;
}

/** Drives every 252 directive whose parser has samples; the cases where systemd and unitlint disagree. */
export function differential(samples: Samples): Disagreement {
  return compare(trialsFor(samples));
}

const DEPRECATED_SETTING = /^Unit uses \w+=; please use \S+ (settings )?instead\./;

/** Runs the trials through one batched systemd-analyze verify and through unitlint; where they disagree. */
export function compare(trials: readonly Trial[]): Disagreement {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-differential-"));
  try {
    const byFile = new Map<string, Case>();
    trials.forEach(({ section, key, value, kind }, n) => {
      const unit = unitFor(section, key, value, `d${n}`);
      if (!unit) return;
      fs.writeFileSync(path.join(tmp, unit.name), unit.text);
      // Read with the unit's own name: d<N> is no instance, so %i is empty.
      const fatal = isFatal(DIRECTIVES[section]?.[key], key, value, TARGET, parseUnitName(unit.name));
      byFile.set(unit.name, { id: `${section}.${key}=${value}`, kind, theirs: [], ours: [], oursError: false, theirsFatal: false, oursFatal: fatal, messageFatal: false });
    });
    const names = [...byFile.keys()];
    for (let i = 0; i < names.length; i += 500) {
      const output = verifyOutput(names.slice(i, i + 500), tmp);
      for (const m of lineMessages(output)) {
        // 252's notice on every use of a cgroup v1 setting says nothing about the value (UL303 has it).
        if (m.line === 4 && !DEPRECATED_SETTING.test(m.message)) byFile.get(path.basename(m.path))?.theirs.push(m.message);
      }
      // A parser's error (-ENOEXEC "fatal error", or another one such as PIDFile='s -EINVAL) fails the load.
      for (const m of output.matchAll(/^(?:(\S+): Unit configuration has fatal error|Unit (\S+) failed to load properly)/gm)) {
        const c = byFile.get((m[1] ?? m[2])!);
        if (c) c.theirsFatal = true;
      }
    }
    const report = lint({ paths: ["."], cwd: tmp, settings: { systemdVersion: TARGET } });
    for (const f of report.findings) {
      const c = f.line === 4 && VALUE_RULES.test(f.rule) ? byFile.get(f.path) : undefined;
      if (!c) continue;
      c.ours.push(`${f.rule} ${f.severity} ${f.message}`);
      c.oursError ||= f.severity === "error";
      c.messageFatal ||= f.message.includes("systemd refuses to load the unit");
    }
    const cases = [...byFile.values()];
    return {
      onlyOurs: cases.filter((c) => c.oursError && c.theirs.length === 0),
      onlyTheirs: cases.filter((c) => c.theirs.length > 0 && c.ours.length === 0),
      badSamples: cases.filter((c) => (c.kind === "valid") !== (c.theirs.length === 0)),
      fatalDiffers: cases.filter((c) => c.theirsFatal !== c.oursFatal || c.messageFatal !== c.oursFatal),
      cases: cases.length,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
