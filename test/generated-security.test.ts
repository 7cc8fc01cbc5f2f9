/** src/data/security.generated.ts is up to date with the data it comes from (npm run gen:check). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { SECURITY_CHECKS, SYSCALL_GROUPS } from "../src/data/security.generated.js";

const REPO = path.resolve(import.meta.dirname, "..");
const DATA = ["security-checks.json", "syscall-sets.json"].map((f) => path.resolve(REPO, "../shared/data", f));
const present = DATA.every((f) => fs.existsSync(f));

describe("src/data/security.generated.ts", () => {
  it.skipIf(!present)(present ? "matches ../shared/data/security-checks.json and syscall-sets.json" : "SKIPPED: ../shared/data/security-checks.json or syscall-sets.json not found", () => {
    const r = spawnSync(process.execPath, ["scripts/gen-security.mjs", "--check"], { cwd: REPO, encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "gen-security: up to date\n", ""]);
  });

  it("holds systemd-analyze security's 81 checks, weighing 56,460 in all, and the system call groups", () => {
    expect(SECURITY_CHECKS).toHaveLength(81);
    expect(SECURITY_CHECKS.reduce((sum, c) => sum + c.weight, 0)).toBe(56460);
    expect(SECURITY_CHECKS[0]).toEqual({ id: "User=/DynamicUser=", jsonField: "UserOrDynamicUser", weight: 2000, range: 10, assess: "user", field: null, ddo: false });
    expect(SECURITY_CHECKS.find((c) => c.jsonField === "CapabilityBoundingSet_CAP_SET_UID_GID_PCAP")?.capabilities).toEqual(["CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP"]);
    expect(SECURITY_CHECKS.find((c) => c.id === "Delegate=")?.inverted).toBe(true);
    expect(SECURITY_CHECKS.filter((c) => c.ddo).map((c) => c.jsonField)).toEqual(["PrivateTmp", "ProtectHome", "ProtectSystem", "RootDirectoryOrRootImage"]);
    expect(SECURITY_CHECKS.filter((c) => c.syscallGroup).map((c) => c.syscallGroup)).toEqual(["@swap", "@obsolete", "@clock", "@cpu-emulation", "@debug", "@mount", "@module", "@raw-io", "@reboot", "@privileged", "@resources"]);
    expect(SYSCALL_GROUPS["@privileged"]).toContain("@chown");
  });
});

describe("scripts/gen-security.mjs", () => {
  it("refuses data it does not understand", async () => {
    const script = pathToFileURL(path.join(REPO, "scripts", "gen-security.mjs")).href;
    const { generate } = (await import(script)) as { generate: (checks: unknown, syscalls: unknown) => string };
    const syscalls = { source: "test", assessed_sets: {}, all_sets_direct: {} };
    const row = { id: "X=", json_field: "X", weight: 1, range: 1, assess: "assess_bool", offset: "x", parameter: "", ddo: false };
    expect(() => generate([], syscalls)).toThrow(/no rows/);
    expect(() => generate([{ ...row, assess: "assess_new" }], syscalls)).toThrow(/unknown assess function assess_new/);
    expect(() => generate([{ ...row, parameter: "42" }], syscalls)).toThrow(/unexpected parameter/);
    expect(() => generate([{ ...row, range: 0 }], syscalls)).toThrow(/bad weight or range/);
    expect(generate([row], syscalls)).toContain('{ id: "X=", jsonField: "X", weight: 1, range: 1, assess: "bool", field: "x", ddo: false },');
  });
});
