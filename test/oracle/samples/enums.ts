import type { Samples } from "../../helpers/differential.js";

export const SAMPLES: Samples = {};
