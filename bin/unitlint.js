#!/usr/bin/env node
// CommonJS (see bin/package.json): the CLI is bundled into one CommonJS module by
// scripts/bundle.mjs (npm run build), which starts faster than ES modules.
"use strict";

require("../dist/unitlint.cjs")
  .main()
  .catch((error) => {
    process.stderr.write(`unitlint: internal error (please report it): ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  });
