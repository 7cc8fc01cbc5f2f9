/** The directive catalog rules (UL301–UL303) on their own messages and on the Debian corpus. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, lintText } from "../src/engine/lint.js";

const DEBIAN = path.resolve(import.meta.dirname, "..", "..", "shared", "corpus", "debian");

function findings(text: string, rule: string, systemdVersion?: number, name = "x.service") {
  return lintText(text, name, systemdVersion ? { settings: { systemdVersion } } : {})
    .findings.filter((f) => f.rule === rule)
    .map((f) => [f.line, f.message]);
}

describe("catalog rules", () => {
  it("UL302 suggests the key meant, or the section it belongs in", () => {
    expect(findings("[Service]\nExecStart=/bin/a\nRestrat=no\nWantedBy=multi-user.target\nexecstop=/bin/b\n", "UL302")).toEqual([
      [3, "unknown key Restrat= in [Service]: systemd ignores it; did you mean Restart=?"],
      [4, "unknown key WantedBy= in [Service]: systemd ignores it; WantedBy= belongs in [Install]"],
      [5, "unknown key execstop= in [Service]: systemd ignores it; did you mean ExecStop=?"],
    ]);
  });

  it("UL301 and UL302 say which unit type reads a section or key of another type", () => {
    expect(findings("[Timer]\nOnCalendar=daily\n[Service]\nExecStart=/bin/a\n", "UL301", undefined, "x.timer")).toEqual([
      [3, "unknown section [Service]: systemd ignores it and every setting in it; [Service] is read only in .service units (this unit reads [Unit], [Timer], [Install])"],
    ]);
    expect(findings("[Service]\nExecStart=/bin/a\nListenStream=8080\nOnCalendar=daily\n", "UL302")).toEqual([
      [3, "unknown key ListenStream= in [Service]: systemd ignores it; ListenStream= is a [Socket] setting, read only in .socket units"],
      [4, "unknown key OnCalendar= in [Service]: systemd ignores it; OnCalendar= is a [Timer] setting, read only in .timer units"],
    ]);
  });

  it("UL301 names the sections the unit reads when no name is clearly meant", () => {
    expect(findings("[Service]\nExecStart=/bin/a\n[Frobnicate]\nA=b\n", "UL301")).toEqual([
      [3, "unknown section [Frobnicate]: systemd ignores it and every setting in it (this unit reads [Unit], [Service], [Install])"],
    ]);
  });

  it("UL303 follows the targeted version", () => {
    const steps = "[Service]\nExecStart=/bin/a\nRestart=always\nRestartSec=1s\nRestartSteps=3\nRestartMaxDelaySec=10s\n";
    expect(findings(steps, "UL303", 252)).toEqual([
      [5, 'RestartSteps= needs systemd ≥ 254; 252 does not know it ("Unknown key") and ignores it'],
      [6, 'RestartMaxDelaySec= needs systemd ≥ 254; 252 does not know it ("Unknown key") and ignores it'],
    ]);
    expect(findings(steps, "UL303", 254)).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/a\nMemoryLimit=1G\n", "UL303", 252)).toEqual([
      [3, "MemoryLimit= is deprecated (systemd 252 warns about it, 258 ignores it); use MemoryMax="],
    ]);
    expect(findings("[Unit]\nRequiresOverridable=db.service\n[Service]\nExecStart=/bin/a\n", "UL303", 252)).toEqual([
      [2, "RequiresOverridable= is obsolete: systemd warns on every load and reads it as Requires=; write Requires="],
    ]);
    // systemd 252: "Standard output type syslog is obsolete, automatically updating to journal".
    expect(findings("[Service]\nExecStart=/bin/a\nStandardOutput=syslog\nStandardError=syslog+console\n", "UL303", 252)).toEqual([
      [3, "StandardOutput=syslog is obsolete since systemd 246: systemd reads it as journal and warns on every load; write StandardOutput=journal"],
      [4, "StandardError=syslog+console is obsolete since systemd 246: systemd reads it as journal+console and warns on every load; write StandardError=journal+console"],
    ]);
    expect(findings("[Service]\nExecStart=/bin/a\nStandardOutput=syslog\n", "UL303", 245)).toEqual([]);
    expect(findings("[Unit]\nConditionNull=true\n[Service]\nExecStart=/bin/a\n", "UL303", 252)).toEqual([
      [2, 'ConditionNull= was removed after systemd 246; 252 does not know it ("Unknown key") and ignores it'],
    ]);
  });

  const present = fs.existsSync(DEBIAN);
  it.skipIf(!present)(present ? "finds on Debian's units, for systemd 252, only what systemd 252 itself warns about (KillMode=none) and the undocumented PermissionsStartOnly=" : "SKIPPED: ../shared/corpus/debian not found", () => {
    const report = lint({ paths: ["."], cwd: DEBIAN, settings: { systemdVersion: 252 } });
    const catalog = report.findings.filter((f) => /^UL30/.test(f.rule)).map((f) => `${f.rule} ${f.severity} ${f.path}:${f.line}`);
    expect(catalog).toEqual([
      "UL303 warning mdadm/lib/systemd/system/mdadm-grow-continue@.service:18",
      "UL303 warning mdadm/lib/systemd/system/mdmon@.service:29",
      "UL303 warning tor/lib/systemd/system/tor@.service:11",
      "UL303 warning tor/lib/systemd/system/tor@default.service:11",
    ]);
  });
});

describe("UL304 invalid-value", () => {
  it("lists the words an enumeration takes, suggests the one meant, and knows which version has which", () => {
    expect(findings("[Service]\nExecStart=/bin/a\nRestart=on-falure\nRestartSec=5s\n", "UL304")).toEqual([
      [3, 'Restart=on-falure is not one of "no", "always", "on-success", "on-failure", "on-abnormal", "on-abort", "on-watchdog": systemd ignores it and keeps the default; did you mean "on-failure"?'],
    ]);
    expect(findings("[Service]\nExecStart=/bin/a\nType=notify-reload\n", "UL304", 252)).toEqual([
      [3, 'Type=notify-reload needs systemd ≥ 253 (252 does not know "notify-reload"): systemd ignores it and keeps the default'],
    ]);
    expect(findings("[Service]\nExecStart=/bin/a\nType=notify-reload\n", "UL304", 253)).toEqual([]);
    // PrivateTmp= took "disconnected" in 257; systemd-analyze verify 252: "Failed to parse boolean value, ignoring: disconnected".
    expect(findings("[Service]\nExecStart=/bin/a\nPrivateTmp=disconnected\n", "UL304", 252)).toEqual([
      [3, 'PrivateTmp=disconnected needs systemd ≥ 257 (252 does not know "disconnected"): systemd ignores it and keeps the default'],
    ]);
    expect(findings("[Service]\nExecStart=/bin/a\nPrivateTmp=disconnected\n", "UL304", 257)).toEqual([]);
    // An empty value of a key the target does not read yet is UL303's alone.
    expect(findings("[Service]\nExecStart=/bin/a\nRestartSteps=\n", "UL304", 252)).toEqual([]);
    expect(findings("[Service]\nExecStart=/bin/a\nRestartSteps=\n", "UL304", 254)).toHaveLength(1);
    expect(findings("[Service]\nExecStart=/bin/a\nPrivateNetwork=Yes\nTimeoutStopSec=1h 5min\n", "UL304")).toEqual([]);
    // Modes as parse_mode() reads them: octal, leading zeros allowed, at most 07777 (as systemd-analyze 252 says).
    expect(findings("[Service]\nExecStart=/bin/a\nUMask=02755\nLogsDirectoryMode=0000755\nStateDirectoryMode=17777\n", "UL304")).toEqual([
      [5, "StateDirectoryMode=17777 is not an octal file mode up to 07777 (e.g. 0750): systemd ignores it and keeps the default"],
    ]);
  });
});
