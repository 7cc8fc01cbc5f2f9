#!/usr/bin/env node
// CommonJS (see bin/package.json): the CLI is bundled into one CommonJS module by
// scripts/bundle.mjs (npm run build), which starts faster than ES modules.
//
// The bundle is compiled with a V8 code cache kept beside it (dist/unitlint.cjs.<mtime>-<size>.cache,
// written after the first run, ignored when it cannot be read or written): compiling 0.5 MB of
// JavaScript is a good part of the start-up a pre-commit hook pays on every commit. The name
// carries the bundle's modification time and size, so a rebuilt bundle never meets an old cache.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");

const bundle = path.join(__dirname, "..", "dist", "unitlint.cjs");

function load() {
  let source;
  let stat;
  try {
    source = fs.readFileSync(bundle, "utf8");
    stat = fs.statSync(bundle);
  } catch {
    return { api: require(bundle), save: () => {} };
  }
  const cacheFile = `${bundle}.${Math.trunc(stat.mtimeMs)}-${stat.size}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  const save = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    try {
      const dir = path.dirname(bundle);
      for (const name of fs.readdirSync(dir)) if (name.startsWith("unitlint.cjs.") && name.endsWith(".cache")) fs.rmSync(path.join(dir, name), { force: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only installation runs without the cache.
    }
  };
  return { api: mod.exports, save };
}

const { api, save } = load();
api
  // import() inside a script compiled this way has no loader: yargs (an ES module) comes through ours.
  .main({ beforeExit: save, importYargs: () => import("yargs") })
  .catch((error) => {
    process.stderr.write(`unitlint: internal error (please report it): ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  });
