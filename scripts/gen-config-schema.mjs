#!/usr/bin/env node
/**
 * Writes schemas/config.schema.json from the rule registry (src/config/schema.ts), from the
 * built dist/ (run `npm run build` first; `npm run gen` does). `--check` exits 1 when the file is stale.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { configSchema } = await import(path.join(repo, "dist", "config", "schema.js"));
const { RULES } = await import(path.join(repo, "dist", "rules", "index.js"));
const file = path.join(repo, "schemas", "config.schema.json");
const text = `${JSON.stringify(configSchema(RULES), null, 2)}\n`;
if (process.argv.includes("--check")) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current !== text) {
    process.stderr.write("gen-config-schema: schemas/config.schema.json is stale; run npm run gen\n");
    process.exit(1);
  }
  process.stdout.write("gen-config-schema: up to date\n");
} else {
  fs.writeFileSync(file, text);
  process.stdout.write(`gen-config-schema: wrote ${path.relative(repo, file)}\n`);
}
