/** The package entry point, as `import("unitlint")` sees it from inside the package (needs `npm run build`). */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "..");

describe('import("unitlint")', () => {
  it("exposes the parser, the printer and lint(), which returns the report object", () => {
    const script = `
      const { parseUnitFile, printUnitFile, lintText, lint, RULES } = await import("unitlint");
      const text = "[Service]\\nExecStart=/bin/gw \\\\\\n  --port 1\\nRestart=always\\nRestartSec=0\\n";
      const ast = parseUnitFile(text);
      const report = lintText(text, "gw.service");
      console.log(JSON.stringify({
        same: printUnitFile(ast) === text,
        keys: ast.sections[0].entries.map((e) => e.key),
        findings: report.findings.map((f) => [f.rule, f.line]),
        lint: typeof lint,
        rules: RULES.length > 0,
      }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      same: true,
      keys: ["ExecStart", "Restart", "RestartSec"],
      // UL403 (exposure info) on the [Service] header, UL101 on RestartSec=0.
      findings: [
        ["UL403", 1],
        ["UL101", 5],
      ],
      lint: "function",
      rules: true,
    });
  });
});
