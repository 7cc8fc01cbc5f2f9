/**
 * Custom declarative rules (src/rules/custom.ts, schemas/rule.schema.json): exact findings
 * and fixes through the real engine, the schema's errors, and the checks the schema cannot do.
 */
import fs from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixOf, lint, lintText } from "../src/engine/lint.js";
import type { Report } from "../src/engine/report.js";
import { applyFixes } from "../src/fixers/apply.js";
import { globToRegExp, matchesGlob } from "../src/config/glob.js";
import { checkCustomRules, compileCustomRules, CustomRuleError, patternProblem, type CustomRuleDef } from "../src/rules/custom.js";
import { RULES } from "../src/rules/index.js";
import { REPO } from "./helpers/bin.js";
import { treeTracker } from "./helpers/tree.js";

const trees = treeTracker();
afterEach(() => trees.cleanupAll());

let validate: ValidateFunction;
beforeAll(() => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schemas", "rule.schema.json"), "utf8")) as object;
  validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
});

/** The schema's errors for a definition, as "pointer: message". */
function schemaErrors(def: unknown): string[] {
  validate(def);
  return (validate.errors ?? []).map((e) => `${e.instancePath}: ${e.message}`);
}

const PROD_MEMORY: CustomRuleDef = {
  id: "ACME-001",
  name: "prod-memory-max",
  severity: "error",
  message: "{unit} runs in production without a memory limit: set {key}= in [{section}]",
  description: "Every production service gets a memory ceiling, so one leak cannot take the host down.",
  match: { paths: ["prod/**"] },
  require: { key: "Service.MemoryMax" },
  fix: { set: "1G" },
};

const NO_ROOT: CustomRuleDef = {
  id: "ACME-002",
  name: "no-root-services",
  severity: "warning",
  message: "{key}={value}: services must run as a dedicated user",
  forbid: { key: "Service.User", values: ["root", "0"] },
  fix: { remove: true },
};

const RESTART_POLICY: CustomRuleDef = {
  id: "ACME-003",
  name: "restart-policy",
  severity: "info",
  message: "{key}={value} in {unit}: use on-failure, always or on-abnormal/on-abort",
  allowed: { key: "Service.Restart", values: ["on-failure", "always", { pattern: "on-(?:abnormal|abort)" }] },
  fix: { set: "on-failure", safe: true },
};

const ALL = [PROD_MEMORY, NO_ROOT, RESTART_POLICY];

/** The custom rules' findings only (the built-in rules run too, so that both coexist). */
function custom(report: Report) {
  return report.findings
    .filter((f) => f.rule.startsWith("ACME-"))
    .map((f) => ({ rule: f.rule, path: f.path, line: f.line, column: f.column, endColumn: f.endColumn, severity: f.severity, message: f.message }));
}

function lintCustom(text: string, file: string, defs: readonly CustomRuleDef[] = ALL): Report {
  return lintText(text, file, { rules: [...RULES, ...compileCustomRules(defs)] });
}

/** The text after every custom rule's fix (safe or not) is applied once. */
function fixedText(text: string, file: string, defs: readonly CustomRuleDef[] = ALL): string {
  const fixes = lintCustom(text, file, defs)
    .findings.filter((f) => f.rule.startsWith("ACME-"))
    .map((f) => fixOf(f)!);
  return applyFixes(text, fixes).text;
}

describe("require: every service in prod/ must set MemoryMax=", () => {
  const SERVICE = "[Unit]\nDescription=web\n\n[Service]\nExecStart=/usr/bin/web\n";

  it("reports a production service without it at its [Service] header, and adds it there", () => {
    expect(custom(lintCustom(SERVICE, "prod/web.service"))).toEqual([
      {
        rule: "ACME-001",
        path: "prod/web.service",
        line: 4,
        column: 1,
        endColumn: 10,
        severity: "error",
        message: "web.service runs in production without a memory limit: set MemoryMax= in [Service]",
      },
    ]);
    const finding = lintCustom(SERVICE, "prod/web.service").findings.find((f) => f.rule === "ACME-001")!;
    expect(finding.fix).toEqual({ applicability: "unsafe", title: "Add MemoryMax=1G to [Service]" });
    expect(fixedText(SERVICE, "prod/web.service")).toBe("[Unit]\nDescription=web\n\n[Service]\nExecStart=/usr/bin/web\nMemoryMax=1G\n");
    expect(custom(lintCustom(fixedText(SERVICE, "prod/web.service"), "prod/web.service"))).toEqual([]);
  });

  it("is satisfied by the setting, and looks only at services under prod/", () => {
    expect(custom(lintCustom(`${SERVICE}MemoryMax=2G\n`, "prod/web.service"))).toEqual([]);
    expect(custom(lintCustom(SERVICE, "staging/web.service"))).toEqual([]);
    expect(custom(lintCustom(SERVICE, "web.service"))).toEqual([]);
    // A socket has no [Service] section: the rule does not apply to it at all.
    expect(custom(lintCustom("[Socket]\nListenStream=80\n", "prod/web.socket"))).toEqual([]);
  });

  it("reports at the first line when the unit file has no [Service] section, and adds the section", () => {
    const text = "[Unit]\nDescription=half a unit\n";
    expect(custom(lintCustom(text, "prod/half.service")).map((f) => [f.line, f.column, f.endColumn])).toEqual([[1, 1, 7]]);
    expect(fixedText(text, "prod/half.service")).toBe("[Unit]\nDescription=half a unit\n\n[Service]\nMemoryMax=1G\n");
  });

  it("reads the unit with its drop-ins: a drop-in may set it, and an empty assignment resets it", () => {
    const t = trees.make({
      "prod/api.service": "[Service]\nExecStart=/usr/bin/api\n",
      "prod/api.service.d/limits.conf": "[Service]\nMemoryMax=512M\n",
      "prod/db.service": "[Service]\nExecStart=/usr/bin/db\nMemoryMax=4G\n",
      "prod/db.service.d/10-unlimit.conf": "# no limit for now\n[Service]\nMemoryMax=\n",
    });
    const rules = [...RULES, ...compileCustomRules([PROD_MEMORY])];
    const report = lint({ paths: ["prod"], cwd: t.root, rules });
    expect(custom(report)).toEqual([
      {
        rule: "ACME-001",
        path: "prod/db.service.d/10-unlimit.conf",
        line: 3,
        column: 1,
        endColumn: 11,
        severity: "error",
        message: "db.service runs in production without a memory limit: set MemoryMax= in [Service]",
      },
    ]);
    // The fix sets the value where it was reset, in the drop-in.
    const finding = report.findings.find((f) => f.rule === "ACME-001")!;
    const text = fs.readFileSync(t.abs("prod/db.service.d/10-unlimit.conf"), "utf8");
    expect(applyFixes(text, [fixOf(finding)!]).text).toBe("# no limit for now\n[Service]\nMemoryMax=1G\n");
  });

  it("does not judge a unit known only from drop-ins: its unit file may set it", () => {
    const t = trees.make({ "prod/cache.service.d/10-nice.conf": "[Service]\nNice=5\n" });
    const report = lint({ paths: ["prod"], cwd: t.root, rules: [...RULES, ...compileCustomRules([PROD_MEMORY])] });
    expect(report.units.map((u) => [u.name, u.status])).toEqual([["cache.service", "checked"]]);
    expect(custom(report)).toEqual([]);
  });

  it("matches path globs relative to a base directory when one is given", () => {
    const t = trees.make({ "repo/prod/web.service": SERVICE, "repo/staging/web.service": SERVICE });
    const rules = [...RULES, ...compileCustomRules([PROD_MEMORY], { base: t.abs("repo") })];
    // Run from inside prod/: the displayed path is "web.service", but relative to the base it is prod/web.service.
    const report = lint({ paths: ["web.service", "../staging/web.service"], cwd: t.abs("repo/prod"), rules });
    expect(custom(report).map((f) => [f.rule, f.path, f.line])).toEqual([["ACME-001", "web.service", 4]]);
  });
});

describe("forbid: User=root", () => {
  it("reports the assignment systemd uses, and removes it", () => {
    const text = "[Service]\nExecStart=/usr/bin/app\nUser=root\nGroup=app\n";
    expect(custom(lintCustom(text, "app.service"))).toEqual([
      { rule: "ACME-002", path: "app.service", line: 3, column: 1, endColumn: 10, severity: "warning", message: "User=root: services must run as a dedicated user" },
    ]);
    expect(custom(lintCustom(text.replace("root", "0"), "app.service")).map((f) => f.message)).toEqual(["User=0: services must run as a dedicated user"]);
    expect(fixedText(text, "app.service")).toBe("[Service]\nExecStart=/usr/bin/app\nGroup=app\n");
  });

  it("does not report a value that a later assignment replaces or resets", () => {
    expect(custom(lintCustom("[Service]\nExecStart=/usr/bin/app\nUser=root\nUser=app\n", "app.service"))).toEqual([]);
    expect(custom(lintCustom("[Service]\nExecStart=/usr/bin/app\nUser=root\nUser=\n", "app.service"))).toEqual([]);
    // The value is compared exactly: "rooted" is another user.
    expect(custom(lintCustom("[Service]\nExecStart=/usr/bin/app\nUser=rooted\n", "app.service"))).toEqual([]);
  });

  it("without values, forbids the setting itself; with list: true, every item after the last reset", () => {
    const noDebug: CustomRuleDef = {
      id: "ACME-010",
      name: "no-debug-env",
      severity: "error",
      message: "{key}={value}: no debug switches in production",
      forbid: { key: "Service.Environment", values: [{ pattern: "DEBUG=.*" }], list: true },
    };
    const noPrivileged: CustomRuleDef = { id: "ACME-011", name: "no-permissions-start-only", severity: "error", message: "{key}= is gone", forbid: { key: "Service.PermissionsStartOnly" }, fix: { remove: true } };
    const text = "[Service]\nExecStart=/usr/bin/app\nEnvironment=DEBUG=1\nEnvironment=LANG=C\nPermissionsStartOnly=yes\n";
    expect(custom(lintCustom(text, "app.service", [noDebug, noPrivileged])).map((f) => [f.rule, f.line, f.message])).toEqual([
      ["ACME-010", 3, "Environment=DEBUG=1: no debug switches in production"],
      ["ACME-011", 5, "PermissionsStartOnly= is gone"],
    ]);
    const reset = "[Service]\nExecStart=/usr/bin/app\nEnvironment=DEBUG=1\nEnvironment=\nEnvironment=LANG=C\n";
    expect(custom(lintCustom(reset, "app.service", [noDebug]))).toEqual([]);
  });
});

describe("allowed: Restart= must be one of …", () => {
  it("reports a value outside the list, accepts exact values and whole-value pattern matches, and sets a safe fix", () => {
    const text = "[Service]\nExecStart=/usr/bin/app\nRestart=on-success\n";
    expect(custom(lintCustom(text, "app.service"))).toEqual([
      { rule: "ACME-003", path: "app.service", line: 3, column: 1, endColumn: 19, severity: "info", message: "Restart=on-success in app.service: use on-failure, always or on-abnormal/on-abort" },
    ]);
    expect(lintCustom(text, "app.service").findings.find((f) => f.rule === "ACME-003")!.fix).toEqual({ applicability: "safe", title: "Set Restart=on-failure" });
    expect(fixedText(text, "app.service")).toBe("[Service]\nExecStart=/usr/bin/app\nRestart=on-failure\n");
    expect(custom(lintCustom(fixedText(text, "app.service"), "app.service"))).toEqual([]);
    for (const ok of ["always", "on-abort", "on-abnormal"]) expect(custom(lintCustom(`[Service]\nExecStart=/usr/bin/app\nRestart=${ok}\n`, "app.service"))).toEqual([]);
    // Patterns match the whole value, not a part of it.
    expect(custom(lintCustom("[Service]\nExecStart=/usr/bin/app\nRestart=on-abort-x\n", "app.service")).map((f) => f.rule)).toEqual(["ACME-003"]);
    // An unset (or reset) setting is not judged: allowed says nothing about missing settings.
    expect(custom(lintCustom("[Service]\nExecStart=/usr/bin/app\nRestart=no\nRestart=\n", "app.service"))).toEqual([]);
  });

  it("describes itself in the rule docs", () => {
    const [rule] = compileCustomRules([RESTART_POLICY]);
    expect(rule!.phase).toBe("unit");
    expect(rule!.tags).toEqual(["custom"]);
    expect(rule!.fixable).toEqual(["safe"]);
    expect(compileCustomRules([NO_ROOT])[0]!.fixable).toEqual(["unsafe"]);
    expect(rule!.types).toEqual(["service"]);
    expect(rule!.docs.summary).toBe("Custom rule: Restart= in [Service] must be one of on-failure, always, /on-(?:abnormal|abort)/.");
    expect(rule!.docs.fixSafety).toBe("Declared safe in the configuration.");
    expect(compileCustomRules([PROD_MEMORY])[0]!.docs).toEqual({
      summary: "Custom rule: MemoryMax= in [Service] must be set (paths prod/**).",
      rationale: "Every production service gets a memory ceiling, so one leak cannot take the host down.",
      bad: "",
      good: "",
      seeAlso: [],
      fixSafety: 'Unsafe: a fix written in the configuration is applied only with --unsafe-fixes unless it says "safe": true.',
    });
    expect(compileCustomRules([NO_ROOT])[0]!.docs.summary).toBe("Custom rule: User= in [Service] must not be root or 0.");
  });
});

describe("match", () => {
  const USER_ROOT: CustomRuleDef = {
    id: "ACME-020",
    name: "user-units-no-user",
    severity: "error",
    message: "{key}= has no place in the user unit {unit}",
    match: { scope: "user", names: ["node*.service"] },
    forbid: { key: "Service.User" },
  };
  const UNIT = "[Service]\nExecStart=/usr/bin/node\nUser=alice\n";

  it("on scope and unit name", () => {
    expect(custom(lintCustom(UNIT, "home/alice/.config/systemd/user/node.service", [USER_ROOT]))).toEqual([
      { rule: "ACME-020", path: "home/alice/.config/systemd/user/node.service", line: 3, column: 1, endColumn: 11, severity: "error", message: "User= has no place in the user unit node.service" },
    ]);
    expect(custom(lintCustom(UNIT, "home/alice/.config/systemd/user/web.service", [USER_ROOT]))).toEqual([]);
    expect(custom(lintCustom(UNIT, "etc/systemd/system/node.service", [USER_ROOT]))).toEqual([]);
  });

  it("on unit type: a [Unit] setting applies to every type unless types narrows it", () => {
    const described: CustomRuleDef = { id: "ACME-021", name: "describe-timers", severity: "warning", message: "{unit} needs a Description=", match: { types: ["timer"] }, require: { key: "Unit.Description" } };
    expect(custom(lintCustom("[Timer]\nOnCalendar=daily\n", "backup.timer", [described])).map((f) => [f.rule, f.line, f.message])).toEqual([["ACME-021", 1, "backup.timer needs a Description="]]);
    expect(custom(lintCustom("[Service]\nExecStart=/bin/true\n", "backup.service", [described]))).toEqual([]);
  });
});

describe("globs", () => {
  it("translate *, **, ?, sets, alternatives and escapes", () => {
    const cases: Array<[string, string, boolean]> = [
      ["prod/**", "prod/web.service", true],
      ["prod/**", "prod/a/b/web.service", true],
      ["prod/**", "staging/prod/web.service", false],
      ["prod/*.service", "prod/a/web.service", false],
      ["**/prod/*.service", "prod/web.service", true],
      ["**/prod/*.service", "/srv/infra/prod/web.service", true],
      ["a/**/b.service", "a/b.service", true],
      ["a/**/b.service", "a/x/y/b.service", true],
      ["*.service", "deep/down/web.service", true],
      ["*.service", "web.socket", false],
      ["web?.service", "web1.service", true],
      ["web?.service", "web.service", false],
      ["web[0-9].service", "web7.service", true],
      ["web[!0-9].service", "web7.service", false],
      ["web[!0-9].service", "webx.service", true],
      ["*.{service,socket}", "web.socket", true],
      ["*.{service,socket}", "web.timer", false],
      ["getty@*.service", "getty@tty1.service", true],
      ["a\\*b", "a*b", true],
      ["a\\*b", "axb", false],
      ["(x)+.service", "(x)+.service", true],
      ["(x)+.service", "xx.service", false],
      ["./prod/*", "prod/web.service", false],
      // Like .gitignore: a directory covers what is in it, and a glob without / matches any segment.
      ["prod/", "prod/a/web.service", true],
      ["prod", "staging/prod/web.service", true],
      ["prod", "production/web.service", false],
      ["staging/prod", "staging/prod/web.service", true],
      ["staging/prod", "x/staging/prod/web.service", false],
    ];
    for (const [glob, subject, expected] of cases) expect([glob, subject, matchesGlob(subject, glob)]).toEqual([glob, subject, expected]);
    expect(matchesGlob("./prod/web.service", "prod/*")).toBe(true);
    // RegExp.prototype.source shows "/" escaped.
    expect(globToRegExp("prod/**/*.service").source).toBe("^prod\\/(?:[^/]*\\/)*[^/]*\\.service$");
  });
});

describe("the schema", () => {
  it("accepts the rules above", () => {
    for (const def of [...ALL]) expect(schemaErrors(def)).toEqual([]);
  });

  it("names each problem with its JSON pointer", () => {
    expect(schemaErrors({ id: "UL999", name: "Prod_Memory", severity: "fatal", message: "", require: { key: "MemoryMax" }, extra: 1 })).toEqual([
      ": must NOT have additional properties",
      "/id: must match pattern \"^(?!UL-)[A-Z][A-Z0-9]*-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$\"",
      "/name: must match pattern \"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$\"",
      "/severity: must be equal to one of the allowed values",
      "/message: must NOT have fewer than 1 characters",
      "/require/key: must match pattern \"^[A-Za-z][A-Za-z0-9_-]*\\.[A-Za-z][A-Za-z0-9_-]*$\"",
    ]);
    expect(schemaErrors({ id: "UL-001", name: "x", severity: "error", message: "m", forbid: { key: "Service.User" } })).toEqual([
      "/id: must match pattern \"^(?!UL-)[A-Z][A-Z0-9]*-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$\"",
    ]);
  });

  it("wants exactly one condition", () => {
    const base = { id: "ACME-1", name: "x", severity: "error", message: "m" };
    expect(schemaErrors(base)).toEqual([
      ": must have required property 'require'",
      ": must have required property 'forbid'",
      ": must have required property 'allowed'",
      ": must match exactly one schema in oneOf",
    ]);
    expect(schemaErrors({ ...base, require: { key: "Service.User" }, forbid: { key: "Service.User" } })).toEqual([": must match exactly one schema in oneOf"]);
    expect(schemaErrors({ ...base, allowed: { key: "Service.Restart" } })).toEqual(["/allowed: must have required property 'values'"]);
  });

  it("allows only fixes that can fix the condition, with a one-line value", () => {
    const base = { id: "ACME-1", name: "x", severity: "error", message: "m" };
    expect(schemaErrors({ ...base, require: { key: "Service.MemoryMax" }, fix: { remove: true } })).toEqual([
      "/fix: must have required property 'set'",
      ': must match "then" schema',
    ]);
    expect(schemaErrors({ ...base, forbid: { key: "Service.User" }, fix: { set: "app" } })).toEqual([
      "/fix: must have required property 'remove'",
      ': must match "then" schema',
    ]);
    expect(schemaErrors({ ...base, forbid: { key: "Service.User", values: ["root"] }, fix: { set: "app", remove: true } })).toEqual(["/fix: must match exactly one schema in oneOf"]);
    const setPattern = '/fix/set: must match pattern "^(?!\\s)[^\\u0000-\\u001f\\u007f]*(?<![\\s\\\\])$"';
    for (const set of ["a\nb", " 1G", "1G ", "1G\\"]) {
      expect(schemaErrors({ ...base, require: { key: "Service.MemoryMax" }, fix: { set } })).toEqual([setPattern]);
    }
    expect(schemaErrors({ ...base, require: { key: "Service.MemoryMax" }, fix: { set: "50%" } })).toEqual([]);
  });

  it("describes match and values", () => {
    const base = { id: "ACME-1", name: "x", severity: "error", message: "m" };
    expect(
      schemaErrors({ ...base, match: { types: ["service", "daemon"], scope: "both", paths: [] }, allowed: { key: "Service.Restart", values: ["no", { regex: "x" }, 3] } }),
    ).toEqual([
      "/match/types/1: must be equal to one of the allowed values",
      "/match/scope: must be equal to one of the allowed values",
      "/match/paths: must NOT have fewer than 1 items",
      "/allowed/values/1: must have required property 'pattern'",
      "/allowed/values/1: must NOT have additional properties",
      '/allowed/values/1: must match "else" schema',
      "/allowed/values/2: must be object",
      '/allowed/values/2: must match "else" schema',
    ]);
  });
});

describe("what the schema cannot check", () => {
  const base = { id: "ACME-1", name: "x", severity: "error", message: "m" } as const;

  it("finds unknown placeholders and settings, clashing ids and names, and fixes that fix nothing", () => {
    const defs: CustomRuleDef[] = [
      { ...base, message: "{key}={vlaue} in {unit}", require: { key: "Service.MemroyMax" } },
      { ...base, name: "restart-storm", forbid: { key: "Servic.User" } },
      { ...base, id: "ACME-2", name: "y", match: { types: ["socket", "timer"] }, require: { key: "Service.MemoryMax" }, fix: { set: "1G" } },
      { ...base, id: "ACME-3", name: "z", allowed: { key: "Service.Restart", values: ["always"] }, fix: { set: "no" } },
      { ...base, id: "ACME-4", name: "w", forbid: { key: "Service.User", values: ["root"] }, fix: { set: "root" } },
      { ...base, id: "ACME-5", name: "v", forbid: { key: "X-Acme.Owner" } },
      { ...base, id: "ACME-6", name: "u", forbid: { key: "Service.X-Owner" } },
    ];
    expect(checkCustomRules(defs, "/custom")).toEqual([
      { instancePath: "/custom/0/message", message: "unknown placeholder {vlaue}: use {section}, {key}, {value}, {unit}" },
      { instancePath: "/custom/0/require/key", message: "systemd has no setting MemroyMax= in [Service] (did you mean MemoryMax?)" },
      { instancePath: "/custom/1/id", message: "ACME-1 is already the id of custom rule /custom/0" },
      { instancePath: "/custom/1/name", message: "restart-storm is already the name of built-in rule UL101" },
      { instancePath: "/custom/1/forbid/key", message: "systemd has no section [Servic] (did you mean Service?)" },
      { instancePath: "/custom/2/match/types", message: "no unit of these types reads [Service] (only service)" },
      { instancePath: "/custom/3/fix/set", message: "no is not one of the allowed values, so the fix would not fix anything" },
      { instancePath: "/custom/4/fix/set", message: "root is one of the forbidden values, so the fix would not fix anything" },
    ]);
    expect(() => compileCustomRules(defs)).toThrow(CustomRuleError);
    expect(() => compileCustomRules(defs)).toThrow(/^\/0\/message: unknown placeholder \{vlaue\}/);
  });
});

describe("regular expressions from the config", () => {
  const withPattern = (pattern: string): CustomRuleDef => ({
    id: "ACME-1",
    name: "x",
    severity: "error",
    message: "m",
    allowed: { key: "Service.Restart", values: [{ pattern }] },
  });

  it("are limited to 200 characters by the schema and by the check", () => {
    const long = "a".repeat(201);
    expect(schemaErrors(withPattern(long))).toEqual(["/allowed/values/0/pattern: must NOT have more than 200 characters", '/allowed/values/0: must match "else" schema']);
    expect(checkCustomRules([withPattern(long)])).toEqual([{ instancePath: "/0/allowed/values/0/pattern", message: "a pattern may have at most 200 characters (this one has 201)" }]);
    expect(schemaErrors(withPattern("a".repeat(200)))).toEqual([]);
    expect(checkCustomRules([withPattern("a".repeat(200))])).toEqual([]);
  });

  it("refuse shapes that backtrack exponentially, backreferences and invalid syntax", () => {
    const nested = "a repeated group may not contain a quantifier or | (as in (a+)+ or (a|b)*): such a pattern can take exponential time";
    const refused: Array<[string, string]> = [
      ["(a+)+$", nested],
      ["(a|aa)*", nested],
      ["(?:x(?:a*)y){2,}", nested],
      ["((ab)?c){2}", nested],
      ["(?<w>a*)+", nested],
      ["(a)\\1", "backreferences are not allowed: they can take exponential time"],
      ["(?<w>a)\\k<w>", "backreferences are not allowed: they can take exponential time"],
    ];
    for (const [pattern, why] of refused) expect([pattern, patternProblem(pattern)]).toEqual([pattern, why]);
    // The rest of the message is V8's own and changes between Node versions; the `u` flag makes "a{" an error.
    for (const pattern of ["on-(failure", "a{", "\\q"]) expect(patternProblem(pattern)).toMatch(/^invalid regular expression: ./);
    const accepted = ["on-(?:failure|abort)", "[a-z]+(?:-[a-z]+)?", "(a+)?", "(ab){3}x*", "[(+]+", "\\u{1F600}+", "\\p{L}+", "(?<=x)y+", ".*\\.service"];
    for (const pattern of accepted) expect([pattern, patternProblem(pattern)]).toEqual([pattern, null]);
    expect(() => compileCustomRules([withPattern("(a+)+")])).toThrow(`/0/allowed/values/0/pattern: ${nested}`);
  });

  it("are matched as data: a pattern cannot escape its anchors", () => {
    // "a)|(.*" would match anything if the anchored wrapper could be broken out of; it does not compile alone, so it is refused.
    expect(patternProblem("a)|(.*")).toMatch(/^invalid regular expression: /);
    const rule: CustomRuleDef = { ...withPattern("on-.*|always"), fix: { set: "always" } };
    expect(custom(lintCustom("[Service]\nExecStart=/bin/true\nRestart=no\n", "a.service", [rule])).map((f) => f.line)).toEqual([3]);
    expect(custom(lintCustom("[Service]\nExecStart=/bin/true\nRestart=always\n", "a.service", [rule]))).toEqual([]);
  });
});
