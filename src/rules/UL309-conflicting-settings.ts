import { keptList, lastKept } from "../model/kept.js";
import { LISTEN_KEYS } from "../model/ports.js";
import { parseBoolean, serviceType } from "../model/service.js";
import type { Assignment } from "../model/unit.js";
import type { Rule } from "./types.js";

/** Listen*= settings whose sockets can accept() connections; the others (datagrams, FIFOs, special files, netlink, message queues, USB) cannot. */
const ACCEPTING: readonly string[] = ["ListenStream", "ListenSequentialPacket"];

/** The section whose KillMode= and PAMName= a unit type reads, and the kill modes PAM allows there (service_verify(), …). */
const PAM_KILL_MODES: Readonly<Record<string, { section: string; allowed: readonly string[] }>> = {
  service: { section: "Service", allowed: ["control-group", "mixed"] },
  socket: { section: "Socket", allowed: ["control-group"] },
  mount: { section: "Mount", allowed: ["control-group"] },
  swap: { section: "Swap", allowed: ["control-group"] },
};

const rule: Rule = {
  id: "UL309",
  name: "conflicting-settings",
  severity: "error",
  phase: "unit",
  types: ["socket", "service", "mount", "swap"],
  docs: {
    summary: "Settings each valid alone that systemd refuses together: `Accept=yes` with `Service=`, with a datagram or FIFO socket, or with `MaxConnections=0`; `PAMName=` with a `KillMode=` that leaves processes behind; `Type=dbus` without `BusName=`.",
    rationale:
      "systemd checks these combinations when it loads the unit and refuses it (socket_verify(), service_verify(), mount_verify(), swap_verify() in systemd 252): \"Explicit service configuration for accepting socket units not supported\" (an Accept=yes socket starts one instance of its template per connection, so it cannot name one service), \"Unit configured for accepting sockets, but sockets are non-accepting\" (datagram, FIFO, special, netlink, message-queue and USB sockets have no connections to accept), \"MaxConnection= setting too small\", \"Service has PAM enabled. Kill mode must be set to 'control-group' or 'mixed'\" (the PAM session must be closed after every process of the unit is gone; sockets, mounts and swaps allow control-group only) and \"Service is of type D-Bus but no D-Bus service name has been specified\". Checked against systemd-analyze verify 252 (test/oracle/refusals.test.ts).",
    bad: "[Socket]\nListenStream=2222\nAccept=yes\nService=sshd.service\n",
    good: "[Socket]\nListenStream=2222\nAccept=yes\n",
    seeAlso: ["systemd.socket(5): Accept=, Service=, MaxConnections=", "systemd.exec(5): PAMName=", "systemd.kill(5): KillMode=", "systemd.service(5): Type=dbus, BusName="],
  },
  check({ unit, report }) {
    if (!unit.file || !unit.type) return;
    const at = (a: Assignment, message: string): void => report({ file: a.file, span: a.entry.range, message });

    if (unit.type === "socket") {
      const accept = lastKept(unit, "Socket", "Accept");
      if (accept && parseBoolean(accept.entry.value) === true) {
        const service = lastKept(unit, "Socket", "Service");
        if (service) at(service, `Service=${service.entry.value} with Accept=yes: systemd refuses the socket ("Explicit service configuration for accepting socket units not supported"), because each connection starts its own instance of ${unit.unitName!.stem}@.service; drop Service=, or set Accept=no`);
        // The listeners systemd keeps: an empty assignment of any of them removes all, an invalid one is ignored.
        const datagram = keptList(unit, "Socket", LISTEN_KEYS).kept.find((a) => !ACCEPTING.includes(a.entry.key));
        if (datagram) at(datagram, `${datagram.entry.key}= with Accept=yes: systemd refuses the socket ("Unit configured for accepting sockets, but sockets are non-accepting"): only stream and sequential-packet sockets have connections to accept; use Accept=no`);
        const max = lastKept(unit, "Socket", "MaxConnections");
        if (max && Number(max.entry.value) === 0) at(max, `MaxConnections=0 with Accept=yes: systemd refuses the socket ("MaxConnection= setting too small"); allow at least 1`);
      }
    }

    const pam = PAM_KILL_MODES[unit.type];
    if (pam && lastKept(unit, pam.section, "PAMName")) {
      const kill = lastKept(unit, pam.section, "KillMode");
      if (kill && !pam.allowed.includes(kill.entry.value)) {
        at(kill, `KillMode=${kill.entry.value} with PAMName=: systemd refuses the unit ("has PAM enabled. Kill mode must be set to ${pam.allowed.map((m) => `'${m}'`).join(" or ")}"): the PAM session is closed only when every process of the unit is gone`);
      }
    }

    if (unit.type === "service") {
      const type = serviceType(unit);
      if (type.value === "dbus" && type.from && !lastKept(unit, "Service", "BusName")) {
        at(type.from, `Type=dbus without BusName=: systemd refuses the service ("Service is of type D-Bus but no D-Bus service name has been specified"); set BusName= to the name it takes on the bus`);
      }
    }
  },
};
export default rule;
