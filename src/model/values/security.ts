/** Value kinds: (to be written). */
import type { ValueChecks } from "./types.js";

export const SECURITY_CHECKS: ValueChecks = {};
