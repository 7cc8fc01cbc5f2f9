/**
 * Value validation (UL304 and the other catalog rules) against systemd 252's own parsers: every
 * directive 252 parses itself gets each valid and invalid sample of its parser
 * (test/oracle/samples/), in a unit of its section's type; systemd-analyze verify must complain
 * about exactly the settings unitlint reports, and about nothing where unitlint is silent.
 */
import { describe, expect, it } from "vitest";
import { emptyIgnored } from "../../src/model/values/empty.js";
import { VALUE_CHECKS } from "../../src/model/values/index.js";
import { compare, differential, directivesOf252, NOT_DRIVEN, TARGET, type Samples, type Trial } from "../helpers/differential.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";
import { SAMPLES as basic } from "./samples/basic.js";
import { SAMPLES as enums } from "./samples/enums.js";
import { SAMPLES as exec } from "./samples/exec.js";
import { SAMPLES as numbers } from "./samples/numbers.js";
import { SAMPLES as paths } from "./samples/paths.js";
import { SAMPLES as security } from "./samples/security.js";
import { SAMPLES as units } from "./samples/units.js";

const FAMILIES: Record<string, Samples> = { basic, enums, numbers, exec, paths, security, units };
const hasSystemd = ensureSystemdAnalyze();
const brief = (cases: ReadonlyArray<{ id: string; theirs: string[]; ours: string[] }>) => cases.map((c) => `${c.id} | systemd: ${c.theirs.join(" / ") || "-"} | unitlint: ${c.ours.join(" / ") || "-"}`);

describe("value samples", () => {
  it("cover every parser systemd 252 uses, once", () => {
    const sampled = Object.values(FAMILIES).flatMap((s) => Object.keys(s));
    expect(sampled.filter((p, i) => sampled.indexOf(p) !== i)).toEqual([]);
    const driven = directivesOf252().filter(({ section, key }) => !NOT_DRIVEN[section] && !NOT_DRIVEN[`${section}.${key}`]);
    expect([...new Set(driven.map((d) => d.parser))].filter((p) => !sampled.includes(p)).sort()).toEqual([]);
  });

  it("name only parsers unitlint checks when they have invalid values", () => {
    // Exit-status lists are checked by their own rule, UL108 exit-status-list.
    const OTHER_RULES = new Set(["config_parse_set_status"]);
    const unchecked = Object.values(FAMILIES).flatMap((s) => Object.entries(s)).filter(([p, s]) => s.invalid.length > 0 && !p.includes(".") && !VALUE_CHECKS[p] && !OTHER_RULES.has(p));
    expect(unchecked.map(([p]) => p)).toEqual([]);
  });
});

describe.skipIf(!hasSystemd)(hasSystemd ? "values: unitlint agrees with systemd-analyze verify (252)" : SKIP_NO_SYSTEMD, () => {
  for (const [family, samples] of Object.entries(FAMILIES)) {
    it.skipIf(Object.keys(samples).length === 0)(`on every directive whose parser is in samples/${family}.ts`, () => {
      const result = differential(samples);
      expect({ badSamples: brief(result.badSamples), onlyOurs: brief(result.onlyOurs), onlyTheirs: brief(result.onlyTheirs), fatalDiffers: brief(result.fatalDiffers) }).toEqual({
        badSamples: [],
        onlyOurs: [],
        onlyTheirs: [],
        fatalDiffers: [],
      });
      expect(result.cases).toBeGreaterThan(Object.keys(samples).length);
    }, 180_000);
  }

  it("on an empty value in every directive: UL304 reports exactly the ones systemd cannot parse, which then reset nothing", () => {
    const driven = directivesOf252().filter(({ section, key }) => !NOT_DRIVEN[section] && !NOT_DRIVEN[`${section}.${key}`]);
    // "valid" when an empty value resets the setting, which systemd takes silently; src/model/values/empty.ts says which.
    const trials: Trial[] = driven.map(({ section, key }) => ({ section, key, value: "", kind: emptyIgnored(section, key, TARGET) ? "invalid" : "valid" }));
    const result = compare(trials);
    // RequiresOverridable=/RequisiteOverridable= are obsolete whatever their value (UL303 warns about that).
    const obsolete = (c: { id: string }) => /^Unit\.(Requires|Requisite)Overridable=$/.test(c.id);
    expect({ badSamples: brief(result.badSamples.filter((c) => !obsolete(c))), onlyOurs: brief(result.onlyOurs), onlyTheirs: brief(result.onlyTheirs) }).toEqual({ badSamples: [], onlyOurs: [], onlyTheirs: [] });
    expect(trials.filter((t) => t.kind === "invalid").length).toBeGreaterThan(400);
    expect(trials.filter((t) => t.kind === "valid").length).toBeGreaterThan(500);
  }, 180_000);

  it("on words that are Object.prototype's member names, in every directive (a lookup must not find them)", () => {
    const driven = directivesOf252().filter(({ section, key }) => !NOT_DRIVEN[section] && !NOT_DRIVEN[`${section}.${key}`]);
    const trials: Trial[] = driven.flatMap(({ section, key }) => ["constructor", "__proto__"].map((value) => ({ section, key, value, kind: "valid" as const })));
    const result = compare(trials);
    // Whether systemd takes the word depends on the setting; unitlint must agree either way (badSamples only says which).
    expect({ onlyOurs: brief(result.onlyOurs), onlyTheirs: brief(result.onlyTheirs) }).toEqual({ onlyOurs: [], onlyTheirs: [] });
    expect(result.badSamples.length).toBeGreaterThan(300);
  }, 180_000);

  it("on misplaced keys (another section's, another unit type's), misspelt keys and X- keys", () => {
    const driven = directivesOf252().filter(({ section }) => !NOT_DRIVEN[section]);
    const sections = [...new Set(driven.map((d) => d.section))];
    const keysOf = (section: string) => new Set(driven.filter((d) => d.section === section).map((d) => d.key));
    const trials: Trial[] = [];
    for (const section of sections) {
      const own = keysOf(section);
      for (const other of sections) {
        if (other === section) continue;
        // A few keys of each other section that this one does not know.
        for (const key of [...keysOf(other)].filter((k) => !own.has(k)).sort().slice(0, 3)) trials.push({ section, key, value: "1", kind: "invalid" });
      }
      // Misspellings: two letters swapped, a letter dropped, wrong case.
      for (const key of [...own].sort().slice(0, 4)) {
        for (const typo of [key.slice(0, 1) + key.slice(2, 3) + key.slice(1, 2) + key.slice(3), key.slice(0, -1), key.toLowerCase()]) {
          if (!own.has(typo)) trials.push({ section, key: typo, value: "1", kind: "invalid" });
        }
      }
      trials.push({ section, key: "X-Custom-Setting", value: "anything at all", kind: "valid" });
    }
    // Keys the section accepts but the unit type cannot honour (UL306).
    const VALUES: Record<string, string> = { Delegate: "yes", ManagedOOMSwap: "kill", ManagedOOMMemoryPressure: "kill", ManagedOOMMemoryPressureLimit: "50%", Slice: "system.slice" };
    for (const id of Object.keys(NOT_DRIVEN).filter((k) => NOT_DRIVEN[k]!.includes("UL306"))) {
      const [section, key] = id.split(".") as [string, string];
      trials.push({ section, key, value: VALUES[key]!, kind: "invalid" });
    }
    const result = compare(trials);
    expect({ badSamples: brief(result.badSamples), onlyOurs: brief(result.onlyOurs), onlyTheirs: brief(result.onlyTheirs) }).toEqual({ badSamples: [], onlyOurs: [], onlyTheirs: [] });
    expect(result.cases).toBeGreaterThan(300);
  }, 180_000);
});
