import { fatalEffect, MAIN_FILE_EFFECT } from "../model/fatal.js";
import type { SyntaxProblemCode } from "../syntax/ast.js";
import type { Rule, RuleDocs, Severity } from "./types.js";

/** A rule that reports one kind of problem the parser found. */
export function syntaxRule(meta: { id: string; name: string; severity: Severity; code: SyntaxProblemCode; docs: RuleDocs }): Rule {
  const { code, ...rest } = meta;
  return {
    ...rest,
    phase: "file",
    check(ctx) {
      for (const problem of ctx.file.ast.problems) {
        if (problem.code !== code) continue;
        // The parser words a fatal problem for a unit's main file; a drop-in only stops being read there.
        const message = problem.fatal && ctx.file.role === "dropin" ? problem.message.replace(MAIN_FILE_EFFECT, fatalEffect(ctx.file, problem.range.start, ctx.settings.systemdVersion)) : problem.message;
        ctx.report({ file: ctx.file, span: problem.range, message });
      }
    },
  };
}
