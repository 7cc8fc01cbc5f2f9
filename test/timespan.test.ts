/** systemd time spans (systemd.time(7); systemd-facts §9). */
import { describe, expect, it } from "vitest";
import { formatSeconds, parseTimespan } from "../src/model/timespan.js";

describe("parseTimespan", () => {
  it.each([
    ["0", 0],
    ["5", 5],
    ["100ms", 0.1],
    ["2min 200ms", 120.2],
    ["300ms20s5day", 0.3 + 20 + 5 * 86400],
    ["1.5h", 5400],
    ["1 s 1", 2],
    ["1m", 60],
    ["1M", 2_629_800],
    ["1y", 31_557_600],
    ["10us", 0.00001],
    ["10\u00b5s", 0.00001],
    [" 3 sec ", 3],
    ["1w", 604_800],
    ["infinity", Infinity],
  ])("reads %j as %d seconds", (text, seconds) => {
    expect(parseTimespan(text)).toBeCloseTo(seconds, 9);
  });

  it.each(["", "-1", "1H", "1Y", "5x", "1ns", "abc", "infinity 1"])("rejects %j as systemd does", (text) => {
    expect(parseTimespan(text)).toBeNull();
  });
});

describe("formatSeconds", () => {
  it.each([
    [0, "0"],
    [0.1, "100ms"],
    [10, "10s"],
    [60, "1min"],
    [90, "1min 30s"],
    [Infinity, "infinity"],
  ])("shows %d as %j", (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

describe("parseTimespan follows parse_time() of systemd 252 at the edges", () => {
  it("accepts a + sign, fractions without a whole part, and a fraction followed by a unit or space", () => {
    expect(parseTimespan("+5")).toBe(5);
    expect(parseTimespan(".5s")).toBe(0.5);
    expect(parseTimespan("12.34 .56")).toBeCloseTo(12.9, 6);
    expect(parseTimespan("1.5s.5")).toBeCloseTo(2, 6);
    expect(parseTimespan("  infinity  ")).toBe(Infinity);
  });

  it("refuses a dot without digits, a second dot, a minus, and spans of 2^64 µs or more", () => {
    for (const v of ["3.", "3.s", "12.34.56", "10.M", "-0", "+-5", "infinity x", "600000y", "584542y", "", "  "]) expect([v, parseTimespan(v)]).toEqual([v, null]);
    expect(parseTimespan("584541y")).toBeGreaterThan(0);
  });
});
