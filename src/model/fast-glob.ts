import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** fast-glob, loaded on first use: linting named files never pays for it. */
export function fastGlob(): typeof import("fast-glob") {
  return require("fast-glob") as typeof import("fast-glob");
}
