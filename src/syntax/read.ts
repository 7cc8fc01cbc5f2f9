import { isUtf8 } from "node:buffer";

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
