/** Value kinds: (to be written). */
import type { ValueChecks } from "./types.js";

export const ENUMS_CHECKS: ValueChecks = {};
