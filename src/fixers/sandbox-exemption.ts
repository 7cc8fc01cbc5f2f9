/**
 * The services `unitlint harden` (and UL403's fix) adds no sandboxing to, and why: sandboxing them
 * breaks the machine rather than protecting it. A sandbox is inherited by everything a service
 * starts, so a hardened sshd or getty gives every login NoNewPrivileges= (no sudo) and a read-only
 * /usr, /etc and home; a hardened systemd-modules-load or systemd-sysctl cannot do its one job
 * (ProtectKernelModules=, ProtectKernelTunables=); a hardened apt cannot install anything.
 * Packaged units are exempt too unless asked (`--vendor`): what a daemon needs is in its code,
 * not in its unit file (a hardened NetworkManager cannot write /proc/sys or /etc, a hardened
 * dovecot cannot deliver mail into /home).
 */
import { mainFileFailsAt } from "../model/fatal.js";
import { lastKept } from "../model/kept.js";
import { parseBoolean } from "../model/service.js";
import { programOf } from "../model/command-line.js";
import type { Unit } from "../model/unit.js";

const INHERIT = "would inherit its sandbox (no sudo under NoNewPrivileges=, a read-only /usr, /etc and home)";

/** Programs whose work a sandbox would break, with what they do and what it would do to them. */
const PROGRAMS: ReadonlyArray<{ does: string; then: string; names: readonly string[] }> = [
  {
    does: "starts login sessions",
    then: `every session ${INHERIT}`,
    names: ["sshd", "dropbear", "in.telnetd", "telnetd", "agetty", "getty", "mingetty", "mgetty", "sulogin", "login", "gdm", "gdm3", "lightdm", "sddm", "xdm", "lxdm", "slim", "greetd", "xrdp", "xrdp-sesman"],
  },
  { does: "runs users' jobs", then: `every job ${INHERIT}`, names: ["cron", "crond", "atd", "anacron", "fcron"] },
  { does: "starts services on demand", then: `every service it starts ${INHERIT}`, names: ["dbus-daemon", "dbus-broker-launch", "dbus-broker"] },
  { does: "runs the administrator's boot script", then: `every command in it ${INHERIT}`, names: ["rc.local"] },
  {
    does: "runs containers or virtual machines",
    then: "they would inherit its sandbox (no devices such as /dev/kvm, a read-only /usr and /etc)",
    names: ["dockerd", "containerd", "podman", "libvirtd", "virtqemud", "lxd", "incusd", "lxc-start", "systemd-nspawn"],
  },
  {
    does: "installs software",
    then: "ProtectSystem= would make /usr and /etc, where software goes, read-only to it",
    names: ["apt", "apt-get", "apt.systemd.daily", "unattended-upgrade", "unattended-upgrades", "dpkg", "packagekitd", "pk-offline-update", "dnf", "dnf-automatic", "yum", "zypper", "snapd", "flatpak", "fwupd", "fwupdmgr"],
  },
];

const BY_PROGRAM: ReadonlyMap<string, (typeof PROGRAMS)[number]> = new Map(PROGRAMS.flatMap((p) => p.names.map((name) => [name, p] as const)));

/** qemu-system-x86_64, qemu-system-aarch64, …: one name per architecture. */
const VIRTUAL_MACHINE = { does: "runs a virtual machine", then: "it would inherit its sandbox (no devices such as /dev/kvm, a read-only /usr and /etc)", names: [] };

function knownProgram(name: string): (typeof PROGRAMS)[number] | undefined {
  return BY_PROGRAM.get(name) ?? (name.startsWith("qemu-system-") ? VIRTUAL_MACHINE : undefined);
}

const TTY_INPUT: ReadonlySet<string> = new Set(["tty", "tty-force", "tty-fail"]);

/** The value systemd keeps for the targeted release (an empty or unreadable last line may leave an earlier one). */
const kept = (unit: Unit, section: string, key: string): string | undefined => lastKept(unit, section, key)?.entry.value;

/** DefaultDependencies=no: an early-boot or late-shutdown service. */
export function earlyBoot(unit: Unit): boolean {
  const dd = kept(unit, "Unit", "DefaultDependencies");
  return dd !== undefined && parseBoolean(dd) === false;
}

/** Why harden adds no sandboxing to this service, or null when it does (to packaged units only with `vendor`). */
export function sandboxExemption(unit: Unit, vendor = false): string | null {
  const failsAt = mainFileFailsAt(unit);
  if (failsAt !== null) return `systemd refuses to load it (its parser fails on line ${failsAt}; \`unitlint\` says why): fix that first`;
  if (earlyBoot(unit)) {
    return "it runs at early boot or late shutdown (DefaultDependencies=no), without the file systems and devices a sandbox needs";
  }
  const program = programOf(unit);
  const known = program ? knownProgram(program.name) : undefined;
  if (known) return `it ${known.does} (${program!.name}): ${known.then}`;
  // systemd's private programs (/usr/lib/systemd/systemd-logind) and its tools (systemd-tmpfiles).
  if (program && (/(^|\/)lib\/systemd\//.test(program.path) || program.name.startsWith("systemd-"))) {
    return `it is systemd's own (${program.path}), sandboxed by its authors as far as its job allows`;
  }
  if (unit.assignments("Service", "PAMName").some((a) => a.entry.value !== "")) return `it opens login sessions (PAMName=): every session ${INHERIT}`;
  const input = kept(unit, "Service", "StandardInput");
  if (input !== undefined && TTY_INPUT.has(input)) return `it is a terminal login or shell (StandardInput=${input}): everything it starts ${INHERIT}`;
  const delegate = unit.value("Service", "Delegate");
  // Delegate= with controllers, or empty, means yes as much as "yes" does.
  if (delegate !== undefined && parseBoolean(delegate) !== false) return `it manages processes of its own (Delegate=${delegate}): they ${INHERIT}`;
  if (unit.dir.vendor && !vendor) {
    return "it comes with a package: what a packaged daemon needs (devices, writing /etc or /home, kernel tunables) is not in its unit file, and its sandboxing is its package's choice; `unitlint harden --vendor` hardens it anyway, as a drop-in";
  }
  return null;
}
