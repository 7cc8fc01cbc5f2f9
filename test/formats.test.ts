/**
 * The report formats besides stylish and json (compact, github, checkstyle, junit, sarif), exact
 * output for a small report, and --output-file. SARIF is also checked against Microsoft's
 * validator in test/sarif.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixOf, lintText } from "../src/engine/lint.js";
import type { Finding, Report } from "../src/engine/report.js";
import { applyFixes } from "../src/fixers/apply.js";
import { formatCheckstyle } from "../src/report/checkstyle.js";
import { formatCompact } from "../src/report/compact.js";
import { ruleDocsUrl } from "../src/report/docs-url.js";
import { escapeData, escapeProperty, formatGithub } from "../src/report/github.js";
import { formatJunit } from "../src/report/junit.js";
import { artifactLocation, formatSarif, INFORMATION_URI, sarifLog } from "../src/report/sarif.js";
import { xmlEscape } from "../src/report/xml.js";
import { RULES } from "../src/rules/index.js";
import { run } from "../src/cli/main.js";
import { ensureBuilt, runBin } from "./helpers/bin.js";
import { treeTracker } from "./helpers/tree.js";
import { BASELINE_252_TEXT } from "./helpers/baseline.js";

function finding(f: Omit<Finding, "docs" | "fix"> & { fix?: Finding["fix"] }): Finding {
  return { fix: null, docs: ruleDocsUrl(f.rule), ...f };
}

function unit(p: string, dropins: string[] = []): Report["units"][number] {
  return { path: p, name: path.basename(p), type: "service", scope: "system", owner: null, status: "checked", aliases: [], dropins, enabledBy: [] };
}

/** One finding of each severity, one with a fix, one on several lines, characters to escape, an emoji before a column. */
const REPORT: Report = {
  version: 1,
  tool: { name: "unitlint", version: "9.9.9", systemd: { version: 262, source: "newest" } },
  units: [
    unit("a.service", ["a.service.d/override.conf"]),
    unit("café.service"),
    unit("clean.service"),
    unit("odd,name:1.service"),
    { ...unit("masked.service"), status: "masked", reason: "masked (empty file)" },
  ],
  findings: [
    finding({ rule: "UL101", name: "restart-storm", severity: "error", message: "Restart=always with RestartSec=0: crash loop", path: "a.service", line: 4, column: 1, endLine: 4, endColumn: 13, fix: { applicability: "safe", title: "Set RestartSec=5s" } }),
    finding({ rule: "UL003", name: "missing-equals", severity: "warning", message: '50% of "x" & <y>\r\nnext\u001b[31m', path: "a.service.d/override.conf", line: 2, column: 3, endLine: 2, endColumn: 8 }),
    // "ExecStart=/usr/bin/echo 😀 é %Z": the emoji is two UTF-16 code units, so %Z starts at column 30.
    finding({ rule: "UL305", name: "unknown-specifier", severity: "error", message: '"%Z" in ExecStart= is not a specifier (😀 before it)', path: "café.service", line: 2, column: 30, endLine: 2, endColumn: 32 }),
    finding({ rule: "UL403", name: "sandboxing-exposure", severity: "info", message: "exposure 9.6 UNSAFE", path: "odd,name:1.service", line: 3, column: 1, endLine: 5, endColumn: 2 }),
  ],
  summary: { errors: 2, warnings: 1, infos: 1, units: 5 },
};

describe("compact", () => {
  it("prints path:line:col: severity: message [rule], control characters made visible", () => {
    expect(formatCompact(REPORT)).toBe(
      [
        "a.service:4:1: error: Restart=always with RestartSec=0: crash loop [UL101]",
        'a.service.d/override.conf:2:3: warning: 50% of "x" & <y>␍␊next␛[31m [UL003]',
        'café.service:2:30: error: "%Z" in ExecStart= is not a specifier (😀 before it) [UL305]',
        "odd,name:1.service:3:1: info: exposure 9.6 UNSAFE [UL403]",
        "",
      ].join("\n"),
    );
  });

  it("prints nothing for no findings", () => {
    expect(formatCompact({ ...REPORT, findings: [] })).toBe("");
  });
});

describe("github", () => {
  it("prints a workflow command per finding, escaped as GitHub requires", () => {
    expect(formatGithub(REPORT)).toBe(
      [
        "::error file=a.service,line=4,col=1,endLine=4,endColumn=13,title=UL101 restart-storm::Restart=always with RestartSec=0: crash loop",
        '::warning file=a.service.d/override.conf,line=2,col=3,endLine=2,endColumn=8,title=UL003 missing-equals::50%25 of "x" & <y>%0D%0Anext␛[31m',
        '::error file=café.service,line=2,col=30,endLine=2,endColumn=32,title=UL305 unknown-specifier::"%25Z" in ExecStart= is not a specifier (😀 before it)',
        // Several lines: GitHub takes no columns then.
        "::notice file=odd%2Cname%3A1.service,line=3,endLine=5,title=UL403 sandboxing-exposure::exposure 9.6 UNSAFE",
        "",
      ].join("\n"),
    );
  });

  it("names no file for a finding about no file", () => {
    const crash = finding({ rule: "UL901", name: "internal-error", severity: "error", message: "rule UL999 (x) crashed: boom", path: "", line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(formatGithub({ ...REPORT, findings: [crash] })).toBe("::error title=UL901 internal-error::rule UL999 (x) crashed: boom\n");
  });

  it("escapes data (%, CR, LF) and properties (also : and ,) as @actions/core does", () => {
    expect(escapeData("a%b\rc\nd:e,f")).toBe("a%25b%0Dc%0Ad:e,f");
    expect(escapeProperty("a%b\rc\nd:e,f")).toBe("a%25b%0Dc%0Ad%3Ae%2Cf");
  });
});

describe("checkstyle", () => {
  it("prints a <file> per file with findings and an <error> per finding, escaped", () => {
    expect(formatCheckstyle(REPORT)).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="a.service">',
        '    <error line="4" column="1" severity="error" message="Restart=always with RestartSec=0: crash loop" source="UL101"/>',
        "  </file>",
        '  <file name="a.service.d/override.conf">',
        '    <error line="2" column="3" severity="warning" message="50% of &quot;x&quot; &amp; &lt;y&gt;&#13;&#10;next\ufffd[31m" source="UL003"/>',
        "  </file>",
        '  <file name="café.service">',
        '    <error line="2" column="30" severity="error" message="&quot;%Z&quot; in ExecStart= is not a specifier (😀 before it)" source="UL305"/>',
        "  </file>",
        '  <file name="odd,name:1.service">',
        '    <error line="3" column="1" severity="info" message="exposure 9.6 UNSAFE" source="UL403"/>',
        "  </file>",
        "</checkstyle>",
        "",
      ].join("\n"),
    );
  });

  it("is an empty <checkstyle> for no findings", () => {
    expect(formatCheckstyle({ ...REPORT, findings: [] })).toBe('<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n');
  });
});

describe("junit", () => {
  it("prints a testsuite per checked file, a failed testcase per finding, a passing one for a clean file", () => {
    expect(formatJunit(REPORT)).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites name="unitlint" tests="5" failures="4" errors="0">',
        '  <testsuite name="a.service" tests="1" failures="1" errors="0">',
        '    <testcase name="UL101 restart-storm at 4:1" classname="a.service">',
        '      <failure message="Restart=always with RestartSec=0: crash loop" type="error">a.service:4:1: error: Restart=always with RestartSec=0: crash loop [UL101]</failure>',
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite name="a.service.d/override.conf" tests="1" failures="1" errors="0">',
        '    <testcase name="UL003 missing-equals at 2:3" classname="a.service.d/override.conf">',
        '      <failure message="50% of &quot;x&quot; &amp; &lt;y&gt;&#13;&#10;next\ufffd[31m" type="warning">a.service.d/override.conf:2:3: warning: 50% of &quot;x&quot; &amp; &lt;y&gt;&#13;&#10;next\ufffd[31m [UL003]</failure>',
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite name="café.service" tests="1" failures="1" errors="0">',
        '    <testcase name="UL305 unknown-specifier at 2:30" classname="café.service">',
        '      <failure message="&quot;%Z&quot; in ExecStart= is not a specifier (😀 before it)" type="error">café.service:2:30: error: &quot;%Z&quot; in ExecStart= is not a specifier (😀 before it) [UL305]</failure>',
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite name="clean.service" tests="1" failures="0" errors="0">',
        '    <testcase name="no problems" classname="clean.service"/>',
        "  </testsuite>",
        '  <testsuite name="odd,name:1.service" tests="1" failures="1" errors="0">',
        '    <testcase name="UL403 sandboxing-exposure at 3:1" classname="odd,name:1.service">',
        '      <failure message="exposure 9.6 UNSAFE" type="info">odd,name:1.service:3:1: info: exposure 9.6 UNSAFE [UL403]</failure>',
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });
});

describe("xmlEscape", () => {
  it("escapes markup, keeps tabs and line breaks as references, replaces what XML cannot carry", () => {
    expect(xmlEscape(`<a b="c" d='e'>&\t\n\r\u0000\u0008\u000b\u001f\ufffe\uffff\ud800x\udc00😀é\u0085`)).toBe(
      "&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&#9;&#10;&#13;\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdx\ufffd😀é\u0085",
    );
  });
});

describe("sarif", () => {
  const log = sarifLog(REPORT) as {
    $schema: string;
    version: string;
    runs: Array<{ tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, unknown>> } }; columnKind: string; results: unknown[] }>;
  };
  const run = log.runs[0]!;

  it("is one SARIF 2.1.0 run of unitlint, its columns in UTF-16 code units", () => {
    expect([log.$schema, log.version, log.runs.length]).toEqual(["https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json", "2.1.0", 1]);
    expect(run.tool.driver.name).toBe("unitlint");
    expect(run.tool.driver.version).toBe("9.9.9");
    expect(run.tool.driver.informationUri).toBe(INFORMATION_URI);
    expect(run.columnKind).toBe("utf16CodeUnits");
  });

  it("describes every rule of the registry, in order, from its metadata", () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const ul101 = RULES.find((r) => r.id === "UL101")!;
    expect(run.tool.driver.rules[RULES.indexOf(ul101)]).toEqual({
      id: "UL101",
      name: "restart-storm",
      shortDescription: { text: ul101.docs.summary },
      fullDescription: { text: ul101.docs.rationale },
      help: { text: ul101.docs.rationale },
      helpUri: "https://github.com/unitlint/unitlint/blob/main/docs/rules/UL101.md",
      defaultConfiguration: { level: "error" },
      properties: { tags: ["restart"] },
    });
  });

  it("has a result per finding: level, message, region as unitlint counts columns, relative URI", () => {
    const index = (id: string): number => RULES.findIndex((r) => r.id === id);
    const at = (uri: string, startLine: number, startColumn: number, endLine: number, endColumn: number): unknown => [
      { physicalLocation: { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region: { startLine, startColumn, endLine, endColumn } } },
    ];
    expect(run.results).toEqual([
      // No fixes: a hand-made report has no edits behind its fix summaries (see below for a real one).
      { ruleId: "UL101", ruleIndex: index("UL101"), level: "error", message: { text: "Restart=always with RestartSec=0: crash loop" }, locations: at("a.service", 4, 1, 4, 13) },
      { ruleId: "UL003", ruleIndex: index("UL003"), level: "warning", message: { text: '50% of "x" & <y>\r\nnext\u001b[31m' }, locations: at("a.service.d/override.conf", 2, 3, 2, 8) },
      { ruleId: "UL305", ruleIndex: index("UL305"), level: "error", message: { text: '"%Z" in ExecStart= is not a specifier (😀 before it)' }, locations: at("caf%C3%A9.service", 2, 30, 2, 32) },
      { ruleId: "UL403", ruleIndex: index("UL403"), level: "note", message: { text: "exposure 9.6 UNSAFE" }, locations: at("odd%2Cname%3A1.service", 3, 1, 5, 2) },
    ]);
    expect(formatSarif(REPORT)).toBe(`${JSON.stringify(log, null, 2)}\n`);
  });

  it("gives a finding about no file no location, and a rule outside the registry a descriptor of its own", () => {
    const crash = finding({ rule: "UL901", name: "internal-error", severity: "error", message: "boom", path: "", line: 1, column: 1, endLine: 1, endColumn: 1 });
    const harden = finding({ rule: "HARDEN", name: "hardened-template", severity: "warning", message: "m", path: "x.service", line: 1, column: 1, endLine: 1, endColumn: 1 });
    const r = sarifLog({ ...REPORT, findings: [crash, harden] }) as typeof log;
    expect(r.runs[0]!.results).toEqual([
      { ruleId: "UL901", ruleIndex: RULES.findIndex((x) => x.id === "UL901"), level: "error", message: { text: "boom" } },
      {
        ruleId: "HARDEN",
        ruleIndex: RULES.length,
        level: "warning",
        message: { text: "m" },
        locations: [{ physicalLocation: { artifactLocation: { uri: "x.service", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }],
      },
    ]);
    expect(r.runs[0]!.tool.driver.rules[RULES.length]).toEqual({ id: "HARDEN", name: "hardened-template" });
  });

  it("makes URI references of paths: relative to %SRCROOT%, absolute as file:, special characters percent-encoded", () => {
    expect(artifactLocation("etc/systemd/system/getty@.service")).toEqual({ uri: "etc/systemd/system/getty@.service", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("/etc/systemd/system/dev-disk-by\\x2duuid.swap")).toEqual({ uri: "file:///etc/systemd/system/dev-disk-by%5Cx2duuid.swap" });
    expect(artifactLocation("../a b/c#d%e?.service")).toEqual({ uri: "../a%20b/c%23d%25e%3F.service", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("<stdin>")).toEqual({ uri: "%3Cstdin%3E", uriBaseId: "%SRCROOT%" });
  });

  type Replacement = { deletedRegion: Record<string, number>; insertedContent?: { text?: string; binary?: string } };
  type Result = { ruleId: string; locations: Array<{ physicalLocation: { region: Record<string, number> } }>; fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: unknown; replacements: Replacement[] }>; properties: unknown }> };
  const resultsOf = (report: Report): Result[] => (sarifLog(report) as { runs: Array<{ results: Result[] }> }).runs[0]!.results;

  it("counts columns in UTF-16 code units, after a byte-order mark, as SARIF does by default", () => {
    const line = "ExecStart=/usr/bin/echo 😀 é %Z";
    const results = resultsOf(lintText(`\uFEFF[Service]\n${line}\nRestart=always\nRestartSec=5s\n`, "emoji.service"));
    const region = results.find((r) => r.ruleId === "UL305")!.locations[0]!.physicalLocation.region;
    expect(region).toEqual({ startLine: 2, startColumn: 30, endLine: 2, endColumn: 32 });
    // A JavaScript string is UTF-16: the region picks out exactly %Z (in code points it would start at 29).
    expect(line.slice(region.startColumn! - 1, region.endColumn! - 1)).toBe("%Z");
  });

  it("gives a fix as replacements that, applied to the file without its byte-order mark, make what --fix makes", () => {
    const body = "[Service]\nExecStart=/usr/bin/echo 😀\nRestart=always\nRestartSec=0\n";
    const report = lintText(`\uFEFF${body}`, "dir/gw.service");
    const f = report.findings.find((x) => x.rule === "UL101")!;
    const [result] = resultsOf({ ...report, findings: [f] });
    expect(result!.fixes).toEqual([
      {
        description: { text: "Set RestartSec=5s" },
        artifactChanges: [{ artifactLocation: { uri: "dir/gw.service", uriBaseId: "%SRCROOT%" }, replacements: [{ deletedRegion: { charOffset: body.indexOf("RestartSec=0") + 11, charLength: 1 }, insertedContent: { text: "5s" } }] }],
        properties: { applicability: "safe" },
      },
    ]);
    let fixed = body;
    for (const r of [...result!.fixes![0]!.artifactChanges[0]!.replacements].reverse()) {
      const { charOffset, charLength } = r.deletedRegion;
      fixed = fixed.slice(0, charOffset) + (r.insertedContent?.text ?? "") + fixed.slice(charOffset! + charLength!);
    }
    expect(`\uFEFF${fixed}`).toBe(applyFixes(`\uFEFF${body}`, [fixOf(f)!]).text);
  });
});

const trees = treeTracker();
afterEach(() => trees.cleanupAll());

describe("the command line", () => {
  beforeAll(() => ensureBuilt());
  const STORM = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";
  // UL403's info on STORM's [Service] header (line 1), for systemd 252: the runs below pass
  // --systemd-version 252, as the score, the message and the fix depend on the targeted release.
  const EXPOSURE =
    "exposure 9.6 UNSAFE (systemd-analyze security's score for systemd 252); the largest gaps: CapabilityBoundingSet=, SystemCallFilter= and RestrictNamespaces=, which would bring it to 4.8; `unitlint security` lists every check";
  const EXPOSURE_XML = EXPOSURE.replace("'", "&apos;");
  const PLAIN = "[Service]\nExecStart=/usr/bin/true\n";
  // A unit with no finding at all: UL403 reports every long-running service, not a oneshot one.
  const CLEAN = "[Service]\nType=oneshot\nExecStart=/usr/bin/true\n";

  it.each([
    ["compact", `bad.service:1:1: info: ${EXPOSURE} [UL403]\nbad.service:4:1: error: `],
    [
      "github",
      `::notice file=bad.service,line=1,col=1,endLine=1,endColumn=10,title=UL403 sandboxing-exposure::${EXPOSURE}\n::error file=bad.service,line=4,col=1,endLine=4,endColumn=13,title=UL101 restart-storm::`,
    ],
    [
      "checkstyle",
      `<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n  <file name="bad.service">\n    <error line="1" column="1" severity="info" message="${EXPOSURE_XML}" source="UL403"/>\n    <error line="4" column="1" severity="error" `,
    ],
    [
      "junit",
      `<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="unitlint" tests="2" failures="2" errors="0">\n  <testsuite name="bad.service" tests="2" failures="2" errors="0">\n    <testcase name="UL403 sandboxing-exposure at 1:1" classname="bad.service">\n      <failure message="${EXPOSURE_XML}" type="info">bad.service:1:1: info: ${EXPOSURE_XML} [UL403]</failure>\n    </testcase>\n    <testcase name="UL101 restart-storm at 4:1" `,
    ],
    ["sarif", '{\n  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",\n  "version": "2.1.0",'],
  ])("--format %s prints the report, without colour even when forced, and exits 1 for an error", (format, start) => {
    const t = trees.make({ "bad.service": STORM });
    const r = runBin(["--format", format, "--systemd-version", "252", "bad.service"], { cwd: t.root, env: { FORCE_COLOR: "1" } });
    expect([r.status, r.stderr]).toEqual([1, ""]);
    expect(r.stdout.startsWith(start), r.stdout).toBe(true);
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("--format sarif carries the fix's edits; --quiet keeps the document for no findings", () => {
    const t = trees.make({ "bad.service": STORM, "ok.service": PLAIN });
    const sarif = JSON.parse(runBin(["--format", "sarif", "--systemd-version", "252", "bad.service"], { cwd: t.root }).stdout) as { runs: Array<{ results: Result2[] }> };
    const at = (replacements: unknown[]): unknown => [{ artifactLocation: { uri: "bad.service", uriBaseId: "%SRCROOT%" }, replacements }];
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.fixes])).toEqual([
      [
        "UL403",
        [
          {
            // UL403's unsafe fix: what `unitlint harden` (baseline) adds, a [Unit] section first and sandboxing at the end of [Service].
            description: {
              text: "Add the 21 settings `unitlint harden` (baseline) adds",
            },
            artifactChanges: at([
              { deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: "[Unit]\nStartLimitIntervalSec=60s\nStartLimitBurst=5\n\n" } },
              {
                deletedRegion: { charOffset: STORM.length, charLength: 0 },
                insertedContent: {
                  text: BASELINE_252_TEXT,
                },
              },
            ]),
            properties: { applicability: "unsafe" },
          },
        ],
      ],
      ["UL101", [{ description: { text: "Set RestartSec=5s" }, artifactChanges: at([{ deletedRegion: { charOffset: STORM.length - 2, charLength: 1 }, insertedContent: { text: "5s" } }]), properties: { applicability: "safe" } }]],
    ]);
    // --quiet shows only findings at or above --fail-on (warning): not PLAIN's UL403 info.
    const quiet = runBin(["--format", "sarif", "--quiet", "ok.service"], { cwd: t.root });
    expect(quiet.status).toBe(0);
    expect((JSON.parse(quiet.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results).toEqual([]);
    const compact = runBin(["--format", "compact", "--quiet", "ok.service"], { cwd: t.root });
    expect(compact).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("--format sarif gives a file that is not UTF-8 its fix as byte replacements", () => {
    const text = "[Service]\nExecStart=/usr/bin/gw caf\xe9\nRestart=always\nRestartSec=0\n";
    const t = trees.make({ "latin.service": Buffer.from(text, "latin1") });
    const sarif = JSON.parse(runBin(["--format", "sarif", "latin.service"], { cwd: t.root }).stdout) as { runs: Array<{ results: Result2[] }> };
    const ul101 = sarif.runs[0]!.results.find((r) => r.ruleId === "UL101")!;
    expect(ul101.fixes![0]!.artifactChanges[0]!.replacements).toEqual([{ deletedRegion: { byteOffset: text.length - 2, byteLength: 1 }, insertedContent: { binary: Buffer.from("5s").toString("base64") } }]);
  });

  it("--output-file writes the report there, atomically, with the same exit code and messages", () => {
    const t = trees.make({ "bad.service": STORM, "ok.service": CLEAN });
    const r = runBin(["--format", "compact", "--systemd-version", "252", "--output-file", "reports/out.txt", "bad.service"], { cwd: t.root });
    expect(r).toEqual({ status: 1, stdout: "", stderr: "" });
    expect(fs.readFileSync(t.abs("reports/out.txt"), "utf8").split("\n")).toEqual([
      `bad.service:1:1: info: ${EXPOSURE} [UL403]`,
      expect.stringMatching(/^bad\.service:4:1: error: Restart=always with RestartSec=0: .* \[UL101\]$/),
      "",
    ]);
    // Replaced whole by the next run; no temporary file is left behind.
    expect(runBin(["-o", "reports/out.txt", "--format", "compact", "ok.service"], { cwd: t.root }).status).toBe(0);
    expect(fs.readFileSync(t.abs("reports/out.txt"), "utf8")).toBe("");
    expect(fs.readdirSync(t.abs("reports"))).toEqual(["out.txt"]);
  });

  it("--output-file: stylish has no colour in the file, where a terminal on stdout would have it", async () => {
    const t = trees.make({ "bad.service": STORM });
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s), readStdin: () => Buffer.alloc(0), env: {}, isTTY: true, cwd: t.root };
    expect(await run(["bad.service"], io)).toBe(1);
    expect(out.join("")).toContain("\u001b[31merror");
    out.length = 0;
    expect(await run(["-o", "s.txt", "--systemd-version", "252", "bad.service"], io)).toBe(1);
    expect(out).toEqual([]);
    expect(fs.readFileSync(t.abs("s.txt"), "utf8")).toBe(
      [
        "bad.service",
        `  bad.service:1:1  info     ${EXPOSURE}  UL403`,
        "     1 | [Service]",
        "       | ^^^^^^^^^",
        "  bad.service:4:1  error    Restart=always with RestartSec=0: crash loop: 5 starts within a fraction of a second, then the unit stays failed and nothing restarts it (StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults); use RestartSec=5s or more  UL101",
        "     4 | RestartSec=0",
        "       | ^^^^^^^^^^^^",
        "",
        "✖ 2 problems (1 error, 0 warnings, 1 info) in 1 unit (1 checked)",
        "",
      ].join("\n"),
    );
  });

  it("--output-file: a run that fails before writing leaves the file as it was; an unwritable file is a tool error", () => {
    const t = trees.make({ "bad.service": STORM, "out.sarif": "previous\n", "dir.sarif/x": "" });
    const missing = runBin(["--format", "sarif", "-o", "out.sarif", "missing.service"], { cwd: t.root });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^unitlint: .*missing\.service/);
    expect(fs.readFileSync(t.abs("out.sarif"), "utf8")).toBe("previous\n");
    const dir = runBin(["--format", "sarif", "-o", "dir.sarif", "bad.service"], { cwd: t.root });
    expect(dir).toEqual({ status: 2, stdout: "", stderr: 'unitlint: cannot write --output-file "' + t.abs("dir.sarif") + '": EISDIR\n' });
    expect(fs.readdirSync(t.root).sort()).toEqual(["bad.service", "dir.sarif", "out.sarif"]);
  });

  it("security has no SARIF or other formats: a usage error", () => {
    const t = trees.make({ "bad.service": STORM });
    expect(runBin(["security", "--format", "sarif", "bad.service"], { cwd: t.root })).toEqual({
      status: 2,
      stdout: "",
      stderr: "unitlint security: --format sarif is not supported (stylish or json)\n",
    });
  });
});

type Result2 = { ruleId: string; fixes?: Array<{ artifactChanges: Array<{ replacements: unknown[] }> }> };
