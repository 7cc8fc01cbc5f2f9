import type { UnitFileAst, Span } from "../syntax/ast.js";

/** Where a finding about a whole unit goes: the header of section `name`, else the file's first section header; null without sections. */
export function sectionHeaderSpan(ast: UnitFileAst, name: string): Span | null {
  return (ast.sections.find((s) => s.name === name) ?? ast.sections[0])?.header.range ?? null;
}
