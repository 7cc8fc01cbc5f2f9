import type { UnitFileAst } from "./ast.js";

/** Prints a syntax tree back to text; for an unmodified tree this is the exact source. */
export function printUnitFile(ast: UnitFileAst): string {
  let out = "";
  for (const node of ast.nodes) out += node.raw;
  return out;
}
