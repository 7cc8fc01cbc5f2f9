/** Reading unit files: bytes kept exactly, small files through one shared buffer, large ones whole. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeUnitText, readUnitFile } from "../src/syntax/read.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-read-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function roundtrip(name: string, bytes: Buffer): ReturnType<typeof readUnitFile> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const read = readUnitFile(file);
  expect(read.size).toBe(bytes.length);
  expect(encodeUnitText(read).equals(bytes)).toBe(true);
  return read;
}

describe("readUnitFile", () => {
  it("reads an empty file as size 0", () => {
    expect(roundtrip("empty.service", Buffer.alloc(0))).toEqual({ text: "", bytes: false, size: 0 });
  });

  it("reads small UTF-8 and non-UTF-8 files exactly, one after the other through the shared buffer", () => {
    expect(roundtrip("a.service", Buffer.from("[Unit]\nDescription=Café\n")).text).toBe("[Unit]\nDescription=Café\n");
    const latin = roundtrip("b.service", Buffer.from([0x5b, 0x55, 0x5d, 0x0a, 0xe9, 0x0a]));
    expect(latin.bytes).toBe(true);
    // The first file's text is not overwritten by the second read.
    expect(roundtrip("c.service", Buffer.from("x")).text).toBe("x");
  });

  it("reads files larger than the 64 KiB buffer whole, even with a character across the boundary", () => {
    const head = Buffer.from("[Service]\nEnvironment=A=");
    const fill = Buffer.alloc(64 * 1024 - head.length - 1, 0x61);
    const bytes = Buffer.concat([head, fill, Buffer.from("é".repeat(40000)), Buffer.from("\n")]);
    const read = roundtrip("big.service", bytes);
    expect(read.bytes).toBe(false);
    expect(read.text.endsWith("é\n")).toBe(true);
  });
});
