/**
 * Every line of the corpus that `systemd-analyze verify` 252 complains about ("file:LINE: …":
 * unknown keys, values it cannot parse, deprecations, notices) has a unitlint finding on that line,
 * every unit it refuses to load has an error, and every `.wants/` entry it skips is reported.
 * The syntax oracle (syntax.test.ts) checks that the findings agree in kind; this one that unitlint
 * is silent nowhere systemd speaks. What it cannot know is listed below with the reason.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { ensureSystemdAnalyze, lineMessages, SKIP_NO_SYSTEMD, verifyOutput } from "../helpers/systemd-analyze.js";

// Its real path: systemd-analyze names the .wants/ entries it skips by their resolved path (CI puts shared/ beside the clone as a link).
const CORPUS_GIVEN = path.resolve(import.meta.dirname, "../../../shared/corpus");
const CORPUS = fs.existsSync(CORPUS_GIVEN) ? fs.realpathSync(CORPUS_GIVEN) : CORPUS_GIVEN;
const UNIT_FILE = /\.(service|socket|timer|path|mount|automount|swap|target|slice|scope)$/;

/** Lines systemd warns about that unitlint cannot judge, by corpus path: line, and why. */
const CANNOT_KNOW: Readonly<Record<string, string>> = {
  // Personality= takes only the architectures of the machine it runs on (personality_from_string()).
  "systemd/test/test-execute/exec-personality-s390x.service:8": "Personality=s390x: valid on s390x hosts, not on this x86-64 one",
  "systemd/test/test-execute/exec-personality-s390.service:8": "Personality=s390: valid on s390x hosts",
  "systemd/test/test-execute/exec-personality-ppc64.service:8": "Personality=ppc64: valid on ppc64 hosts",
  "systemd/test/test-execute/exec-personality-loongarch64.service:7": "Personality=loongarch64: valid on loongarch64 hosts",
};

/** The corpus's unit files by directory, and the entries of its .wants/, .requires/ and .upholds/ directories. */
function corpusFiles(root: string): { byDir: Map<string, string[]>; links: string[] } {
  const byDir = new Map<string, string[]>();
  const links: string[] = [];
  const walk = (dir: string, inLinkDir: boolean): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, /\.(wants|requires|upholds)$/.test(e.name));
      else if (inLinkDir) links.push(p);
      else if (e.isFile() && UNIT_FILE.test(e.name)) byDir.set(dir, [...(byDir.get(dir) ?? []), p]);
    }
  };
  walk(root, false);
  return { byDir, links };
}

const hasSystemd = ensureSystemdAnalyze();
const corpusPresent = fs.existsSync(CORPUS);

describe.skipIf(!hasSystemd || !corpusPresent)(
  !hasSystemd ? SKIP_NO_SYSTEMD : !corpusPresent ? "SKIPPED: ../shared/corpus not found" : "unitlint speaks wherever systemd-analyze verify does",
  () => {
    it("on every unit file of ../shared/corpus", () => {
      const { byDir, links } = corpusFiles(CORPUS);
      // One batched verify per directory: unit names repeat across the corpus's directories, not within one.
      // systemd reads the .wants/-style directories beside the units it loads; unitlint is given their entries.
      const runs = [...byDir.values()].map((files) => ({ files, said: verifyOutput(files) }));
      const files = runs.flatMap((r) => r.files);
      const findings = lint({ paths: [...files, ...links], cwd: "/", settings: { systemdVersion: 252 } }).findings;

      // Every line systemd warns about has a finding.
      const warned = runs.flatMap((r) => lineMessages(r.said));
      const reported = new Set(findings.map((f) => `${f.path}:${f.line}`));
      const silent = [...new Set(warned.filter((w) => !reported.has(`${w.path}:${w.line}`)).map((w) => `${path.relative(CORPUS, w.path)}:${w.line}`))].sort();
      expect(files.length).toBeGreaterThan(1000);
      expect(warned.length).toBeGreaterThan(1000);
      expect(silent).toEqual(Object.keys(CANNOT_KNOW).sort());

      // Every unit systemd refuses to load ("has a bad unit file setting") has an error.
      const refused = runs.flatMap(({ files, said }) => [...said.matchAll(/^Unit (\S+) has a bad unit file setting\.$/gm)].flatMap((m) => files.filter((f) => path.basename(f) === m[1])));
      const withError = new Set(findings.filter((f) => f.severity === "error").map((f) => f.path));
      expect(refused.length).toBeGreaterThan(30);
      expect(refused.filter((f) => !withError.has(f)).map((f) => path.relative(CORPUS, f))).toEqual([]);

      // Every .wants/-style entry systemd skips as "not a symlink" (the corpus stores links as files) is reported.
      const skipped = runs.flatMap(({ said }) => [...said.matchAll(/dependency dropin (\S+) is not a symlink, ignoring\.$/gm)].map((m) => m[1]!));
      const ul207 = new Set(findings.filter((f) => f.rule === "UL207").map((f) => f.path));
      expect(skipped.length).toBeGreaterThan(50);
      expect(skipped.filter((p) => !ul207.has(p)).map((p) => path.relative(CORPUS, p))).toEqual([]);
    }, 300_000);
  },
);
