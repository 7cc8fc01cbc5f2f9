/** The fix engine: one pass of non-overlapping fixes, and passes until nothing changes. */
import { describe, expect, it } from "vitest";
import { applyFixes } from "../src/fixers/apply.js";
import { addToSection } from "../src/fixers/edits.js";
import { parseUnitFile } from "../src/syntax/parse.js";
import { fixUntilStable, MAX_FIX_PASSES } from "../src/fixers/loop.js";
import type { Fix } from "../src/fixers/types.js";

const fix = (title: string, ...edits: Array<[number, number, string]>): Fix => ({
  title,
  applicability: "safe",
  edits: edits.map(([start, end, text]) => ({ start, end, text })),
});

describe("applyFixes", () => {
  it("applies fixes in order, each atomically, and skips one that overlaps or touches an applied one", () => {
    const text = "abcdefghij";
    const { text: out, applied } = applyFixes(text, [
      fix("second", [4, 6, "EF"]),
      fix("first", [0, 1, "A"], [2, 3, "C"]),
      fix("touches second", [6, 7, "G"]),
      fix("overlaps first", [1, 3, "xx"]),
      fix("last", [9, 10, "J"]),
    ]);
    expect(out).toBe("AbCdEFghiJ");
    expect(applied.map((f) => f.title)).toEqual(["first", "second", "last"]);
  });

  it("keeps the text when there is nothing to apply", () => {
    expect(applyFixes("unit", [])).toEqual({ text: "unit", applied: [] });
  });
});

describe("fixUntilStable", () => {
  it("re-lints and applies again until no fix is left", () => {
    // "aaa": the fix for the middle "a" touches the first one, so it waits for the second pass.
    const fixesFor = (t: string): Fix[] => [...t.matchAll(/a/g)].map((m) => fix("a→b", [m.index!, m.index! + 1, "b"]));
    expect(fixUntilStable("aaa", fixesFor)).toMatchObject({ text: "bbb", passes: 2 });
  });

  it("stops at a cycle instead of flipping forever", () => {
    const flip = (t: string): Fix[] => [fix("flip", [0, 1, t[0] === "x" ? "y" : "x"])];
    const result = fixUntilStable("x", flip);
    expect(result.text).toBe("y");
    expect(result.passes).toBe(1);
  });

  it("gives up after MAX_FIX_PASSES", () => {
    const grow = (t: string): Fix[] => [fix("grow", [t.length, t.length, "+"])];
    expect(fixUntilStable("", grow)).toMatchObject({ text: "+".repeat(MAX_FIX_PASSES), passes: MAX_FIX_PASSES });
  });
});

describe("addToSection", () => {
  const add = (text: string, section: string, lines: string | string[]): string => applyFixes(text, [{ title: "t", applicability: "safe", edits: [addToSection(parseUnitFile(text), section, lines)] }]).text;

  it("appends after the section's last assignment, with the file's line endings", () => {
    expect(add("[Service]\r\nExecStart=/bin/a\r\n\r\n[Install]\r\nWantedBy=x\r\n", "Service", ["A=1", "B=2"])).toBe("[Service]\r\nExecStart=/bin/a\r\nA=1\r\nB=2\r\n\r\n[Install]\r\nWantedBy=x\r\n");
  });

  it("closes a continuation left open by the end of the file or an empty line, so that the new line is not part of its value", () => {
    // systemd: an empty line ends a continuation; without it "RestartSec=5s" would join RestartPreventExitStatus=.
    expect(add("[Service]\nRestartPreventExitStatus=\\\n", "Service", "RestartSec=5s")).toBe("[Service]\nRestartPreventExitStatus=\\\n\nRestartSec=5s\n");
    expect(add("[Service]\nExecStart=/bin/a \\", "Service", "RestartSec=5s")).toBe("[Service]\nExecStart=/bin/a \\\n\nRestartSec=5s");
    expect(add("[Service]\nExecStart=/bin/a \\\n# note\n", "Service", "RestartSec=5s")).toBe("[Service]\nExecStart=/bin/a \\\n\nRestartSec=5s\n# note\n");
    // An escaped backslash continues nothing.
    expect(add("[Service]\nEnvironment=A=\\\\\n", "Service", "B=1")).toBe("[Service]\nEnvironment=A=\\\\\nB=1\n");
    for (const text of ["[Service]\nRestartPreventExitStatus=\\\n", "[Service]\nExecStart=/bin/a \\\n# note\n"]) {
      const ast = parseUnitFile(add(text, "Service", "RestartSec=5s"));
      expect(ast.sections[0]!.entries.map((e) => `${e.key}=${e.value}`).at(-1)).toBe("RestartSec=5s");
    }
  });

  it("creates a missing section in the canonical order: Unit first, the type section before Install", () => {
    expect(add("[Service]\nExecStart=/bin/a\n", "Unit", "Description=a")).toBe("[Unit]\nDescription=a\n\n[Service]\nExecStart=/bin/a\n");
    expect(add("[Unit]\nDescription=a\n\n[Install]\nWantedBy=x\n", "Service", "ExecStart=/bin/a")).toBe("[Unit]\nDescription=a\n\n[Service]\nExecStart=/bin/a\n\n[Install]\nWantedBy=x\n");
    expect(add("[Unit]\nDescription=a\n", "Install", "WantedBy=x")).toBe("[Unit]\nDescription=a\n\n[Install]\nWantedBy=x\n");
  });
});
