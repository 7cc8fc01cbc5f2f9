/**
 * Builds temporary directory trees of unit files for tests, including symbolic
 * links, and removes them again.
 *
 *   const t = makeTree({
 *     "etc/systemd/system/foo.service": "[Service]\nExecStart=/bin/true\n",
 *     "etc/systemd/system/bar.service": { symlink: "foo.service" },
 *     "etc/systemd/system/x.service": { dir: true },
 *   });
 *   ...
 *   t.cleanup();
 *
 * Paths use forward slashes and are relative to the tree's root. A string is
 * written as the file's content (UTF-8); a Buffer is written as is. Parent
 * directories are created as needed. Links are created after files and
 * directories, exactly with the given target (relative or absolute), so they
 * may dangle or point at `/dev/null`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type TreeEntry = string | Buffer | { symlink: string } | { dir: true };
export type TreeSpec = Record<string, TreeEntry>;

export interface Tree {
  /** Absolute path of the tree's root (real path, forward slashes on POSIX). */
  root: string;
  /** Absolute path of a file or directory inside the tree. */
  abs(rel: string): string;
  /** Adds more entries to the tree. */
  add(spec: TreeSpec): void;
  /** Removes the tree; safe to call twice. */
  cleanup(): void;
}

function isSymlink(e: TreeEntry): e is { symlink: string } {
  return typeof e === "object" && !Buffer.isBuffer(e) && "symlink" in e;
}

function isDir(e: TreeEntry): e is { dir: true } {
  return typeof e === "object" && !Buffer.isBuffer(e) && "dir" in e;
}

function checkRelative(rel: string): void {
  if (path.isAbsolute(rel) || rel.split("/").includes("..")) {
    throw new Error(`tree paths must stay inside the tree: ${rel}`);
  }
}

function write(root: string, spec: TreeSpec): void {
  const links: Array<[string, string]> = [];
  for (const [rel, entry] of Object.entries(spec)) {
    checkRelative(rel);
    const abs = path.join(root, rel);
    if (isSymlink(entry)) {
      links.push([abs, entry.symlink]);
    } else if (isDir(entry)) {
      fs.mkdirSync(abs, { recursive: true });
    } else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, entry);
    }
  }
  for (const [abs, target] of links) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.symlinkSync(target, abs);
  }
}

/** Creates a fresh tree under the OS temp directory. */
export function makeTree(spec: TreeSpec = {}): Tree {
  // realpath: on some systems the temp dir is itself behind a link (macOS /var → /private/var).
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-test-")));
  let removed = false;
  const tree: Tree = {
    root,
    abs: (rel) => path.join(root, rel),
    add: (more) => write(root, more),
    cleanup: () => {
      if (removed) return;
      removed = true;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    write(root, spec);
  } catch (error) {
    tree.cleanup();
    throw error;
  }
  return tree;
}

/**
 * Keeps track of the trees a test file creates so an `afterEach` can remove
 * them all, even when a test fails half-way.
 */
export function treeTracker(): { make(spec?: TreeSpec): Tree; cleanupAll(): void } {
  const trees: Tree[] = [];
  return {
    make(spec = {}) {
      const t = makeTree(spec);
      trees.push(t);
      return t;
    },
    cleanupAll() {
      for (const t of trees.splice(0)) t.cleanup();
    },
  };
}
