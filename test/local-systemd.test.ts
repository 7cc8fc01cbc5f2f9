/** The local systemd version, asked of systemctl once and then cached by the binary's path, size and mtime. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localSystemdVersion } from "../src/cli/local-systemd.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-systemctl-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in systemctl that prints a version line (padded so two scripts can have one size). */
function fakeSystemctl(bin: string, script: string): string {
  fs.mkdirSync(bin, { recursive: true });
  const file = path.join(bin, "systemctl");
  fs.writeFileSync(file, `#!/bin/sh\n${script.padEnd(40)}\n`, { mode: 0o755 });
  fs.utimesSync(file, new Date(1_700_000_000_000), new Date(1_700_000_000_000));
  return file;
}

describe("localSystemdVersion", () => {
  it("reads systemctl --version, caches it, and uses the cache while the binary is unchanged", () => {
    const bin = path.join(dir, "bin");
    const env = { PATH: bin, XDG_CACHE_HOME: path.join(dir, "cache") };
    const file = fakeSystemctl(bin, 'echo "systemd 249 (249.11-0ubuntu3)"');
    expect(localSystemdVersion(env)).toBe(249);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "cache", "unitlint", "systemd-version.json"), "utf8"))).toEqual({ key: `${file}:51:1700000000000`, version: 249 });
    // Same path, size and mtime: the cached answer, without running it.
    fakeSystemctl(bin, "exit 1");
    expect(localSystemdVersion(env)).toBe(249);
    // An upgrade changes the mtime: asked again.
    fakeSystemctl(bin, 'echo "systemd 255 (255.4)"');
    fs.utimesSync(file, new Date(1_800_000_000_000), new Date(1_800_000_000_000));
    expect(localSystemdVersion(env)).toBe(255);
  });

  it("is null without a systemctl on PATH, and works without a cache directory", () => {
    expect(localSystemdVersion({ PATH: path.join(dir, "nowhere") })).toBeNull();
    const bin = path.join(dir, "bin2");
    fakeSystemctl(bin, 'echo "systemd 252 (252.38-1~deb12u1)"');
    expect(localSystemdVersion({ PATH: bin })).toBe(252);
  });
});
