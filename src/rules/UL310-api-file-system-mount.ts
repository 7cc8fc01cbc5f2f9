import { lastKept } from "../model/kept.js";
import { pathFromUnitName, unitNameFromPath } from "../model/unit-name.js";
import { sectionHeaderSpan } from "./spans.js";
import type { Rule } from "./types.js";

/**
 * The API file systems systemd mounts itself (mount_table[] of src/shared/mount-setup.c, with
 * Debian's SMACK, pstore and EFI support built in), each refused as a mount unit by mount_verify().
 */
const MOUNTED_BY_SYSTEMD: ReadonlySet<string> = new Set([
  "/proc",
  "/sys",
  "/dev",
  "/sys/kernel/security",
  "/sys/fs/smackfs",
  "/dev/shm",
  "/dev/pts",
  "/run",
  "/sys/fs/cgroup",
  "/sys/fs/pstore",
  "/sys/firmware/efi/efivars",
  "/sys/fs/bpf",
]);

/** API paths systemd leaves to the kernel, SELinux or a container manager (mount_point_ignore()), also refused. */
const LEFT_TO_OTHERS: ReadonlySet<string> = new Set(["/sys/fs/selinux", "/dev/console", "/proc/kmsg", "/proc/sys", "/proc/sys/kernel/random/boot_id", "/run/host"]);

/** Below these (path components, not string prefixes), every mount point is refused: cgroup hierarchies, and what a container manager passes in. */
const REFUSED_BELOW = ["/sys/fs/cgroup/", "/run/host/"];

function whyRefused(path: string): string | null {
  if (MOUNTED_BY_SYSTEMD.has(path)) return "it mounts this API file system itself at boot; set its mount options in /etc/fstab, which systemd-remount-fs.service applies to it";
  if (LEFT_TO_OTHERS.has(path) || REFUSED_BELOW.some((below) => path.startsWith(below))) return "it leaves mounts there to the kernel, SELinux or the container manager";
  return null;
}

const rule: Rule = {
  id: "UL310",
  name: "api-file-system-mount",
  severity: "error",
  phase: "unit",
  types: ["mount"],
  docs: {
    summary: "A mount unit for one of the API file systems systemd mounts itself (`/proc`, `/sys`, `/dev`, `/dev/shm`, `/run`, `/sys/fs/cgroup` …) or leaves to others (`/proc/sys`, `/sys/fs/selinux`, anything under `/run/host`): systemd refuses to load it.",
    rationale:
      "systemd mounts the kernel's API file systems before it reads any unit, and refuses a mount unit for any of them with \"Cannot create mount unit for API file system … Refusing.\" (mount_verify(), mount_point_is_api() and mount_point_ignore() in systemd's source): the unit's options never apply and everything that requires it fails. The list is systemd 252's as Debian builds it (with /sys/fs/smackfs, /sys/fs/pstore and /sys/firmware/efi/efivars), every path checked against systemd-analyze verify 252 by test/oracle/refusals.test.ts; it is the same in systemd's current source. To change how one of these is mounted (a size for /dev/shm, hidepid= for /proc), write it in /etc/fstab: systemd-remount-fs.service applies fstab options to the API file systems (systemd-remount-fs.service(8)). A Where= that does not match the unit's name is UL307's finding (systemd refuses it for that first).",
    bad: "# dev-shm.mount\n[Mount]\nWhat=tmpfs\nWhere=/dev/shm\nType=tmpfs\nOptions=size=2G\n",
    good: "# srv-scratch.mount (and for /dev/shm itself, a line in /etc/fstab: tmpfs /dev/shm tmpfs defaults,size=2G 0 0)\n[Mount]\nWhat=tmpfs\nWhere=/srv/scratch\nType=tmpfs\nOptions=size=2G\n",
    seeAlso: ["systemd.mount(5)", "systemd-remount-fs.service(8)", "UL307 unit-file-name"],
  },
  check({ unit, report }) {
    const file = unit.file;
    if (!file || file.role !== "unit" || !unit.unitName) return;
    const path = pathFromUnitName(unit.name);
    if (path === null) return;
    const where = lastKept(unit, "Mount", "Where");
    // A Where= that does not match the name is refused for that first (UL307); specifiers cannot be compared.
    if (where && (where.entry.value.includes("%") || unitNameFromPath(where.entry.value, "mount") !== unit.name)) return;
    const why = whyRefused(path);
    if (why === null) return;
    report({
      file: where?.file ?? file,
      span: where ? where.entry.range : sectionHeaderSpan(file.ast, "Mount"),
      message: `systemd refuses a mount unit for ${path} ("Cannot create mount unit for API file system"): ${why}`,
    });
  },
};
export default rule;
