/**
 * Writing a fixed file so that a crash, a full disk or a kill at any moment leaves either the
 * old file or the new one, never a mix: a temporary file in the same directory, fsync, rename
 * over the original (atomic on POSIX), then fsync of the directory. Mode and owner are kept.
 */
import fs from "node:fs";
import path from "node:path";

export class WriteRefused extends Error {}

/** Replaces the regular file at `absPath` with `bytes`. Throws WriteRefused for a symbolic link. */
export function writeFileAtomic(absPath: string, bytes: Uint8Array): void {
  const stat = fs.lstatSync(absPath);
  if (stat.isSymbolicLink()) throw new WriteRefused(`is a symbolic link to ${fs.readlinkSync(absPath)}: not edited through the link (fix the file it points to)`);
  if (!stat.isFile()) throw new WriteRefused("is not a regular file");
  writeNew(absPath, bytes, stat);
}

/** Creates `absPath` (and its directory) with `bytes`, or replaces it when it is a regular file. */
export function writeFileCreating(absPath: string, bytes: Uint8Array, mode = 0o644): void {
  const stat = fs.lstatSync(absPath, { throwIfNoEntry: false });
  if (stat) return writeFileAtomic(absPath, bytes);
  fs.mkdirSync(path.dirname(absPath), { recursive: true, mode: 0o755 });
  writeNew(absPath, bytes, null, mode);
}

/** A temporary file beside a target, open for writing, that either replaces the target or disappears. */
export interface TempBeside {
  fd: number;
  /** fsync, close, rename over the target (atomic on POSIX), fsync of the directory. */
  commit(): void;
  /** Closes (if still open) and removes the temporary file; the target stays as it was. */
  discard(): void;
}

/** Creates the temporary file (exclusively, with `mode`) in the target's directory, so the rename never crosses filesystems. */
export function openBeside(absPath: string, mode: number): TempBeside {
  const dir = path.dirname(absPath);
  const tmp = path.join(dir, `.${path.basename(absPath)}.unitlint-${process.pid}-${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, "wx", mode);
  let open = true;
  const close = (): void => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  return {
    fd,
    commit() {
      try {
        fs.fsyncSync(fd);
        close();
        fs.renameSync(tmp, absPath);
      } catch (error) {
        this.discard();
        throw error;
      }
      syncDir(dir);
    },
    discard() {
      try {
        close();
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}

function writeNew(absPath: string, bytes: Uint8Array, stat: fs.Stats | null, mode = 0o644): void {
  const temp = openBeside(absPath, stat ? stat.mode & 0o7777 : mode);
  try {
    fs.writeFileSync(temp.fd, bytes);
    if (stat) {
      fs.fchmodSync(temp.fd, stat.mode & 0o7777);
      try {
        fs.fchownSync(temp.fd, stat.uid, stat.gid);
      } catch {
        // Not permitted for another user's file unless root: the new file keeps our ownership.
      }
    }
  } catch (error) {
    temp.discard();
    throw error;
  }
  temp.commit();
}

function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
