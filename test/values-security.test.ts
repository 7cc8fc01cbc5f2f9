/**
 * The security value checks (src/model/values/security.ts): exact messages for each kind,
 * version awareness, every sample of test/oracle/samples/security.ts (including the
 * compile-time optional settings the differential harness cannot drive), and the name tables
 * against the shared syscall-set data.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { SECURITY_CHECKS } from "../src/model/values/security.js";
import { SYSCALL_GROUPS, SYSCALL_NAMES } from "../src/model/values/security-names.js";
import { SAMPLES } from "./oracle/samples/security.js";

const check = (parser: string, value: string, target = 252) => SECURITY_CHECKS[`config_parse_${parser}`]!(value, target);
const messages = (text: string, systemdVersion = 252) =>
  lintText(`[Service]\nExecStart=/usr/sbin/webd\n${text}\n`, "webd.service", { settings: { systemdVersion } })
    .findings.filter((f) => f.rule === "UL304")
    .map((f) => f.message);

describe("security values: messages", () => {
  it("names the bad word of a system call filter, with the word probably meant", () => {
    expect(messages("SystemCallFilter=@system-servce")).toEqual([
      'SystemCallFilter=@system-servce has "@system-servce", which is not a system call group: systemd ignores it and keeps the default; did you mean "@system-service"?',
    ]);
    expect(check("syscall_filter", "~@mount opne")).toEqual({ dropped: "entry", what: 'has "opne", which is not a system call name libseccomp knows', meant: "open" });
    expect(check("syscall_filter", "read:EPERM")).toEqual({ what: 'has "read:EPERM", but ":errno" is only allowed in a "~" deny-list' });
    expect(check("syscall_filter", "~read:EFOO")).toEqual({ what: 'has "read:EFOO", whose error "EFOO" is not an errno name, a number from 0 to 4095 or "kill"' });
    expect(check("syscall_filter", "~:EPERM")).toEqual({ what: 'has ":EPERM", which names no system call' });
    expect(check("syscall_log", "@mount:EPERM")).toEqual({ what: 'has "@mount:EPERM", which is not a system call group' });
  });

  it("says what an errno, an architecture, an address family and a namespace type are", () => {
    expect(messages("SystemCallErrorNumber=EPREM")).toEqual([
      'SystemCallErrorNumber=EPREM is not an errno name (e.g. EPERM, EACCES), a number from 1 to 4095 or "kill": systemd ignores it and keeps the default',
    ]);
    expect(check("syscall_archs", "x86_64")).toEqual({ what: 'has "x86_64", which is not a system call architecture (e.g. native, x86-64, x86, arm64)', meant: "x86-64" });
    expect(check("address_families", "AF_UNIX AF_NETLNK")).toEqual({ dropped: "entry",
      what: 'has "AF_NETLNK", which is not an address family (e.g. AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET)',
      meant: "AF_NETLINK",
    });
    expect(check("address_families", "AF_INET none")).toEqual({ dropped: "entry", what: 'has "none", which is only valid alone (RestrictAddressFamilies=none)' });
    expect(check("namespace_flags", "nett")).toEqual({ what: "is not a boolean or a namespace type (cgroup, ipc, net, mnt, pid, user, uts, time)", meant: "net" });
    expect(check("namespace_flags", "~net foo")).toEqual({ what: 'has "foo", which is not a namespace type (cgroup, ipc, net, mnt, pid, user, uts, time)' });
    expect(check("restrict_filesystems", "@comon-block")?.meant).toBe("@common-block");
  });

  it("explains addresses, socket binds, devices, interfaces, controllers and protocols", () => {
    expect(messages("IPAddressAllow=localhost 10.0.0.0/33")).toEqual([
      'IPAddressAllow=localhost 10.0.0.0/33 has "10.0.0.0/33", which is not an IP address prefix (e.g. 10.0.0.0/8, fe80::/64, 192.168.1.1) or any, localhost, link-local, multicast: systemd ignores that entry and keeps the others',
    ]);
    expect(check("cgroup_socket_bind", "tcp:ipv4:80")).toEqual({ what: 'is not [ipv4:|ipv6:][tcp:|udp:]PORT[-PORT] or "any" (e.g. "ipv4:tcp:8080", "udp:5353-5355", "any")' });
    expect(check("device_allow", "/dev/null rwx")).toEqual({ what: 'gives the access rights "rwx", which are not a combination of r, w and m' });
    expect(check("device_allow", "/sys/class/net r")).toEqual({ what: 'has "/sys/class/net", which is neither a device node under /dev/ nor a char-…/block-… device group' });
    expect(check("device_allow", "/dev/../etc/shadow r")).toEqual({ what: 'has the path "/dev/../etc/shadow" with ".." in it' });
    expect(check("restrict_network_interfaces", "eth0 a/b")).toEqual({ dropped: "entry", what: 'has "a/b", which is not a network interface name (has a space, ":", "/", "%" or a character outside printable ASCII)' });
    expect(check("restrict_network_interfaces", "~42")).toEqual({ what: 'has "42", which is not a network interface name (a number, which would be an interface index)' });
    expect(check("socket_bindtodevice", "default")).toEqual({ what: 'is not a network interface name (reserved: ".", "..", "all", "default")' });
    expect(check("disable_controllers", "memroy")).toEqual({
      what: "names no cgroup controller (cpu, cpuacct, cpuset, io, blkio, memory, devices, pids, bpf-firewall, bpf-devices, bpf-foreign, bpf-socket-bind, bpf-restrict-network-interfaces)",
      meant: "memory",
    });
    expect(check("socket_protocol", "sctpp")).toEqual({ what: 'is not one of "udplite", "sctp" (or their protocol numbers)', meant: "sctp" });
  });
});

describe("security values: the targeted systemd version", () => {
  it("tells what arrived after 252 apart from what is wrong, and accepts it on newer targets", () => {
    expect(messages("SystemCallFilter=@sandbox")).toEqual(['SystemCallFilter=@sandbox needs a systemd newer than 252 (252 does not know "@sandbox"): systemd ignores it and keeps the default']);
    expect(messages("SystemCallFilter=@sandbox", 262)).toEqual([]);
    expect(check("syscall_archs", "loongarch64")).toEqual({ what: 'needs a systemd newer than 252 (252 does not know "loongarch64")' });
    expect(check("socket_protocol", "mptcp")).toEqual({ what: 'needs a systemd newer than 252 (252 does not know "mptcp")' });
    expect(check("socket_protocol", "MPTCP", 257)).toBeNull();
    expect(check("cgroup_socket_bind", "ipv4:tcp:0")).toEqual({ what: "uses port 0, which needs a systemd newer than 252 (252 takes ports from 1 to 65535)" });
    expect(check("cgroup_socket_bind", "0-1023", 257)).toBeNull();
    expect(check("restrict_network_interfaces", "enp0s20f0u1u2u3")).toBeNull();
    expect(check("restrict_network_interfaces", "wwp0s20f0u1u2u3i5")).toEqual({ what: 'has "wwp0s20f0u1u2u3i5", which is not a network interface name (longer than 15 characters)' });
    expect(check("restrict_network_interfaces", "wwp0s20f0u1u2u3i5", 257)).toBeNull();
  });

  it("knows when older words arrived", () => {
    expect(check("syscall_filter", "~@system-service", 238)).toEqual({ what: 'needs systemd ≥ 239 (238 does not know "@system-service")' });
    expect(check("namespace_flags", "~time", 245)).toEqual({ what: 'needs systemd ≥ 246 (245 does not know "time")' });
    expect(check("namespace_flags", "~time", 246)).toBeNull();
    expect(check("disable_controllers", "bpf-socket-bind", 248)).toEqual({ what: 'needs systemd ≥ 249 (248 does not know "bpf-socket-bind")' });
  });

  it("accepts every system call name libseccomp knows, whatever the target (it is the host's libseccomp that decides)", () => {
    expect(check("syscall_filter", "~mseal listmount", 252)).toBeNull();
  });
});

/** Parsers whose check only warns, about words systemd drops without a warning of its own (unknown capability names and secure bits). */
const WARNS_ONLY = new Set(["config_parse_capability_set", "config_parse_exec_secure_bits"]);

describe("security values: samples (test/oracle/samples/security.ts)", () => {
  for (const [parser, { valid, invalid }] of Object.entries(SAMPLES)) {
    const run = SECURITY_CHECKS[parser];
    it(`${parser}: a check exactly when 252 refuses something, or drops something silently`, () => {
      expect(run === undefined).toBe(invalid.length === 0 && !WARNS_ONLY.has(parser));
    });
    if (!run) continue;
    it(`${parser}: accepts the valid samples (at most with a warning where systemd drops a word silently) and reports the invalid ones at 252`, () => {
      expect(valid.filter((v) => run(v, 252) !== null && !(WARNS_ONLY.has(parser) && run(v, 252)?.effect !== undefined))).toEqual([]);
      expect(invalid.filter((v) => run(v, 252) === null)).toEqual([]);
    });
  }

  it("warns about the capability names systemd drops without a warning, and what that does to the set", () => {
    const check = SECURITY_CHECKS.config_parse_capability_set!;
    const what = (word: string) => `has "${word}", which is not a capability name (CAP_…, in any letter case) or number from 0 to 63`;
    expect(["CAP_CHOWN cap_kill", "~CAP_SYS_ADMIN", "0 0x15 63", ""].map((v) => check(v, 252, "CapabilityBoundingSet"))).toEqual([null, null, null, null]);
    expect(check("CAP_CHOWN sys_ptrace", 252, "CapabilityBoundingSet")).toEqual({
      what: what("sys_ptrace"),
      meant: "CAP_SYS_PTRACE",
      effect: "systemd drops it without a warning (only its debug log says so) and keeps the others",
    });
    expect(check("CAP_NET_BIND_SERVICES", 252, "CapabilityBoundingSet")).toEqual({
      what: what("CAP_NET_BIND_SERVICES"),
      meant: "CAP_NET_BIND_SERVICE",
      effect: "systemd drops it without a warning, and an assignment that names no capability it knows empties the set: the service keeps no capability",
    });
    expect(check("64", 252, "AmbientCapabilities")).toEqual({
      what: what("64"),
      effect: "systemd drops it without a warning, and an assignment that names no capability it knows empties the set: the service gets no ambient capability",
    });
    expect(check("~CAP_TYPO", 252, "CapabilityBoundingSet")).toEqual({ what: what("CAP_TYPO"), effect: 'systemd drops it without a warning, and "~" with no capability it knows removes nothing' });
  });

  it("warns about the secure bits systemd drops without a word, and where it stops reading", () => {
    const check = SECURITY_CHECKS.config_parse_exec_secure_bits!;
    const what = (word: string) => `has "${word}", which is not a secure bit (keep-caps, keep-caps-locked, no-setuid-fixup, no-setuid-fixup-locked, noroot, noroot-locked)`;
    const none = "an assignment that names no secure bit it knows sets none: the service gets no secure bits, whatever a SecureBits= before it said";
    expect(["keep-caps noroot-locked", '"keep-caps" no-setuid-fixup-locked', "  noroot\tnoroot "].map((v) => check(v, 252))).toEqual([null, null, null]);
    expect(check("keep-caps noroots", 252)).toEqual({ what: what("noroots"), meant: "noroot", effect: "systemd drops it without a warning (not even in its debug log) and keeps the others" });
    expect(check("KEEP-CAPS", 252)).toEqual({ what: what("KEEP-CAPS"), meant: "keep-caps", effect: `systemd drops it without a warning (not even in its debug log), and ${none}` });
    expect(check("keep-caps 'noroot", 252)).toEqual({ what: "has an unterminated quote", effect: "systemd ignores that entry and the ones after it, without a warning" });
    expect(check("'noroot", 252)).toEqual({ what: "has an unterminated quote", effect: `systemd ignores that entry and the ones after it, without a warning, and ${none}` });
    // A word before the quote that systemd does not know is named first.
    expect(check("bogus 'noroot", 252)?.what).toBe(what("bogus"));
  });

  it("covers every parser that has a check", () => {
    expect(Object.keys(SECURITY_CHECKS).filter((p) => !SAMPLES[p])).toEqual([]);
  });
});

describe("security values: name tables", () => {
  const data = path.resolve(import.meta.dirname, "..", "..", "shared", "data", "syscall-sets.json");
  const sets = fs.existsSync(data) ? (JSON.parse(fs.readFileSync(data, "utf8")) as { all_sets_direct: Record<string, string[]> }).all_sets_direct : null;

  it.skipIf(!sets)("knows every system call group of systemd main (shared/data/syscall-sets.json)", () => {
    expect(Object.keys(sets!).filter((g) => SYSCALL_GROUPS[g] === undefined)).toEqual([]);
    expect(Object.keys(SYSCALL_GROUPS).filter((g) => g !== "@known" && !sets![g])).toEqual([]);
  });

  it.skipIf(!sets)("knows the members of those groups, except names systemd lists that libseccomp does not have", () => {
    const members = [...new Set(Object.values(sets!).flat())].filter((m) => !m.startsWith("@"));
    // Newer than libseccomp's table (kernel 6.17), or names no libseccomp has: systemd skips them too.
    expect(members.filter((m) => !SYSCALL_NAMES.has(m)).sort()).toEqual(["file_getattr", "file_setattr", "fstatat", "llseek", "newfstat"]);
  });
});
