#!/usr/bin/env node
/**
 * Writes docs/rules.md and docs/rules/<ID>.md from the rule objects, through the compiled modules
 * in dist/ (`npm run docs` builds first). `--check` writes nothing and fails when a file is stale,
 * missing, or a page exists for a rule that does not (test/rule-docs.test.ts does the same check).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(repo, "dist");
if (!fs.existsSync(path.join(dist, "report", "rule-docs.js"))) {
  console.error("gen-rule-docs: dist/report/rule-docs.js not found; run npm run build first (npm run docs does)");
  process.exit(2);
}
const { RULES } = await import(pathToFileURL(path.join(dist, "rules", "index.js")).href);
const { ruleDocFiles } = await import(pathToFileURL(path.join(dist, "report", "rule-docs.js")).href);

const wanted = ruleDocFiles(RULES);
const pagesDir = path.join(repo, "docs", "rules");
const existing = fs.existsSync(pagesDir) ? fs.readdirSync(pagesDir).filter((f) => f.endsWith(".md")).map((f) => `docs/rules/${f}`) : [];
const extra = existing.filter((f) => !wanted.has(f));
const stale = [...wanted].filter(([file, text]) => {
  const abs = path.join(repo, file);
  return !fs.existsSync(abs) || fs.readFileSync(abs, "utf8") !== text;
});

if (process.argv.includes("--check")) {
  if (stale.length > 0 || extra.length > 0) {
    for (const [file] of stale) console.error(`gen-rule-docs: ${file} is stale`);
    for (const file of extra) console.error(`gen-rule-docs: ${file} documents no rule`);
    console.error("gen-rule-docs: run npm run docs");
    process.exit(1);
  }
  console.log("gen-rule-docs: up to date");
} else {
  fs.mkdirSync(pagesDir, { recursive: true });
  for (const [file, text] of stale) fs.writeFileSync(path.join(repo, file), text);
  for (const file of extra) fs.rmSync(path.join(repo, file));
  console.log(`gen-rule-docs: ${stale.length} written, ${extra.length} removed, ${wanted.size} in all`);
}
