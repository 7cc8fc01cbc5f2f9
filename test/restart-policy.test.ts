/**
 * The restart policy reads each setting as systemd's parser does: the value it computes with, and
 * which assignments it ignores, agree with the value checks (kept.ts keptBySystemd(), which the
 * value oracle compares with systemd-analyze verify).
 */
import { describe, expect, it } from "vitest";
import { lintWithProject } from "../src/engine/lint.js";
import { DEFAULT_SETTINGS } from "../src/engine/settings.js";
import { keptBySystemd } from "../src/model/kept.js";
import { describeLimit, restartPolicy } from "../src/model/restart-policy.js";
import type { Unit } from "../src/model/unit.js";

function unitOf(text: string): Unit {
  const { project } = lintWithProject({ paths: ["-"], stdin: { text, path: "x.service" }, rules: [] });
  return project.units[0]!;
}

const policyOf = (unitLines: string, serviceLines: string, systemdVersion = DEFAULT_SETTINGS.systemdVersion) =>
  restartPolicy(unitOf(`[Unit]\n${unitLines}\n[Service]\nExecStart=/bin/true\n${serviceLines}\n`), { ...DEFAULT_SETTINGS, systemdVersion });

describe("restart policy values", () => {
  it("reads StartLimitBurst= as safe_atou(): base 0, a sign, 0b/0o from v246, at most 2^32-1", () => {
    const burst = (v: string, version?: number) => policyOf(`StartLimitBurst=${v}`, "", version).startLimitBurst.value;
    expect(["7", "010", "0x10", "+5", "-0", "0b11", "0o17", "4294967295"].map((v) => burst(v))).toEqual([7, 8, 16, 5, 0, 3, 15, 4294967295]);
    // Ignored: the default (5) stays.
    expect(["-1", "4294967296", "1e3", "5_0", "ten"].map((v) => burst(v))).toEqual([5, 5, 5, 5, 5]);
    expect(burst("0b11", 245)).toBe(5);
    // Messages show such a number as written and as read.
    expect(describeLimit(policyOf("StartLimitIntervalSec=60\nStartLimitBurst=010", ""))).toBe("StartLimitBurst=010 (8) in StartLimitIntervalSec=1min");
    expect(describeLimit(policyOf("StartLimitBurst=7", ""))).toBe("StartLimitBurst=7 in StartLimitIntervalSec=10s");
  });

  it("ignores exactly the assignments systemd ignores", () => {
    const cases: Array<[section: "Unit" | "Service", key: string, field: "restart" | "restartSec" | "startLimitIntervalSec" | "startLimitBurst", values: string[]]> = [
      ["Service", "Restart", "restart", ["always", "on-failure", "no", "On-Failure", "yes", "always ", "constructor"]],
      ["Service", "RestartSec", "restartSec", ["5", "5s", "5 s", "100ms", "5min 3s", "infinity", "0.5", "-1", "1e3", "0x10", "5S", "5 sec"]],
      ["Unit", "StartLimitIntervalSec", "startLimitIntervalSec", ["60", "1min", "0", "infinity", "-5", "ten"]],
      ["Unit", "StartLimitBurst", "startLimitBurst", ["7", "010", "0x10", "+5", "-0", "0b11", "-1", "4294967296", "1e3"]],
    ];
    for (const [section, key, field, values] of cases) {
      for (const value of values) {
        const line = `${key}=${value}`;
        const policy = section === "Unit" ? policyOf(line, "") : policyOf("", line);
        expect(policy[field].from !== null, line).toBe(keptBySystemd(section, key, value.trim(), DEFAULT_SETTINGS.systemdVersion));
      }
    }
  });
});
