/** Exact messages of the unit, user, credential and Listen*= value checks (src/model/values/units.ts, units-sockets.ts). */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { cUnsigned, isIPv4, isIPv6, socketListenCheck } from "../src/model/values/units-sockets.js";
import { listWords, setCredentialCheck, UNITS_CHECKS, unitNameProblem } from "../src/model/values/units.js";

const check = (parser: string, value: string, target = 252) => UNITS_CHECKS[parser]!(value, target);

/** UL304's messages for a unit of `name` with `text`, at `target`. */
function ul304(name: string, text: string, target = 252): string[] {
  return lintText(text, name, { settings: { systemdVersion: target } })
    .findings.filter((f) => f.rule === "UL304")
    .map((f) => f.message);
}

const service = (...lines: string[]) => ul304("x.service", `[Unit]\nDescription=x\n[Service]\nExecStart=/usr/sbin/webd\n${lines.join("\n")}\n`);
const unitSection = (...lines: string[]) => ul304("x.service", `[Unit]\n${lines.join("\n")}\n[Service]\nExecStart=/usr/sbin/webd\n`);
const socket = (target: number, ...lines: string[]) => ul304("x.socket", `[Socket]\n${lines.join("\n")}\n`, target);

describe("unit names", () => {
  it("splits lists on whitespace only, keeping quotes; for unit names a backslash is an ordinary character", () => {
    // systemd 252 on "Wants=foo\ bar.service": "Failed to add dependency on foo\, ignoring" (EXTRACT_RETAIN_ESCAPE).
    expect(listWords(` a.service\t"b c" d\\ e `, true)).toEqual(["a.service", '"b', 'c"', "d\\", "e"]);
    expect(listWords("a\\ b c", false)).toEqual(["a b", "c"]);
    expect(listWords("a b\\", false)).toBe("escape");
    expect(unitSection("Wants=foo\\ bar.service")).toEqual([
      'Wants=foo\\ bar.service lists "foo\\\\", which is not a unit name (it has no type suffix such as ".service" or ".target"): systemd ignores that entry and keeps the others',
    ]);
  });

  it("knows what unit_name_is_valid() refuses", () => {
    expect(unitNameProblem("getty@tty1.service")).toBeNull();
    expect(unitNameProblem("getty@.service")).toBeNull();
    expect(unitNameProblem("a:b\\x2d_c..service")).toBeNull();
    expect(unitNameProblem(`${"a".repeat(247)}.service`)).toBeNull();
    expect(unitNameProblem(`${"a".repeat(248)}.service`)).toEqual({ why: "it is longer than 255 characters" });
    expect(unitNameProblem("foo.Service")).toEqual({ why: '".Service" is not a unit type', meant: "foo.service" });
    expect(unitNameProblem(".service")).toEqual({ why: "it has no name before the type" });
    expect(unitNameProblem("@x.service")).toEqual({ why: 'it has no name before "@"' });
    expect(unitNameProblem("dev-sda@x.device")).toEqual({ why: ".device units cannot be templates or instances" });
  });

  it("names the word of a dependency list that is not a unit, and the unit probably meant", () => {
    expect(unitSection("After=network.target webd-setup.servic")).toEqual([
      'After=network.target webd-setup.servic lists "webd-setup.servic", which is not a unit name (".servic" is not a unit type): systemd ignores that entry and keeps the others; did you mean "webd-setup.service"?',
    ]);
    expect(unitSection("Wants=foo bar.service")).toEqual([
      'Wants=foo bar.service lists "foo", which is not a unit name (it has no type suffix such as ".service" or ".target"): systemd ignores that entry and keeps the others',
    ]);
    expect(unitSection("Requires=a/b.service")).toEqual([
      'Requires=a/b.service lists "a/b.service", which is not a unit name (it contains "/"; unit names take only ASCII letters, digits and ":-_.\\", and systemd-escape escapes the rest): systemd ignores it and keeps the default',
    ]);
    expect(unitSection("Wants=getty@tty1.service notify@.service -.mount", "PartOf=web.target")).toEqual([]);
  });

  it("wants a .slice for Slice=, a .socket for each Sockets= word, and a loadable .service for Service=", () => {
    expect(service("Slice=web.service", "Slice=web.slcie", "Slice=web@a.slice", "Slice=web-front.slice")).toEqual([
      'Slice=web.service is not a .slice unit (a unit name ending in ".slice"): systemd ignores it and keeps the default',
      'Slice=web.slcie is not a .slice unit (a unit name ending in ".slice"): systemd ignores it and keeps the default; did you mean "web.slice"?',
      "Slice=web@a.slice is not a unit name (.slice units cannot be templates or instances): systemd ignores it and keeps the default",
    ]);
    expect(service("Sockets=webd.socket webd.service", "Sockets=webd@.socket")).toEqual([
      'Sockets=webd.socket webd.service lists "webd.service", which is not a .socket unit (a unit name ending in ".socket"): systemd ignores that entry and keeps the others',
    ]);
    expect(check("config_parse_socket_service", "webd@.service")).toEqual({
      what: 'is a template, which cannot be loaded: name a service or an instance of the template (e.g. "name@instance.service")',
    });
    expect(check("config_parse_socket_service", "webd@a.service")).toBeNull();
  });

  it("takes any unit type for a timer's Unit=", () => {
    expect(ul304("x.timer", "[Timer]\nOnCalendar=daily\nUnit=backup.servic\n")).toEqual([
      'Unit=backup.servic is not a unit name (".servic" is not a unit type): systemd ignores it and keeps the default; did you mean "backup.service"?',
    ]);
    expect(check("config_parse_trigger_unit", "other.timer")).toBeNull();
  });
});

describe("D-Bus and file descriptor names", () => {
  it("follows sd_bus_service_name_is_valid() and fdname_is_valid()", () => {
    expect(service("BusName=org.1example.Web")).toEqual([
      'BusName=org.1example.Web is not a D-Bus name (two or more dot-separated elements of letters, digits, "_" and "-", none starting with a digit, at most 255 characters; e.g. "org.example.App"): systemd ignores it and keeps the default',
    ]);
    expect(["org.example.Web", ":1.42", "a.-b"].map((v) => check("config_parse_bus_name", v))).toEqual([null, null, null]);
    expect(["org", ":1", "a..b"].every((v) => check("config_parse_bus_name", v) !== null)).toBe(true);
    expect(check("config_parse_fdname", "web:d")).toEqual({ what: 'is not a file descriptor name (printable ASCII without ":", at most 255 characters)' });
    expect(check("config_parse_fdname", "web d/x")).toBeNull();
  });
});

describe("users and groups", () => {
  it("refuses the unit for names and IDs valid_user_group_name() refuses in relaxed mode", () => {
    expect(service("User=65535", "Group=007", "SocketUser=x", "SupplementaryGroups=adm ssl:cert")).toEqual([
      "User=65535 is not a user or group name or numeric ID (65535 and IDs from 4294967295 up are not valid): systemd refuses to load the unit",
      "Group=007 is not a user or group name or numeric ID (numeric IDs take no leading zeros): systemd refuses to load the unit",
      'SupplementaryGroups=adm ssl:cert lists "ssl:cert", which is not a user or group name or numeric ID (it contains ":"): systemd refuses to load the unit',
    ]);
    expect(check("config_parse_user_group_compat", "-1")).toEqual({ what: "is not a user or group name or numeric ID (it is a negative number)", refused: true });
    expect(["0", "4294967294", "Web User", "1web", "web.d", "-web", "+5"].map((v) => check("config_parse_user_group_compat", v))).toEqual(Array(7).fill(null));
  });
});

describe("credentials", () => {
  it("checks LoadCredential='s name and source", () => {
    expect(service("LoadCredential=tls:etc/tls.pem", "LoadCredential=a/b:/etc/x", "LoadCredential=tls", "LoadCredential=tls:cert", "LoadCredential=tls:/etc/")).toEqual([
      'LoadCredential=tls:etc/tls.pem has source "etc/tls.pem", which is neither an absolute normalized path nor a credential name: systemd ignores it and keeps the default',
      'LoadCredential=a/b:/etc/x has credential name "a/b", which is not valid (1–255 printable ASCII characters without "/" and ":", not "." or ".."): systemd ignores it and keeps the default',
    ]);
    expect(check("config_parse_load_credential", "tls://etc/x")).not.toBeNull();
  });

  it("checks SetCredential='s escapes and SetCredentialEncrypted='s Base64", () => {
    expect(service("SetCredential=greeting:hello\\qworld", "SetCredential=greeting", "SetCredential=a:\\x41\\u00e9\\s\\377")).toEqual([
      'SetCredential=greeting:hello\\qworld has escape "\\q", which is not one systemd knows (\\n, \\t, \\xHH, \\uHHHH, \\ooo, …; write "\\\\" for a backslash): systemd ignores it and keeps the default',
      'SetCredential=greeting has no data: expected ID:VALUE (e.g. "token:secret"): systemd ignores it and keeps the default',
    ]);
    expect(setCredentialCheck("k:\\U0010ffff", 252)?.what).toMatch(/^has escape "\\U0010ffff"/);
    expect(service("SetCredentialEncrypted=k:hello", "SetCredential=k:hello")).toEqual([
      "SetCredentialEncrypted=k:hello has data that is not Base64 (the output of systemd-creds encrypt): systemd ignores it and keeps the default",
    ]);
    expect(setCredentialCheck("k:aGVs bG8=", 252, "SetCredentialEncrypted")).toBeNull();
  });
});

describe("Listen*=", () => {
  it("reads numbers, IPv4 and IPv6 addresses as systemd does", () => {
    expect(["80", "0x50", "010", "+80", "-0"].map((n) => cUnsigned(n, 65535))).toEqual([80, 80, 8, 80, 0]);
    expect(["080", "-1", "0x", " 1", "65536"].map((n) => cUnsigned(n, 65535))).toEqual([null, null, null, null, null]);
    expect(cUnsigned(" 1", 10, true)).toBe(1);
    expect(["127.0.0.1", "0.0.0.0"].every(isIPv4) && !["01.2.3.4", "1.2.3", "1.2.3.256"].some(isIPv4)).toBe(true);
    expect(["::", "::1", "1:2:3:4:5:6:7::", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4"].every(isIPv6)).toBe(true);
    expect(["1::2::3", "1:2:3:4::5:6:7:8", "00001::", ":1::", "1::2:", "::01.2.3.4", "1:2:3:4:5:6:7"].some(isIPv6)).toBe(false);
  });

  it("applies each Listen*= key's own rules", () => {
    expect(socket(252, "ListenStream=8080", "ListenNetlink=kobject-uevent 1", "ListenFIFO=/run/x.fifo", "ListenStream=localhost:8080", "ListenFIFO=8080", "ListenNetlink=/run/x")).toEqual([
      'ListenStream=localhost:8080 is not an IPv4 socket address (ADDRESS:PORT, e.g. "127.0.0.1:8080"; IPv6 needs brackets and host names are not resolved): systemd ignores it and keeps the default',
      "ListenFIFO=8080 is not an absolute path: systemd ignores it and keeps the default",
      'ListenNetlink=/run/x is not a netlink family and group (e.g. "route 1", "kobject-uevent 1"; families: route, firewall, inet-diag, nflog, xfrm, selinux, iscsi, audit, fib-lookup, connector, netfilter, ip6-fw, dnrtmsg, kobject-uevent, generic, scsitransport, ecryptfs, rdma, or a number): systemd ignores it and keeps the default',
    ]);
  });

  it("called without a key, reports only what no Listen*= key accepts", () => {
    expect(socketListenCheck("8080", 252)).toBeNull();
    expect(socketListenCheck("/run/x", 252)).toBeNull();
    expect(socketListenCheck("route 1", 252)).toBeNull();
    expect(socketListenCheck("localhost:8080", 252)).toEqual({
      what: "is neither a socket address (a port, IPv4:PORT, [IPv6]:PORT, an absolute path, @abstract or vsock:CID:PORT) nor a netlink family",
    });
  });

  it("knows that vsock: addresses need systemd 233", () => {
    expect(socket(232, "ListenStream=vsock:2:1234")).toEqual([
      "ListenStream=vsock:2:1234 needs systemd ≥ 233 (232 does not know vsock: addresses): systemd ignores it and keeps the default",
    ]);
    expect(socket(233, "ListenStream=vsock:2:1234", "ListenStream=vsock::1234")).toEqual([]);
  });

  it("with the key, applies that key's rules", () => {
    const listen = (key: string, value: string) => socketListenCheck(value, 252, key)?.what ?? null;
    expect(listen("ListenStream", "0")).toBe("is not a port number from 1 to 65535");
    expect(listen("ListenStream", "1.2.3.4:99999")).toBe('has port "99999", which is not a port number from 1 to 65535');
    expect(listen("ListenStream", "localhost:80")).toBe('is not an IPv4 socket address (ADDRESS:PORT, e.g. "127.0.0.1:8080"; IPv6 needs brackets and host names are not resolved)');
    expect(listen("ListenDatagram", "[::1]")).toBe('is not an IPv6 socket address ([ADDRESS]:PORT, e.g. "[::1]:8080")');
    expect(listen("ListenStream", `/${"a".repeat(107)}`)).toBe("is too long for an AF_UNIX socket address (at most 107 bytes)");
    expect(listen("ListenStream", "vsock:1234")).toBe('is not a vsock address (vsock:CID:PORT with numbers up to 4294967295, e.g. "vsock:2:1234"; an empty CID means any)');
    expect(listen("ListenSequentialPacket", "8080")).toBe("is not an AF_UNIX socket address (an absolute path or @abstract name): sequential packet sockets are local only");
    expect(listen("ListenFIFO", "run/x")).toBe("is not an absolute path");
    expect(listen("ListenSpecial", "/dev/../x")).toBe('is not a normalized path (it contains "..")');
    expect(listen("ListenNetlink", "route x")).toBe('has group "x", which is not a netlink multicast group (one number up to 4294967295)');
    expect(socketListenCheck("rout 1", 252, "ListenNetlink")?.meant).toBe("route 1");
    expect(["[::]:80", "/run/a.sock", "@a", "vsock:2:1", "0x50"].map((v) => listen("ListenStream", v))).toEqual(Array(5).fill(null));
  });
});
