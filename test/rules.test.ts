/** Exact messages and severities of rules, where a fixture marker cannot say enough. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";

function only(text: string, file = "x.service") {
  return lintText(text, file).findings.map((f) => ({ rule: f.rule, severity: f.severity, line: f.line, column: f.column, endColumn: f.endColumn, message: f.message }));
}

describe("UL002 assignment-outside-section", () => {
  it("says what a symbolic link stored as a plain file is, as an error", () => {
    expect(only("/dev/null", "gdm.service")).toEqual([
      {
        rule: "UL002",
        severity: "error",
        line: 1,
        column: 1,
        endColumn: 10,
        message:
          'this file holds only "/dev/null": it looks like a symbolic link stored as a plain file (e.g. a git checkout with core.symlinks=false); systemd reads it as a unit without sections',
      },
    ]);
    expect(only("gdm.service", "display-manager.service")[0]?.message).toContain('holds only "gdm.service"');
  });

  it("is an ordinary warning for a setting before the first section", () => {
    expect(only("Description=x\n[Unit]\n")).toEqual([
      { rule: "UL002", severity: "warning", line: 1, column: 1, endColumn: 14, message: "assignment outside of any section: systemd ignores it" },
    ]);
  });
});

describe("UL101 restart-storm", () => {
  it("states the consequence with systemd's default start limit", () => {
    expect(only("[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=0\n")).toEqual([
      {
        rule: "UL101",
        severity: "error",
        line: 4,
        column: 1,
        endColumn: 13,
        message:
          "Restart=always with RestartSec=0: a service that fails at once is started 5 times within a fraction of a second, then hits the start limit (StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults) and stays failed: nothing restarts it; use RestartSec=5s or more",
      },
    ]);
  });

  it("uses the unit's own limits, including the legacy [Service] StartLimitInterval=", () => {
    const [finding] = only("[Unit]\nStartLimitBurst=3\n[Service]\nStartLimitInterval=1min\nRestart=on-abort\nRestartSec=0ms\n");
    expect(finding?.message).toContain("started 3 times");
    expect(finding?.message).toContain("(StartLimitBurst=3 in StartLimitIntervalSec=1min)");
  });

  it("ignores StartLimitIntervalSec= in [Service], as systemd does", () => {
    const [finding] = only("[Service]\nStartLimitIntervalSec=0\nRestart=always\nRestartSec=0\n");
    expect(finding?.message).toContain("hits the start limit (StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults)");
  });

  it("says the loop is endless when the start limit is disabled", () => {
    const [finding] = only("[Unit]\nStartLimitIntervalSec=0\n[Service]\nRestart=always\nRestartSec=0\n");
    expect(finding?.message).toBe(
      "Restart=always with RestartSec=0 and the start limit disabled (StartLimitBurst=5 in StartLimitIntervalSec=0): a service that keeps failing is restarted immediately, forever, in a tight loop; use RestartSec=5s or more",
    );
  });

  it("uses the last valid Restart= and ignores an invalid one", () => {
    expect(only("[Service]\nRestart=always\nRestart=sometimes\nRestartSec=0\n").map((f) => f.rule)).toEqual(["UL101"]);
    expect(only("[Service]\nRestart=always\nRestart=no\nRestartSec=0\n")).toEqual([]);
  });

  it("treats an empty RestartSec= as a reset to the default", () => {
    expect(only("[Service]\nRestart=always\nRestartSec=0\nRestartSec=\n")).toEqual([]);
  });

  it("does not look at units other than services", () => {
    expect(only("[Service]\nRestart=always\nRestartSec=0\n", "x.socket")).toEqual([]);
  });
});
