import type { Span } from "../syntax/ast.js";
import type { Unit, UnitFile } from "../model/unit.js";
import type { Rule } from "./types.js";

/** [Install] settings that make `systemctl enable` start or link the unit (Also= and DefaultInstance= alone do not). */
const INSTALL_KEYS = ["WantedBy", "RequiredBy", "UpheldBy", "Alias"] as const;

/** At most this many other copies are named in one message. */
const NAMED = 3;

export interface CrossScopeDuplicate {
  /** The unit name shared by all copies. */
  name: string;
  /** The copies that will start: at least one system unit and one user unit. */
  units: Unit[];
  /** "enabled": every copy has `.wants/`-style links; "install": none is linked, and every copy has an [Install] section. */
  basis: "enabled" | "install";
}

/** The host a unit belongs to: units under different roots never meet. */
export function hostOf(unit: Unit): string {
  return unit.dir.root ?? "";
}

function installable(unit: Unit): boolean {
  return INSTALL_KEYS.some((key) => unit.list("Install", key).length > 0);
}

/**
 * Unit names defined both as a system unit and as a user unit of the same host
 * where both copies start: both are enabled, or (when no copy is enabled, e.g.
 * when linting the unit files without their `.wants/` links) both have an
 * [Install] section. When one copy is enabled and the other is not, the other
 * does not start on its own and nothing is reported. Grouped by name: O(n).
 */
export function duplicatesAcrossScopes(units: readonly Unit[]): CrossScopeDuplicate[] {
  // Only names that some user unit has can be duplicated across scopes; user units are few.
  const userNames = new Set<string>();
  for (const unit of units) if (unit.scope === "user") userNames.add(unit.name);
  const byName = new Map<string, Unit[]>();
  for (const unit of units) {
    if (!unit.file || !userNames.has(unit.name)) continue; // (drop-ins without their unit file have no copy to compare)
    const key = `${hostOf(unit)}\0${unit.name}`;
    const list = byName.get(key);
    if (list) list.push(unit);
    else byName.set(key, [unit]);
  }
  const out: CrossScopeDuplicate[] = [];
  for (const list of byName.values()) {
    if (list.length < 2 || !list.some((u) => u.scope === "system") || !list.some((u) => u.scope === "user")) continue;
    const enabled = list.filter((u) => u.enabledBy.length > 0);
    const basis = enabled.length > 0 ? "enabled" : "install";
    const starting = basis === "enabled" ? enabled : list.filter(installable);
    // Copies that all come from packages serve the two managers on purpose (podman.socket, dbus-broker.service).
    if (starting.every((u) => u.dir.vendor)) continue;
    if (starting.some((u) => u.scope === "system") && starting.some((u) => u.scope === "user")) {
      out.push({ name: list[0]!.name, units: starting, basis });
    }
  }
  return out;
}

/** The user whose per-user link (`home/USER/.config/systemd/user/….wants/`) enables a unit. */
const USER_LINK = /(?:^|\/)(?:home\/([^/]+)|(root))\/\.config\/systemd\/user\//;

/**
 * Whose manager runs a copy: the system manager; one user's; or, for a unit in
 * the global user directories, every user's (enabled globally or by [Install]
 * alone), or only those of the users whose own links enable it.
 */
function runners(unit: Unit, basis: CrossScopeDuplicate["basis"]): { kind: "system" } | { kind: "users"; users: string[] } | { kind: "everyone" } {
  if (unit.scope === "system") return { kind: "system" };
  if (unit.owner !== null) return { kind: "users", users: [unit.owner] };
  if (basis === "install") return { kind: "everyone" };
  const users = new Set<string>();
  for (const link of unit.enabledBy) {
    const m = USER_LINK.exec(link.path);
    if (!m) return { kind: "everyone" };
    users.add(m[1] ?? m[2]!);
  }
  return { kind: "users", users: [...users].sort() };
}

/** When a copy starts by itself. */
function startsWhen(unit: Unit, basis: CrossScopeDuplicate["basis"]): string {
  const r = runners(unit, basis);
  if (r.kind === "system") return "at boot";
  if (r.kind === "everyone") return "when any user logs in (at boot for users who linger)";
  const who = named(r.users, (u) => u, "or");
  return `when ${who} logs in (at boot if ${who} ${r.users.length === 1 ? "lingers" : "linger"})`;
}

/** "the system copy", "alice's copy", "the global user copy". */
function copyName(unit: Unit): string {
  if (unit.scope === "system") return "the system copy";
  return unit.owner !== null ? `${unit.owner}'s copy` : "the global user copy";
}

/** The command that disables one copy. */
function disableCommand(unit: Unit, basis: CrossScopeDuplicate["basis"]): string {
  const r = runners(unit, basis);
  if (r.kind === "system") return `"systemctl disable --now ${unit.name}"`;
  if (r.kind === "everyone") return `"systemctl --global disable ${unit.name}"`;
  return `"systemctl --user disable --now ${unit.name}" as ${named(r.users, (u) => u)}`;
}

/** "a", "a and b", "a, b, c and 2 more". */
function named<T>(items: readonly T[], describe: (item: T) => string, and = "and"): string {
  const shown = items.slice(0, NAMED).map(describe);
  if (items.length > NAMED) shown.push(`${items.length - NAMED} more`);
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} ${and} ${shown[shown.length - 1]}`;
}

/** The [Install] header of the first file that has one, else line 1 of the unit file. */
function installHeader(unit: Unit): { file: UnitFile; span: Span | null } {
  for (const file of unit.files()) {
    const section = file.ast.sections.find((s) => s.name === "Install");
    if (section) return { file, span: section.header.range };
  }
  return { file: unit.file!, span: null };
}

const rule: Rule = {
  id: "UL201",
  name: "duplicate-across-scopes",
  severity: "error",
  phase: "project",
  docs: {
    summary:
      "The same unit installed both as a system unit and as a user unit, with both copies enabled (or, when no copy is enabled yet, both with an [Install] section): both start, and they fight over the same resources.",
    rationale:
      "The system manager and each user's manager are separate: neither knows the other runs a unit of the same name (systemd-facts §5–§7). An enabled system unit starts at boot; an enabled user unit starts when its user logs in, or at boot when the user lingers (loginctl enable-linger; systemd-facts §6). Two copies of one service then race for the same port, lock or files; the loser exits, and Restart= starts it again and again: a gateway installed both ways lost the race for port 18789 and was restarted 609 times. When one copy is enabled and the other is not, only one starts and nothing is reported. Copies that all come from packages (under /usr/lib or /lib) are not reported: packages ship units for both managers on purpose (podman.socket, dbus-broker.service serve different sockets); a port they do share is still reported by shared-port (UL202), as for mpd's 6600.",
    bad: "etc/systemd/system/gateway.service:\n  [Service] ExecStart=/usr/local/bin/gateway --port 18789, Restart=always\n  [Install] WantedBy=multi-user.target\nhome/alice/.config/systemd/user/gateway.service:\n  [Service] ExecStart=/usr/local/bin/gateway --port 18789, Restart=always\n  [Install] WantedBy=default.target\n",
    good: "etc/systemd/system/gateway.service:\n  [Service] ExecStart=/usr/local/bin/gateway --port 18789, Restart=always\n  [Install] WantedBy=multi-user.target\n(no user copy: removed with \"systemctl --user disable --now gateway.service\" and rm ~/.config/systemd/user/gateway.service)\n",
    seeAlso: ["systemctl(1): enable, disable, --user, --global", "loginctl(1): enable-linger", "systemd.unit(5): [Install] section, Unit File Load Path", "systemd-facts §5–§7"],
  },
  check({ units, report }) {
    for (const group of duplicatesAcrossScopes(units)) {
      for (const unit of group.units) {
        const others = group.units.filter((u) => u.scope !== unit.scope);
        const what = unit.scope === "system" ? "a system unit and also a user unit" : "a user unit and also a system unit";
        const both = group.units.length > 2 ? "all" : "both";
        const basis = group.basis === "enabled" ? `${both} are enabled:` : `${both} have an [Install] section: once ${both} are enabled,`;
        const starts = `this copy starts ${startsWhen(unit, group.basis)}, ${named(others, (o) => `${copyName(o)} ${startsWhen(o, group.basis)}`)}`;
        const commands = `${disableCommand(unit, group.basis)} here, or ${named(others, (o) => disableCommand(o, group.basis))} there`;
        const keep =
          group.basis === "enabled"
            ? `keep one: ${commands}, then delete that copy or its [Install] section`
            : `keep one: delete one copy or its [Install] section, or enable only one (disable with ${commands})`;
        report({
          ...installHeader(unit),
          message: `${unit.name} is ${what} (${named(others, (o) => o.path)}), and ${basis} ${starts}; they race for the same resources (a port, a lock, files) and one of them fails, over and over if it restarts; ${keep}`,
        });
      }
    }
  },
};
export default rule;
