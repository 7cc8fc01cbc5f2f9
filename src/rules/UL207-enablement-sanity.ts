import type { UnitFile } from "../model/unit.js";
import { installTargets } from "../model/user-manager.js";
import type { Span } from "../syntax/ast.js";
import type { Rule } from "./types.js";

/** Targets of systemd.special(7) and units/ (system and user managers), so they need not be in the tree. */
const STANDARD_TARGETS = new Set(
  [
    "basic", "bluetooth", "blockdev@", "capsule@", "cryptsetup", "cryptsetup-pre", "ctrl-alt-del", "default", "emergency", "exit",
    "factory-reset", "final", "first-boot-complete", "getty", "getty-pre", "graphical", "graphical-session", "graphical-session-pre",
    "halt", "hibernate", "hybrid-sleep", "initrd", "initrd-fs", "initrd-root-device", "initrd-root-fs", "initrd-switch-root",
    "initrd-usr-fs", "integritysetup", "integritysetup-pre", "kbrequest", "kexec", "local-fs", "local-fs-pre", "machines",
    "multi-user", "network", "network-online", "network-pre", "nss-lookup", "nss-user-lookup", "paths", "poweroff", "printer",
    "reboot", "remote-cryptsetup", "remote-fs", "remote-fs-pre", "remote-integritysetup", "remote-veritysetup", "rescue",
    "rpcbind", "runlevel0", "runlevel1", "runlevel2", "runlevel3", "runlevel4", "runlevel5", "runlevel6", "shutdown", "sigpwr",
    "sleep", "slices", "smartcard", "sockets", "soft-reboot", "sound", "ssh-access", "storage-target-mode", "suspend",
    "suspend-then-hibernate", "swap", "sysinit", "system-update", "system-update-pre", "time-set", "time-sync", "timers",
    "tpm2", "umount", "usb-gadget", "veritysetup", "veritysetup-pre", "xdg-desktop-autostart",
  ].map((t) => `${t}.target`),
);

const rule: Rule = {
  id: "UL207",
  name: "enablement-sanity",
  severity: "warning",
  phase: "project",
  docs: {
    summary: "Enablement that leads nowhere: a `.wants/` (or `.requires/`, `.upholds/`) link to a unit that is neither in the tree nor on disk, a regular file where that link should be, or `WantedBy=` a target that is neither standard nor defined in the tree.",
    rationale:
      "systemctl enable writes links into TARGET.wants/; when the unit is later removed or renamed the link stays and points at nothing, and the target silently starts one unit less (systemd.unit(5): .wants/ directories; systemd-facts §7). systemd follows only symbolic links there: a regular file in their place (copied instead of linked, or flattened by a git checkout with core.symlinks=false) is skipped with \"… dependency dropin … is not a symlink, ignoring\" (systemd-analyze verify 252), and enables nothing either. A WantedBy= target that nobody defines is enabled into a target that never starts. The link case is a warning; an unknown target is info, since it may come from a package that is not in the tree.",
    bad: "etc/systemd/system/multi-user.target.wants/gone.service -> /usr/lib/systemd/system/gone.service (no such file)\n",
    good: "etc/systemd/system/multi-user.target.wants/web.service -> /usr/lib/systemd/system/web.service (present)\n",
    seeAlso: ["systemd.unit(5): [Install] WantedBy=, .wants/ directories", "systemctl(1): enable", "systemd-facts §7"],
  },
  collect({ unit }) {
    // Only what check() needs, so that no syntax tree is kept: [target, key, file, span].
    const targets = installTargets(unit).map(({ target, key, assignment }) => ({ target, key, file: assignment.file, span: assignment.entry.range }));
    return targets.length > 0 ? targets : undefined;
  },
  check({ units, facts, brokenLinks, report }) {
    for (const link of brokenLinks) {
      const entry = `${link.target}.${link.kind}/${link.name}`;
      const effect = `${link.target} ${link.kind === "wants" ? "starts" : "depends on"} nothing there`;
      report({
        file: null,
        path: link.path,
        span: null,
        message:
          link.pointsAt === null
            ? `${entry} is a regular file, not a symbolic link: systemd ignores it ("is not a symlink, ignoring"), so ${effect}; make it a link again (systemctl reenable ${link.name}; a git checkout with core.symlinks=false flattens links into files like this)`
            : `${entry} points at ${link.pointsAt}, which does not exist (and no ${link.name} is in the tree): ${effect}; remove the link (systemctl disable ${link.name}) or reinstall the unit`,
      });
    }
    const defined = new Set(units.map((u) => u.name));
    for (const [unit, fact] of facts) {
      for (const { target, key, file, span } of fact as Array<{ target: string; key: string; file: UnitFile; span: Span }>) {
        if (!target.endsWith(".target") || STANDARD_TARGETS.has(target) || defined.has(target)) continue;
        const template = target.includes("@") ? `${target.slice(0, target.indexOf("@") + 1)}.target` : null;
        if (template && (STANDARD_TARGETS.has(template) || defined.has(template))) continue;
        report({
          file,
          span,
          severity: "info",
          message: `${key}=${target}: no such target in the tree and not a standard one; unless a package defines it, enabling ${unit.name} hooks it into a target that never starts`,
        });
      }
    }
  },
};
export default rule;
