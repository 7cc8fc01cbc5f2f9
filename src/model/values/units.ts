/** Value kinds: (to be written). */
import type { ValueChecks } from "./types.js";

export const UNITS_CHECKS: ValueChecks = {};
