/** Exact messages and severities of rules, where a fixture marker cannot say enough. */
import { describe, expect, it } from "vitest";
import { fixOf, lintText } from "../src/engine/lint.js";
import { applyFixes } from "../src/fixers/apply.js";

/** The findings of one rule (all rules run, so interactions show up as extra findings elsewhere). */
function only(text: string, file = "x.service", rule?: string) {
  return lintText(text, file)
    .findings.filter((f) => rule === undefined || f.rule === rule)
    .map((f) => ({ rule: f.rule, severity: f.severity, line: f.line, column: f.column, endColumn: f.endColumn, message: f.message }));
}

function messages(text: string, rule: string, file = "x.service"): string[] {
  return only(text, file, rule).map((f) => f.message);
}

/** The fixed text after applying every fix of `rule` once. */
function fixed(text: string, rule: string, file = "x.service"): string {
  const fixes = lintText(text, file).findings.filter((f) => f.rule === rule).map((f) => fixOf(f)!);
  return applyFixes(text, fixes).text;
}

const LIMITED = "[Unit]\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify@%n.service\n";

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
    expect(only("../dev-hugepages.mount", "dev-hugepages.mount")[0]?.message).toContain('holds only "../dev-hugepages.mount"');
    expect(only("../dev-hugepages.mount", "dev-hugepages.mount")[0]?.severity).toBe("error");
    // A word that is no path and no unit name is an ordinary stray line.
    expect(only("hello", "x.service")[0]?.severity).toBe("warning");
  });

  it("is an ordinary warning for a setting before the first section", () => {
    expect(only("Description=x\n[Unit]\n", "x.service", "UL002")).toEqual([
      { rule: "UL002", severity: "warning", line: 1, column: 1, endColumn: 14, message: "assignment outside of any section: systemd ignores it" },
    ]);
  });
});

describe("UL101 restart-storm", () => {
  it("states the consequence with systemd's default start limit, and fixes RestartSec= in place", () => {
    const text = "[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=0\n";
    expect(only(text, "x.service", "UL101")).toEqual([
      {
        rule: "UL101",
        severity: "error",
        line: 4,
        column: 1,
        endColumn: 13,
        message:
          "Restart=always with RestartSec=0: crash loop: 5 starts within a fraction of a second, then the unit stays failed and nothing restarts it (StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults); use RestartSec=5s or more",
      },
    ]);
    expect(fixed(text, "UL101")).toBe("[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=5s\n");
    expect(lintText(text, "x.service").findings.find((f) => f.rule === "UL101")!.fix).toEqual({ applicability: "safe", title: "Set RestartSec=5s" });
  });

  it("warns about the default 100 ms, at Restart=, and adds RestartSec= after it (keeping CRLF)", () => {
    const text = "[Service]\r\nExecStart=/bin/gw\r\nRestart=on-failure\r\nUser=gw\r\n";
    expect(only(text, "x.service", "UL101")).toEqual([
      {
        rule: "UL101",
        severity: "warning",
        line: 3,
        column: 1,
        endColumn: 19,
        message:
          "Restart=on-failure with the default RestartSec=100ms: crash loop: 5 starts within about a second, then the unit stays failed and nothing restarts it (StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults); use RestartSec=5s or more",
      },
    ]);
    expect(fixed(text, "UL101")).toBe("[Service]\r\nExecStart=/bin/gw\r\nRestart=on-failure\r\nRestartSec=5s\r\nUser=gw\r\n");
  });

  it("uses the unit's own limits, including the legacy [Service] StartLimitInterval=", () => {
    const [m] = messages("[Unit]\nStartLimitBurst=3\n[Service]\nExecStart=/bin/gw\nStartLimitInterval=1min\nRestart=on-abort\nRestartSec=0ms\n", "UL101");
    expect(m).toBe("Restart=on-abort with RestartSec=0ms: crash loop: 3 starts within a fraction of a second, then the unit stays failed and nothing restarts it (StartLimitBurst=3 in StartLimitIntervalSec=1min); use RestartSec=5s or more");
  });

  it("ignores StartLimitIntervalSec= in [Service], as systemd does", () => {
    const [m] = messages("[Service]\nExecStart=/bin/gw\nStartLimitIntervalSec=0\nRestart=always\nRestartSec=0\n", "UL101");
    expect(m).toContain("(StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults)");
  });

  it("says the loop never ends when the start limit is off", () => {
    expect(messages("[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=100ms\n", "UL101")).toEqual([
      "Restart=always with RestartSec=100ms: restarts every 100ms, forever, while it keeps failing (the start limit is off: StartLimitBurst=5 in StartLimitIntervalSec=0); use RestartSec=5s or more",
    ]);
  });

  it("says the limit cannot trip when the delay is short but the burst large", () => {
    expect(messages("[Unit]\nStartLimitIntervalSec=2\nStartLimitBurst=100\n[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=500ms\n", "UL101")).toEqual([
      "Restart=always with RestartSec=500ms: restarts every 500ms, forever, while it keeps failing (at that pace StartLimitBurst=100 in StartLimitIntervalSec=2s never trips); use RestartSec=5s or more",
    ]);
  });

  it("uses the last valid Restart= and ignores an invalid one", () => {
    expect(messages("[Service]\nExecStart=/bin/gw\nRestart=always\nRestart=sometimes\nRestartSec=0\n", "UL101")).toHaveLength(1);
    expect(messages("[Service]\nExecStart=/bin/gw\nRestart=always\nRestart=no\nRestartSec=0\n", "UL101")).toEqual([]);
  });

  it("does not look at units other than services, or at delays of a second or more", () => {
    expect(messages("[Service]\nRestart=always\nRestartSec=0\n", "UL101", "x.socket")).toEqual([]);
    expect(messages(`${LIMITED}[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=1s\n`, "UL101")).toEqual([]);
  });
});

describe("UL102 start-limit-budget", () => {
  it("counts the restarts a day of a limit that cannot trip (60 s / 10 at RestartSec=10)", () => {
    expect(only("[Unit]\nStartLimitIntervalSec=60\nStartLimitBurst=10\n[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=10\n", "x.service", "UL102")).toEqual([
      {
        rule: "UL102",
        severity: "warning",
        line: 3,
        column: 1,
        endColumn: 19,
        message:
          "this start limit never trips: 10 starts at RestartSec=10s span 1min 40s, not less than the 1min window (StartLimitBurst=10 in StartLimitIntervalSec=1min), so a failing service restarts forever, 8,640 times a day; a limit trips only when StartLimitBurst × RestartSec < StartLimitIntervalSec",
      },
    ]);
  });

  it("says when a service gives up with nobody told, and is silent when OnFailure= or StartLimitAction= reacts", () => {
    expect(messages("[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=1s\n", "UL102")).toEqual([
      "if it keeps failing, it is started 5 times within about 4 s (RestartSec=1s), then the start limit trips (StartLimitBurst=5 in StartLimitIntervalSec=10s, systemd's defaults) and it stays failed until someone runs systemctl reset-failed or starts it; nothing reacts: set OnFailure= or StartLimitAction=",
    ]);
    expect(messages("[Unit]\nOnFailure=alert.service\n[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=1s\n", "UL102")).toEqual([]);
    expect(messages("[Unit]\nStartLimitAction=reboot\n[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=1s\n", "UL102")).toEqual([]);
  });

  it("is an info for a restarting service with no declared limit, and silent when the limit is off on purpose", () => {
    expect(only("[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=5s\n", "x.service", "UL102").map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        "info",
        3,
        "no start limit is declared, and the default one (StartLimitBurst=5 in StartLimitIntervalSec=10s) never trips at RestartSec=5s: a failing service restarts forever, 17,280 times a day; declare StartLimitIntervalSec= and StartLimitBurst= in [Unit] if it should give up",
      ],
    ]);
    expect(messages("[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=5s\n", "UL102")).toEqual([]);
  });

  it("follows RestartSteps= delays (v254) to decide whether the limit trips", () => {
    const steps = "[Service]\nExecStart=/bin/gw\nRestart=always\nRestartSec=1s\nRestartSteps=4\nRestartMaxDelaySec=16s\n";
    // Delays 1, 2, 4, 8, 16 s: the 6th start comes after 31 s, past the 10 s window.
    expect(messages(`[Unit]\nStartLimitBurst=5\n${steps}`, "UL102")).toEqual([
      "this start limit never trips: 5 starts at RestartSec=1s growing to 16s in 4 steps span 31s, not less than the 10s window (StartLimitBurst=5 in StartLimitIntervalSec=10s), so a failing service restarts forever, 5,400 times a day; a limit trips only when StartLimitBurst × RestartSec < StartLimitIntervalSec",
    ]);
  });
});

describe("UL103 start-limit-in-service", () => {
  it("is an error for the ignored StartLimitIntervalSec= and moves it to a new [Unit]", () => {
    const text = "[Service]\nExecStart=/bin/gw\nStartLimitIntervalSec=60\n";
    expect(only(text, "x.service", "UL103").map((f) => [f.severity, f.line, f.message])).toEqual([
      ["error", 3, 'systemd does not read StartLimitIntervalSec= in [Service] ("Unknown key"): "60" is ignored and the interval stays at its default; move it to [Unit]'],
    ]);
    expect(fixed(text, "UL103")).toBe("[Unit]\nStartLimitIntervalSec=60\n\n[Service]\nExecStart=/bin/gw\n");
  });

  it("is a warning for the legacy names, and renames StartLimitInterval= when it moves it", () => {
    const text = "[Unit]\nDescription=gw\n\n[Service]\nExecStart=/bin/gw\nStartLimitInterval=5min\n";
    expect(only(text, "x.service", "UL103").map((f) => [f.severity, f.message])).toEqual([
      ["warning", "StartLimitInterval= in [Service] is the pre-229 location; systemd still reads it there, but it belongs in [Unit] as StartLimitIntervalSec="],
    ]);
    expect(fixed(text, "UL103")).toBe("[Unit]\nDescription=gw\nStartLimitIntervalSec=5min\n\n[Service]\nExecStart=/bin/gw\n");
  });
});

describe("UL104 on-failure-ignores-clean-exit", () => {
  it("lists what does and does not restart the service, and offers an unsafe fix", () => {
    const text = `${LIMITED}[Service]\nExecStart=/bin/proxy\nRestart=on-failure\nRestartSec=5s\n`;
    expect(only(text, "x.service", "UL104").map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        "warning",
        7,
        'Restart=on-failure leaves this Type=simple service down after exit 0 or SIGTERM, SIGINT, SIGHUP or SIGPIPE from anyone (e.g. kill); it restarts only after a non-zero exit, another signal (SIGKILL, SIGABRT, a core dump), a timeout or the watchdog; to keep it up use Restart=always with RestartPreventExitStatus= for codes that mean "do not retry" (e.g. 78)',
      ],
    ]);
    expect(lintText(text, "x.service").findings.find((f) => f.rule === "UL104")!.fix).toEqual({ applicability: "unsafe", title: "Use Restart=always with RestartPreventExitStatus=78" });
    expect(fixed(text, "UL104")).toBe(`${LIMITED}[Service]\nExecStart=/bin/proxy\nRestart=always\nRestartPreventExitStatus=78\nRestartSec=5s\n`);
  });

  it("leaves oneshot services alone (for them SIGTERM is a failure)", () => {
    expect(messages(`${LIMITED}[Service]\nType=oneshot\nExecStart=/bin/job\nRestart=on-failure\nRestartSec=5s\n`, "UL104")).toEqual([]);
  });
});

describe("UL105 oneshot-restart", () => {
  it("reports Restart=always and on-success, and any restart for systemd before 244", () => {
    expect(messages("[Service]\nType=oneshot\nExecStart=/bin/job\nRestart=always\n", "UL105")).toEqual([
      "Restart=always: systemd refuses to load a Type=oneshot service with Restart=always or on-success; use a timer to run it again",
    ]);
    const onFailure = "[Service]\nType=oneshot\nExecStart=/bin/job\nRestart=on-failure\nRestartSec=1min\n";
    expect(messages(onFailure, "UL105")).toEqual([]);
    expect(lintText(onFailure, "x.service", { settings: { systemdVersion: 243 } }).findings.filter((f) => f.rule === "UL105").map((f) => f.message)).toEqual([
      "Restart=on-failure: systemd 243 refuses any Restart= but no for Type=oneshot (on-failure is allowed from 244 on); use a timer to run it again",
    ]);
  });
});

describe("UL106 multiple-execstart", () => {
  it("needs no fix when the commands are in one file, and is silent for oneshot", () => {
    expect(only("[Service]\nExecStart=/bin/a\nExecStart=/bin/b\n", "x.service", "UL106").map((f) => [f.line, f.message])).toEqual([
      [3, "a second ExecStart= in a Type=simple service: systemd refuses the unit (only Type=oneshot may list several commands)"],
    ]);
    expect(lintText("[Service]\nExecStart=/bin/a\nExecStart=/bin/b\n", "x.service").findings.find((f) => f.rule === "UL106")!.fix).toBeNull();
    expect(messages("[Service]\nType=oneshot\nExecStart=/bin/a\nExecStart=/bin/b\n", "UL106")).toEqual([]);
  });
});

describe("UL107 missing-execstart", () => {
  it("explains each way systemd refuses a service without ExecStart=", () => {
    expect(messages("[Service]\nType=simple\n", "UL107")).toEqual([
      "a Type=simple service needs ExecStart=: systemd refuses to load it (only Type=oneshot may do without)",
    ]);
    expect(messages("[Service]\nRemainAfterExit=yes\n", "UL107")).toEqual([
      "a service with no ExecStart=, ExecStop= or SuccessAction= has nothing to do: systemd refuses to load it",
    ]);
    expect(messages("[Service]\nType=oneshot\nExecStop=/bin/save\n", "UL107")).toEqual([
      "a oneshot without ExecStart= needs RemainAfterExit=yes (or SuccessAction=): systemd refuses to load it",
    ]);
    expect(messages("[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStop=/bin/save\n", "UL107")).toEqual([]);
    // Settings with no section header above them: systemd ignores them all and refuses the service.
    expect(only("Description=x\nExecStart=/usr/bin/app\n", "x.service", "UL107")).toEqual([
      {
        rule: "UL107",
        severity: "error",
        line: 1,
        column: 1,
        endColumn: 14,
        message:
          "a service with no ExecStart=, ExecStop= or SuccessAction= has nothing to do: systemd refuses to load it (every setting of this file comes before the first section header, where systemd ignores it: a missing [Service] line?)",
      },
    ]);
    // A flattened link or a file of comments is no unit at all (UL002 says what it is).
    expect(messages("/etc/systemd/system/x.service", "UL107")).toEqual([]);
    expect(messages("# nothing yet\n", "UL107")).toEqual([]);
    // What systemd keeps: an empty or unreadable RemainAfterExit= after "yes" is ignored (UL304 reports it), "yes" stays.
    expect(messages("[Service]\nType=oneshot\nRemainAfterExit=yes\nRemainAfterExit=\nRemainAfterExit=maybe\nExecStop=/bin/save\n", "UL107")).toEqual([]);
  });
});

describe("user-manager rules", () => {
  const user = (text: string, rule: string) =>
    lintText(text, "x.service", { scope: "user" })
      .findings.filter((f) => f.rule === rule)
      .map((f) => [f.severity, f.line, f.message]);

  it("UL204 names the failure and removes the line", () => {
    const text = "[Service]\nExecStart=/bin/node\nUser=root\n";
    expect(user(text, "UL204")).toEqual([
      ["error", 3, 'User=root in a user unit: a user\'s service manager cannot switch identity, so the service fails with status 216/GROUP ("Operation not permitted"); remove it, or make this a system unit'],
    ]);
    const fixes = lintText(text, "x.service", { scope: "user" }).findings.filter((f) => f.rule === "UL204").map((f) => fixOf(f)!);
    expect(applyFixes(text, fixes).text).toBe("[Service]\nExecStart=/bin/node\n");
    expect(user(text.replace("User=root", "DynamicUser=no"), "UL204")).toEqual([]);
    expect(user(text.replace("User=root", "DynamicUser=yes"), "UL204").map((f) => f[2])).toEqual([
      'DynamicUser=yes in a user unit: a user\'s service manager cannot switch identity, so the service fails with status 217/USER ("Permission denied"); remove it, or make this a system unit',
    ]);
    expect(lintText(text, "x.service").findings.filter((f) => f.rule === "UL204")).toEqual([]); // a system unit may switch users
  });

  it("UL205 replaces multi-user.target by default.target inside a list, and warns about network targets", () => {
    const text = "[Unit]\nAfter=network-online.target\n[Service]\nExecStart=/bin/node\n[Install]\nWantedBy=foo.target multi-user.target\n";
    expect(user(text, "UL205")).toEqual([
      ["warning", 2, "After=network-online.target in a user unit does nothing: the user manager has no network-online.target, so the service may start before the network is up"],
      ["error", 6, "WantedBy=multi-user.target in a user unit: the user manager has no multi-user.target, so enabling it links it into multi-user.target.wants/ of a target that never starts, and the unit never starts; use WantedBy=default.target"],
    ]);
    const fixes = lintText(text, "x.service", { scope: "user" }).findings.filter((f) => f.rule === "UL205" && f.fix).map((f) => fixOf(f)!);
    expect(applyFixes(text, fixes).text).toBe(text.replace("WantedBy=foo.target multi-user.target", "WantedBy=foo.target default.target"));
  });

  it("UL206 tells ignored settings from ones that need a user namespace, by systemd version", () => {
    const text = "[Service]\nExecStart=/bin/app\nRemoveIPC=yes\nPrivateTmp=yes\n";
    expect(user(text, "UL206")).toEqual([
      ["warning", 3, "RemoveIPC= is only available to system services: a user's service manager does not apply it"],
      ["warning", 4, "PrivateTmp= in a user unit works only in an unprivileged user namespace (systemd turns on PrivateUsers=yes for it): where those are disabled (kernel.unprivileged_userns_clone=0, hardened kernels) the service fails to start"],
    ]);
    const old = lintText(text, "x.service", { scope: "user", settings: { systemdVersion: 250 } }).findings.filter((f) => f.rule === "UL206").map((f) => f.message);
    expect(old[1]).toContain("(systemd 250 does not support it in user units at all)");
  });
});

describe("UL404 nobody-user", () => {
  const text = "[Service]\nExecStart=/usr/local/bin/exporter\nUser=nobody\n";
  it("names the shared user, and systemd's notice where the targeted release prints it", () => {
    expect(only(text, "x.service", "UL404")).toEqual([
      {
        rule: "UL404",
        severity: "warning",
        line: 3,
        column: 1,
        endColumn: 12,
        message:
          'User=nobody (systemd warns on every load: "Special user nobody configured, this is not safe!"): it is the user NFS and user namespaces map unknown users to, shared with every other service that runs as nobody, so one compromised service reaches the others; use DynamicUser=yes or a system user of its own',
      },
    ]);
    const old = lintText(text, "x.service", { settings: { systemdVersion: 245 } }).findings.filter((f) => f.rule === "UL404").map((f) => f.message);
    expect(old).toEqual(["User=nobody: it is the user NFS and user namespaces map unknown users to, shared with every other service that runs as nobody, so one compromised service reaches the others; use DynamicUser=yes or a system user of its own"]);
  });

  it("judges the user systemd keeps, in system units only", () => {
    expect(messages(`${text}User=\n`, "UL404")).toEqual([]);
    expect(messages(`${text}User=exporter\n`, "UL404")).toEqual([]);
    expect(messages(text.replace("nobody", "nobody2"), "UL404")).toEqual([]);
    expect(lintText(text, "x.service", { scope: "user" }).findings.filter((f) => f.rule === "UL404")).toEqual([]);
    expect(messages("[Socket]\nListenStream=80\nUser=nobody\n", "UL404", "x.socket")).toHaveLength(1);
  });
});
