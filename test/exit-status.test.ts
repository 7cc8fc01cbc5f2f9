/** Exit-status sets (src/model/exit-status.ts) and the rule that checks them (UL108 exit-status-list). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, lintText, lintWithProject } from "../src/engine/lint.js";
import {
  EXIT_STATUSES,
  SIGNALS,
  exitStatusClass,
  exitStatusName,
  exitStatusSet,
  formatExitCode,
  parseCInteger,
  parseExitStatusList,
  signalFromString,
  signalName,
} from "../src/model/exit-status.js";
import { parseUnitFile } from "../src/syntax/parse.js";
import { RULES } from "../src/rules/index.js";
import UL108 from "../src/rules/UL108-exit-status-list.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD, verify } from "./helpers/systemd-analyze.js";
import { makeTree } from "./helpers/tree.js";


function values(value: string, systemdVersion?: number) {
  const list = parseExitStatusList(value, systemdVersion === undefined ? {} : { systemdVersion });
  return { items: list.items.map((i) => `${i.kind}:${i.value}`), invalid: list.invalid.map((i) => i.text) };
}

describe("parseExitStatusList", () => {
  it("reads numbers as exit codes, with their offsets in the value", () => {
    expect(parseExitStatusList("0 1  78\t255")).toEqual({
      reset: false,
      items: [
        { kind: "code", value: 0, text: "0", start: 0, end: 1 },
        { kind: "code", value: 1, text: "1", start: 2, end: 3 },
        { kind: "code", value: 78, text: "78", start: 5, end: 7 },
        { kind: "code", value: 255, text: "255", start: 8, end: 11 },
      ],
      invalid: [],
    });
  });

  it("reads numbers as C's strtoul() with base 0 does (safe_atou8): hex, octal, 0b/0o, a sign", () => {
    expect(values("0x4e 0X4E 010 0b1001110 0o116 +78 -0")).toEqual({
      items: ["code:78", "code:78", "code:8", "code:78", "code:78", "code:78", "code:0"],
      invalid: [],
    });
    expect(values("08 0x +0b1 1e2")).toEqual({ items: [], invalid: ["08", "0x", "+0b1", "1e2"] });
  });

  it("never reads a number as a signal, and refuses codes outside 0–255", () => {
    expect(parseExitStatusList("9 256 -1 99999999999")).toEqual({
      reset: false,
      items: [{ kind: "code", value: 9, text: "9", start: 0, end: 1 }],
      invalid: [
        { text: "256", start: 2, end: 5, reason: "is outside the exit status range 0–255", suggestion: null },
        { text: "-1", start: 6, end: 8, reason: "is outside the exit status range 0–255", suggestion: null },
        { text: "99999999999", start: 9, end: 20, reason: "is outside the exit status range 0–255", suggestion: null },
      ],
    });
  });

  it("reads exit-status names without the EXIT_/EX_ prefix, in every class", () => {
    expect(values("SUCCESS FAILURE INVALIDARGUMENT NOTRUNNING USAGE TEMPFAIL CONFIG CHDIR EXEC GROUP USER APPARMOR EXCEPTION")).toEqual({
      items: ["code:0", "code:1", "code:2", "code:7", "code:64", "code:75", "code:78", "code:200", "code:203", "code:216", "code:217", "code:231", "code:255"],
      invalid: [],
    });
  });

  it("reads signal names with and without SIG, and the real-time signals", () => {
    expect(values("SIGTERM TERM SIGKILL HUP SIGPIPE SIGRTMIN RTMIN+3 SIGRTMAX RTMAX-2 RTMIN+30 RTMIN+0x1")).toEqual({
      items: ["signal:15", "signal:15", "signal:9", "signal:1", "signal:13", "signal:34", "signal:37", "signal:64", "signal:62", "signal:64", "signal:35"],
      invalid: [],
    });
    expect(values("RTMIN+31 RTMAX-31 RTMIN-1 RTMAX+1 SIG SIGSIGTERM SIGFOO")).toEqual({
      items: [],
      invalid: ["RTMIN+31", "RTMAX-31", "RTMIN-1", "RTMAX+1", "SIG", "SIGSIGTERM", "SIGFOO"],
    });
  });

  it("reports invalid items with a reason and, when one is clearly meant, a suggestion", () => {
    expect(parseExitStatusList("EX_CONFIG exit_failure config sigterm TEMPFAILL SIGTREM SIGUSR OK").invalid).toEqual([
      {
        text: "EX_CONFIG",
        start: 0,
        end: 9,
        reason: "is not an exit status or signal",
        suggestion: { text: "CONFIG", kind: "code", value: 78, why: "prefix" },
      },
      {
        text: "exit_failure",
        start: 10,
        end: 22,
        reason: "is not an exit status or signal",
        suggestion: { text: "FAILURE", kind: "code", value: 1, why: "prefix" },
      },
      { text: "config", start: 23, end: 29, reason: "is not an exit status or signal", suggestion: { text: "CONFIG", kind: "code", value: 78, why: "case" } },
      { text: "sigterm", start: 30, end: 37, reason: "is not an exit status or signal", suggestion: { text: "SIGTERM", kind: "signal", value: 15, why: "case" } },
      { text: "TEMPFAILL", start: 38, end: 47, reason: "is not an exit status or signal", suggestion: { text: "TEMPFAIL", kind: "code", value: 75, why: "typo" } },
      { text: "SIGTREM", start: 48, end: 55, reason: "is not an exit status or signal", suggestion: { text: "SIGTERM", kind: "signal", value: 15, why: "typo" } },
      // SIGUSR1 and SIGUSR2 are equally close; "OK" is too short to guess.
      { text: "SIGUSR", start: 56, end: 62, reason: "is not an exit status or signal", suggestion: null },
      { text: "OK", start: 63, end: 65, reason: "is not an exit status or signal", suggestion: null },
    ]);
  });

  it("knows which names the checked systemd version accepts", () => {
    expect(values("CONFIG KSM MEMORY_THP", 254)).toEqual({ items: ["code:78", "code:245"], invalid: ["MEMORY_THP"] });
    expect(parseExitStatusList("KSM", { systemdVersion: 252 }).invalid).toEqual([
      {
        text: "KSM",
        start: 0,
        end: 3,
        reason: "is an exit status name only from systemd v254 on (checking for v252)",
        suggestion: { text: "245", kind: "code", value: 245, why: "version" },
      },
    ]);
    expect(parseExitStatusList("CONFIG 78 SIGTERM", { systemdVersion: 242 })).toEqual({
      reset: false,
      items: [
        { kind: "code", value: 78, text: "78", start: 7, end: 9 },
        { kind: "signal", value: 15, text: "SIGTERM", start: 10, end: 17 },
      ],
      invalid: [
        {
          text: "CONFIG",
          start: 0,
          end: 6,
          reason: "is an exit status name, which systemd accepts only from v243 on (checking for v242)",
          suggestion: { text: "78", kind: "code", value: 78, why: "version" },
        },
      ],
    });
    expect(parseExitStatusList("EX_CONFIG", { systemdVersion: 242 }).invalid[0]?.suggestion).toEqual({ text: "78", kind: "code", value: 78, why: "version" });
  });

  it("splits words as extract_first_word() does: quotes are plain characters, a backslash escapes the next one", () => {
    expect(parseExitStatusList('"78" 7\\8 a\\ b')).toEqual({
      reset: false,
      items: [{ kind: "code", value: 78, text: "78", start: 5, end: 8 }],
      invalid: [
        { text: '"78"', start: 0, end: 4, reason: "is not an exit status or signal", suggestion: null },
        { text: "a b", start: 9, end: 13, reason: "is not an exit status or signal", suggestion: null },
      ],
    });
  });

  it("drops a word that ends in a backslash, keeping the words before it", () => {
    expect(parseExitStatusList("78 9\\")).toEqual({
      reset: false,
      items: [{ kind: "code", value: 78, text: "78", start: 0, end: 2 }],
      invalid: [{ text: "9\\", start: 3, end: 5, reason: "ends in a backslash", suggestion: null }],
    });
  });

  it("treats an empty assignment as a reset", () => {
    expect(parseExitStatusList("")).toEqual({ reset: true, items: [], invalid: [] });
    expect(parseExitStatusList("0").reset).toBe(false);
  });
});

describe("exit-status tables", () => {
  it("has unique codes and names in the documented ranges and classes", () => {
    expect(new Set(EXIT_STATUSES.map((d) => d.code)).size).toBe(EXIT_STATUSES.length);
    expect(new Set(EXIT_STATUSES.map((d) => d.name)).size).toBe(EXIT_STATUSES.length);
    for (const d of EXIT_STATUSES) {
      const expected = d.code <= 1 ? "libc" : d.code <= 7 ? "LSB" : d.code >= 64 && d.code <= 78 ? "BSD" : "systemd";
      expect(d.class, d.name).toBe(expected);
      expect(d.code === 255 || (d.code >= 0 && d.code <= 78) || (d.code >= 200 && d.code <= 246), d.name).toBe(true);
    }
    expect(EXIT_STATUSES.length).toBe(2 + 6 + 15 + 45 + 1);
    expect([223, 234].map(exitStatusName)).toEqual([null, null]);
  });

  it("names codes and signals", () => {
    expect([0, 1, 3, 78, 203, 216, 217, 242, 246, 255].map(exitStatusName)).toEqual([
      "SUCCESS",
      "FAILURE",
      "NOTIMPLEMENTED",
      "CONFIG",
      "EXEC",
      "GROUP",
      "USER",
      "NUMA_POLICY",
      "MEMORY_THP",
      "EXCEPTION",
    ]);
    expect([1, 6, 78, 203, 42].map(exitStatusClass)).toEqual(["libc", "LSB", "BSD", "systemd", null]);
    expect([78, 143, 0].map(formatExitCode)).toEqual(["78 (CONFIG)", "143", "0 (SUCCESS)"]);
    expect([15, 9, 34, 37, 64, 99].map(signalName)).toEqual(["SIGTERM", "SIGKILL", "SIGRTMIN", "SIGRTMIN+3", "SIGRTMIN+30", "99"]);
    expect(new Set(SIGNALS.map(([, n]) => n)).size).toBe(31);
  });

  it("reads signals as signal_from_string() does, numbers included", () => {
    expect(["15", "SIGTERM", "TERM", "RTMIN", "SIGRTMIN+30", "RTMAX-30", "64", "0x9"].map(signalFromString)).toEqual([15, 15, 15, 34, 64, 34, 64, 9]);
    expect(["0", "65", "-9", "term", "SIG15", "RTMIN+31", "RTMAX+1", ""].map(signalFromString)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it("parses C integers like strtol()/strtoul() with base 0", () => {
    expect(["12", "+12", "-12", "014", "0xC", "0b1100", "0o14", "0", "-0", " 12"].map((s) => parseCInteger(s, false))).toEqual([12, 12, -12, 12, 12, 12, 12, 0, 0, 12]);
    expect(parseCInteger("-12", true)).toBe(-1);
    expect(["", "12a", "0x", "09", "-0b1", "1 2"].map((s) => parseCInteger(s, false))).toEqual([null, null, null, null, null, null]);
  });

  it("merges a unit's assignments after the last empty one", () => {
    const t = makeTree({ "a.service": "[Service]\nExecStart=/bin/a\nSuccessExitStatus=1\nSuccessExitStatus=\nSuccessExitStatus=78 SIGHUP\nSuccessExitStatus=TEMPFAIL x\n" });
    try {
      const { project } = lintWithProject({ paths: ["."], cwd: t.root });
      const unit = project.units.find((u) => u.name === "a.service")!;
      const set = exitStatusSet(unit, "SuccessExitStatus");
      expect({ codes: [...set.codes], signals: [...set.signals] }).toEqual({ codes: [78, 75], signals: [1] });
      expect(exitStatusSet(unit, "RestartPreventExitStatus")).toEqual({ codes: new Set(), signals: new Set() });
    } finally {
      t.cleanup();
    }
  });
});

function findings(text: string, options: { file?: string; systemdVersion?: number } = {}) {
  const settings = options.systemdVersion === undefined ? {} : { systemdVersion: options.systemdVersion };
  return lintText(text, options.file ?? "x.service", { rules: RULES, settings })
    .findings.filter((f) => f.rule === "UL108")
    .map((f) => ({ severity: f.severity, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: f.message }));
}

describe("UL108 exit-status-list", () => {
  it("is an error at the item systemd ignores, with a did-you-mean when one name is clearly meant", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nSuccessExitStatus=143 EX_CONFIG\nRestartPreventExitStatus=config SIGTERM 300\n")).toEqual([
      {
        severity: "error",
        line: 3,
        column: 23,
        endLine: 3,
        endColumn: 32,
        message: 'SuccessExitStatus= item "EX_CONFIG" is not an exit status or signal: systemd ignores it; did you mean "CONFIG" (78)?',
      },
      {
        severity: "error",
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 32,
        message: 'RestartPreventExitStatus= item "config" is not an exit status or signal: systemd ignores it; did you mean "CONFIG" (78)?',
      },
      {
        severity: "error",
        line: 4,
        column: 41,
        endLine: 4,
        endColumn: 44,
        message: 'RestartPreventExitStatus= item "300" is outside the exit status range 0–255: systemd ignores it',
      },
    ]);
  });

  it("suggests signals and numbers, and says nothing more when no candidate is clear", () => {
    const messages = findings("[Service]\nExecStart=/bin/x\nRestartForceExitStatus=sigkill SIGUSR KSM\n", { systemdVersion: 252 }).map((f) => f.message);
    expect(messages).toEqual([
      'RestartForceExitStatus= item "sigkill" is not an exit status or signal: systemd ignores it; did you mean "SIGKILL" (signal 9)?',
      'RestartForceExitStatus= item "SIGUSR" is not an exit status or signal: systemd ignores it',
      'RestartForceExitStatus= item "KSM" is an exit status name only from systemd v254 on (checking for v252): systemd ignores it; use the number 245',
    ]);
  });

  it("reports a value continued over several lines as a whole", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nRestartPreventExitStatus=CONFIG \\\n  EXIT_USAGE\n")).toEqual([
      {
        severity: "error",
        line: 3,
        column: 26,
        endLine: 4,
        endColumn: 13,
        message: 'RestartPreventExitStatus= item "EXIT_USAGE" is not an exit status or signal: systemd ignores it; did you mean "USAGE" (64)?',
      },
    ]);
  });

  it("quotes the item as written, escaping quotes and backslashes", () => {
    expect(findings('[Service]\nExecStart=/bin/x\nSuccessExitStatus="78" 9\\\\\n').map((f) => f.message)).toEqual([
      'SuccessExitStatus= item "\\"78\\"" is not an exit status or signal: systemd ignores it',
      'SuccessExitStatus= item "9\\\\" is not an exit status or signal: systemd ignores it',
    ]);
  });

  it("reports invalid items even in assignments a later empty one resets (systemd logs them)", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nSuccessExitStatus=EX_OK\nSuccessExitStatus=\n").map((f) => f.line)).toEqual([3]);
  });

  it("warns that a failure code in SuccessExitStatus= hides the failure with Restart=on-failure", () => {
    expect(findings("[Service]\nType=oneshot\nExecStart=/bin/x\nRestart=on-failure\nSuccessExitStatus=78 143\n")).toEqual([
      {
        severity: "warning",
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 21,
        message:
          'SuccessExitStatus= lists exit code 78 (CONFIG): systemd counts that exit as a success, so with Restart=on-failure a service that exits with 78 stays down and shows "inactive" instead of "failed", and monitoring never sees the failure; RestartPreventExitStatus=78 stops the restarts while keeping the failure visible',
      },
    ]);
  });

  it("says a service that restarts on success keeps restarting as if nothing had failed", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nRestart=always\nSuccessExitStatus=TEMPFAIL\n").map((f) => f.message)).toEqual([
      "SuccessExitStatus= lists exit code 75 (TEMPFAIL): systemd counts that exit as a success, so with Restart=always a service that exits with 75 is restarted as if nothing had failed (Result=success), and monitoring never sees the failure; RestartPreventExitStatus=75 stops the restarts while keeping the failure visible",
    ]);
    expect(findings("[Service]\nExecStart=/bin/x\nRestart=on-success\nSuccessExitStatus=42\n")[0]?.message).toContain(
      "exit code 42: systemd counts that exit as a success, so with Restart=on-success a service that exits with 42 is restarted",
    );
  });

  it("warns once per code, on the effective list only", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nRestart=always\nSuccessExitStatus=78 CONFIG\nSuccessExitStatus=0x4e 1\n").map((f) => `${f.line}:${f.column}`)).toEqual([
      "4:19",
      "5:24",
    ]);
    expect(findings("[Service]\nExecStart=/bin/x\nRestart=always\nSuccessExitStatus=78\nSuccessExitStatus=\nSuccessExitStatus=143\n")).toEqual([]);
  });

  it("leaves 0, 128 and up, signals, and services that do not restart alone", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nRestart=always\nSuccessExitStatus=0 128 143 159 203 255 SIGTERM SIGKILL\n")).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/x\nSuccessExitStatus=78\n")).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/x\nRestart=always\nRestart=no\nSuccessExitStatus=78\n")).toEqual([]);
  });

  it("leaves deliberate uses alone: codes that force or prevent a restart, and the KillSignal= number", () => {
    const base = "[Service]\nExecStart=/bin/x\nRestart=on-failure\n";
    expect(findings(`${base}SuccessExitStatus=3 4\nRestartForceExitStatus=3 4\n`)).toEqual([]);
    expect(findings(`${base}SuccessExitStatus=42 43\nRestartPreventExitStatus=42\n`).map((f) => f.message.slice(0, 34))).toEqual([
      "SuccessExitStatus= lists exit code",
    ]);
    expect(findings(`${base}SuccessExitStatus=78\nRestartPreventExitStatus=CONFIG\n`)).toEqual([]);
    expect(findings(`${base}SuccessExitStatus=15\n`)).toEqual([]);
    expect(findings(`${base}KillSignal=SIGINT\nKillSignal=bogus\nSuccessExitStatus=2 15\n`).map((f) => f.column)).toEqual([21]);
    expect(findings(`${base}RestartForceExitStatus=3\nRestartForceExitStatus=\nSuccessExitStatus=3\n`).length).toBe(1);
  });

  it("uses the last valid Restart=, as systemd does", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nRestart=on-failure\nRestart=sometimes\nSuccessExitStatus=1\n")[0]?.message).toContain("with Restart=on-failure");
  });

  it("follows a drop-in's assignment to the drop-in", () => {
    const t = makeTree({
      "app.service": "[Service]\nExecStart=/bin/app\nRestart=on-abnormal\n",
      "app.service.d/x.conf": "[Service]\nSuccessExitStatus=USAGE\n",
    });
    try {
      const report = lint({ paths: ["."], cwd: t.root, rules: RULES });
      expect(report.findings.filter((f) => f.rule === "UL108").map((f) => `${f.path}:${f.line}:${f.column} ${f.severity}`)).toEqual([
        "app.service.d/x.conf:2:19 warning",
      ]);
    } finally {
      t.cleanup();
    }
  });

  it("uses the systemd version from the settings", () => {
    expect(findings("[Service]\nExecStart=/bin/x\nRestartPreventExitStatus=CONFIG\n", { systemdVersion: 242 }).map((f) => f.message)).toEqual([
      'RestartPreventExitStatus= item "CONFIG" is an exit status name, which systemd accepts only from v243 on (checking for v242): systemd ignores it; use the number 78',
    ]);
  });

  it("looks at services only", () => {
    expect(findings("[Service]\nRestart=always\nSuccessExitStatus=EX_CONFIG 78\n", { file: "x.socket" })).toEqual([]);
  });

  it("reports its bad example and nothing on its good one", () => {
    // Both examples are plain services: UL403's exposure info on the [Service] header (line 6) is all that the good one gets.
    expect(lintText(UL108.docs.bad, "example.service", { rules: RULES }).findings.map((f) => `${f.rule} ${f.severity} ${f.line}`)).toEqual([
      "UL403 info 6",
      "UL108 warning 10",
      "UL108 error 11",
    ]);
    expect(lintText(UL108.docs.good, "example.service", { rules: RULES }).findings.map((f) => `${f.rule} ${f.severity} ${f.line}`)).toEqual(["UL403 info 6"]);
  });
});

/**
 * The parser against systemd's own: every word `systemd-analyze verify` refuses ("Failed to parse
 * value, ignoring: WORD") must be an invalid item of ours on the same line, and the other way
 * round, for crafted values and for the real units in ../shared/corpus.
 */
describe("exit-status sets against systemd-analyze verify", () => {
  const hasSystemd = ensureSystemdAnalyze();
  const KEY = /^(SuccessExitStatus|RestartPreventExitStatus|RestartForceExitStatus)=/m;
  const CRAFTED = [
    "78 CONFIG SIGTERM TERM 0x4e 010 0b1001110 0o116 +78 -0 256 -1 99999999999 EX_CONFIG config sigterm 08 0x",
    "RTMIN RTMIN+3 SIGRTMAX RTMAX-2 RTMIN+30 RTMIN+31 RTMAX-31 RTMIN+0x1 RTMIN-1 SIG SIGSIGTERM SIG15 1e2 +0b1 STKFLT",
    "KSM BPF CREDENTIALS NUMA_POLICY MEMORY_THP EXCEPTION APPARMOR TEMPFAILL",
    '"78" 7\\8 a\\ b 9\\\\ \'1\'',
  ];

  function version(): number {
    const out = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" }).stdout;
    return Number(/systemd (\d+)/.exec(out)?.[1] ?? 0);
  }

  function compare(files: string[]): { ours: string[]; theirs: string[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-exit-status-"));
    try {
      const staged = files.map((file, i) => {
        const copy = path.join(dir, `unit${i}.service`);
        fs.copyFileSync(file, copy);
        return copy;
      });
      const theirs = verify(staged, dir)
        .map((m) => ({ ...m, word: /^Failed to parse value, ignoring: (.*)$/.exec(m.message)?.[1] }))
        .filter((m) => m.word !== undefined)
        .map((m) => `${path.basename(m.path)}:${m.line} ${m.word}`);
      const systemdVersion = version();
      const ours = staged.flatMap((copy) =>
        parseUnitFile(fs.readFileSync(copy, "utf8"))
          .sections.filter((s) => s.name === "Service")
          .flatMap((s) => s.entries)
          .filter((e) => KEY.test(`${e.key}=`))
          .flatMap((e) => parseExitStatusList(e.value, { systemdVersion }).invalid.map((i) => `${path.basename(copy)}:${e.range.endLine} ${i.text}`)),
      );
      return { ours: ours.sort(), theirs: theirs.sort() };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it.skipIf(!hasSystemd)("refuses exactly the words systemd refuses", () => {
    const t = makeTree({ "crafted.service": `[Service]\nExecStart=/bin/true\n${CRAFTED.map((v) => `SuccessExitStatus=${v}\n`).join("")}` });
    try {
      const { ours, theirs } = compare([t.abs("crafted.service")]);
      expect(theirs.length).toBeGreaterThan(20);
      expect(ours).toEqual(theirs);
    } finally {
      t.cleanup();
    }
  });

  it.skipIf(!hasSystemd)("agrees on the corpus", () => {
    const corpus = path.resolve(import.meta.dirname, "..", "..", "shared", "corpus");
    if (!fs.existsSync(corpus)) return;
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.isFile() ? [path.join(d, e.name)] : []));
    // Every file that sets one of the three (fuzzer inputs included), linted as a service.
    const files = walk(corpus).filter((f) => KEY.test(fs.readFileSync(f, "latin1")));
    expect(files.length).toBeGreaterThan(10);
    const { ours, theirs } = compare(files);
    expect(theirs.some((w) => w.endsWith(" RTMIN+2147483644"))).toBe(true);
    expect(ours).toEqual(theirs);
  });

  if (!hasSystemd) it("(skipped)", () => console.warn(SKIP_NO_SYSTEMD));
});
