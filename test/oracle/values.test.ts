/**
 * invalid-value (UL304) against systemd 252's own parser: every boolean, time-span and
 * enumeration setting of [Unit] and [Service] that 252 knows gets one unit with a valid value
 * and one with an invalid one (for enumerations, some words only newer versions know); systemd-analyze verify must complain about exactly the lines unitlint
 * reports, and about nothing where unitlint is silent.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DIRECTIVES } from "../../src/data/directives.generated.js";
import { lint } from "../../src/engine/lint.js";
import { ensureSystemdAnalyze, SKIP_NO_SYSTEMD, verify } from "../helpers/systemd-analyze.js";

const REPO = path.resolve(import.meta.dirname, "..", "..");
const DATA = path.resolve(REPO, "..", "shared", "data", "directives-by-version.json");
const hasSystemd = ensureSystemdAnalyze();
const hasData = fs.existsSync(DATA);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-values-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SAMPLES: Record<string, { valid: string; invalid: string }> = {
  config_parse_bool: { valid: "yes", invalid: "maybe" },
  config_parse_tristate: { valid: "no", invalid: "perhaps" },
  config_parse_private_tmp: { valid: "true", invalid: "enabled" },
  config_parse_sec: { valid: "1min 30s", invalid: "1H" },
  config_parse_sec_fix_0: { valid: "90", invalid: "5 mins" },
  config_parse_service_timeout: { valid: "infinity", invalid: "-5s" },
  config_parse_service_restart: { valid: "on-abnormal", invalid: "on-falure" },
  config_parse_service_type: { valid: "exec", invalid: "notify-reload" }, // notify-reload is 253's: 252 refuses it
  config_parse_kill_mode: { valid: "mixed", invalid: "group" },
  config_parse_notify_access: { valid: "exec", invalid: "any" },
  config_parse_service_exit_type: { valid: "cgroup", invalid: "group" },
  config_parse_collect_mode: { valid: "inactive-or-failed", invalid: "failed" },
  config_parse_device_policy: { valid: "closed", invalid: "open" },
  config_parse_exec_keyring_mode: { valid: "shared", invalid: "public" },
  config_parse_emergency_action: { valid: "reboot-force", invalid: "soft-reboot" }, // soft-reboot is 254's
  config_parse_job_mode: { valid: "replace-irreversibly", invalid: "restart-dependencies" }, // 254's
  config_parse_protect_system: { valid: "strict", invalid: "read-only" },
  config_parse_protect_home: { valid: "tmpfs", invalid: "hidden" },
  config_parse_signal: { valid: "SIGINT", invalid: "SIGFOO" },
  config_parse_mode: { valid: "0750", invalid: "0999" },
  config_parse_exec_nice: { valid: "-5", invalid: "25" },
};

describe.skipIf(!hasSystemd || !hasData)(!hasSystemd ? SKIP_NO_SYSTEMD : !hasData ? "SKIPPED: ../shared/data not found" : "values: unitlint agrees with systemd-analyze verify (252)", () => {
  it("on every boolean, time-span and enumeration setting of [Unit] and [Service]", () => {
    const data = JSON.parse(fs.readFileSync(DATA, "utf8")) as Record<string, { compile_time_optional?: boolean }>;
    const files: string[] = [];
    for (const section of ["Unit", "Service"]) {
      for (const [key, [first, removedAfter, legacySince, parser]] of Object.entries(DIRECTIVES[section]!)) {
        const sample = parser ? SAMPLES[parser] : undefined;
        // Only settings systemd 252 parses itself (not compiled out, not legacy, not newer, not removed).
        if (!sample || first > 252 || (removedAfter !== null && removedAfter < 252) || legacySince !== null) continue;
        if (data[`${section}.${key}`]?.compile_time_optional) continue;
        for (const [kind, value] of Object.entries(sample)) {
          const name = `${key.toLowerCase()}-${kind}.service`;
          // Line 4 holds the setting under test in both layouts.
          const text = section === "Unit" ? `[Unit]\nDescription=x\n\n${key}=${value}\n[Service]\nExecStart=/bin/true\n` : `[Service]\nExecStart=/bin/true\nType=simple\n${key}=${value}\n`;
          fs.writeFileSync(path.join(tmp, name), text);
          files.push(name);
        }
      }
    }
    expect(files.length).toBeGreaterThan(80);
    // systemd's complaints about line 4 (the setting), per file; whatever the words, a complaint is a complaint.
    const theirs = [...new Set(verify(files, tmp).filter((m) => m.line === 4).map((m) => path.basename(m.path)))].sort();
    const report = lint({ paths: ["."], cwd: tmp, settings: { systemdVersion: 252 } });
    const ours = [...new Set(report.findings.filter((f) => f.line === 4 && f.rule === "UL304").map((f) => f.path))].sort();
    expect({ onlyOurs: ours.filter((f) => !theirs.includes(f)), onlyTheirs: theirs.filter((f) => !ours.includes(f)) }).toEqual({ onlyOurs: [], onlyTheirs: [] });
    // Every invalid sample is reported, every valid one is not.
    expect(theirs.every((f) => f.endsWith("-invalid.service"))).toBe(true);
    expect(files.filter((f) => f.endsWith("-invalid.service") && !theirs.includes(f))).toEqual([]);
  }, 120_000);
});
