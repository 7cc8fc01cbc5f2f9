/** Value kinds: (to be written). */
import type { ValueChecks } from "./types.js";

export const EXEC_CHECKS: ValueChecks = {};
