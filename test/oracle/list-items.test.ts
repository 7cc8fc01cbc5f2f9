/**
 * What systemd does with an invalid entry of a list setting (`ReadWritePaths=/a b /c`): skip that
 * entry and keep the others, drop it and the ones after it, or ignore the whole line.
 * `systemd-analyze verify` 252 with debug logging dumps each unit's settings as it loaded them, so
 * each sample is written with the invalid entry between two valid ones, with the two valid ones
 * only, with the first only, and not at all (and, for an image with bad partition options, with
 * the image without them). The first dump equals the second when systemd skipped the entry, the
 * third when it stopped there, the fourth when it ignored the line. Settings the dump does not
 * show (system call filters, address families, a service's sockets) are judged by verify's
 * message on the line instead: "…, ignoring: ENTRY" names the entry it skipped. UL304's message
 * must say the same. CapabilityBoundingSet= and AmbientCapabilities= drop an unknown name without a
 * warning (debug log only), SecureBits= an unknown word without even that, and an assignment naming
 * nothing they know empties the set: the last tests compare that with an empty assignment.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { ensureSystemdAnalyze, lineMessages, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";

/** [section, key, a valid entry, an invalid one, another valid one, what systemd keeps of the invalid one if not nothing]. */
const SAMPLES: ReadonlyArray<readonly [string, string, string, string, string, string?]> = [
  ["Service", "Environment", "A=1", "A", "B=2"],
  ["Service", "Environment", "A=1", "1A=x", "B=2"],
  ["Service", "UnsetEnvironment", "A", "A-B", "B"],
  ["Service", "PassEnvironment", "A", "A-B", "B"],
  ["Service", "LogExtraFields", "FOO=1", "foo=1", "BAR=2"],
  ["Unit", "Documentation", "man:a(1)", "bogus", "man:b(1)"],
  ["Service", "ReadWritePaths", "/a", "b", "/c"],
  ["Service", "ReadOnlyPaths", "/a", "/x/../y", "/c"],
  ["Service", "StateDirectory", "a", "../b", "c"],
  ["Service", "RuntimeDirectory", "a", "/abs", "c"],
  ["Service", "BindPaths", "/a", "/a:b", "/c:/d"],
  ["Service", "BindReadOnlyPaths", "/a", "/a:/b:ro", "/c"],
  ["Service", "TemporaryFileSystem", "/a", "b", "/c"],
  ["Service", "MountImages", "/a.raw:/b", "/a.raw", "/c.raw:/d"],
  ["Service", "MountImages", "/a.raw:/b", "/x.raw:/y:bogus:ro", "/c.raw:/d", "/x.raw:/y"],
  ["Service", "ExtensionImages", "/a.raw", "a.raw", "/c.raw"],
  ["Service", "ExtensionImages", "/a.raw", "/x.raw:bogus:ro", "/c.raw", "/x.raw"],
  ["Service", "RootImageOptions", "root:ro", "bogus:ro", "usr:ro"],
  ["Unit", "RequiresMountsFor", "/a", "b", "/c"],
  ["Unit", "After", "a.service", "b", "c.service"],
  ["Unit", "Wants", "a.service", "b", "c.service"],
  ["Socket", "Symlinks", "/a", "b", "/c"],
  ["Service", "Sockets", "a.socket", "b", "c.socket"],
  ["Service", "AllowedCPUs", "0", "3-0", "1-2"],
  ["Service", "AllowedCPUs", "0", "x", "1"],
  ["Service", "CPUAffinity", "0", "3-0", "1-2"],
  ["Service", "NUMAMask", "0", "3-0", "1"],
  ["Service", "SystemCallArchitectures", "native", "x86_64", "x86"],
  ["Service", "RestrictNetworkInterfaces", "eth0", "a/b", "eth1"],
  ["Service", "IPAddressAllow", "10.0.0.0/8", "bogus", "192.168.0.0/16"],
  ["Service", "Delegate", "cpu", "bogus", "memory"],
  ["Service", "SystemCallFilter", "read", "nosuchcall", "write"],
  ["Service", "RestrictAddressFamilies", "AF_UNIX", "AF_BOGUS", "AF_INET"],
  ["Service", "RestrictNamespaces", "cgroup", "bogus", "ipc"],
  ["Service", "CapabilityBoundingSet", "CAP_CHOWN", "sys_ptrace", "CAP_KILL"],
  ["Service", "AmbientCapabilities", "CAP_CHOWN", "CAP_NET_BIND_SERVICES", "CAP_KILL"],
  ["Service", "SecureBits", "keep-caps", "noroots", "noroot-locked"],
  ["Service", "SecureBits", "keep-caps", "'noroot", "noroot-locked"],
];

/** A unit whose last line is `line` (or that lacks the setting when it is ""). */
const UNIT_TEXT: Record<string, (line: string) => string> = {
  Unit: (line) => `[Unit]\n${line}[Service]\nExecStart=/bin/true\n`,
  Service: (line) => `[Service]\nExecStart=/bin/true\n${line}`,
  Socket: (line) => `[Socket]\nListenStream=/run/unitlint-list-items.sock\n${line}`,
};

type Verdict = "skips the entry" | "stops at the entry" | "drops the options" | "ignores the line" | "other";

/** Each unit's settings from verify's debug dump, without what names the unit itself. */
function dumps(output: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = output.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*-> Unit (\S+):$/.exec(lines[i]!);
    if (!m) continue;
    const body: string[] = [];
    // The block ends at the next unit's header or at a line the dump did not indent.
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith("\t") && !/^\s*-> Unit /.test(lines[j]!); j++) {
      if (!/^\s+(Name|Description|Fragment Path|Source Path|Invocation ID|Unit Load State|.*Timestamp):/.test(lines[j]!)) body.push(lines[j]!);
    }
    // Sets are dumped in hash order: lines and the words of each line are compared sorted.
    const sorted = body.map((l) => l.trim().split(/\s+/).sort().join(" ")).sort();
    out.set(m[1]!, sorted.join("\n").replaceAll(m[1]!.replace(/\.\w+$/, ""), "UNIT"));
  }
  return out;
}

function cases(): Array<{ sample: string; systemd: Verdict; unitlint: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-list-items-"));
  try {
    const variants = SAMPLES.map(([section, key, good, bad, good2, kept], n) => {
      const files: Record<string, string | null> = { mixed: `${good} ${bad} ${good2}`, good: `${good} ${good2}`, first: good, none: null, ...(kept === undefined ? {} : { kept: `${good} ${kept} ${good2}` }) };
      const names = Object.fromEntries(
        Object.entries(files).map(([variant, value]) => {
          const name = `l${n}-${variant}.${section === "Socket" ? "socket" : "service"}`;
          const line = value === null ? "" : `${key}=${value}\n`;
          fs.writeFileSync(path.join(dir, name), UNIT_TEXT[section]!(line));
          return [variant, name];
        }),
      ) as Record<"mixed" | "good" | "first" | "none", string> & { kept?: string };
      return { sample: `${key}=${files.mixed}`, bad, names };
    });
    const all = variants.flatMap((v) => Object.values(v.names));
    const verify = spawnSync("systemd-analyze", ["verify", "--man=no", ...all], { cwd: dir, encoding: "utf8", env: { ...process.env, SYSTEMD_LOG_LEVEL: "debug" }, maxBuffer: 1 << 28 });
    const output = `${verify.stdout}\n${verify.stderr}`;
    const dumped = dumps(output);
    const messages = lineMessages(output);
    const report = lint({ paths: variants.map((v) => v.names.mixed), cwd: dir, settings: { systemdVersion: 252 } });
    return variants.map(({ sample, bad, names }) => {
      const [mixed, good, first, none] = [names.mixed, names.good, names.first, names.none].map((name) => dumped.get(name) ?? `no dump of ${name}`);
      const kept = names.kept === undefined ? null : dumped.get(names.kept);
      const said = messages.filter((m) => m.path === path.join(dir, names.mixed)).map((m) => m.message);
      const systemd: Verdict =
        good === first || good === none
          ? said.some((m) => m.endsWith(`, ignoring: ${bad}`))
            ? "skips the entry"
            : "other"
          : mixed === good
            ? "skips the entry"
            : mixed === first
              ? "stops at the entry"
              : mixed === kept
                ? "drops the options"
                : mixed === none
                  ? "ignores the line"
                  : "other";
      const message = report.findings.find((f) => f.path === names.mixed && f.rule === "UL304")?.message ?? "-";
      return { sample, systemd, unitlint: message };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const EFFECT: Record<Verdict, RegExp> = {
  "skips the entry": /: systemd (ignores that entry|drops it without a warning \((only its debug log says so|not even in its debug log)\)) and keeps the others/,
  "stops at the entry": /: systemd ignores that entry and the ones after it/,
  "drops the options": /: systemd ignores those partition options and keeps the image/,
  "ignores the line": /: systemd ignores it and keeps the default/,
  other: /^$/,
};

const hasSystemd = ensureSystemdAnalyze();

describe.skipIf(!hasSystemd)(hasSystemd ? "an invalid entry of a list: unitlint says what systemd-analyze verify 252 does with it" : SKIP_NO_SYSTEMD, () => {
  it("skips the entry, stops there, drops an image's options or ignores the whole line, as the message says", () => {
    const results = cases();
    const count = (verdict: Verdict) => results.filter((r) => r.systemd === verdict).length;
    console.log(`list entries: of ${results.length} samples systemd 252 skips the entry in ${count("skips the entry")}, stops there in ${count("stops at the entry")}, drops partition options in ${count("drops the options")}, ignores the line in ${count("ignores the line")}`);
    const wrong = results.filter((r) => !EFFECT[r.systemd].test(r.unitlint)).map((r) => `${r.sample} | systemd ${r.systemd} | unitlint: ${r.unitlint}`);
    expect(wrong).toEqual([]);
    // The samples hold both behaviours.
    expect(count("skips the entry")).toBeGreaterThan(25);
    expect(count("ignores the line")).toBeGreaterThan(1);
    expect(count("stops at the entry") + count("drops the options")).toBe(4);
  }, 120_000);

  /** An assignment whose every word systemd drops silently, and one after a valid assignment, each dumped as an empty assignment is. */
  const EMPTIED = [
    {
      what: "the capability set",
      key: "CapabilityBoundingSet",
      typo: "CAP_NET_BIND_SERVICES",
      valid: "CAP_CHOWN",
      after: "cap_net_bind",
      messages: [
        'CapabilityBoundingSet=cap_net_bind has "cap_net_bind", which is not a capability name (CAP_…, in any letter case) or number from 0 to 63: systemd drops it without a warning, and an assignment that names no capability it knows empties the set: the service keeps no capability',
        'CapabilityBoundingSet=CAP_NET_BIND_SERVICES has "CAP_NET_BIND_SERVICES", which is not a capability name (CAP_…, in any letter case) or number from 0 to 63: systemd drops it without a warning, and an assignment that names no capability it knows empties the set: the service keeps no capability; did you mean "CAP_NET_BIND_SERVICE"?',
      ],
    },
    {
      what: "the secure bits",
      key: "SecureBits",
      typo: "KEEP-CAPS",
      valid: "keep-caps",
      after: "no-root",
      messages: [
        'SecureBits=no-root has "no-root", which is not a secure bit (keep-caps, keep-caps-locked, no-setuid-fixup, no-setuid-fixup-locked, noroot, noroot-locked): systemd drops it without a warning (not even in its debug log), and an assignment that names no secure bit it knows sets none: the service gets no secure bits, whatever a SecureBits= before it said; did you mean "noroot"?',
        'SecureBits=KEEP-CAPS has "KEEP-CAPS", which is not a secure bit (keep-caps, keep-caps-locked, no-setuid-fixup, no-setuid-fixup-locked, noroot, noroot-locked): systemd drops it without a warning (not even in its debug log), and an assignment that names no secure bit it knows sets none: the service gets no secure bits, whatever a SecureBits= before it said; did you mean "keep-caps"?',
      ],
    },
  ];

  it.each(EMPTIED)("empties $what for an assignment that names nothing systemd knows, as the message says", ({ key, typo, valid, after, messages }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-emptied-"));
    try {
      const lines = { typo: `${key}=${typo}`, empty: `${key}=`, after: `${key}=${valid}\n${key}=${after}`, none: "" };
      for (const [name, line] of Object.entries(lines)) fs.writeFileSync(path.join(dir, `${name}.service`), `[Service]\nExecStart=/bin/true\n${line}\n`);
      const names = Object.keys(lines).map((name) => `${name}.service`);
      const verify = spawnSync("systemd-analyze", ["verify", "--man=no", "--recursive-errors=no", ...names], { cwd: dir, encoding: "utf8", env: { ...process.env, SYSTEMD_LOG_LEVEL: "debug" } });
      const dumped = dumps(`${verify.stdout}\n${verify.stderr}`);
      expect(dumped.get("typo.service")).toBe(dumped.get("empty.service"));
      expect(dumped.get("after.service")).toBe(dumped.get("empty.service"));
      expect(dumped.get("none.service")).not.toBe(dumped.get("empty.service"));
      const report = lint({ paths: ["typo.service", "after.service"], cwd: dir, settings: { systemdVersion: 252 } });
      expect(report.findings.filter((f) => f.rule === "UL304").map((f) => [f.path, f.line, f.severity, f.message])).toEqual([
        ["after.service", 4, "warning", messages[0]],
        ["typo.service", 3, "warning", messages[1]],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
