/** docs/rules.md and docs/rules/<ID>.md are what the rule objects say (npm run docs), and findings link to them. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { docsUrlOf, ruleDocsUrl } from "../src/report/docs-url.js";
import { ruleDocFiles, ruleDocPage, rulesIndexPage } from "../src/report/rule-docs.js";
import { findRule, RULES } from "../src/rules/index.js";
import { appliesTo, fixableLabel, ruleTags } from "../src/rules/meta.js";
import type { Rule } from "../src/rules/types.js";
import { ensureBuilt, REPO } from "./helpers/bin.js";
import { treeTracker } from "./helpers/tree.js";

const trees = treeTracker();
afterEach(() => trees.cleanupAll());

const STORM = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";

/** A rule outside the registry, as the harden template or a custom rule is. */
const outsider: Rule = {
  id: "UL999",
  name: "outsider",
  severity: "info",
  phase: "tool",
  docs: { summary: "s", rationale: "r", bad: "[Service]\nX=```\n", good: "plain `text`", seeAlso: [] },
};

describe("docs/", () => {
  it("is up to date with the rule objects (run npm run docs)", () => {
    const wanted = ruleDocFiles(RULES);
    const stale = [...wanted].filter(([file, text]) => {
      const abs = path.join(REPO, file);
      return !fs.existsSync(abs) || fs.readFileSync(abs, "utf8") !== text;
    });
    expect(stale.map(([file]) => file), "stale or missing pages").toEqual([]);
    const pages = fs.readdirSync(path.join(REPO, "docs", "rules")).map((f) => `docs/rules/${f}`);
    expect(pages.filter((f) => !wanted.has(f)), "pages of no rule").toEqual([]);
  });

  it("has a page at the URL of every finding's docs field", () => {
    for (const rule of RULES) {
      const url = ruleDocsUrl(rule.id);
      expect(url).toBe(`https://github.com/unitlint/unitlint/blob/main/docs/rules/${rule.id}.md`);
      expect(fs.existsSync(path.join(REPO, url.replace("https://github.com/unitlint/unitlint/blob/main/", ""))), url).toBe(true);
    }
  });

  it("passes scripts/gen-rule-docs.mjs --check (run on dist/)", () => {
    ensureBuilt();
    const r = spawnSync(process.execPath, ["scripts/gen-rule-docs.mjs", "--check"], { cwd: REPO, encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "gen-rule-docs: up to date\n", ""]);
  });

  it("makes scripts/gen-rule-docs.mjs --check fail on an edited page and a page of no rule, and regenerates them", () => {
    ensureBuilt();
    const copy = trees.make({ "scripts/gen-rule-docs.mjs": fs.readFileSync(path.join(REPO, "scripts", "gen-rule-docs.mjs"), "utf8") }).root;
    fs.symlinkSync(path.join(REPO, "dist"), path.join(copy, "dist"));
    fs.cpSync(path.join(REPO, "docs"), path.join(copy, "docs"), { recursive: true });
    const page = path.join(copy, "docs", "rules", "UL101.md");
    const text = fs.readFileSync(page, "utf8");
    fs.writeFileSync(page, `${text}edited by hand\n`);
    fs.writeFileSync(path.join(copy, "docs", "rules", "UL000.md"), "old\n");
    const run = (...args: string[]) => spawnSync(process.execPath, ["scripts/gen-rule-docs.mjs", ...args], { cwd: copy, encoding: "utf8" });
    const stale = run("--check");
    expect([stale.status, stale.stdout, stale.stderr]).toEqual([
      1,
      "",
      "gen-rule-docs: docs/rules/UL101.md is stale\ngen-rule-docs: docs/rules/UL000.md documents no rule\ngen-rule-docs: run npm run docs\n",
    ]);
    const gen = run();
    expect([gen.status, gen.stdout, gen.stderr]).toEqual([0, `gen-rule-docs: 1 written, 1 removed, ${RULES.length + 1} in all\n`, ""]);
    expect(fs.readFileSync(page, "utf8")).toBe(text);
    expect(fs.existsSync(path.join(copy, "docs", "rules", "UL000.md"))).toBe(false);
  });
});

describe("a rule's page", () => {
  it("has the summary, a facts table, why, the examples, the fix safety and the references, in that order", () => {
    const page = ruleDocPage(findRule("UL104")!);
    expect(page.split("\n").filter((l) => l.startsWith("#") || l.startsWith("| ") || l.startsWith("```"))).toEqual([
      "# UL104 on-failure-ignores-clean-exit",
      "| severity | fixable | tags | applies to |",
      "| warning | unsafe | restart | service units |",
      "## Why",
      "## Examples",
      "```ini",
      "```",
      "```ini",
      "```",
      "## Fix safety",
      "## See also",
    ]);
    expect(page).toContain(`\n## Fix safety\n\n${findRule("UL104")!.docs.fixSafety}\n`);
    expect(page).toContain("\n## See also\n\n- systemd.service(5): Restart= (the table of exit causes)\n- systemd-facts §2: What counts as a clean exit\n");
  });

  it("fences an example so that backticks inside cannot close it, and marks only unit text as ini", () => {
    const page = ruleDocPage(outsider);
    expect(page).toContain("Reported:\n\n````ini\n[Service]\nX=```\n````\n\nNot reported:\n\n```text\nplain `text`\n```\n");
    expect(page).toContain("## Fix safety\n\nNo automatic fix.\n");
    expect(page).not.toContain("## See also");
  });

  it("lists the rule's options with their type and description", () => {
    const withOptions: Rule = {
      ...outsider,
      options: {
        schema: { type: "object", properties: { minSeconds: { type: "number", description: "shortest delay", default: 1 }, mode: { enum: ["a", "b"] } } },
        toSettings: () => ({}),
      },
    };
    expect(ruleDocPage(withOptions)).toContain('\n## Options\n\n- `minSeconds` (number): shortest delay (default 1)\n- `mode` ("a" | "b"): no description\n');
  });

  it("is linked from the index, one row per rule, with pipes in summaries escaped", () => {
    const index = rulesIndexPage([findRule("UL103")!, { ...outsider, docs: { ...outsider.docs, summary: "a | b\nc" } }]);
    expect(index.split("\n").filter((l) => l.startsWith("| ["))).toEqual([
      `| [UL103](rules/UL103.md) | start-limit-in-service | warning | safe or unsafe | restart | ${findRule("UL103")!.docs.summary} |`,
      "| [UL999](rules/UL999.md) | outsider | info | no | tool | a \\| b c |",
    ]);
  });
});

describe("rule metadata", () => {
  it("tags every rule with its id range", () => {
    expect(Object.fromEntries(["UL001", "UL101", "UL204", "UL302", "UL401", "UL901"].map((id) => [id, ruleTags(findRule(id)!)]))).toEqual({
      UL001: ["syntax"],
      UL101: ["restart"],
      UL204: ["scope"],
      UL302: ["catalog"],
      UL401: ["security"],
      UL901: ["tool"],
    });
    for (const rule of RULES) expect(ruleTags(rule).length, rule.id).toBeGreaterThan(0);
    expect(ruleTags({ ...outsider, id: "UL123", tags: ["extra", "restart"] })).toEqual(["restart", "extra"]);
    expect(ruleTags({ ...outsider, id: "X1" })).toEqual([]);
  });

  it("labels what a rule fixes and what it applies to", () => {
    expect(["UL001", "UL101", "UL103", "UL104"].map((id) => fixableLabel(findRule(id)!))).toEqual(["no", "safe", "safe or unsafe", "unsafe"]);
    expect(["UL001", "UL101", "UL204"].map((id) => appliesTo(findRule(id)!))).toEqual(["all units", "service units", "all units, user scope only"]);
  });
});

describe("the docs field of findings", () => {
  it("links each finding to its rule's page", () => {
    // UL403's info on the [Service] header (line 1) comes before UL101's error on line 4.
    expect(lintText(STORM, "gw.service").findings.map((f) => [f.rule, f.docs])).toEqual([
      ["UL403", "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL403.md"],
      ["UL101", "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL101.md"],
    ]);
  });

  it("is null for a rule that is not built in", () => {
    expect(docsUrlOf(outsider)).toBeNull();
    expect(docsUrlOf(findRule("UL101")!)).toBe("https://github.com/unitlint/unitlint/blob/main/docs/rules/UL101.md");
  });
});
