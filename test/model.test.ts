/**
 * The unit model, end to end through lint(): scope and owner from the path,
 * search-path precedence, drop-ins, masking, aliases, enablement links,
 * unreadable files and --root (systemd.unit(5); systemd-facts §7). Every test
 * builds a temporary tree and removes it afterwards.
 */
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { lint as lintAll, type LintOptions } from "../src/engine/lint.js";
import { RULES } from "../src/rules/index.js";
import type { Report, UnitReport } from "../src/engine/report.js";
import { treeTracker } from "./helpers/tree.js";

/**
 * These tests are about how units are put together, so they look only through the
 * syntax rules, the restart-storm rule (UL101, as a probe for effective values) and
 * unreadable files, not through every rule that may later apply to their units.
 */
const PROBES = RULES.filter((r) => /^UL00|^UL101$|^UL900$/.test(r.id));
const lint = (options: LintOptions) => lintAll({ ...options, rules: PROBES });

const trees = treeTracker();
afterEach(() => trees.cleanupAll());

/** A service that restarts with no delay: UL101 at line 4 (the RestartSec= line). */
const STORM = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=0\n";
/** A service that restarts with a delay; a drop-in setting RestartSec=0 makes it a storm. */
const RESTARTS = "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=5s\n";
const CLEAN = "[Service]\nExecStart=/usr/bin/true\n";

/** Findings as [rule, path, line, column]. */
function where(report: Report): Array<[string, string, number, number]> {
  return report.findings.map((f) => [f.rule, f.path, f.line, f.column]);
}

function unit(report: Report, path: string): UnitReport {
  const u = report.units.find((x) => x.path === path);
  if (!u) throw new Error(`no unit ${path} in ${JSON.stringify(report.units.map((x) => x.path))}`);
  return u;
}

describe("scope and owner", () => {
  it("come from the search-path directory a file lives in", () => {
    const t = trees.make({
      "etc/systemd/system/a.service": CLEAN,
      "usr/lib/systemd/user/b.service": CLEAN,
      "home/alice/.config/systemd/user/c.service": CLEAN,
      "root/.config/systemd/user/d.service": CLEAN,
      "home/bob/.local/share/systemd/user/e.service": CLEAN,
      "plain/f.service": CLEAN,
      "usr/lib/systemd/system/g.service": CLEAN,
      "etc/xdg/systemd/user/h.service": CLEAN,
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(report.units.map((u) => [u.path, u.scope, u.owner, u.status])).toEqual([
      ["etc/systemd/system/a.service", "system", null, "checked"],
      ["etc/xdg/systemd/user/h.service", "user", null, "checked"],
      ["home/alice/.config/systemd/user/c.service", "user", "alice", "checked"],
      ["home/bob/.local/share/systemd/user/e.service", "user", "bob", "checked"],
      ["plain/f.service", "system", null, "checked"],
      ["root/.config/systemd/user/d.service", "user", "root", "checked"],
      ["usr/lib/systemd/system/g.service", "system", null, "checked"],
      ["usr/lib/systemd/user/b.service", "user", null, "checked"],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, infos: 0, units: 8 });
  });

  it("says user for a systemd/user directory that is not a search path, with no owner outside a home", () => {
    const t = trees.make({
      "repo/.local/share/systemd/user/a.service": CLEAN,
      "repo/deploy/systemd/user/b.service": CLEAN,
      "repo/deploy/systemd/system/c.service": CLEAN,
    });
    const report = lint({ paths: ["repo"], cwd: t.root, scope: "system" });
    expect(report.units.map((u) => [u.path, u.scope, u.owner])).toEqual([
      ["repo/.local/share/systemd/user/a.service", "user", null],
      ["repo/deploy/systemd/system/c.service", "system", null],
      ["repo/deploy/systemd/user/b.service", "user", null],
    ]);
  });

  it("is system for a plain directory, or the scope the caller gives; a path that says system stays system", () => {
    const t = trees.make({ "plain/f.service": CLEAN, "etc/systemd/system/a.service": CLEAN });
    const scopes = (scope: "user" | "system" | null) =>
      lint({ paths: ["plain", "etc"], cwd: t.root, scope }).units.map((u) => [u.path, u.scope]);
    expect(scopes(null)).toEqual([
      ["etc/systemd/system/a.service", "system"],
      ["plain/f.service", "system"],
    ]);
    expect(scopes("user")).toEqual([
      ["etc/systemd/system/a.service", "system"],
      ["plain/f.service", "user"],
    ]);
  });
});

describe("unit names", () => {
  it("keeps template and instance names, and gives an instance its template's drop-ins", () => {
    const t = trees.make({
      "etc/systemd/system/getty@.service": RESTARTS,
      "etc/systemd/system/getty@tty1.service": RESTARTS,
      "etc/systemd/system/getty@.service.d/10-zero.conf": "[Service]\nRestartSec=0\n",
      "etc/systemd/system/getty@tty2.service.d/20-other.conf": "[Service]\nNice=5\n",
      "etc/systemd/system/web.socket": "[Socket]\nListenStream=80\n",
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(report.units.map((u) => [u.path, u.name, u.type, u.dropins])).toEqual([
      ["etc/systemd/system/getty@.service", "getty@.service", "service", ["etc/systemd/system/getty@.service.d/10-zero.conf"]],
      // An instance known only from its drop-ins is read from the template's file, as systemd would (a context unit).
      ["etc/systemd/system/getty@.service", "getty@tty2.service", "service", ["etc/systemd/system/getty@.service.d/10-zero.conf", "etc/systemd/system/getty@tty2.service.d/20-other.conf"]],
      ["etc/systemd/system/getty@tty1.service", "getty@tty1.service", "service", ["etc/systemd/system/getty@.service.d/10-zero.conf"]],
      ["etc/systemd/system/web.socket", "web.socket", "socket", []],
    ]);
    // Three units read the same drop-in: the finding is reported once, at the drop-in.
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/getty@.service.d/10-zero.conf", 2, 1]]);
  });
});

describe("directory walks", () => {
  it("do not enter .git or node_modules directories, and keep files only named like them", () => {
    const t = trees.make({
      "deploy/app.service": CLEAN,
      "deploy/.git/refs/stash.service": STORM,
      "node_modules/pkg/units/x.service": STORM,
      "deploy/node_modules.service": CLEAN,
      "deploy/x.git/y.service": CLEAN,
    });
    expect(lint({ paths: ["."], cwd: t.root }).units.map((u) => u.path)).toEqual(["deploy/app.service", "deploy/node_modules.service", "deploy/x.git/y.service"]);
  });
});

describe("search-path precedence", () => {
  it("lets /etc win over /run and /usr/lib; the others are skipped and not linted", () => {
    const t = trees.make({
      "etc/systemd/system/foo.service": CLEAN,
      "run/systemd/system/foo.service": STORM,
      "usr/lib/systemd/system/foo.service": STORM,
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(report.units.map((u) => [u.path, u.status, u.reason])).toEqual([
      ["etc/systemd/system/foo.service", "checked", undefined],
      ["run/systemd/system/foo.service", "skipped", "overridden by etc/systemd/system/foo.service"],
      ["usr/lib/systemd/system/foo.service", "skipped", "overridden by etc/systemd/system/foo.service"],
    ]);
    expect(report.findings).toEqual([]);
  });

  it("lets /run win over /usr/lib when /etc has no such unit", () => {
    const t = trees.make({
      "run/systemd/system/foo.service": STORM,
      "usr/lib/systemd/system/foo.service": CLEAN,
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "usr/lib/systemd/system/foo.service")).toMatchObject({ status: "skipped", reason: "overridden by run/systemd/system/foo.service" });
    expect(where(report)).toEqual([["UL101", "run/systemd/system/foo.service", 4, 1]]);
  });

  it("tells /usr/lib/systemd/system from split-usr /lib/systemd/system, which comes first", () => {
    // Regression: `usr/lib/systemd/system` also ends in `lib/systemd/system`, which used to give it the root `…/usr`,
    // a group of its own, and so no precedence at all against /etc.
    const t = trees.make({
      "lib/systemd/system/foo.service": CLEAN,
      "usr/lib/systemd/system/foo.service": STORM,
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "usr/lib/systemd/system/foo.service")).toMatchObject({ status: "skipped", reason: "overridden by lib/systemd/system/foo.service" });
    expect(report.findings).toEqual([]);
  });

  it("does not apply between plain directories or between roots", () => {
    const t = trees.make({
      "a/foo.service": STORM,
      "b/foo.service": STORM,
      "img1/etc/systemd/system/bar.service": STORM,
      "img2/usr/lib/systemd/system/bar.service": STORM,
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(report.units.map((u) => u.status)).toEqual(["checked", "checked", "checked", "checked"]);
    expect(where(report)).toEqual([
      ["UL101", "a/foo.service", 4, 1],
      ["UL101", "b/foo.service", 4, 1],
      ["UL101", "img1/etc/systemd/system/bar.service", 4, 1],
      ["UL101", "img2/usr/lib/systemd/system/bar.service", 4, 1],
    ]);
  });
});

describe("drop-ins", () => {
  it("are applied in file-name order across directories", () => {
    const t = trees.make({
      "usr/lib/systemd/system/foo.service": RESTARTS,
      "usr/lib/systemd/system/foo.service.d/30-c.conf": "[Service]\nNice=3\n",
      "etc/systemd/system/foo.service.d/10-a.conf": "[Service]\nNice=1\n",
      "run/systemd/system/foo.service.d/20-b.conf": "[Service]\nNice=2\n",
      "etc/systemd/system/foo.service.d/notes.txt": "not a drop-in\n",
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "usr/lib/systemd/system/foo.service").dropins).toEqual([
      "etc/systemd/system/foo.service.d/10-a.conf",
      "run/systemd/system/foo.service.d/20-b.conf",
      "usr/lib/systemd/system/foo.service.d/30-c.conf",
    ]);
    expect(report.units).toHaveLength(1);
  });

  it("take a same-named file from the highest-priority directory only", () => {
    const spec = {
      "usr/lib/systemd/system/foo.service": RESTARTS,
      "usr/lib/systemd/system/foo.service.d/override.conf": "[Service]\nRestartSec=0\n",
    };
    const vendorOnly = trees.make(spec);
    const before = lint({ paths: ["."], cwd: vendorOnly.root });
    expect(where(before)).toEqual([["UL101", "usr/lib/systemd/system/foo.service.d/override.conf", 2, 1]]);

    const t = trees.make({ ...spec, "etc/systemd/system/foo.service.d/override.conf": "[Service]\nRestartSec=10s\n" });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "usr/lib/systemd/system/foo.service").dropins).toEqual(["etc/systemd/system/foo.service.d/override.conf"]);
    expect(report.findings).toEqual([]);
  });

  it("come from the unit's own, template, dash-prefix and type-level directories, and no others", () => {
    const conf = "[Service]\nNice=1\n";
    const t = trees.make({
      "etc/systemd/system/app-web-main@blue.service": RESTARTS,
      "etc/systemd/system/app-web-main@blue.service.d/50-own.conf": conf,
      "etc/systemd/system/app-web-main@.service.d/40-template.conf": conf,
      "etc/systemd/system/app-web-.service.d/30-dash2.conf": conf,
      "etc/systemd/system/app-.service.d/20-dash1.conf": conf,
      "usr/lib/systemd/system/service.d/10-type.conf": conf,
      // Not for this unit:
      "etc/systemd/system/app-web-main@red.service.d/60-other-instance.conf": conf,
      "etc/systemd/system/web-.service.d/60-wrong-prefix.conf": conf,
      "etc/systemd/system/socket.d/60-other-type.conf": conf,
    });
    const report = lint({ paths: ["etc/systemd/system/app-web-main@blue.service", "etc", "usr"], cwd: t.root });
    expect(unit(report, "etc/systemd/system/app-web-main@blue.service").dropins).toEqual([
      "usr/lib/systemd/system/service.d/10-type.conf",
      "etc/systemd/system/app-.service.d/20-dash1.conf",
      "etc/systemd/system/app-web-.service.d/30-dash2.conf",
      "etc/systemd/system/app-web-main@.service.d/40-template.conf",
      "etc/systemd/system/app-web-main@blue.service.d/50-own.conf",
    ]);
  });

  it("let a more specific directory's file replace a same-named one in a less specific directory", () => {
    const t = trees.make({
      "etc/systemd/system/app-web@blue.service": RESTARTS,
      "etc/systemd/system/app-web@blue.service.d/override.conf": "[Service]\nRestartSec=0\n",
      "etc/systemd/system/app-web@.service.d/override.conf": "[Service]\nRestartSec=7s\n",
      "etc/systemd/system/app-.service.d/override.conf": "[Service]\nRestartSec=8s\n",
      "etc/systemd/system/service.d/override.conf": "[Service]\nRestartSec=9s\n",
    });
    const report = lint({ paths: ["etc/systemd/system/app-web@blue.service", "etc/systemd/system/app-web@blue.service.d"], cwd: t.root });
    expect(unit(report, "etc/systemd/system/app-web@blue.service").dropins).toEqual(["etc/systemd/system/app-web@blue.service.d/override.conf"]);
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/app-web@blue.service.d/override.conf", 2, 1]]);
  });

  it("are found when their directory itself is the path given", () => {
    // Regression: walking `foo.service.d` looked only for `*.d/*.conf` below it and found nothing.
    const t = trees.make({ "etc/systemd/system/gw.service.d/10-fast.conf": "[Service]\nRestart=always\nRestartSec=0\n" });
    const report = lint({ paths: ["etc/systemd/system/gw.service.d"], cwd: t.root });
    expect(report.units.map((u) => [u.path, u.name, u.dropins])).toEqual([
      ["etc/systemd/system/gw.service.d", "gw.service", ["etc/systemd/system/gw.service.d/10-fast.conf"]],
    ]);
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/gw.service.d/10-fast.conf", 3, 1]]);
  });

  it("read type-level directories last: a vendor foo.service.d/ file beats a same-named service.d/ file in /etc", () => {
    // systemd collects every directory of the unit's own names first, then the type-level ones (dropin.c).
    const t = trees.make({
      "usr/lib/systemd/system/foo.service": RESTARTS,
      "usr/lib/systemd/system/foo.service.d/override.conf": "[Service]\nRestartSec=0\n",
      "etc/systemd/system/service.d/override.conf": "[Service]\nRestartSec=10s\n",
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "usr/lib/systemd/system/foo.service").dropins).toEqual(["usr/lib/systemd/system/foo.service.d/override.conf"]);
    expect(where(report)).toEqual([["UL101", "usr/lib/systemd/system/foo.service.d/override.conf", 2, 1]]);
  });

  it("report RestartSec=0 at the drop-in's path and line", () => {
    const t = trees.make({
      "etc/systemd/system/gw.service": "[Service]\nExecStart=/usr/bin/gw\nRestart=on-failure\n",
      "etc/systemd/system/gw.service.d/10-fast.conf": "# restart at once\n\n[Service]\nRestartSec=0\n",
    });
    const report = lint({ paths: ["etc"], cwd: t.root });
    expect(report.findings.map((f) => [f.rule, f.path, f.line, f.column, f.endLine, f.endColumn])).toEqual([
      ["UL101", "etc/systemd/system/gw.service.d/10-fast.conf", 4, 1, 4, 13],
    ]);
    expect(report.findings[0]!.message).toMatch(/^Restart=on-failure with RestartSec=0: /);
  });

  it("let a later drop-in's RestartSec=5s override an earlier RestartSec=0, and not the other way round", () => {
    const t = trees.make({
      "etc/systemd/system/a.service": STORM,
      "etc/systemd/system/a.service.d/10-zero.conf": "[Service]\nRestartSec=0\n",
      "etc/systemd/system/a.service.d/20-delay.conf": "[Service]\nRestartSec=5s\n",
      "etc/systemd/system/b.service": RESTARTS,
      "etc/systemd/system/b.service.d/10-delay.conf": "[Service]\nRestartSec=5s\n",
      "etc/systemd/system/b.service.d/20-zero.conf": "[Service]\nExecStartPre=/bin/true\nRestartSec=0\n",
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/b.service.d/20-zero.conf", 3, 1]]);
  });

  it("reset a setting with an empty value only where its parser takes one: RestartSec= it cannot", () => {
    const t = trees.make({
      "etc/systemd/system/reset.service": STORM,
      "etc/systemd/system/reset.service.d/override.conf": "[Service]\nRestartSec=\n",
      "etc/systemd/system/reset.service.d/zz-env.conf": "[Service]\nEnvironment=A=1\nEnvironment=\n",
    });
    // Every rule: UL304 says why the line undoes nothing.
    const report = lintAll({ paths: ["."], cwd: t.root, settings: { systemdVersion: 252 } });
    // systemd 252: "Failed to parse sec value, ignoring:": RestartSec=0 from the main file stays, and the storm with it.
    expect(report.findings.filter((f) => f.rule !== "UL403").map((f) => [f.rule, f.path, f.line, f.severity])).toEqual([
      ["UL101", "etc/systemd/system/reset.service", 4, "error"],
      ["UL304", "etc/systemd/system/reset.service.d/override.conf", 2, "error"],
    ]);
    expect(report.findings.find((f) => f.rule === "UL304")!.message).toBe(
      'an empty RestartSec= does not reset it: systemd cannot parse an empty value here and ignores the line ("Failed to parse …, ignoring"), so the value set before it (or the default) stays; write the value you want',
    );
  });

  it("are read up to a line systemd's parser fails on, which refuses only a main file", () => {
    const t = trees.make({
      // User=%i is empty in a unit that is not an instance: fatal. systemd reads no further in the drop-in.
      "etc/systemd/system/a.service": RESTARTS,
      "etc/systemd/system/a.service.d/fast.conf": "[Service]\nUser=%i\nRestartSec=0\n",
      "etc/systemd/system/b.service": RESTARTS,
      "etc/systemd/system/b.service.d/fast.conf": "[Service]\nRestartSec=0\nUser=%i\n",
    });
    const report = lintAll({ paths: ["etc"], cwd: t.root, rules: RULES.filter((r) => ["UL101", "UL304"].includes(r.id)) });
    // a.service keeps RestartSec=5s; b.service's RestartSec=0 comes before the failing line.
    expect(where(report)).toEqual([
      ["UL304", "etc/systemd/system/a.service.d/fast.conf", 2, 6],
      ["UL101", "etc/systemd/system/b.service.d/fast.conf", 2, 1],
      ["UL304", "etc/systemd/system/b.service.d/fast.conf", 3, 6],
    ]);
    expect(report.findings[0]!.message).toMatch(/: systemd stops reading this drop-in at this line: it and every line after it are ignored, and the unit loads without them$/);
  });

  it("say of a failing line after the first one in a drop-in that systemd never reads it", () => {
    const t = trees.make({
      "etc/systemd/system/c.service": RESTARTS,
      "etc/systemd/system/c.service.d/ids.conf": "[Service]\nUser=%i\nGroup=%i\n[Service] junk\n",
    });
    const report = lintAll({ paths: ["etc"], cwd: t.root, rules: RULES.filter((r) => ["UL001", "UL304"].includes(r.id)) });
    const later = "it stops reading this drop-in at line 2; with that line fixed, it would stop here and ignore every line after it";
    expect(report.findings.map((f) => [f.rule, f.line, f.message])).toEqual([
      ["UL304", 2, "User=%i is not a user or group name or numeric ID (it is empty), as %i and %I are empty in a unit that is not an instance of a template: systemd stops reading this drop-in at this line: it and every line after it are ignored, and the unit loads without them"],
      ["UL304", 3, `Group=%i is not a user or group name or numeric ID (it is empty), as %i and %I are empty in a unit that is not an instance of a template: systemd never reads this line: ${later}`],
      ["UL001", 4, `invalid section header "[Service] junk": systemd never reads this line: ${later} (nothing may follow "]" on a header line)`],
    ]);
  });

  it("are masked by an empty file or a link to /dev/null of the same name in a higher-priority directory", () => {
    const t = trees.make({
      "usr/lib/systemd/system/a.service": RESTARTS,
      "usr/lib/systemd/system/a.service.d/fast.conf": "[Service]\nRestartSec=0\n",
      "etc/systemd/system/a.service.d/fast.conf": "",
      "usr/lib/systemd/system/b.service": RESTARTS,
      "usr/lib/systemd/system/b.service.d/fast.conf": "[Service]\nRestartSec=0\n",
      "etc/systemd/system/b.service.d/fast.conf": { symlink: "/dev/null" },
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "usr/lib/systemd/system/a.service").dropins).toEqual([]);
    expect(unit(report, "usr/lib/systemd/system/b.service").dropins).toEqual([]);
    expect(report.findings).toEqual([]);
  });
});

describe("drop-ins whose unit is not among the linted paths", () => {
  /** A drop-in that sets RestartSec=0: a storm only with a unit that restarts. */
  const ZERO = "[Service]\nRestartSec=0\n";

  it("are judged with the unit systemd finds on the search path, whose own findings are not reported", () => {
    const t = trees.make({
      "usr/lib/systemd/system/gw.service": "[Service]\nExecStart=/usr/bin/gw\nRestart=always\nRestartSec=5s\n\n[Bogus\n",
      "etc/systemd/system/gw.service.d/fast.conf": ZERO,
      "etc/systemd/system/other.service": CLEAN,
    });
    const report = lint({ paths: ["etc/systemd/system"], cwd: t.root });
    // The vendor unit's broken header (UL001) is not reported: it was not asked for.
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/gw.service.d/fast.conf", 2, 1]]);
    expect(unit(report, "usr/lib/systemd/system/gw.service")).toMatchObject({ status: "checked", context: true, dropins: ["etc/systemd/system/gw.service.d/fast.conf"] });
    expect(unit(report, "etc/systemd/system/other.service").context).toBeUndefined();
  });

  it("take the unit from the highest-priority directory, and none when it is masked there", () => {
    const t = trees.make({
      "usr/lib/systemd/system/a.service": CLEAN,
      "run/systemd/system/a.service": RESTARTS,
      "etc/systemd/system/a.service.d/fast.conf": ZERO,
      "usr/lib/systemd/system/b.service": RESTARTS,
      "run/systemd/system/b.service": { symlink: "/dev/null" },
      "etc/systemd/system/b.service.d/fast.conf": ZERO,
    });
    const report = lint({ paths: ["etc"], cwd: t.root });
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/a.service.d/fast.conf", 2, 1]]);
    expect(unit(report, "run/systemd/system/a.service").context).toBe(true);
    expect(report.units.map((u) => u.path)).toEqual(["etc/systemd/system/b.service.d", "run/systemd/system/a.service"]);
  });

  it("are judged with the unit file beside their directory in a plain directory (a pre-commit run given only the drop-in)", () => {
    const t = trees.make({
      "deploy/app.service": "[Service]\nExecStart=/usr/bin/app\nRestart=always\nRestartSec=5s\n",
      "deploy/app.service.d/fast.conf": ZERO,
    });
    const report = lint({ paths: ["deploy/app.service.d/fast.conf"], cwd: t.root });
    expect(where(report)).toEqual([["UL101", "deploy/app.service.d/fast.conf", 2, 1]]);
    expect(report.units.map((u) => [u.path, u.context, u.dropins])).toEqual([["deploy/app.service", true, ["deploy/app.service.d/fast.conf"]]]);
  });

  it("of a user's manager find the global user units", () => {
    const t = trees.make({
      "usr/lib/systemd/user/sync.service": RESTARTS,
      "home/alice/.config/systemd/user/sync.service.d/fast.conf": ZERO,
    });
    const report = lint({ paths: ["home"], cwd: t.root });
    expect(where(report)).toEqual([["UL101", "home/alice/.config/systemd/user/sync.service.d/fast.conf", 2, 1]]);
    expect(unit(report, "usr/lib/systemd/user/sync.service")).toMatchObject({ scope: "user", context: true });
  });

  it("of an instance are judged with the template's file when the instance has none", () => {
    const t = trees.make({
      "usr/lib/systemd/system/worker@.service": RESTARTS,
      "etc/systemd/system/worker@a.service.d/fast.conf": ZERO,
      "etc/systemd/system/worker@.service.d/note.conf": "[Unit]\nDescription=a worker\n",
    });
    const report = lint({ paths: ["etc"], cwd: t.root });
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/worker@a.service.d/fast.conf", 2, 1]]);
    // Both the template (for worker@.service.d/) and the instance (for worker@a.service.d/) are read from the template's file.
    expect(report.units.map((u) => [u.path, u.name, u.context, u.dropins])).toEqual([
      ["usr/lib/systemd/system/worker@.service", "worker@.service", true, ["etc/systemd/system/worker@.service.d/note.conf"]],
      // Merged by file name across directories: fast.conf before note.conf.
      ["usr/lib/systemd/system/worker@.service", "worker@a.service", true, ["etc/systemd/system/worker@a.service.d/fast.conf", "etc/systemd/system/worker@.service.d/note.conf"]],
    ]);
  });

  it("are left alone when they belong to many units (prefix and type-level directories)", () => {
    const t = trees.make({
      "usr/lib/systemd/system/web-a.service": RESTARTS,
      "etc/systemd/system/web-.service.d/fast.conf": ZERO,
      "etc/systemd/system/service.d/fast.conf": ZERO,
    });
    const report = lint({ paths: ["etc"], cwd: t.root });
    expect(where(report)).toEqual([]);
    expect(report.units.map((u) => [u.path, u.context])).toEqual([
      ["etc/systemd/system/service.d", undefined],
      ["etc/systemd/system/web-.service.d", undefined],
    ]);
  });
});

describe("units whose drop-ins are not among the linted paths", () => {
  /** A drop-in that gives the restart a delay: a unit with RestartSec=0 is no storm with it. */
  const SLOW = "[Service]\nRestartSec=5s\n";

  it("are judged with the drop-ins beside them in a plain directory (a pre-commit run given only the unit), whose own findings are not reported", () => {
    const t = trees.make({
      "deploy/app.service": STORM,
      "deploy/app.service.d/slow.conf": `${SLOW}no equals sign here\n`,
      "deploy/other.service.d/fast.conf": "[Service]\nRestartSec=0\n",
    });
    const report = lint({ paths: ["deploy/app.service"], cwd: t.root });
    expect(where(report)).toEqual([]);
    expect(report.units.map((u) => [u.path, u.context, u.dropins])).toEqual([["deploy/app.service", undefined, ["deploy/app.service.d/slow.conf"]]]);
    // Without them, the unit alone is a storm.
    fs.rmSync(`${t.root}/deploy/app.service.d`, { recursive: true });
    expect(where(lint({ paths: ["deploy/app.service"], cwd: t.root }))).toEqual([["UL101", "deploy/app.service", 4, 1]]);
  });

  it("report an error such a drop-in causes on the unit's own file, without a fix; not its other findings", () => {
    const t = trees.make({
      "etc/systemd/system/gw.service": "[Service]\nExecStart=/usr/bin/gw\n",
      // A second command (systemd refuses the unit), and a value systemd ignores (the drop-in's own business).
      "usr/lib/systemd/system/gw.service.d/vendor.conf": "[Service]\nExecStart=/usr/bin/gw --vendor\nRestartSec=zz\n",
    });
    const report = lintAll({ paths: ["etc/systemd/system/gw.service"], cwd: t.root, rules: RULES.filter((r) => ["UL106", "UL304"].includes(r.id)) });
    expect(report.findings.map((f) => [f.rule, f.severity, f.path, f.line, f.message, f.fix])).toEqual([
      [
        "UL106",
        "error",
        "etc/systemd/system/gw.service",
        1,
        'this drop-in adds a second ExecStart= instead of replacing etc/systemd/system/gw.service\'s: systemd refuses the unit; put an empty "ExecStart=" line before it (in usr/lib/systemd/system/gw.service.d/vendor.conf:2, a drop-in systemd reads with this unit that is not among the linted paths)',
        null,
      ],
    ]);
  });

  it("read the drop-ins of an alias that links to an overridden file of the unit: the alias names the unit", () => {
    const t = trees.make({
      "img/etc/systemd/system/gw.service": STORM,
      "img/usr/lib/systemd/system/gw.service": STORM,
      "img/usr/lib/systemd/system/gateway.service": { symlink: "/usr/lib/systemd/system/gw.service" },
      "img/usr/lib/systemd/system/gateway.service.d/slow.conf": "[Service]\nRestartSec=5s\n",
    });
    // systemd-analyze verify --root 252: gw.service is /etc's file, with gateway.service.d/slow.conf.
    const report = lint({ paths: [], root: "img", cwd: t.root });
    expect(unit(report, "img/etc/systemd/system/gw.service")).toMatchObject({ status: "checked", aliases: ["gateway.service"], dropins: ["img/usr/lib/systemd/system/gateway.service.d/slow.conf"] });
    expect(where(report)).toEqual([]);
  });

  it("are judged with the drop-ins of the unit's aliases too", () => {
    const t = trees.make({
      "etc/systemd/system/gw.service": STORM,
      "etc/systemd/system/gateway.service": { symlink: "gw.service" },
      "etc/systemd/system/gateway.service.d/slow.conf": SLOW,
    });
    const report = lint({ paths: ["etc/systemd/system/gw.service", "etc/systemd/system/gateway.service"], cwd: t.root });
    expect(where(report)).toEqual([]);
    expect(report.units.map((u) => [u.path, u.status, u.dropins])).toEqual([
      ["etc/systemd/system/gateway.service", "alias", []],
      ["etc/systemd/system/gw.service", "checked", ["etc/systemd/system/gateway.service.d/slow.conf"]],
    ]);
  });

  it("are judged with the drop-ins systemd finds in every directory of the search path", () => {
    const t = trees.make({
      "etc/systemd/system/gw.service": STORM,
      "usr/lib/systemd/system/gw.service.d/slow.conf": SLOW,
      "etc/systemd/system/web-front.service": STORM,
      "run/systemd/system/web-.service.d/slow.conf": SLOW,
      "etc/systemd/system/db.service": STORM,
      "usr/lib/systemd/system/other.service.d/slow.conf": SLOW,
    });
    const report = lint({ paths: ["etc/systemd/system"], cwd: t.root });
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/db.service", 4, 1]]);
    expect(report.units.map((u) => [u.path, u.dropins])).toEqual([
      ["etc/systemd/system/db.service", []],
      ["etc/systemd/system/gw.service", ["usr/lib/systemd/system/gw.service.d/slow.conf"]],
      ["etc/systemd/system/web-front.service", ["run/systemd/system/web-.service.d/slow.conf"]],
    ]);
    // A type-level directory (service.d/) applies to every service.
    fs.mkdirSync(`${t.root}/run/systemd/system/service.d`);
    fs.writeFileSync(`${t.root}/run/systemd/system/service.d/slow.conf`, SLOW);
    expect(where(lint({ paths: ["etc/systemd/system"], cwd: t.root }))).toEqual([]);
  });
});

describe("masking", () => {
  it("masks an empty unit file and a link to /dev/null, and lints neither", () => {
    const t = trees.make({
      "etc/systemd/system/empty.service": "",
      "usr/lib/systemd/system/storm.service": STORM,
      "etc/systemd/system/storm.service": { symlink: "/dev/null" },
      "plain/null.service": { symlink: "/dev/null" },
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(report.units.map((u) => [u.path, u.status, u.reason])).toEqual([
      ["etc/systemd/system/empty.service", "masked", "empty file"],
      ["etc/systemd/system/storm.service", "masked", "symbolic link to /dev/null"],
      ["plain/null.service", "masked", "symbolic link to /dev/null"],
      ["usr/lib/systemd/system/storm.service", "skipped", "overridden by etc/systemd/system/storm.service"],
    ]);
    expect(report.findings).toEqual([]);
  });

  it("does not apply or lint the drop-ins of a masked unit", () => {
    const t = trees.make({
      "usr/lib/systemd/system/m.service": RESTARTS,
      "etc/systemd/system/m.service": { symlink: "/dev/null" },
      "etc/systemd/system/m.service.d/fast.conf": "[Service]\nRestartSec=0\n",
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(report.units.map((u) => [u.path, u.status])).toEqual([
      ["etc/systemd/system/m.service", "masked"],
      ["usr/lib/systemd/system/m.service", "skipped"],
    ]);
    expect(report.findings).toEqual([]);
  });
});

describe("aliases", () => {
  it("marks a link to another unit as its alias and lints the target once", () => {
    const t = trees.make({
      "etc/systemd/system/real.service": STORM,
      "etc/systemd/system/other-name.service": { symlink: "real.service" },
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "etc/systemd/system/other-name.service")).toEqual({
      path: "etc/systemd/system/other-name.service",
      name: "other-name.service",
      type: "service",
      scope: "system",
      owner: null,
      status: "alias",
      reason: "symbolic link to etc/systemd/system/real.service",
      aliasOf: "real.service",
      aliases: [],
      dropins: [],
      enabledBy: [],
    });
    expect(unit(report, "etc/systemd/system/real.service")).toMatchObject({ status: "checked", aliases: ["other-name.service"] });
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/real.service", 4, 1]]);
  });

  it("gives the target the drop-ins of its alias names", () => {
    const t = trees.make({
      "usr/lib/systemd/system/real.service": RESTARTS,
      "etc/systemd/system/nick.service": { symlink: "/usr/lib/systemd/system/real.service" },
      "etc/systemd/system/nick.service.d/fast.conf": "[Service]\nRestartSec=0\n",
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "etc/systemd/system/nick.service")).toMatchObject({ status: "alias", aliasOf: "real.service" });
    expect(unit(report, "usr/lib/systemd/system/real.service").dropins).toEqual(["etc/systemd/system/nick.service.d/fast.conf"]);
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/nick.service.d/fast.conf", 2, 1]]);
  });

  it("reads a link into the search path that is not linted as context, and lints a `systemctl link`ed file", () => {
    const t = trees.make({
      "usr/lib/systemd/system/real.service": STORM,
      "opt/app/tool.service": STORM,
      // An Alias= enabled by systemctl (absolute targets resolve inside the tree, as with --root) …
      "etc/systemd/system/nick.service": { symlink: "/usr/lib/systemd/system/real.service" },
      // … and a unit kept elsewhere, linked in by `systemctl link`.
      "etc/systemd/system/tool.service": { symlink: "../../../opt/app/tool.service" },
    });
    const report = lint({ paths: ["etc/systemd/system"], cwd: t.root });
    expect(report.units.map((u) => [u.path, u.name, u.status, u.aliases, u.context])).toEqual([
      ["etc/systemd/system/nick.service", "real.service", "checked", ["nick.service"], true],
      ["etc/systemd/system/tool.service", "tool.service", "checked", [], undefined],
    ]);
    // The vendor unit's storm is its own (reported when /usr/lib is linted); the linked file is the admin's.
    expect(where(report)).toEqual([["UL101", "etc/systemd/system/tool.service", 4, 1]]);
  });
});

describe("enablement links", () => {
  it("records .wants/, .requires/ and .upholds/ links on the unit, template links on the template", () => {
    const t = trees.make({
      "usr/lib/systemd/system/web.service": CLEAN,
      "usr/lib/systemd/system/getty@.service": CLEAN,
      // Absolute targets as systemctl enable writes them; they do not exist on this host, and need not.
      "etc/systemd/system/multi-user.target.wants/web.service": { symlink: "/usr/lib/systemd/system/web.service" },
      "etc/systemd/system/app.target.requires/web.service": { symlink: "/usr/lib/systemd/system/web.service" },
      "etc/systemd/system/app.target.upholds/web.service": { symlink: "../../../../usr/lib/systemd/system/web.service" },
      "etc/systemd/system/getty.target.wants/getty@tty1.service": { symlink: "/usr/lib/systemd/system/getty@.service" },
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "usr/lib/systemd/system/web.service").enabledBy).toEqual([
      { target: "app.target", kind: "requires", path: "etc/systemd/system/app.target.requires/web.service" },
      { target: "app.target", kind: "upholds", path: "etc/systemd/system/app.target.upholds/web.service" },
      { target: "multi-user.target", kind: "wants", path: "etc/systemd/system/multi-user.target.wants/web.service" },
    ]);
    expect(unit(report, "usr/lib/systemd/system/getty@.service").enabledBy).toEqual([
      { target: "getty.target", kind: "wants", path: "etc/systemd/system/getty.target.wants/getty@tty1.service" },
    ]);
    // Links are not units of their own.
    expect(report.units.map((u) => u.path)).toEqual(["usr/lib/systemd/system/getty@.service", "usr/lib/systemd/system/web.service"]);
    expect(report.findings).toEqual([]);
  });

  it("gives an instance link to the instance's own file when there is one, not to the template", () => {
    const t = trees.make({
      "usr/lib/systemd/system/getty@.service": CLEAN,
      "etc/systemd/system/getty@tty1.service": CLEAN,
      "etc/systemd/system/getty.target.wants/getty@tty1.service": { symlink: "../getty@tty1.service" },
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(unit(report, "etc/systemd/system/getty@tty1.service").enabledBy).toEqual([
      { target: "getty.target", kind: "wants", path: "etc/systemd/system/getty.target.wants/getty@tty1.service" },
    ]);
    expect(unit(report, "usr/lib/systemd/system/getty@.service").enabledBy).toEqual([]);
  });

  it("enable nothing when they are regular files (systemd: \"is not a symlink, ignoring\"), which UL207 reports", () => {
    const t = trees.make({
      "etc/systemd/system/web.service": CLEAN,
      // What a git checkout with core.symlinks=false leaves: the link's target as text.
      "etc/systemd/system/multi-user.target.wants/web.service": "../web.service",
    });
    const report = lintAll({ paths: ["."], cwd: t.root });
    expect(unit(report, "etc/systemd/system/web.service").enabledBy).toEqual([]);
    expect(report.findings.filter((f) => f.rule !== "UL403").map((f) => [f.rule, f.path, f.severity, f.message])).toEqual([
      [
        "UL207",
        "etc/systemd/system/multi-user.target.wants/web.service",
        "warning",
        'multi-user.target.wants/web.service is a regular file, not a symbolic link: systemd ignores it ("is not a symlink, ignoring"), so multi-user.target starts nothing there; make it a link again (systemctl reenable web.service; a git checkout with core.symlinks=false flattens links into files like this)',
      ],
    ]);
  });
});

describe("unreadable files", () => {
  it("reports a dangling link as UL900 and goes on with the other files", () => {
    const t = trees.make({
      "etc/systemd/system/gone.service": { symlink: "/opt/nowhere/gone.service" },
      "etc/systemd/system/storm.service": STORM,
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(report.findings.map((f) => [f.rule, f.path, f.line, f.column, f.endLine, f.endColumn, f.message])).toEqual([
      ["UL900", "etc/systemd/system/gone.service", 1, 1, 1, 1, "dangling symbolic link to /opt/nowhere/gone.service"],
      ["UL101", "etc/systemd/system/storm.service", 4, 1, 4, 13, expect.stringMatching(/^Restart=always with RestartSec=0/)],
    ]);
    expect(unit(report, "etc/systemd/system/gone.service")).toMatchObject({ status: "unreadable", reason: "dangling symbolic link to /opt/nowhere/gone.service" });
  });

  it("reports a dangling drop-in link and still applies the other drop-ins", () => {
    const t = trees.make({
      "etc/systemd/system/a.service": RESTARTS,
      "etc/systemd/system/a.service.d/10-gone.conf": { symlink: "missing.conf" },
      "etc/systemd/system/a.service.d/20-zero.conf": "[Service]\nRestartSec=0\n",
    });
    const report = lint({ paths: ["."], cwd: t.root });
    expect(where(report)).toEqual([
      ["UL900", "etc/systemd/system/a.service.d/10-gone.conf", 1, 1],
      ["UL101", "etc/systemd/system/a.service.d/20-zero.conf", 2, 1],
    ]);
    expect(unit(report, "etc/systemd/system/a.service").dropins).toEqual(["etc/systemd/system/a.service.d/20-zero.conf"]);
  });

  it("reports a directory named like a unit, found by walking or named explicitly", () => {
    const t = trees.make({ "units/x.service": { dir: true }, "units/ok.service": CLEAN });
    for (const paths of [["units"], ["units/x.service", "units/ok.service"]]) {
      const report = lint({ paths, cwd: t.root });
      expect(report.findings.map((f) => [f.rule, f.path, f.message])).toEqual([["UL900", "units/x.service", "is a directory, not a unit file"]]);
      expect(report.units.map((u) => [u.path, u.status])).toEqual([
        ["units/ok.service", "checked"],
        ["units/x.service", "unreadable"],
      ]);
    }
  });

  it("reports a loop of links between unit files", () => {
    const t = trees.make({
      "units/a.service": { symlink: "b.service" },
      "units/b.service": { symlink: "a.service" },
    });
    const report = lint({ paths: ["units"], cwd: t.root });
    expect(report.findings.map((f) => [f.rule, f.path, f.message])).toEqual([
      ["UL900", "units/a.service", "symbolic link loop through b.service"],
      ["UL900", "units/b.service", "symbolic link loop through a.service"],
    ]);
  });

  it("does not follow a loop of directory links", { timeout: 10_000 }, () => {
    const t = trees.make({
      "units/a/x.service": CLEAN,
      "units/b/y.service": STORM,
      "units/a/to-b": { symlink: "../b" },
      "units/b/to-a": { symlink: "../a" },
      "units/a/loop.service.d": { symlink: "." },
      "units/b/multi-user.target.wants": { symlink: ".." },
    });
    const report = lint({ paths: ["units"], cwd: t.root });
    expect(report.units.map((u) => u.path)).toEqual(["units/a/x.service", "units/b/y.service"]);
    expect(where(report)).toEqual([["UL101", "units/b/y.service", 4, 1]]);
    // A linked directory named explicitly is walked once, its own links still not followed.
    const through = lint({ paths: ["units/a/to-b"], cwd: t.root });
    expect(through.units.map((u) => u.path)).toEqual(["units/a/to-b/y.service"]);
    expect(where(through)).toEqual([["UL101", "units/a/to-b/y.service", 4, 1]]);
  });
});

describe("programs on the host the units belong to (UL208)", () => {
  const tree = () => {
    const t = trees.make({
      "img/usr/bin/present": "#!/bin/sh\n",
      "img/usr/bin/data": "not a program\n",
      "img/usr/bin/abslink": { symlink: "/usr/bin/present" },
      "img/usr/bin/rellink": { symlink: "present" },
      // An absolute link leads inside the image, not to this host's /bin/true.
      "img/usr/bin/hostonly": { symlink: "/bin/true" },
      "img/etc/systemd/system/app.service":
        "[Service]\nExecStart=/usr/bin/present\nExecStartPre=/usr/bin/missing\nExecStartPost=/usr/bin/data\nExecReload=/usr/bin/abslink ; /usr/bin/rellink\nExecStop=/usr/bin/hostonly\nExecStopPost=-/usr/bin/gone\nExecStartPre=/usr/bin/%i\nExecStartPre=true\n",
      "img/etc/systemd/system/guarded.service": "[Unit]\nConditionPathExists=/opt/tool/run\n[Service]\nExecStart=/opt/tool/run\n",
      // A socket's ExecStartPre= is a command too; ExecCondition= is one only from systemd 243 on.
      "img/etc/systemd/system/app.socket": "[Socket]\nListenStream=80\nExecStartPre=/usr/bin/sockprep\n",
      "img/etc/systemd/system/cond.service": "[Service]\nExecCondition=/usr/bin/check\nExecStart=/usr/bin/present\n",
      "img/usr/lib/systemd/system/vendor.service": "[Service]\nExecStart=/usr/sbin/vendord\n",
    });
    fs.chmodSync(t.abs("img/usr/bin/present"), 0o755);
    fs.chmodSync(t.abs("img/usr/bin/data"), 0o644);
    return t;
  };
  const ul208 = (report: Report) => report.findings.filter((f) => f.rule === "UL208").map((f) => [f.path, f.line, f.message]);

  it("are looked up inside --root, links kept inside it, for units of one's own", () => {
    const t = tree();
    const report = lintAll({ paths: [], root: "img", cwd: t.root });
    const img = t.abs("img");
    expect(ul208(report)).toEqual([
      ["img/etc/systemd/system/app.service", 3, `ExecStartPre= runs /usr/bin/missing, which does not exist under ${img}: systemd fails the command with status 203/EXEC; the service never starts`],
      ["img/etc/systemd/system/app.service", 4, `ExecStartPost= runs /usr/bin/data, which is not an executable file under ${img}: systemd fails the command with status 203/EXEC`],
      ["img/etc/systemd/system/app.service", 6, `ExecStop= runs /usr/bin/hostonly, which does not exist under ${img}: systemd fails the command with status 203/EXEC`],
      ["img/etc/systemd/system/app.socket", 3, `ExecStartPre= runs /usr/bin/sockprep, which does not exist under ${img}: systemd fails the command with status 203/EXEC; the socket never starts`],
      ["img/etc/systemd/system/cond.service", 2, `ExecCondition= runs /usr/bin/check, which does not exist under ${img}: systemd fails the command with status 203/EXEC; the service never starts`],
    ]);
  });

  it("are not looked up for a line systemd does not read: ExecCondition= before systemd 243", () => {
    const t = tree();
    const report = lintAll({ paths: [], root: "img", cwd: t.root, settings: { systemdVersion: 242 } });
    expect(ul208(report).map(([path, line]) => [path, line])).toEqual([
      ["img/etc/systemd/system/app.service", 3],
      ["img/etc/systemd/system/app.service", 4],
      ["img/etc/systemd/system/app.service", 6],
      ["img/etc/systemd/system/app.socket", 3],
    ]);
  });

  it("are not judged in a checkout, whose root holds no programs", () => {
    const t = tree();
    expect(ul208(lintAll({ paths: ["img"], cwd: t.root }))).toEqual([]);
  });
});

describe("--root", () => {
  it("lints the search paths under a root when no paths are given, and nothing else", () => {
    const t = trees.make({
      "img/etc/systemd/system/web.service": STORM,
      "img/usr/lib/systemd/system/web.service": CLEAN,
      "img/usr/lib/systemd/system/web.service.d/10-x.conf": "[Service]\nNice=1\n",
      "img/usr/lib/systemd/user/agent.service": CLEAN,
      "img/home/alice/.config/systemd/user/mail.service": CLEAN,
      "img/etc/systemd/system/multi-user.target.wants/web.service": { symlink: "/etc/systemd/system/web.service" },
      "img/opt/app/app.service": STORM,
      "img/etc/systemd/app.service": STORM,
      "img/srv/systemd/system/x.service": STORM,
    });
    const report = lint({ paths: [], root: "img", cwd: t.root });
    expect(report.units.map((u) => [u.path, u.scope, u.owner, u.status])).toEqual([
      ["img/etc/systemd/system/web.service", "system", null, "checked"],
      ["img/home/alice/.config/systemd/user/mail.service", "user", "alice", "checked"],
      ["img/usr/lib/systemd/system/web.service", "system", null, "skipped"],
      ["img/usr/lib/systemd/user/agent.service", "user", null, "checked"],
    ]);
    expect(unit(report, "img/etc/systemd/system/web.service")).toMatchObject({
      dropins: ["img/usr/lib/systemd/system/web.service.d/10-x.conf"],
      enabledBy: [{ target: "multi-user.target", kind: "wants", path: "img/etc/systemd/system/multi-user.target.wants/web.service" }],
    });
    expect(where(report)).toEqual([["UL101", "img/etc/systemd/system/web.service", 4, 1]]);
  });

  it("shows absolute paths for an absolute root", () => {
    const t = trees.make({ "img/etc/systemd/system/web.service": STORM });
    const report = lint({ paths: [], root: t.abs("img"), cwd: "/" });
    expect(where(report)).toEqual([["UL101", `${t.root}/img/etc/systemd/system/web.service`, 4, 1]]);
  });

  it("walks a merged /usr once: lib -> usr/lib under the name systemd finds first, an absolute link never to the host", () => {
    const t = trees.make({
      "merged/usr/lib/systemd/system/web.service": STORM,
      "merged/lib": { symlink: "usr/lib" },
      "image/usr/lib/systemd/system/web.service": STORM,
      // Inside the image this is its own usr/lib; followed as is, it would be the host's.
      "image/lib": { symlink: "/usr/lib" },
    });
    const merged = lint({ paths: [], root: "merged", cwd: t.root });
    expect(merged.units.map((u) => [u.path, u.status])).toEqual([["merged/lib/systemd/system/web.service", "checked"]]);
    expect(where(merged)).toEqual([["UL101", "merged/lib/systemd/system/web.service", 4, 1]]);
    const image = lint({ paths: [], root: "image", cwd: t.root });
    expect(image.units.map((u) => [u.path, u.status])).toEqual([["image/usr/lib/systemd/system/web.service", "checked"]]);
    // Named twice on the command line: walked once, under the first name.
    const both = lint({ paths: ["merged/lib/systemd/system", "merged/usr/lib/systemd/system"], cwd: t.root });
    expect(both.units.map((u) => [u.path, u.status])).toEqual([["merged/lib/systemd/system/web.service", "checked"]]);
  });

  it("resolves absolute link targets inside the root", () => {
    const t = trees.make({
      "img/usr/lib/systemd/system/web.service": STORM,
      "img/etc/systemd/system/www.service": { symlink: "/usr/lib/systemd/system/web.service" },
      "img/etc/systemd/system/off.service": { symlink: "/dev/null" },
      "img/opt/vendor/tool.service": STORM,
      "units/tool.service": { symlink: "/opt/vendor/tool.service" },
    });
    const report = lint({ paths: [], root: "img", cwd: t.root });
    expect(report.units.map((u) => [u.path, u.status, u.aliasOf])).toEqual([
      ["img/etc/systemd/system/off.service", "masked", undefined],
      ["img/etc/systemd/system/www.service", "alias", "web.service"],
      ["img/usr/lib/systemd/system/web.service", "checked", undefined],
    ]);
    expect(where(report)).toEqual([["UL101", "img/usr/lib/systemd/system/web.service", 4, 1]]);

    // A plain directory linted with a root: /opt/vendor/tool.service exists only inside the root.
    const withRoot = lint({ paths: ["units"], root: "img", cwd: t.root });
    expect(where(withRoot)).toEqual([["UL101", "units/tool.service", 4, 1]]);
    const withoutRoot = lint({ paths: ["units"], cwd: t.root });
    expect(where(withoutRoot)).toEqual([["UL900", "units/tool.service", 1, 1]]);
  });
});
