/** IP address parsing (src/model/ip.ts) against node:net, minus the zone suffixes systemd refuses. */
import { expect, it } from "vitest";
import net from "node:net";
import { isIPv4, isIPv6, isIPv6Loopback } from "../src/model/ip.js";
it("agrees with node:net", () => {
  const cases = ["::", "::1", "0:0:0:0:0:0:0:1", "::ffff:1.2.3.4", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::1::", "fe80::1%eth0", "1.2.3.4", "256.1.1.1", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "1::2:3:4:5:6:7", "1::2:3:4:5:6:7:8", "g::1", "", ":", ":::"];
  for (const c of cases) expect([c, isIPv6(c)]).toEqual([c, net.isIPv6(c) && !c.includes("%")]);
  for (const c of cases) expect([c, isIPv4(c)]).toEqual([c, net.isIPv4(c)]);
  expect(["::1", "0:0::1", "0:0:0:0:0:0:0:1", "::0:1"].map(isIPv6Loopback)).toEqual([true, true, true, true]);
  expect(["::", "::2", "1::1", "::ffff:127.0.0.1"].map(isIPv6Loopback)).toEqual([false, false, false, false]);
});
