#!/usr/bin/env node
// The CLI, bundled into one module by scripts/bundle.mjs (npm run build) so that it starts fast.
import { main } from "../dist/unitlint.mjs";

await main();
