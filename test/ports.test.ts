/**
 * Listening ports and programs read from unit files (src/model/ports.ts, src/model/command-line.ts), and
 * the two project rules built on them: duplicate-across-scopes (UL201) and
 * shared-port (UL202), with their exact messages. Trees are built in temporary
 * directories and removed afterwards.
 */
import { afterEach, describe, expect, it } from "vitest";
import { lint, lintWithProject } from "../src/engine/lint.js";
import {
  isAnyAddress,
  listenersOf,
  optionKind,
  parseHostPort,
  parseSocketAddress,
  portsInCommandLine,
  socketService,
} from "../src/model/ports.js";
import { programOf, splitCommands, splitWords, stripPrefixes } from "../src/model/command-line.js";
import type { Unit } from "../src/model/unit.js";
import { RULES } from "../src/rules/index.js";
import UL201 from "../src/rules/UL201-duplicate-across-scopes.js";
import UL202 from "../src/rules/UL202-shared-port.js";
import { treeTracker, type TreeSpec } from "./helpers/tree.js";

/** Every rule, with UL201 and UL202 whether or not they are registered yet. */
const ALL = [...RULES.filter((r) => r.id !== "UL201" && r.id !== "UL202"), UL201, UL202];

const trees = treeTracker();
afterEach(() => trees.cleanupAll());

/** The unit loaded from one file's text. */
function unitOf(text: string, path = "x.service"): Unit {
  const { project } = lintWithProject({ paths: ["-"], stdin: { text, path }, rules: [] });
  return project.units[0]!;
}

/** Ports of a command line as compact tuples: [protocol, host, port, text, start, end]. */
function ports(value: string): Array<[string, string | null, number, string, number, number]> {
  return portsInCommandLine(value).map((p) => [p.protocol, p.host, p.port, p.text, p.start, p.end]);
}

/** The findings of UL201/UL202 for a tree. */
function findings(spec: TreeSpec, rule: "UL201" | "UL202") {
  const t = trees.make(spec);
  return lint({ paths: ["."], cwd: t.root, rules: ALL })
    .findings.filter((f) => f.rule === rule)
    .map((f) => ({ path: f.path, line: f.line, column: f.column, severity: f.severity, message: f.message }));
}

/** All findings of all rules for a tree, as [rule, path, line]. */
function everything(spec: TreeSpec): Array<[string, string, number]> {
  const t = trees.make(spec);
  return lint({ paths: ["."], cwd: t.root, rules: ALL }).findings.map((f) => [f.rule, f.path, f.line]);
}

describe("command-line words", () => {
  it("splits on whitespace, unquotes, unescapes, and keeps offsets in the value", () => {
    expect(splitWords(`/bin/gw  --name "a b" 'c d'e \\"x\\" --port=1`)).toEqual([
      { text: "/bin/gw", start: 0, end: 7 },
      { text: "--name", start: 9, end: 15 },
      { text: "a b", start: 16, end: 21 },
      { text: "c de", start: 22, end: 28 },
      { text: '"x"', start: 29, end: 34 },
      { text: "--port=1", start: 35, end: 43 },
    ]);
    expect(splitWords("")).toEqual([]);
    expect(splitWords("  \t ")).toEqual([]);
  });

  it("separates commands at a lone unquoted ';' only", () => {
    expect(splitCommands("/bin/a 1 ; /bin/b 2 \\; ';'").map((c) => c.map((w) => w.text))).toEqual([
      ["/bin/a", "1"],
      ["/bin/b", "2", ";", ";"],
    ]);
    expect(splitCommands("; ;")).toEqual([]);
  });

  it("strips the special executable prefixes -@:+!| (and !!)", () => {
    expect(stripPrefixes("-/usr/bin/gw")).toEqual({ path: "/usr/bin/gw", prefixes: "-" });
    expect(stripPrefixes("@-:+/usr/bin/gw")).toEqual({ path: "/usr/bin/gw", prefixes: "@-:+" });
    expect(stripPrefixes("!!/usr/bin/gw")).toEqual({ path: "/usr/bin/gw", prefixes: "!!" });
    expect(stripPrefixes("|echo")).toEqual({ path: "echo", prefixes: "|" });
    expect(stripPrefixes("gw")).toEqual({ path: "gw", prefixes: "" });
  });
});

describe("programOf", () => {
  it("is the executable of the first effective ExecStart=, without prefixes, with its basename", () => {
    const p = programOf(unitOf("[Service]\nExecStart=-@/usr/local/bin/gateway gw --port 1\n"));
    expect(p && { path: p.path, name: p.name, line: p.from.entry.range.line }).toEqual({ path: "/usr/local/bin/gateway", name: "gateway", line: 2 });
    expect(programOf(unitOf('[Service]\nExecStart="/opt/my app/run" x\n'))?.name).toBe("run");
    expect(programOf(unitOf("[Service]\nExecStart=node server.js\n"))?.path).toBe("node");
  });

  it("follows an ExecStart= reset and is null without a command", () => {
    expect(programOf(unitOf("[Service]\nExecStart=/bin/old\nExecStart=\nExecStart=/bin/new\n"))?.path).toBe("/bin/new");
    expect(programOf(unitOf("[Service]\nExecStart=/bin/old\nExecStart=\n"))).toBeNull();
    expect(programOf(unitOf("[Service]\nType=oneshot\n"))).toBeNull();
    expect(programOf(unitOf("[Service]\nExecStart=-\n"))).toBeNull();
  });
});

describe("ports in ExecStart= command lines", () => {
  it("reads --port, --port=, -p, -pN and --*-port options", () => {
    expect(ports("/usr/local/bin/gateway --port 18789")).toEqual([["tcp", null, 18789, "--port 18789", 23, 35]]);
    expect(ports("/usr/local/bin/gateway --port=18789")).toEqual([["tcp", null, 18789, "--port=18789", 23, 35]]);
    expect(ports("/usr/bin/memcached -p 11211 -t 4")).toEqual([["tcp", null, 11211, "-p 11211", 19, 27]]);
    expect(ports("/usr/bin/x -p18789")).toEqual([["tcp", null, 18789, "-p18789", 11, 18]]);
    expect(ports("/usr/bin/x --http-port 9000 --metrics_port=9100 --server.port=8081 -port 7000")).toEqual([
      ["tcp", null, 9000, "--http-port 9000", 11, 27],
      ["tcp", null, 9100, "--metrics_port=9100", 28, 47],
      ["tcp", null, 8081, "--server.port=8081", 48, 66],
      ["tcp", null, 7000, "-port 7000", 67, 77],
    ]);
    expect(ports("/usr/bin/x --udp-port 5353 --quic-port=443")).toEqual([
      ["udp", null, 5353, "--udp-port 5353", 11, 26],
      ["udp", null, 443, "--quic-port=443", 27, 42],
    ]);
  });

  it("reads --listen/--bind/--listen-address values with host:port, [v6]:port, :port or a port alone", () => {
    expect(ports("/usr/bin/x --listen 0.0.0.0:8080")).toEqual([["tcp", "0.0.0.0", 8080, "--listen 0.0.0.0:8080", 11, 32]]);
    expect(ports("/usr/bin/x --listen=[::]:8080")).toEqual([["tcp", "::", 8080, "--listen=[::]:8080", 11, 29]]);
    expect(ports("/usr/bin/x --bind :8080")).toEqual([["tcp", null, 8080, "--bind :8080", 11, 23]]);
    expect(ports("/usr/bin/x --bind=127.0.0.1:8080")).toEqual([["tcp", "127.0.0.1", 8080, "--bind=127.0.0.1:8080", 11, 32]]);
    expect(ports("/usr/bin/x --listen 8080")).toEqual([["tcp", null, 8080, "--listen 8080", 11, 24]]);
    expect(ports("/usr/bin/x --listen localhost:8080")).toEqual([["tcp", "localhost", 8080, "--listen localhost:8080", 11, 34]]);
    expect(ports("/usr/bin/prometheus --web.listen-address=:9090")).toEqual([["tcp", null, 9090, "--web.listen-address=:9090", 20, 46]]);
    expect(ports("/usr/bin/x --listen http://0.0.0.0:8080/ --listen udp://[::1]:53")).toEqual([
      ["tcp", "0.0.0.0", 8080, "--listen http://0.0.0.0:8080/", 11, 40],
      ["udp", "::1", 53, "--listen udp://[::1]:53", 41, 64],
    ]);
    expect(ports("/usr/bin/gunicorn -b 0.0.0.0:8000 app:app")).toEqual([["tcp", "0.0.0.0", 8000, "-b 0.0.0.0:8000", 18, 33]]);
  });

  it("reads a bare IP-literal host:port argument, only the first (a proxy's later ones are where it connects)", () => {
    expect(ports("/usr/bin/x 0.0.0.0:8080")).toEqual([["tcp", "0.0.0.0", 8080, "0.0.0.0:8080", 11, 23]]);
    expect(ports("/usr/bin/x [::1]:8080")).toEqual([["tcp", "::1", 8080, "[::1]:8080", 11, 21]]);
    expect(ports("/usr/bin/websockify 0.0.0.0:6080 127.0.0.1:5900")).toEqual([["tcp", "0.0.0.0", 6080, "0.0.0.0:6080", 20, 32]]);
    expect(ports("/usr/bin/x -- [::]:7000")).toEqual([["tcp", "::", 7000, "[::]:7000", 14, 23]]);
  });

  it("takes the host of port options from --host, --bind-host or an address-only --bind", () => {
    expect(ports("/usr/bin/uvicorn app:app --host 0.0.0.0 --port 8000")).toEqual([["tcp", "0.0.0.0", 8000, "--port 8000", 40, 51]]);
    expect(ports("/usr/bin/x --port 8000 --bind-host=127.0.0.1")).toEqual([["tcp", "127.0.0.1", 8000, "--port 8000", 11, 22]]);
    expect(ports("/usr/bin/x --bind 10.0.0.2 --port 8000")).toEqual([["tcp", "10.0.0.2", 8000, "--port 8000", 27, 38]]);
    expect(ports("/usr/bin/x --host localhost --port 8000")).toEqual([["tcp", "localhost", 8000, "--port 8000", 28, 39]]);
  });

  it("reads docker/podman -p/--publish host ports and socat listening addresses", () => {
    expect(ports("/usr/bin/docker run --rm -p 127.0.0.1:8080:80 -p 53:53/udp --publish=[::1]:9000:9000 -p 80 nginx")).toEqual([
      ["tcp", "127.0.0.1", 8080, "-p 127.0.0.1:8080:80", 25, 45],
      ["udp", null, 53, "-p 53:53/udp", 46, 58],
      ["tcp", "::1", 9000, "--publish=[::1]:9000:9000", 59, 84],
    ]);
    expect(ports("/usr/bin/podman run -p 8080:80 img")).toEqual([["tcp", null, 8080, "-p 8080:80", 20, 30]]);
    expect(ports("/usr/bin/socat TCP-LISTEN:8080,fork,reuseaddr TCP:localhost:80")).toEqual([["tcp", null, 8080, "TCP-LISTEN:8080,fork,reuseaddr", 15, 45]]);
    expect(ports("/usr/bin/socat UDP4-RECVFROM:53,fork UDP:10.0.0.1:53")).toEqual([["udp", null, 53, "UDP4-RECVFROM:53,fork", 15, 36]]);
  });

  it("looks through env, @argv0, several commands and sh -c scripts", () => {
    expect(ports("/usr/bin/env NODE_ENV=production /usr/bin/node /srv/app.js --port 3000")).toEqual([["tcp", null, 3000, "--port 3000", 59, 70]]);
    expect(ports("@/usr/bin/gw gateway-main --port 1234")).toEqual([["tcp", null, 1234, "--port 1234", 26, 37]]);
    expect(ports("/usr/bin/a --port 1 ; /usr/bin/b --port 2")).toEqual([
      ["tcp", null, 1, "--port 1", 11, 19],
      ["tcp", null, 2, "--port 2", 33, 41],
    ]);
    // Inside a script the offsets are the whole script argument's.
    expect(ports("/bin/sh -c 'exec /usr/local/bin/gateway --port 18789'")).toEqual([["tcp", null, 18789, "--port 18789", 11, 53]]);
    expect(ports("/bin/bash -ec 'cd /srv && PORT=1 ./run --listen :8080 | logger'")).toEqual([["tcp", null, 8080, "--listen :8080", 14, 63]]);
  });

  it("finds nothing in version numbers, counts, other hosts' ports, clients, variables and specifiers", () => {
    for (const value of [
      "/usr/bin/python3.11 -m app --workers 4 --threads 8",
      "/usr/bin/x --timeout 30 --retries 3 -n 1000 -j 16",
      "/usr/bin/x --db-port 5432 --upstream-port=80 --redis_port 6379 --remote-port 22 --proxy-port 3128 --advertise-port 7946",
      "/usr/bin/x --port 0 --port -3 --port 65536 --port 08080 --port abc --port=",
      "/usr/bin/x --port $PORT --port=${PORT} --port %i --listen ${ADDR}",
      "/usr/bin/x --listen /run/x.sock --listen-https=-3 --bind unix:/run/x.sock",
      "/usr/bin/worker --host db.example.com --port 5432",
      "/usr/bin/x --upstream 127.0.0.1:6379",
      "/usr/bin/x db:5432 redis.local:6379 12:30 1.2.3:4",
      "/usr/bin/ssh -N -p 2222 -L 8080:localhost:80 tunnel@host",
      "/usr/bin/psql --port 5432 -c 'select 1'",
      "/usr/bin/curl http://127.0.0.1:8080/health",
      "/usr/bin/uwsgi -p 4 --master",
      "/usr/bin/x -p 443",
      "/usr/bin/docker run -p 80 img",
      "/usr/bin/x --ports 8080,8081 --port-offset 10",
      "/usr/bin/x ::1:8080 [fe80::zz]:80",
      "-",
      "",
    ]) {
      expect(ports(value), value).toEqual([]);
    }
  });

  it("classifies option names", () => {
    expect(["port", "http-port", "web.port", "metrics_port", "listen-port"].map(optionKind)).toEqual(["port", "port", "port", "port", "port"]);
    expect(["listen", "bind", "listen-address", "web.listen-address", "bind-addr", "http-listen"].map(optionKind)).toEqual(Array(6).fill("listen"));
    expect(["host", "bind-host", "listen-ip"].map(optionKind)).toEqual(["host", "host", "host"]);
    expect(["db-port", "upstream-port", "client-port", "peer-port", "ports", "port-offset", "address", "hostname", "http-host", "listen-https"].map(optionKind)).toEqual(Array(10).fill(null));
  });
});

describe("addresses", () => {
  it("parses systemd socket addresses: a port, IPv4:port, [IPv6]:port; not paths, abstract sockets, vsock or hostnames", () => {
    expect(parseSocketAddress("8080")).toEqual({ host: null, port: 8080 });
    expect(parseSocketAddress("0.0.0.0:8080")).toEqual({ host: "0.0.0.0", port: 8080 });
    expect(parseSocketAddress("[::]:8080")).toEqual({ host: "::", port: 8080 });
    expect(parseSocketAddress("[fe80::1%eth0]:53")).toEqual({ host: "fe80::1%eth0", port: 53 });
    for (const v of ["/run/x.sock", "@abstract", "%t/mpd/socket", "vsock:2:1234", "localhost:80", "0", "70000", "1.2.3.4", "[::1]", "::1:80", ""]) {
      expect(parseSocketAddress(v), v).toBeNull();
    }
  });

  it("reads a socket's port as parse_ip_port() does (base 0), unlike a program's --port", () => {
    expect(["0x1F90", "0120", "+8080", "127.0.0.1:0x50", "[::1]:0120"].map((v) => parseSocketAddress(v)?.port)).toEqual([8080, 80, 8080, 80, 80]);
    for (const v of ["08080", "-0", "0x10000", "127.0.0.1:08"]) expect(parseSocketAddress(v), v).toBeNull();
    expect(parseHostPort("0x50", { barePort: true })).toBeNull();
  });

  it("parses host:port for options, strictly (IP literals only) for bare arguments", () => {
    expect(parseHostPort("gw.local:80")).toEqual({ host: "gw.local", port: 80 });
    expect(parseHostPort("gw.local:80", { strictHost: true })).toBeNull();
    expect(parseHostPort(":80", { strictHost: true })).toBeNull();
    expect(parseHostPort("*:80")).toEqual({ host: "*", port: 80 });
    expect(parseHostPort("80")).toBeNull();
    expect(parseHostPort("80", { barePort: true })).toEqual({ host: null, port: 80 });
    expect(parseHostPort("256.1.1.1:80", { strictHost: true })).toBeNull();
  });

  it("treats no host, empty, *, 0.0.0.0 and :: as every address", () => {
    expect([null, "", "*", "0.0.0.0", "::", "[::]"].map(isAnyAddress)).toEqual(Array(6).fill(true));
    expect(["127.0.0.1", "::1", "10.0.0.2", "localhost"].map(isAnyAddress)).toEqual(Array(4).fill(false));
  });
});

describe("listenersOf and socketService", () => {
  it("reads a service's effective ExecStart= lines, but not a oneshot's", () => {
    const u = unitOf("[Service]\nExecStart=/bin/gw --port 1\nExecStart=\nExecStart=/bin/gw \\\n  --port 2\n");
    expect(listenersOf(u).map((l) => [l.port, l.text, l.from.entry.range.line])).toEqual([[2, "--port 2", 4]]);
    expect(listenersOf(unitOf("[Service]\nType=oneshot\nExecStart=/usr/bin/probe --port 8080\n"))).toEqual([]);
  });

  it("reads a socket's ListenStream= (tcp) and ListenDatagram= (udp), after a reset, skipping other addresses", () => {
    const u = unitOf("[Socket]\nListenStream=1\nListenStream=\nListenStream=/run/a.sock\nListenStream=[::]:8080\nListenDatagram=53\nListenSequentialPacket=9\n", "x.socket");
    expect(listenersOf(u).map((l) => [l.protocol, l.host, l.port, l.text, l.from.entry.range.line])).toEqual([
      ["tcp", "::", 8080, "ListenStream=[::]:8080", 5],
      ["udp", null, 53, "ListenDatagram=53", 6],
    ]);
    expect(listenersOf(unitOf("[Timer]\nOnCalendar=12:30\n", "x.timer"))).toEqual([]);
    // An empty assignment of any Listen*= setting removes the listeners of all of them.
    const reset = unitOf("[Socket]\nListenDatagram=53\nListenStream=8080\nListenFIFO=\nListenStream=9090\nListenDatagram=5353\n", "y.socket");
    expect(listenersOf(reset).map((l) => [l.protocol, l.port, l.from.entry.range.line])).toEqual([
      ["tcp", 9090, 5],
      ["udp", 5353, 6],
    ]);
  });

  it("names the service a socket activates: Service=, NAME.service, or NAME@.service with Accept=yes", () => {
    expect(socketService(unitOf("[Socket]\nListenStream=1\n", "gw.socket"))).toBe("gw.service");
    expect(socketService(unitOf("[Socket]\nListenStream=1\nService=other.service\n", "gw.socket"))).toBe("other.service");
    expect(socketService(unitOf("[Socket]\nListenStream=22\nAccept=yes\n", "sshd.socket"))).toBe("sshd@.service");
    // What systemd keeps: an empty Accept= resets nothing, an invalid Service= is ignored.
    expect(socketService(unitOf("[Socket]\nListenStream=22\nAccept=yes\nAccept=\nService=not-a-service\n", "sshd.socket"))).toBe("sshd@.service");
    expect(socketService(unitOf("[Service]\nExecStart=/bin/x\n", "gw.service"))).toBeNull();
  });
});

// ---------------------------------------------------------------------------- UL201

/** A service of the gateway that restarts within its start limit (no finding of the restart rules). */
function gateway(wantedBy: string | null, port = "--port 18789"): string {
  return (
    "[Unit]\nDescription=Gateway\nStartLimitIntervalSec=5min\nStartLimitBurst=5\nOnFailure=notify@%n.service\n\n" +
    `[Service]\nExecStart=/usr/local/bin/gateway ${port}\nRestart=always\nRestartSec=5s\n` +
    (wantedBy ? `\n[Install]\nWantedBy=${wantedBy}\n` : "")
  );
}

const SYSTEM = "etc/systemd/system/gateway.service";
const ALICE = "home/alice/.config/systemd/user/gateway.service";
const SYSTEM_LINK = { "etc/systemd/system/multi-user.target.wants/gateway.service": { symlink: `/${SYSTEM}` } };
const ALICE_LINK = { "home/alice/.config/systemd/user/default.target.wants/gateway.service": { symlink: `/${ALICE}` } };
const LINGER = { "var/lib/systemd/linger/alice": "" };

describe("UL201 duplicate-across-scopes", () => {
  it("reports both enabled copies at their [Install] headers, with what happens and how to keep one", () => {
    expect(findings({ [SYSTEM]: gateway("multi-user.target"), [ALICE]: gateway("default.target"), ...SYSTEM_LINK, ...ALICE_LINK, ...LINGER }, "UL201")).toEqual([
      {
        path: SYSTEM,
        line: 12,
        column: 1,
        severity: "error",
        message:
          'gateway.service is a system unit and also a user unit (home/alice/.config/systemd/user/gateway.service), and both are enabled: this copy starts at boot, alice\'s copy when alice logs in (at boot if alice lingers); they race for the same resources (a port, a lock, files) and one of them fails, over and over if it restarts; keep one: "systemctl disable --now gateway.service" here, or "systemctl --user disable --now gateway.service" as alice there, then delete that copy or its [Install] section',
      },
      {
        path: ALICE,
        line: 12,
        column: 1,
        severity: "error",
        message:
          'gateway.service is a user unit and also a system unit (etc/systemd/system/gateway.service), and both are enabled: this copy starts when alice logs in (at boot if alice lingers), the system copy at boot; they race for the same resources (a port, a lock, files) and one of them fails, over and over if it restarts; keep one: "systemctl --user disable --now gateway.service" as alice here, or "systemctl disable --now gateway.service" there, then delete that copy or its [Install] section',
      },
    ]);
  });

  it("says the same port once: UL202 is silent about the pair UL201 reports", () => {
    const spec = { [SYSTEM]: gateway("multi-user.target"), [ALICE]: gateway("default.target"), ...SYSTEM_LINK, ...ALICE_LINK, ...LINGER };
    // Besides UL201, only UL403's exposure info on each copy's [Service] header (line 7): no UL202.
    expect(everything(spec)).toEqual([
      ["UL403", SYSTEM, 7],
      ["UL201", SYSTEM, 12],
      ["UL403", ALICE, 7],
      ["UL201", ALICE, 12],
    ]);
  });

  it("judges by [Install] when no copy is enabled, naming every user's copy, and reports at line 1 without [Install]", () => {
    const bob = "home/bob/.config/systemd/user/gateway.service";
    const got = findings({ [SYSTEM]: gateway("multi-user.target"), [ALICE]: gateway("default.target"), [bob]: gateway("default.target"), ...LINGER, "var/lib/systemd/linger/bob": "" }, "UL201");
    expect(got.map((f) => [f.path, f.line])).toEqual([
      [SYSTEM, 12],
      [ALICE, 12],
      [bob, 12],
    ]);
    expect(got[0]!.message).toBe(
      'gateway.service is a system unit and also a user unit (home/alice/.config/systemd/user/gateway.service and home/bob/.config/systemd/user/gateway.service), and all have an [Install] section: once all are enabled, this copy starts at boot, alice\'s copy when alice logs in (at boot if alice lingers) and bob\'s copy when bob logs in (at boot if bob lingers); they race for the same resources (a port, a lock, files) and one of them fails, over and over if it restarts; keep one: delete one copy or its [Install] section, or enable only one (disable with "systemctl disable --now gateway.service" here, or "systemctl --user disable --now gateway.service" as alice and "systemctl --user disable --now gateway.service" as bob there)',
    );
    expect(got[2]!.message).toBe(
      'gateway.service is a user unit and also a system unit (etc/systemd/system/gateway.service), and all have an [Install] section: once all are enabled, this copy starts when bob logs in (at boot if bob lingers), the system copy at boot; they race for the same resources (a port, a lock, files) and one of them fails, over and over if it restarts; keep one: delete one copy or its [Install] section, or enable only one (disable with "systemctl --user disable --now gateway.service" as bob here, or "systemctl disable --now gateway.service" there)',
    );
    // Enabled by a hand-made link and without [Install]: reported at line 1.
    const linked = findings({ [SYSTEM]: gateway(null), [ALICE]: gateway("default.target"), ...SYSTEM_LINK, ...ALICE_LINK, ...LINGER }, "UL201");
    expect(linked.map((f) => [f.path, f.line, f.column])).toEqual([
      [SYSTEM, 1, 1],
      [ALICE, 12, 1],
    ]);
  });

  it("describes a global user copy: every user's, or only the users whose own links enable it", () => {
    const global = "usr/lib/systemd/user/gateway.service";
    const everyone = findings({ [SYSTEM]: gateway("multi-user.target"), [global]: gateway("default.target") }, "UL201");
    expect(everyone.map((f) => f.path)).toEqual([SYSTEM, global]);
    expect(everyone[1]!.message).toContain("this copy starts when any user logs in (at boot for users who linger), the system copy at boot;");
    expect(everyone[1]!.message).toContain('(disable with "systemctl --global disable gateway.service" here, or "systemctl disable --now gateway.service" there)');
    const byAlice = findings(
      {
        [SYSTEM]: gateway("multi-user.target"),
        [global]: gateway("default.target"),
        ...SYSTEM_LINK,
        "home/alice/.config/systemd/user/default.target.wants/gateway.service": { symlink: `/${global}` },
        ...LINGER,
      },
      "UL201",
    );
    expect(byAlice[0]!.message).toContain("this copy starts at boot, the global user copy when alice logs in (at boot if alice lingers);");
    expect(byAlice[1]!.message).toContain('keep one: "systemctl --user disable --now gateway.service" as alice here, or "systemctl disable --now gateway.service" there,');
  });

  it("is silent when only one copy starts, when all copies are vendor units, across roots, and within one scope", () => {
    // One enabled, the other not: the links show that only one starts.
    expect(findings({ [SYSTEM]: gateway("multi-user.target"), [ALICE]: gateway("default.target"), ...SYSTEM_LINK, ...LINGER }, "UL201")).toEqual([]);
    // No [Install] in one copy and no links.
    expect(findings({ [SYSTEM]: gateway("multi-user.target"), [ALICE]: gateway(null) }, "UL201")).toEqual([]);
    // A package's units for both managers (podman.socket, dbus-broker.service).
    expect(findings({ "usr/lib/systemd/system/gateway.service": gateway("multi-user.target"), "usr/lib/systemd/user/gateway.service": gateway("default.target") }, "UL201")).toEqual([]);
    // Two hosts' trees.
    expect(findings({ [`a/${SYSTEM}`]: gateway("multi-user.target"), [`b/${ALICE}`]: gateway("default.target"), "b/var/lib/systemd/linger/alice": "" }, "UL201")).toEqual([]);
    // Two users, no system copy (shared-port's business).
    expect(findings({ [ALICE]: gateway("default.target", "--port 1"), "home/bob/.config/systemd/user/gateway.service": gateway("default.target", "--port 2"), ...LINGER, "var/lib/systemd/linger/bob": "" }, "UL201")).toEqual([]);
  });

  it("compares sockets and timers too, by unit name", () => {
    const got = findings(
      {
        "etc/systemd/system/gw.socket": "[Socket]\nListenStream=%t/gw.sock\n\n[Install]\nWantedBy=sockets.target\n",
        "home/alice/.config/systemd/user/gw.socket": "[Socket]\nListenStream=%t/gw.sock\n\n[Install]\nWantedBy=sockets.target\n",
        ...LINGER,
      },
      "UL201",
    );
    expect(got.map((f) => [f.path, f.line])).toEqual([
      ["etc/systemd/system/gw.socket", 4],
      ["home/alice/.config/systemd/user/gw.socket", 4],
    ]);
  });
});

// ---------------------------------------------------------------------------- UL202

const svc = (execStart: string, extra = ""): string => `[Unit]\nDescription=x\n${extra}\n[Service]\nExecStart=${execStart}\n`;

describe("UL202 shared-port", () => {
  it("reports each listener at its line, naming the others and when they run the same program", () => {
    expect(
      findings(
        {
          "etc/systemd/system/gateway.service": svc("/usr/local/bin/gateway --port 18789"),
          "home/alice/.config/systemd/user/openclaw-gateway.service": svc("/usr/local/bin/gateway --verbose \\\n  --port=18789"),
        },
        "UL202",
      ),
    ).toEqual([
      {
        path: "etc/systemd/system/gateway.service",
        line: 5,
        column: 1,
        severity: "warning",
        message:
          "this service listens on port 18789/tcp (--port 18789), and so does home/alice/.config/systemd/user/openclaw-gateway.service:5 (--port=18789, the same program /usr/local/bin/gateway): only one of them can bind it, and the other fails to start, over and over if it restarts; give each its own port, or keep one",
      },
      {
        path: "home/alice/.config/systemd/user/openclaw-gateway.service",
        line: 5,
        column: 1,
        severity: "warning",
        message:
          "this service listens on port 18789/tcp (--port=18789), and so does etc/systemd/system/gateway.service:5 (--port 18789, the same program /usr/local/bin/gateway): only one of them can bind it, and the other fails to start, over and over if it restarts; give each its own port, or keep one",
      },
    ]);
  });

  it("counts a socket for its service, and names a specific address", () => {
    const got = findings(
      {
        "etc/systemd/system/web.socket": "[Socket]\nListenStream=127.0.0.1:8080\n",
        "etc/systemd/system/web.service": svc("/usr/bin/web"),
        "etc/systemd/system/api.service": svc("/usr/bin/api --bind=127.0.0.1:8080"),
      },
      "UL202",
    );
    expect(got.map((f) => [f.path, f.line, f.message])).toEqual([
      [
        "etc/systemd/system/api.service",
        5,
        "this service listens on port 8080/tcp on 127.0.0.1 (--bind=127.0.0.1:8080), and so does etc/systemd/system/web.socket:2 (ListenStream=127.0.0.1:8080): only one of them can bind it, and the other fails to start, over and over if it restarts; give each its own port, or keep one",
      ],
      [
        "etc/systemd/system/web.socket",
        2,
        "this socket listens on port 8080/tcp on 127.0.0.1 (ListenStream=127.0.0.1:8080), and so does etc/systemd/system/api.service:5 (--bind=127.0.0.1:8080): only one of them can bind it, and the other fails to start, over and over if it restarts; give each its own port, or keep one",
      ],
    ]);
  });

  it("names at most three others, then how many more; an any-address listener clashes with every address", () => {
    const spec: TreeSpec = {};
    for (const [i, arg] of ["--port 9000", "--listen 127.0.0.1:9000", "--listen 10.0.0.1:9000", "--listen 10.0.0.2:9000", "--listen [::1]:9000"].entries()) {
      spec[`etc/systemd/system/s${i}.service`] = svc(`/usr/bin/s${i} ${arg}`);
    }
    const got = findings(spec, "UL202");
    expect(got.map((f) => f.path)).toEqual([0, 1, 2, 3, 4].map((i) => `etc/systemd/system/s${i}.service`));
    expect(got[0]!.message).toBe(
      "this service listens on port 9000/tcp (--port 9000), and so do etc/systemd/system/s1.service:5 (--listen 127.0.0.1:9000), etc/systemd/system/s2.service:5 (--listen 10.0.0.1:9000), etc/systemd/system/s3.service:5 (--listen 10.0.0.2:9000) and 1 more: only one of them can bind it, and the others fail to start, over and over if they restart; give each its own port, or keep one",
    );
    // A specific address clashes only with the any-address listener.
    expect(got[1]!.message).toBe(
      "this service listens on port 9000/tcp on 127.0.0.1 (--listen 127.0.0.1:9000), and so does etc/systemd/system/s0.service:5 (--port 9000): only one of them can bind it, and the other fails to start, over and over if it restarts; give each its own port, or keep one",
    );
  });

  it("is silent for different addresses, protocols or hosts, a socket and its own service, Conflicts=, ReusePort=yes and oneshots", () => {
    const quiet: TreeSpec[] = [
      { "etc/systemd/system/a.service": svc("/usr/bin/a --bind 127.0.0.1:80"), "etc/systemd/system/b.service": svc("/usr/bin/b --bind 10.0.0.2:80") },
      { "etc/systemd/system/a.service": svc("/usr/bin/a --port 53"), "etc/systemd/system/b.socket": "[Socket]\nListenDatagram=53\n" },
      { [`h1/etc/systemd/system/a.service`]: svc("/usr/bin/a --port 80"), [`h2/etc/systemd/system/b.service`]: svc("/usr/bin/b --port 80") },
      {
        "etc/systemd/system/gw.socket": "[Socket]\nListenStream=18789\n",
        "etc/systemd/system/gw-admin.socket": "[Socket]\nListenStream=9100\nService=gw.service\n",
        "etc/systemd/system/gw.service": svc("/usr/bin/gw --port 18789 --admin-port 9100 0.0.0.0:18789"),
      },
      { "etc/systemd/system/blue.service": svc("/opt/app --port 8000", "Conflicts=green.service\n"), "etc/systemd/system/green.service": svc("/opt/app --port 8000") },
      { "etc/systemd/system/a.socket": "[Unit]\nConflicts=b.service\n\n[Socket]\nListenStream=80\n", "etc/systemd/system/b.service": svc("/usr/bin/b --port 80") },
      { "etc/systemd/system/a.socket": "[Socket]\nListenDatagram=514\nReusePort=yes\n", "etc/systemd/system/b.socket": "[Socket]\nListenDatagram=514\nReusePort=true\n" },
      { "etc/systemd/system/a.service": svc("/usr/bin/a --port 80"), "etc/systemd/system/probe.service": "[Service]\nType=oneshot\nExecStart=/usr/bin/probe --port 80\n" },
      // A template is one unit, however many instances run.
      { "etc/systemd/system/w@.service": svc("/usr/bin/w --port 7000"), "etc/systemd/system/multi-user.target.wants/w@a.service": { symlink: "../w@.service" }, "etc/systemd/system/multi-user.target.wants/w@b.service": { symlink: "../w@.service" } },
    ];
    for (const spec of quiet) expect(findings(spec, "UL202"), JSON.stringify(Object.keys(spec))).toEqual([]);
  });

  it("still reports a cross-scope pair that UL201 does not (only one copy enabled)", () => {
    const got = findings({ [SYSTEM]: gateway("multi-user.target"), [ALICE]: gateway("default.target"), ...SYSTEM_LINK, ...LINGER }, "UL202");
    expect(got.map((f) => [f.path, f.line])).toEqual([
      [SYSTEM, 8],
      [ALICE, 8],
    ]);
    expect(got[0]!.message).toContain("and so does home/alice/.config/systemd/user/gateway.service:8 (--port 18789, the same program /usr/local/bin/gateway)");
  });

  it("does not call a shell or a container runner the same program", () => {
    const got = findings(
      {
        "etc/systemd/system/a.service": svc("/bin/sh -c 'exec /usr/bin/a --port 8080'"),
        "etc/systemd/system/b.service": svc("/bin/sh -c 'exec /usr/bin/b --port 8080'"),
      },
      "UL202",
    );
    expect(got[0]!.message).toBe(
      "this service listens on port 8080/tcp (--port 8080), and so does etc/systemd/system/b.service:5 (--port 8080): only one of them can bind it, and the other fails to start, over and over if it restarts; give each its own port, or keep one",
    );
  });
});
