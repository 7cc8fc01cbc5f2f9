/**
 * Generates a deterministic tree of small, varied systemd unit files for the
 * benchmark (scripts/bench.mjs): services (some with drop-ins, some templates),
 * sockets and timers; system units in etc/systemd/system and
 * usr/lib/systemd/system (with same-named overrides and a few masks in etc),
 * user units under home/<u>/.config/systemd/user, a few `.wants/` links and
 * aliases, and some `Restart=` + `RestartSec=0` services so there are findings.
 *
 * `unitFiles` counts regular unit files (.service/.socket/.timer) only;
 * drop-ins and symbolic links come on top and are counted separately.
 *
 * Standalone: node scripts/gen-bench-tree.mjs DIR [UNIT_FILES]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** mulberry32: small, fast, deterministic. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["web", "api", "db", "cache", "queue", "worker", "backup", "sync", "mail", "dns", "proxy", "metrics", "log", "auth", "cron", "media", "search", "ingest", "export", "gateway"];
const TYPES = ["simple", "exec", "notify", "forking"];
const RESTARTS = ["always", "on-failure", "on-abnormal"];
const HARDENING = [
  "NoNewPrivileges=yes",
  "PrivateTmp=yes",
  "ProtectSystem=strict",
  "ProtectHome=read-only",
  "ProtectKernelTunables=yes",
  "ProtectControlGroups=yes",
  "RestrictSUIDSGID=yes",
  "LockPersonality=yes",
  "MemoryDenyWriteExecute=yes",
  "SystemCallArchitectures=native",
  "CapabilityBoundingSet=",
  "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
];

/**
 * @param {string} dir  an existing, empty directory: the image root
 * @param {{unitFiles?: number, seed?: number, users?: number}} [options]
 * @returns {{unitFiles: number, services: number, sockets: number, timers: number, dropins: number, links: number, overrides: number, masked: number, userUnits: number, restartSec0: number, bytes: number}}
 */
export function generateTree(dir, options = {}) {
  const target = options.unitFiles ?? 20000;
  const rnd = prng(options.seed ?? 20240601);
  const users = options.users ?? 40;
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const chance = (p) => rnd() < p;

  const stats = { unitFiles: 0, services: 0, sockets: 0, timers: 0, dropins: 0, links: 0, overrides: 0, masked: 0, userUnits: 0, restartSec0: 0, bytes: 0 };
  const made = new Set();
  const mkdir = (d) => {
    if (made.has(d)) return;
    fs.mkdirSync(d, { recursive: true });
    made.add(d);
  };
  const write = (rel, text) => {
    const abs = path.join(dir, rel);
    mkdir(path.dirname(abs));
    fs.writeFileSync(abs, text);
    stats.bytes += Buffer.byteLength(text);
  };
  const link = (rel, to) => {
    const abs = path.join(dir, rel);
    mkdir(path.dirname(abs));
    fs.symlinkSync(to, abs);
    stats.links += 1;
  };
  const full = () => stats.unitFiles >= target;

  const ETC = "etc/systemd/system";
  const LIB = "usr/lib/systemd/system";
  const userDir = (u) => `home/u${u}/.config/systemd/user`;

  function serviceText(name, { oneshot, restartSec0, user, socket }) {
    const lines = ["[Unit]", `Description=${name} (generated for the unitlint benchmark)`];
    if (chance(0.5)) lines.push(`Documentation=man:${name.split(/[@.]/)[0]}(8) https://example.org/${name}`);
    lines.push(`After=network-online.target${socket ? ` ${name.replace(/\.service$/, ".socket")}` : ""}`);
    if (chance(0.4)) lines.push("Wants=network-online.target");
    if (chance(0.15)) lines.push(`StartLimitIntervalSec=${pick(["30s", "1min", "0"])}`, `StartLimitBurst=${pick(["3", "5", "10"])}`);
    lines.push("", "[Service]");
    lines.push(`Type=${oneshot ? "oneshot" : pick(TYPES)}`);
    lines.push(`ExecStart=/usr/bin/${name.split(/[@.]/)[0]} --config /etc/${pick(WORDS)}/${pick(WORDS)}.conf${chance(0.3) ? " --verbose" : ""}`);
    if (chance(0.3)) lines.push("ExecReload=/bin/kill -HUP $MAINPID");
    if (!user && chance(0.6)) lines.push(`User=${pick(WORDS)}`);
    if (chance(0.4)) lines.push(`Environment=MODE=${pick(WORDS)} PORT=${1024 + Math.floor(rnd() * 60000)}`);
    if (restartSec0) {
      lines.push(`Restart=${pick(RESTARTS)}`, "RestartSec=0");
      stats.restartSec0 += 1;
    } else if (!oneshot && chance(0.6)) {
      lines.push(`Restart=${pick(RESTARTS)}`, `RestartSec=${pick(["1", "5s", "10s", "1min", "500ms"])}`);
    }
    const hard = Math.floor(rnd() * 6);
    for (let i = 0; i < hard; i++) lines.push(pick(HARDENING));
    if (chance(0.2)) lines.push("# tuned by ops; see the runbook");
    if (!oneshot || chance(0.3)) lines.push("", "[Install]", `WantedBy=${user ? "default.target" : "multi-user.target"}`);
    return `${lines.join("\n")}\n`;
  }

  function socketText(name) {
    const stream = chance(0.8);
    return [
      "[Unit]",
      `Description=${name} socket`,
      "",
      "[Socket]",
      stream ? `ListenStream=${chance(0.5) ? `/run/${name.replace(/\.socket$/, "")}.sock` : 1024 + Math.floor(rnd() * 60000)}` : `ListenDatagram=${1024 + Math.floor(rnd() * 60000)}`,
      ...(chance(0.3) ? ["SocketMode=0660"] : []),
      "",
      "[Install]",
      "WantedBy=sockets.target",
      "",
    ].join("\n");
  }

  function timerText(name) {
    const calendar = chance(0.6);
    return [
      "[Unit]",
      `Description=Run ${name.replace(/\.timer$/, "")} periodically`,
      "",
      "[Timer]",
      calendar ? `OnCalendar=${pick(["daily", "hourly", "weekly", "*-*-* 03:15:00", "Mon..Fri 08:00"])}` : `OnUnitActiveSec=${pick(["15min", "1h", "6h"])}`,
      ...(calendar && chance(0.5) ? ["Persistent=true"] : []),
      ...(chance(0.3) ? [`RandomizedDelaySec=${pick(["5min", "30min", "1h"])}`] : []),
      "",
      "[Install]",
      "WantedBy=timers.target",
      "",
    ].join("\n");
  }

  function dropinText(restartSec0) {
    const lines = ["[Service]"];
    if (restartSec0) {
      lines.push("Restart=always", "RestartSec=0");
      stats.restartSec0 += 1;
    } else {
      const n = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < n; i++) lines.push(pick([...HARDENING, "Environment=DEBUG=0", "LimitNOFILE=65536", "TimeoutStartSec=90s", "Nice=5"]));
    }
    return `${lines.join("\n")}\n`;
  }

  const unit = (rel, text, kind) => {
    write(rel, text);
    stats.unitFiles += 1;
    stats[kind] += 1;
  };

  // A few shared drop-ins: type-level (v244+) and dash-prefix (v239+) directories.
  write(`${LIB}/service.d/10-timeout-abort.conf`, "[Service]\nTimeoutStopFailureMode=abort\n");
  stats.dropins += 1;
  for (const w of WORDS.slice(0, 5)) {
    write(`${ETC}/${w}-.service.d/10-common.conf`, "[Service]\nEnvironment=SITE=bench\n");
    stats.dropins += 1;
  }

  for (let i = 0; !full(); i++) {
    const stem = `${pick(WORDS)}-${pick(WORDS)}-${i}`;
    const where = rnd();
    const user = where >= 0.8 ? Math.floor(rnd() * users) : null;
    const vendor = user === null && where >= 0.45;
    const dirOf = user !== null ? userDir(user) : vendor ? LIB : ETC;
    const overrideDir = user !== null ? dirOf : ETC; // drop-ins for vendor units go to /etc
    const template = chance(0.02);
    const service = template ? `${stem}@.service` : `${stem}.service`;
    const hasTimer = !template && chance(0.15);
    const hasSocket = !template && !hasTimer && chance(0.15);
    const restartSec0 = !hasTimer && chance(0.03);

    unit(`${dirOf}/${service}`, serviceText(service, { oneshot: hasTimer, restartSec0, user: user !== null, socket: hasSocket }), "services");
    if (user !== null) stats.userUnits += 1;

    if (!full() && hasSocket) {
      unit(`${dirOf}/${stem}.socket`, socketText(`${stem}.socket`), "sockets");
      if (user !== null) stats.userUnits += 1;
    }
    if (!full() && hasTimer) {
      unit(`${dirOf}/${stem}.timer`, timerText(`${stem}.timer`), "timers");
      if (user !== null) stats.userUnits += 1;
    }

    // Drop-ins: about 20 % of services, a quarter of them with two files; a few set RestartSec=0.
    if (chance(0.2)) {
      write(`${overrideDir}/${service}.d/override.conf`, dropinText(!hasTimer && chance(0.05)));
      stats.dropins += 1;
      if (chance(0.25)) {
        write(`${overrideDir}/${service}.d/20-limits.conf`, dropinText(false));
        stats.dropins += 1;
      }
    }

    // Same-named full overrides (and a few masks) in /etc for vendor units.
    if (vendor && !full() && chance(0.1)) {
      if (chance(0.1)) {
        link(`${ETC}/${service}`, "/dev/null");
        stats.masked += 1;
      } else {
        unit(`${ETC}/${service}`, serviceText(service, { oneshot: hasTimer, restartSec0: false, user: false, socket: hasSocket }), "services");
        stats.overrides += 1;
      }
    }

    // A few .wants/ links (enablement) and aliases.
    if (chance(0.02)) {
      const wantsDir = user !== null ? `${dirOf}/default.target.wants` : `${ETC}/multi-user.target.wants`;
      const linked = template ? `${stem}@1.service` : service;
      const to = vendor ? `/${LIB}/${service}` : `../${service}`;
      link(`${wantsDir}/${linked}`, to);
    }
    if (hasTimer && chance(0.05)) link(`${user !== null ? dirOf : ETC}/timers.target.wants/${stem}.timer`, `../${stem}.timer`);
    if (!template && user === null && !vendor && chance(0.003)) link(`${ETC}/${stem}-alias.service`, service);
  }
  return stats;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, n] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write("usage: node scripts/gen-bench-tree.mjs DIR [UNIT_FILES]\n");
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  const stats = generateTree(dir, { unitFiles: n ? Number(n) : 20000 });
  process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
}
