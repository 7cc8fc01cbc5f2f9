/** Value kinds: (to be written). */
import type { ValueChecks } from "./types.js";

export const PATHS_CHECKS: ValueChecks = {};
