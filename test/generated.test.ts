/** Generated code is up to date with the data it comes from (npm run gen:check). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIRECTIVES, NEWEST_SYSTEMD } from "../src/data/directives.generated.js";

const REPO = path.resolve(import.meta.dirname, "..");
const DATA = path.resolve(REPO, "../shared/data/directives-by-version.json");
const present = fs.existsSync(DATA);

describe("src/data/directives.generated.ts", () => {
  it.skipIf(!present)(present ? "matches ../shared/data/directives-by-version.json" : "SKIPPED: ../shared/data/directives-by-version.json not found", () => {
    const r = spawnSync(process.execPath, ["scripts/gen-directives.mjs", "--check"], { cwd: REPO, encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "gen-directives: up to date\n", ""]);
  });

  it("knows the directives the rules rely on, with their versions", () => {
    expect(NEWEST_SYSTEMD).toBe(262);
    expect(DIRECTIVES.Service?.Restart).toEqual([209, null, null, "config_parse_service_restart"]);
    expect(DIRECTIVES.Service?.RestartSteps?.[0]).toBe(254);
    expect(DIRECTIVES.Unit?.StartLimitIntervalSec?.[0]).toBe(230);
    expect(DIRECTIVES.Service?.StartLimitIntervalSec).toBeUndefined();
    expect(DIRECTIVES.Service?.MemoryLimit?.[2]).toBe(258);
    expect(Object.keys(DIRECTIVES).sort()).toEqual(["Automount", "BusName", "Install", "Mount", "Path", "Scope", "Service", "Slice", "Socket", "Swap", "Timer", "Unit"]);
  });
});
