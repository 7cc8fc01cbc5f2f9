/**
 * Bundles the compiled CLI (dist/cli/main.js and what it imports) into one
 * file, dist/unitlint.mjs, which bin/unitlint.js loads. One module instead of
 * ~40 saves about 25 ms at every start, which a pre-commit hook pays on every
 * commit. yargs and fast-glob stay outside: they are loaded only when needed
 * (--help or an argument error; a directory to walk).
 */
import { build } from "esbuild";

await build({
  entryPoints: ["dist/cli/main.js"],
  outfile: "dist/unitlint.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["yargs", "fast-glob"],
  logLevel: "warning",
});
