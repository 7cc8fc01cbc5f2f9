/** Invariants of the rule registry: ids, names, files, docs, and that each rule's docs examples are true. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, lintText } from "../src/engine/lint.js";
import { RULES, findRule } from "../src/rules/index.js";
import type { Rule } from "../src/rules/types.js";

const RULES_DIR = path.join(import.meta.dirname, "..", "src", "rules");

/** Rules whose bad example cannot be written as text, and why. */
const EXAMPLE_NOT_TEXT: Record<string, string> = {
  UL005: "invalid UTF-8 bytes cannot live in a JavaScript string",
  UL006: "a 1 MiB line does not belong in the docs",
  UL201: "about two files, a system and a user unit",
  UL202: "about two services that listen on one port",
  UL203: "about a user's tree and its var/lib/systemd/linger (fixtures in test/units/UL203)",
  UL207: "about links and targets across a tree (fixtures in test/units/UL207)",
  UL208: "about the programs on a host's filesystem (tested with a --root tree in test/model.test.ts)",
  UL209: "about the unit files on a host's filesystem (tested with a --root tree in test/oracle/refusals.test.ts)",
  UL900: "about files that cannot be read",
  UL901: "about rules that crash",
};

describe("rule registry", () => {
  it("has unique, well-formed ids and names, sorted by id", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    expect([...ids].sort()).toEqual(ids);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^UL\d{3}$/);
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("keeps one rule per file, named <id>-<name>.ts, and registers every rule file", () => {
    const files = fs.readdirSync(RULES_DIR).filter((f) => /^UL\d{3}-.*\.ts$/.test(f)).sort();
    expect(files).toEqual(RULES.map((r) => `${r.id}-${r.name}.ts`));
  });

  it("finds rules by id and by name", () => {
    expect(findRule("UL101")?.name).toBe("restart-storm");
    expect(findRule("restart-storm")?.id).toBe("UL101");
    expect(findRule("nope")).toBeUndefined();
  });

  it("lists every rule in the README's rule table with its name and severity", () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| (UL\d{3}) \| ([a-z0-9-]+) \| (error|warning|info) \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(rows).toEqual(RULES.map((r) => `${r.id} ${r.name} ${r.severity}`));
  });

  it("explains fix safety for every rule that proposes fixes, whenever a fixture gets an unsafe one", () => {
    const fixtures = path.join(import.meta.dirname, "units");
    const report = lint({ paths: ["."], cwd: fixtures });
    const fixing = new Set(report.findings.filter((f) => f.fix).map((f) => f.rule));
    const unsafe = new Set(report.findings.filter((f) => f.fix?.applicability === "unsafe").map((f) => f.rule));
    expect([...unsafe].sort()).toEqual(["UL103", "UL104", "UL403"]);
    for (const id of fixing) expect(findRule(id)?.docs.fixSafety, `${id} fixSafety`).toBeTruthy();
  });

  it("declares as fixable exactly the kinds of fix the fixtures get, and those rules have .fixed fixtures", () => {
    const fixtures = path.join(import.meta.dirname, "units");
    const got = new Map<string, Set<string>>();
    for (const f of lint({ paths: ["."], cwd: fixtures }).findings) if (f.fix) got.set(f.rule, (got.get(f.rule) ?? new Set()).add(f.fix.applicability));
    const declared = RULES.filter((r) => r.fixable?.length).map((r) => `${r.id}: ${[...r.fixable!].sort().join(", ")}`);
    expect([...got].map(([id, kinds]) => `${id}: ${[...kinds].sort().join(", ")}`).sort()).toEqual(declared);
    const withFixed = fs.readdirSync(fixtures).filter((d) => /^UL\d{3}$/.test(d) && fs.readdirSync(path.join(fixtures, d), { recursive: true }).some((f) => String(f).endsWith(".fixed")));
    expect(withFixed.sort()).toEqual(RULES.filter((r) => r.fixable?.length).map((r) => r.id));
  });

  it("documents every rule", () => {
    for (const rule of RULES) {
      expect(rule.docs.summary.length, rule.id).toBeGreaterThan(20);
      expect(rule.docs.rationale.length, rule.id).toBeGreaterThan(40);
      expect(rule.docs.bad.length, rule.id).toBeGreaterThan(0);
      expect(rule.docs.good.length, rule.id).toBeGreaterThan(0);
    }
  });
});

/** An example whose file name matters says it on its first line ("# dev-shm.mount"); the others are linted as example.TYPE. */
const exampleFile = (rule: Rule, text: string): string => /^# ([\w@:.\\-]+\.[a-z]+)\s/.exec(text)?.[1] ?? `example.${rule.types?.[0] ?? "service"}`;

describe("docs examples", () => {
  for (const rule of RULES) {
    if (EXAMPLE_NOT_TEXT[rule.id]) continue;
    // A rule about user units gets its examples as user units.
    const scope = rule.scopes?.length === 1 ? rule.scopes[0]! : "system";
    it(`${rule.id} reports its bad example`, () => {
      const rules = lintText(rule.docs.bad, exampleFile(rule, rule.docs.bad), { scope }).findings.map((f) => f.rule);
      expect(rules).toContain(rule.id);
    });
    it(`${rule.id} is silent on its good example`, () => {
      // Other rules must be silent too, but for UL403's informational score: most good examples are plain services.
      const findings = lintText(rule.docs.good, exampleFile(rule, rule.docs.good), { scope }).findings;
      expect(findings.filter((f) => rule.id === "UL403" || f.rule !== "UL403")).toEqual([]);
    });
  }
});
