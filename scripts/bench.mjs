#!/usr/bin/env node
/**
 * unitlint benchmark (run with `npm run bench`, which builds first).
 *
 *   1. Debian set: unitlint vs one batched `systemd-analyze verify` on every
 *      .service file of ../shared/corpus/debian (median of 5, after a warm-up).
 *   2. One file:   `node bin/unitlint.js <file>` vs `node -e 0` (median of 15, after warm-ups).
 *   3. 20,000 units: a generated tree (scripts/gen-bench-tree.mjs) linted with
 *      `--format json`; wall time and peak RSS (median of 3, after a warm-up), then one
 *      more run with UNITLINT_TIMING=all for the time each rule takes.
 *
 * Progress goes to stderr; the report goes to stdout and ends with the figures
 * as one line of JSON (also written to FILE with `--json FILE`). The exit code
 * is 0 even when a target is missed: this is a report, not a test.
 *
 * Options: --json FILE   write the figures as JSON to FILE
 *          --help        this text
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateTree } from "./gen-bench-tree.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(repoRoot, "bin", "unitlint.js");
const NODE = process.execPath;
const SYSTEMD_ANALYZE = "/usr/bin/systemd-analyze";
const GNU_TIME = "/usr/bin/time";

const RUNS_DEBIAN = 5;
const RUNS_ONE = 15;
const WARMUP_ONE = 3;
const RUNS_BIG = 3;
const BIG_UNITS = 20000;
const BIG_LABEL = `${BIG_UNITS / 1000}k units`;

const TARGETS = {
  debianRatio: 0.3, // unitlint / systemd-analyze
  oneFileRatio: 2, // unitlint one file / node -e 0
  bigWallMs: 2000,
  bigPeakRssMB: 300,
};

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const out = { json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") {
      out.json = argv[++i];
      if (!out.json) usage("--json needs a FILE");
    } else if (a.startsWith("--json=")) out.json = a.slice("--json=".length);
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: node scripts/bench.mjs [--json FILE]\n");
      process.exit(0);
    } else usage(`unknown argument ${JSON.stringify(a)}`);
  }
  return out;
}

function usage(message) {
  process.stderr.write(`bench: ${message}\nusage: node scripts/bench.mjs [--json FILE]\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- helpers

const log = (text) => process.stderr.write(`bench: ${text}\n`);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round = (x, digits = 1) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const spread = (values) => `min ${fmtMs(Math.min(...values))}, max ${fmtMs(Math.max(...values))}, n=${values.length}`;

/**
 * Runs a command once and returns its wall time in ms (measured around a
 * synchronous spawn, so process start-up and exit are included).
 * stdout/stderr go to /dev/null unless `capture` is set.
 */
function timeRun(cmd, args, { cwd = repoRoot, capture = false } = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "ignore",
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const ms = performance.now() - t0;
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.signal) throw new Error(`${path.basename(cmd)} was killed by ${r.signal}`);
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** unitlint exits 0 (clean) or 1 (findings); 2 means it failed as a tool. */
function checkUnitlint(r, what) {
  if (r.status !== 0 && r.status !== 1) {
    const err = r.stderr ? r.stderr.toString().slice(0, 2000) : "";
    throw new Error(`unitlint failed on ${what} (exit ${r.status}):\n${err}`);
  }
}

/** Every file (or link) named *.service under dir, recursively, without following links; sorted. */
function findServiceFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".service")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function machineInfo() {
  const cpus = os.cpus();
  let model = cpus[0]?.model?.trim() || "";
  if (!model || model === "unknown") {
    try {
      model = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
    } catch {
      model = "unknown";
    }
  }
  return {
    node: process.version,
    cpu: model,
    cores: cpus.length,
    availableParallelism: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

// ---------------------------------------------------------------- part 1: Debian set

function benchDebian() {
  const corpus = path.resolve(repoRoot, "../shared/corpus/debian");
  const result = { corpus, skipped: null, files: 0 };
  if (!fs.existsSync(corpus)) {
    result.skipped = `corpus not found at ${corpus}`;
    log(`Debian set skipped: ${result.skipped}`);
    return result;
  }
  const files = findServiceFiles(corpus);
  result.files = files.length;
  if (files.length === 0) {
    result.skipped = `no .service files under ${corpus}`;
    return result;
  }
  log(`Debian set: ${files.length} .service files`);

  let analyzeSkip = null;
  if (!fs.existsSync(SYSTEMD_ANALYZE)) analyzeSkip = `${SYSTEMD_ANALYZE} not found`;
  else {
    try {
      fs.accessSync(SYSTEMD_ANALYZE, fs.constants.X_OK);
      const v = spawnSync(SYSTEMD_ANALYZE, ["--version"], { encoding: "utf8" });
      if (v.error) analyzeSkip = `${SYSTEMD_ANALYZE} cannot run: ${v.error.message}`;
      else result.systemdVersion = v.stdout.split("\n")[0].trim();
    } catch (e) {
      analyzeSkip = `${SYSTEMD_ANALYZE} is not executable: ${e.message}`;
    }
  }
  // The fast mode skips what unitlint does not do either (man-page lookups for Documentation=,
  // loading every dependency); the default mode is `systemd-analyze verify FILES` as people type it.
  const analyzeArgs = ["verify", "--man=no", "--recursive-errors=no", ...files];
  const analyzeDefaultArgs = ["verify", ...files];

  // Warm-up (page cache, and a sanity check of both commands).
  const warm = timeRun(NODE, [BIN, ...files], { capture: true });
  checkUnitlint(warm, "the Debian set");
  const summary = /✖ .*|No problems.*/.exec(warm.stdout.toString())?.[0];
  if (summary) result.unitlintSummary = summary.trim();
  if (!analyzeSkip) {
    const w = timeRun(SYSTEMD_ANALYZE, analyzeArgs, { capture: true });
    result.systemdAnalyzeExit = w.status;
    result.systemdAnalyzeMessages = w.stderr.toString().split("\n").filter(Boolean).length + w.stdout.toString().split("\n").filter(Boolean).length;
  }

  const ul = [];
  const sa = [];
  for (let i = 0; i < RUNS_DEBIAN; i++) {
    // Interleaved, so drift in machine load affects both sides alike.
    ul.push(timeRun(NODE, [BIN, ...files]).ms);
    if (!analyzeSkip) sa.push(timeRun(SYSTEMD_ANALYZE, analyzeArgs).ms);
    log(`  run ${i + 1}/${RUNS_DEBIAN}: unitlint ${fmtMs(ul.at(-1))}${analyzeSkip ? "" : `, systemd-analyze ${fmtMs(sa.at(-1))}`}`);
  }
  result.unitlintMs = median(ul);
  result.unitlintRuns = ul;
  if (analyzeSkip) {
    result.systemdAnalyzeSkipped = analyzeSkip;
  } else {
    result.systemdAnalyzeMs = median(sa);
    result.systemdAnalyzeRuns = sa;
    result.ratio = result.unitlintMs / result.systemdAnalyzeMs;
    // One run is enough: it takes tens of seconds, and the ratio is far from the target either way.
    log("  systemd-analyze verify (default mode, one run; this takes a while)");
    result.systemdAnalyzeDefaultMs = timeRun(SYSTEMD_ANALYZE, analyzeDefaultArgs).ms;
    result.ratioDefault = result.unitlintMs / result.systemdAnalyzeDefaultMs;
  }
  return result;
}

// ---------------------------------------------------------------- part 2: one file

function benchOneFile(tmp) {
  const file = path.join(tmp, "one", "etc", "systemd", "system", "web.service");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    "[Unit]\nDescription=Small web service\nAfter=network-online.target\nWants=network-online.target\n\n[Service]\nExecStart=/usr/bin/web --port 8080\nRestart=on-failure\nRestartSec=5s\nUser=web\n\n[Install]\nWantedBy=multi-user.target\n",
  );
  log(`One file: ${file}`);
  for (let i = 0; i < WARMUP_ONE; i++) {
    checkUnitlint(timeRun(NODE, [BIN, file], { capture: true }), file);
    timeRun(NODE, ["-e", "0"]);
  }
  const ul = [];
  const bare = [];
  for (let i = 0; i < RUNS_ONE; i++) {
    bare.push(timeRun(NODE, ["-e", "0"]).ms);
    ul.push(timeRun(NODE, [BIN, file]).ms);
  }
  const result = { file: path.relative(tmp, file), unitlintMs: median(ul), nodeMs: median(bare), unitlintRuns: ul, nodeRuns: bare };
  result.ratio = result.unitlintMs / result.nodeMs;
  log(`  unitlint ${fmtMs(result.unitlintMs)} vs node -e 0 ${fmtMs(result.nodeMs)}`);
  return result;
}

// ---------------------------------------------------------------- part 3: 20,000 units

function gnuTimeWorks() {
  if (!fs.existsSync(GNU_TIME)) return false;
  const out = path.join(os.tmpdir(), `unitlint-bench-time-${process.pid}`);
  try {
    const r = spawnSync(GNU_TIME, ["-f", "%M", "-o", out, NODE, "-e", "0"], { stdio: "ignore" });
    return !r.error && r.status === 0 && /^\d+\s*$/.test(fs.readFileSync(out, "utf8").trim().split("\n").at(-1));
  } catch {
    return false;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

function benchBig(tmp) {
  const root = path.join(tmp, "tree");
  fs.mkdirSync(root);
  log(`20,000 units: generating the tree in ${root}`);
  const g0 = performance.now();
  const tree = generateTree(root, { unitFiles: BIG_UNITS });
  const genMs = performance.now() - g0;
  log(`  generated in ${fmtMs(genMs)}: ${JSON.stringify(tree)}`);

  const cliArgs = [BIN, "--format", "json", root];
  const useTime = gnuTimeWorks();
  const result = { tree, generateMs: genMs, command: `node bin/unitlint.js --format json <tree>` };
  let runOnce;
  if (useTime) {
    result.rssMethod = `${GNU_TIME} -f %M (peak RSS of the CLI process; wall time measured around the spawn; CPU = %U + %S)`;
    const out = path.join(tmp, "time.out");
    runOnce = (capture) => {
      const r = timeRun(GNU_TIME, ["-f", "%M %U %S", "-o", out, NODE, ...cliArgs], { capture });
      checkUnitlint(r, "the generated tree");
      // GNU time writes "Command exited with non-zero status 1" first when unitlint finds something.
      const [kb, user, sys] = fs.readFileSync(out, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
      return { ...r, rssMB: kb / 1024, cpuMs: (user + sys) * 1000 };
    };
  } else {
    // Fallback: the same work in-process (lint() + JSON.stringify), peak RSS from process.resourceUsage().
    result.rssMethod = "process.resourceUsage().maxRSS in a wrapper calling dist/index.js lint() + JSON.stringify (no /usr/bin/time); wall time measured around the spawn";
    const wrapper = path.join(tmp, "rss-wrapper.mjs");
    fs.writeFileSync(
      wrapper,
      `import { lint } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, "dist", "index.js")).href)};\n` +
        `const report = lint({ paths: [process.argv[2]], cwd: process.cwd() });\n` +
        `const json = JSON.stringify(report, null, 2);\n` +
        `process.stderr.write(JSON.stringify({ maxRSSkB: process.resourceUsage().maxRSS, bytes: json.length, findings: report.findings.length, units: report.summary.units, errors: report.summary.errors, warnings: report.summary.warnings }) + "\\n");\n`,
    );
    runOnce = () => {
      const r = timeRun(NODE, [wrapper, root], { capture: true });
      if (r.status !== 0) throw new Error(`rss wrapper failed (exit ${r.status}): ${r.stderr}`);
      const info = JSON.parse(r.stderr.toString().trim().split("\n").at(-1));
      result.report ??= { units: info.units, findings: info.findings, errors: info.errors, warnings: info.warnings, jsonBytes: info.bytes };
      return { ...r, rssMB: info.maxRSSkB / 1024, stdout: null };
    };
  }

  // Warm-up and sanity check: the JSON must parse and cover the tree.
  const warm = runOnce(true);
  if (warm.stdout) {
    const report = JSON.parse(warm.stdout.toString());
    result.report = { units: report.summary.units, findings: report.findings.length, errors: report.summary.errors, warnings: report.summary.warnings, jsonBytes: warm.stdout.length };
    log(`  warm-up ${fmtMs(warm.ms)}, ${round(warm.rssMB)} MB; report: ${JSON.stringify(result.report)}`);
  }

  const wall = [];
  const rss = [];
  const cpu = [];
  for (let i = 0; i < RUNS_BIG; i++) {
    const r = runOnce(false);
    wall.push(r.ms);
    rss.push(r.rssMB);
    if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
    log(`  run ${i + 1}/${RUNS_BIG}: ${fmtMs(r.ms)}, peak RSS ${round(r.rssMB)} MB${r.cpuMs !== undefined ? `, CPU ${fmtMs(r.cpuMs)}` : ""}`);
  }
  Object.assign(result, { wallMs: median(wall), peakRssMB: median(rss), wallRuns: wall, peakRssRuns: rss, cpuMs: cpu.length ? median(cpu) : null, cpuRuns: cpu });

  // Where the time goes: one more run with UNITLINT_TIMING=all (not counted in the figures above).
  const timed = spawnSync(NODE, cliArgs, { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, UNITLINT_TIMING: "all" } });
  result.ruleTimes = Object.fromEntries(
    timed.stderr.split("\n").flatMap((line) => {
      const m = /^(.+?) +\| +([0-9.]+) \|/.exec(line);
      return m && m[1] !== "Rule" ? [[m[1], Number(m[2])]] : [];
    }),
  );
  return result;
}

// ---------------------------------------------------------------- report

function verdict(value, target) {
  if (value === null || value === undefined) return "SKIP";
  return value <= target ? "PASS" : "FAIL";
}

function table(rows) {
  const header = ["Measurement", "Value", "Target", "Result"];
  const all = [header, ...rows.map((r) => [r.name, r.value, r.target, r.result])];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const color = process.stdout.isTTY && !process.env.NO_COLOR;
  const paint = (cell, text) => (!color ? text : cell === "FAIL" ? `\x1b[1;31m${text}\x1b[0m` : cell === "PASS" ? `\x1b[32m${text}\x1b[0m` : text);
  const line = (r) => r.map((c, i) => (i === 3 ? paint(c, c.padEnd(widths[i])) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(repoRoot, "dist", "cli", "main.js"))) {
    usage("dist/ is missing: run `npm run build` first (or use `npm run bench`)");
  }
  const machine = machineInfo();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-bench-"));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      cleanup();
      process.exit(130);
    });
  }

  const results = { machine, debian: null, oneFile: null, big: null };
  const errors = {};
  const attempt = (key, fn) => {
    try {
      results[key] = fn();
    } catch (e) {
      errors[key] = e instanceof Error ? e.message : String(e);
      log(`${key} FAILED to run: ${errors[key]}`);
    }
  };
  try {
    attempt("debian", () => benchDebian());
    attempt("oneFile", () => benchOneFile(tmp));
    attempt("big", () => benchBig(tmp));
  } finally {
    cleanup();
  }

  machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  const out = [];
  const p = (s = "") => out.push(s);
  p("unitlint benchmark");
  p("==================");
  p(`Machine: node ${machine.node}; CPU ${machine.cpu}; ${machine.cores} cores (availableParallelism ${machine.availableParallelism}); ${machine.memoryGB} GB RAM; ${machine.platform}`);
  p(`Load average (1/5/15 min): ${machine.loadAverageAtStart.join(" ")} at start, ${machine.loadAverageAtEnd.join(" ")} at end${machine.loadAverageAtStart[0] > 0.5 * machine.cores || machine.loadAverageAtEnd[0] > 0.5 * machine.cores ? "  (other processes were busy: timings may be noisy)" : ""}`);
  p();

  const d = results.debian;
  p(`1. Debian set — all .service files of ../shared/corpus/debian, median of ${RUNS_DEBIAN} runs (after 1 warm-up)`);
  if (errors.debian) p(`   ERROR: ${errors.debian}`);
  else if (d.skipped) p(`   SKIPPED: ${d.skipped}`);
  else {
    p(`   files:                                   ${d.files} .service files (${d.corpus})`);
    p(`   unitlint (node bin/unitlint.js FILES...): ${fmtMs(d.unitlintMs).padEnd(10)} (${spread(d.unitlintRuns)})${d.unitlintSummary ? `  [${d.unitlintSummary}]` : ""}`);
    if (d.systemdAnalyzeSkipped) p(`   systemd-analyze verify:                  SKIPPED: ${d.systemdAnalyzeSkipped}`);
    else {
      p(`   systemd-analyze verify --man=no --recursive-errors=no FILES... (${d.systemdVersion}, exit ${d.systemdAnalyzeExit}, ${d.systemdAnalyzeMessages} lines of messages):`);
      p(`                                            ${fmtMs(d.systemdAnalyzeMs).padEnd(10)} (${spread(d.systemdAnalyzeRuns)})`);
      p(`   ratio unitlint / systemd-analyze:        ${d.ratio.toFixed(2)}×  (target ≤ ${TARGETS.debianRatio}×)`);
      p(`   systemd-analyze verify FILES... (default mode: also looks up man pages and loads dependencies; 1 run):`);
      p(`                                            ${fmtMs(d.systemdAnalyzeDefaultMs)}`);
      p(`   ratio unitlint / systemd-analyze:        ${d.ratioDefault.toFixed(3)}×  (target ≤ ${TARGETS.debianRatio}×)`);
    }
  }
  p();

  const o = results.oneFile;
  p(`2. One file — median of ${RUNS_ONE} runs each, after ${WARMUP_ONE} warm-ups, interleaved`);
  if (errors.oneFile) p(`   ERROR: ${errors.oneFile}`);
  else {
    const l1 = `node bin/unitlint.js ${o.file}:`;
    const w = l1.length + 1;
    p(`   ${l1.padEnd(w)}${fmtMs(o.unitlintMs).padEnd(10)} (${spread(o.unitlintRuns)})`);
    p(`   ${"node -e 0:".padEnd(w)}${fmtMs(o.nodeMs).padEnd(10)} (${spread(o.nodeRuns)})`);
    p(`   ${"ratio unitlint / node:".padEnd(w)}${o.ratio.toFixed(2)}×  (target ≤ ${TARGETS.oneFileRatio}×)`);
  }
  p();

  const b = results.big;
  p(`3. ${BIG_UNITS.toLocaleString("en")} units — node bin/unitlint.js --format json <tree> > /dev/null, median of ${RUNS_BIG} runs (after 1 warm-up)`);
  if (errors.big) p(`   ERROR: ${errors.big}`);
  else {
    const t = b.tree;
    p(`   tree: ${t.unitFiles} unit files (${t.services} services, ${t.sockets} sockets, ${t.timers} timers; ${t.userUnits} user units; ${t.overrides} same-named /etc overrides), ${t.dropins} drop-ins, ${t.links} symlinks (${t.masked} masks), ${(t.bytes / 2 ** 20).toFixed(1)} MB of text; generated in ${fmtMs(b.generateMs)}`);
    if (b.report) p(`   report: ${b.report.units} units, ${b.report.findings} findings (${b.report.errors} errors, ${b.report.warnings} warnings), ${(b.report.jsonBytes / 2 ** 20).toFixed(1)} MB of JSON`);
    p(`   wall time:  ${fmtMs(b.wallMs)} (${spread(b.wallRuns)})`);
    if (b.cpuMs !== null) p(`   CPU time:   ${fmtMs(b.cpuMs)} user+sys (${spread(b.cpuRuns)}; not a target, shown because wall time suffers when other processes compete for the ${machine.cores} cores)`);
    p(`   peak RSS:   ${b.peakRssMB.toFixed(1)} MB (runs: ${b.peakRssRuns.map((x) => x.toFixed(1)).join(", ")} MB)`);
    p(`   RSS method: ${b.rssMethod}`);
    const slowest = Object.entries(b.ruleTimes ?? {}).slice(0, 8);
    if (slowest.length > 0) p(`   slowest rules (UNITLINT_TIMING=all, one more run): ${slowest.map(([rule, ms]) => `${rule} ${fmtMs(ms)}`).join(", ")}`);
  }
  p();

  const rows = [];
  const row = (name, value, unitText, target, targetText) =>
    rows.push({ name, value: value === null || value === undefined ? "n/a" : unitText, target: targetText, result: verdict(value, target) });
  const okD = d && !d.skipped && !errors.debian;
  row("Debian: unitlint", okD ? d.unitlintMs : null, okD ? fmtMs(d.unitlintMs) : "", Infinity, "-");
  row("Debian: systemd-analyze verify (fast)", okD ? d.systemdAnalyzeMs : null, okD && d.systemdAnalyzeMs ? fmtMs(d.systemdAnalyzeMs) : "", Infinity, "-");
  row("Debian: ratio to verify --man=no --recursive-errors=no", okD ? d.ratio : null, okD && d.ratio ? `${d.ratio.toFixed(2)}×` : "", TARGETS.debianRatio, `≤ ${TARGETS.debianRatio}×`);
  row("Debian: systemd-analyze verify (default)", okD ? d.systemdAnalyzeDefaultMs : null, okD && d.systemdAnalyzeDefaultMs ? fmtMs(d.systemdAnalyzeDefaultMs) : "", Infinity, "-");
  row("Debian: ratio to verify (default)", okD ? d.ratioDefault : null, okD && d.ratioDefault ? `${d.ratioDefault.toFixed(3)}×` : "", TARGETS.debianRatio, `≤ ${TARGETS.debianRatio}×`);
  row("One file: unitlint", o?.unitlintMs, o ? fmtMs(o.unitlintMs) : "", Infinity, "-");
  row("One file: node -e 0", o?.nodeMs, o ? fmtMs(o.nodeMs) : "", Infinity, "-");
  row("One file: ratio unitlint/node", o?.ratio, o ? `${o.ratio.toFixed(2)}×` : "", TARGETS.oneFileRatio, `≤ ${TARGETS.oneFileRatio}×`);
  row(`${BIG_LABEL}: wall time`, b?.wallMs, b ? fmtMs(b.wallMs) : "", TARGETS.bigWallMs, `≤ ${fmtMs(TARGETS.bigWallMs)}`);
  row(`${BIG_LABEL}: peak RSS`, b?.peakRssMB, b ? `${b.peakRssMB.toFixed(1)} MB` : "", TARGETS.bigPeakRssMB, `≤ ${TARGETS.bigPeakRssMB} MB`);
  for (const r of rows) if (r.target === "-" && r.result === "PASS") r.result = "";

  p("Summary");
  p(table(rows));
  const judged = rows.filter((r) => r.result === "PASS" || r.result === "FAIL");
  const failed = judged.filter((r) => r.result === "FAIL");
  const skipped = rows.filter((r) => r.result === "SKIP" && r.target !== "-");
  p();
  p(
    failed.length === 0
      ? `All ${judged.length} targets met${skipped.length ? ` (${skipped.length} skipped)` : ""}.`
      : `*** ${failed.length} of ${judged.length} targets FAILED: ${failed.map((r) => r.name).join("; ")} ***`,
  );
  for (const [k, e] of Object.entries(errors)) p(`*** ${k} could not be measured: ${e.split("\n")[0]} ***`);

  const json = {
    version: 1,
    date: new Date().toISOString(),
    machine,
    targets: TARGETS,
    debian: okD
      ? {
          files: d.files,
          unitlintMs: round(d.unitlintMs),
          systemdAnalyzeMs: round(d.systemdAnalyzeMs ?? null),
          ratio: round(d.ratio ?? null, 3),
          systemdAnalyzeDefaultMs: round(d.systemdAnalyzeDefaultMs ?? null),
          ratioDefault: round(d.ratioDefault ?? null, 4),
          systemdAnalyzeSkipped: d.systemdAnalyzeSkipped ?? null,
          runs: { unitlint: d.unitlintRuns.map((x) => round(x)), systemdAnalyze: (d.systemdAnalyzeRuns ?? []).map((x) => round(x)) },
        }
      : { skipped: errors.debian ?? d?.skipped ?? "not run" },
    oneFile: o
      ? { unitlintMs: round(o.unitlintMs), nodeMs: round(o.nodeMs), ratio: round(o.ratio, 3), runs: { unitlint: o.unitlintRuns.map((x) => round(x)), node: o.nodeRuns.map((x) => round(x)) } }
      : { skipped: errors.oneFile ?? "not run" },
    big: b
      ? { tree: b.tree, wallMs: round(b.wallMs), cpuMs: round(b.cpuMs), peakRssMB: round(b.peakRssMB), rssMethod: b.rssMethod, report: b.report ?? null, ruleTimesMs: b.ruleTimes ?? null, runs: { wallMs: b.wallRuns.map((x) => round(x)), cpuMs: b.cpuRuns.map((x) => round(x)), peakRssMB: b.peakRssRuns.map((x) => round(x)) } }
      : { skipped: errors.big ?? "not run" },
    results: Object.fromEntries(rows.filter((r) => r.result === "PASS" || r.result === "FAIL" || (r.result === "SKIP" && r.target !== "-")).map((r) => [r.name, r.result])),
    failed: failed.map((r) => r.name),
  };
  p();
  p("Figures as JSON (last line):");
  p(JSON.stringify(json));
  process.stdout.write(`${out.join("\n")}\n`);
  if (args.json) {
    fs.writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
    log(`figures written to ${args.json}`);
  }
}

main();
