import { isUtf8 } from "node:buffer";
import fs from "node:fs";

export interface DecodedText {
  text: string;
  /**
   * True when the bytes are not valid UTF-8: `text` then holds each byte as one
   * Latin-1 character, so nothing is lost and encoding back with "latin1" gives
   * the original bytes.
   */
  bytes: boolean;
}

/** Decodes a unit file's bytes without losing any of them. */
export function decodeUnitBytes(buffer: Uint8Array): DecodedText {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (isUtf8(buf)) return { text: buf.toString("utf8"), bytes: false };
  return { text: buf.toString("latin1"), bytes: true };
}

/** Encodes text produced by decodeUnitBytes back to the same bytes. */
export function encodeUnitText(decoded: DecodedText): Buffer {
  return Buffer.from(decoded.text, decoded.bytes ? "latin1" : "utf8");
}

/** One buffer for all reads: most unit files are small, and a buffer per file is garbage the collector then has to chase. */
const SHARED = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads and decodes a file without allocating a buffer for it when it fits in
 * 64 KiB (open, read, close: no stat). Throws like fs.readFileSync.
 */
export function readUnitFile(path: string): DecodedText & { size: number } {
  const fd = fs.openSync(path, "r");
  try {
    let size = fs.readSync(fd, SHARED, 0, SHARED.length, 0);
    let bytes: Buffer = SHARED.subarray(0, size);
    if (size === SHARED.length) {
      // Larger than the shared buffer: read the rest the ordinary way.
      const rest: Buffer[] = [Buffer.from(bytes)];
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      for (let n = fs.readSync(fd, chunk, 0, chunk.length, size); n > 0; n = fs.readSync(fd, chunk, 0, chunk.length, size)) {
        rest.push(Buffer.from(chunk.subarray(0, n)));
        size += n;
      }
      bytes = Buffer.concat(rest);
    }
    return { ...decodeUnitBytes(bytes), size };
  } finally {
    fs.closeSync(fd);
  }
}
