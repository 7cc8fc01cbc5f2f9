/**
 * `--output-file FILE`: the report goes to a temporary file next to FILE, which replaces FILE
 * (rename, atomic on POSIX) only once the whole report is written, so that a CI step reading FILE
 * never sees half a report.
 */
import fs from "node:fs";
import path from "node:path";
import { openBeside, type TempBeside } from "../fixers/write.js";

export interface OutputFile {
  write(text: string): void;
  /** Whether anything was written. */
  readonly written: boolean;
  /** Moves the report into place; returns an error message, or null. */
  commit(): string | null;
  /** Removes the temporary file and leaves FILE as it was. */
  abort(): void;
}

function problem(file: string, error: unknown): string {
  return `cannot write --output-file ${JSON.stringify(file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
}

/** Opens the temporary file for FILE (creating FILE's directory); returns an error message when it cannot. */
export function openOutputFile(file: string): OutputFile | string {
  let temp: TempBeside;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    temp = openBeside(file, 0o644);
  } catch (error) {
    return problem(file, error);
  }
  let failure: unknown = null;
  let written = false;
  return {
    get written() {
      return written;
    },
    write(text) {
      written ||= text !== "";
      if (failure !== null) return;
      try {
        const bytes = Buffer.from(text, "utf8");
        for (let done = 0; done < bytes.length; ) done += fs.writeSync(temp.fd, bytes, done);
      } catch (error) {
        failure = error; // reported by commit(): the report is incomplete
      }
    },
    commit() {
      if (failure !== null) {
        temp.discard();
        return problem(file, failure);
      }
      try {
        temp.commit();
        return null;
      } catch (error) {
        return problem(file, error);
      }
    },
    abort: () => temp.discard(),
  };
}
