/**
 * UL307 (unit-file-name) against systemd's own loader: for each case, `systemd-analyze verify` of
 * the file alone refuses it ("Where= setting doesn't match unit name. Refusing." or "Failed to
 * prepare filename") exactly when UL307 reports it, and UL307 names the name systemd-escape gives.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { RULES } from "../../src/rules/index.js";
import { unitNameFromPath } from "../../src/model/unit-name.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";

const hasSystemd = ensureSystemdAnalyze();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-names-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const mount = (where: string | null): string => `[Mount]\n${where === null ? "" : `Where=${where}\n`}What=/dev/sdb1\n`;
const automount = (where: string): string => `[Automount]\nWhere=${where}\n`;

/** [file name, text]: matching names, mismatches, escapes, ignored Where= values, invalid names. */
const CASES: Array<[string, string]> = [
  ["data.mount", mount("/srv/data")],
  ["srv-data.mount", mount("/srv/data")],
  ["srv-trailing.mount", mount("/srv/trailing/")],
  ["srv-doubled.mount", mount("//srv//doubled")],
  ["srv-dot.mount", mount("/srv/./dot")],
  ["srv-my\\x2ddata.mount", mount("/srv/my-data")],
  ["srv-my-data.mount", mount("/srv/my-data")],
  ["srv-my\\x20data.mount", mount("/srv/my data")],
  ["srv-caf\\xc3\\xa9.mount", mount("/srv/café")],
  ["srv-a:b.mount", mount("/srv/a:b")],
  ["srv-a\\x3ab.mount", mount("/srv/a:b")],
  ["srv-.hidden.mount", mount("/srv/.hidden")],
  ["\\x2ehidden.mount", mount("/.hidden")],
  ["-.mount", mount("/")],
  ["srv-none.mount", mount(null)],
  ["relative.mount", mount("srv/relative")],
  ["dotdot.mount", mount("/srv/../dotdot")],
  ["srv-last.mount", `[Mount]\nWhere=/srv/first\nWhere=/srv/last\nWhat=/dev/sdb1\n`],
  ["srv-data4.automount", automount("/srv/data4")],
  ["data5.automount", automount("/srv/data5")],
  ["bad%name.service", "[Service]\nExecStart=/bin/true\n"],
  ["with space.service", "[Service]\nExecStart=/bin/true\n"],
  ["good_name-1.service", "[Service]\nExecStart=/bin/true\n"],
];

describe.skipIf(!hasSystemd)(hasSystemd ? "unit file names: unitlint agrees with systemd-analyze verify" : SKIP_NO_SYSTEMD, () => {
  it("refuses exactly the names and Where= paths systemd refuses", () => {
    const rows = CASES.map(([name, text]) => {
      const dir = fs.mkdtempSync(path.join(tmp, "case-"));
      fs.writeFileSync(path.join(dir, name), text);
      const r = spawnSync("systemd-analyze", ["verify", "--man=no", `./${name}`], { cwd: dir, encoding: "utf8" });
      const out = `${r.stdout}\n${r.stderr}`;
      const refused = /Where= setting doesn't match unit name|Failed to prepare filename/.test(out);
      const ours = lint({ paths: [name], cwd: dir, rules: RULES.filter((rule) => rule.id === "UL307"), settings: { systemdVersion: 252 } }).findings.length > 0;
      return [name, refused, ours];
    });
    expect(rows.filter(([, refused, ours]) => refused !== ours)).toEqual([]);
    // The cases cover both verdicts.
    expect(rows.filter(([, refused]) => refused).length).toBeGreaterThanOrEqual(6);
    expect(rows.filter(([, refused]) => !refused).length).toBeGreaterThanOrEqual(10);
  });

  it("gives the name `systemd-escape --path --suffix=mount` gives", () => {
    const paths = ["/srv/data", "/srv/my-data", "/srv/my data", "/srv/café", "/srv/a:b", "/.hidden", "/srv/.hidden", "/", "//srv//x/"];
    const escaped = spawnSync("systemd-escape", ["--path", "--suffix=mount", ...paths], { encoding: "utf8" });
    expect(escaped.status, escaped.stderr).toBe(0);
    // It prints the names on one line, separated by spaces (an escaped name has none of its own).
    expect(paths.map((p) => unitNameFromPath(p, "mount"))).toEqual(escaped.stdout.trim().split(" "));
  });
});
