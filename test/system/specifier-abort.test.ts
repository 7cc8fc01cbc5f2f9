/**
 * %J in a unit whose prefix ends in "-" (web-.service): systemd 252 takes the prefix's last part as
 * NULL and unit_name_unescape() asserts, so the manager that loads the unit aborts. Checked here
 * against a real systemd user manager (harness.ts, ../shared/docs/real-systemd.md): UL305 must report
 * the unit, and loading it must kill the manager, while %j in the same unit and %J in web.service load.
 */
import { beforeEach, describe, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { countRuns, runChecked, systemdAvailable } from "./harness.js";

const available = systemdAvailable();
const TITLE = available.ok ? `real systemd ${available.version} user manager` : `SKIPPED: real systemd not available: ${available.why}`;
const TIMEOUT = 120_000;
const counted = countRuns(available, "real-systemd specifier tests", available.ok ? `systemd ${available.version}` : "");

const withJ = "[Service]\nExecStart=/bin/true\nEnvironment=PART=%J\n";
const withj = "[Service]\nExecStart=/bin/true\nEnvironment=PART=%j\n";

/** The UL305 findings unitlint gives the unit text under a name, for the manager's release. */
const ul305 = (name: string, text: string, version: number) =>
  lintText(text, name, { settings: { systemdVersion: version } })
    .findings.filter((f) => f.rule === "UL305")
    .map((f) => [f.line, f.severity]);

describe.skipIf(!available.ok)(TITLE, () => {
  beforeEach(() => {
    counted();
  });

  it("UL305: %J in web-.service is reported, and loading it aborts the manager; %j there and %J in web.service load", { timeout: TIMEOUT }, async ({ expect }) => {
    const version = available.ok ? available.version : 0;
    expect(ul305("web-.service", withJ, version)).toEqual(version <= 252 ? [[3, "error"]] : []);
    expect(ul305("web-.service", withj, version)).toEqual([]);
    expect(ul305("web.service", withJ, version)).toEqual([]);
    const loads = await runChecked({
      name: "jfine",
      units: { "web.service": withJ, "web2-.service": withj },
      steps: [
        { do: "show", unit: "web.service", props: ["LoadState", "Environment"], label: "J" },
        { do: "show", unit: "web2-.service", props: ["LoadState", "Environment"], label: "j" },
      ],
      budgetSec: 30,
    });
    expect(loads.step("J").props).toEqual({ LoadState: "loaded", Environment: "PART=web" });
    expect(loads.step("j").props).toEqual({ LoadState: "loaded", Environment: "PART=" });
    const aborts = await runChecked({
      name: "jabort",
      units: { "web-.service": withJ },
      steps: [
        { do: "show", unit: "-", props: ["Version"], label: "before" },
        { do: "show", unit: "web-.service", props: ["LoadState"], label: "load" },
        { do: "show", unit: "-", props: ["Version"], label: "after" },
      ],
      budgetSec: 30,
    });
    expect(aborts.step("before").rc).toBe(0);
    if (version <= 252) {
      expect(aborts.logged("Assertion 'f' failed at src/basic/unit-name.c")).toHaveLength(1);
      expect(aborts.step("after").rc).not.toBe(0); // the manager is gone
    }
  });
});
