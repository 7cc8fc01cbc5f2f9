import type { Samples } from "../../helpers/differential.js";

const long = (n: number) => "a".repeat(n);

/**
 * Unit names, D-Bus and file descriptor names, users and groups, credentials and Listen*= values
 * (src/model/values/units.ts, units-sockets.ts). Each sample goes into every directive of its
 * parser, so where one parser serves keys with different rules (Listen*=, SetCredential[Encrypted]=,
 * Slice= in a .slice unit) the samples are those every such key agrees on.
 */
export const SAMPLES: Samples = {
  config_parse_unit_deps: {
    valid: ["foo.service", "a.target  b.socket", "getty@tty1.service foo@.service", "-.mount", "sys-devices-x.device", "a:b\\x2d_c.service", "foo..service", "foo@a@b.timer", `${long(247)}.service`],
    invalid: ["foo", "foo.servic", "foo.Service", "a/b.service", "foo@bar.slice", "foo@.mount", "@foo.service", "a.service,b.service", "'foo.service'", "foo.service bar", "föö.service", `${long(248)}.service`],
  },
  // systemd 252 warns about every RequiresOverridable=/RequisiteOverridable= ("obsolete, replacing by
  // Requires="), which is no value problem: only values with a bad unit name are samples here.
  config_parse_obsolete_unit_deps: { valid: [], invalid: ["foo", "a/b.service"] },
  // Slice= in a .slice unit is refused whatever it names ("Failed to assign slice"), so no value is
  // valid for every directive of this parser.
  config_parse_unit_slice: { valid: ["system.slice", "a-b.slice", "-foo.slice"], invalid: ["foo", "foo.service", "foo@bar.slice", "foo@.slice", "a b.slice", ".slice", "foo.slcie"] },
  config_parse_trigger_unit: {
    valid: ["foo.service", "foo@bar.service", "foo@.service", "foo.timer", "foo.target", "-.mount"],
    invalid: ["foo", "foo.service bar.service", "foo.servic", "x@y.mount", "a/b.service"],
  },
  config_parse_service_sockets: {
    valid: ["foo.socket", "a.socket b.socket", "foo@bar.socket", "foo@.socket", "foo\\x2d.socket"],
    invalid: ["foo.service", "foo", "a.socket b.service", "a/b.socket", ".socket", "x.socket,y.socket", "'foo.socket'"],
  },
  config_parse_socket_service: {
    valid: ["foo.service", "foo@bar.service", "Foo.service"],
    invalid: ["foo.socket", "foo", "foo@.service", "a b.service", ".service", "foo.service bar.service"],
  },
  config_parse_bus_name: {
    valid: ["org.example.App", "a.b", ":1.42", "org.foo-bar._x", "-.a", `${long(251)}.bcd`],
    invalid: ["foo", "org.1foo.Bar", "org..foo", "org.foo.", ":1", "a.b c", "org.fo$o", "a.b:c", `${long(252)}.bcd`],
  },
  config_parse_fdname: {
    valid: ["foo", "a b", "foo.bar-baz_1", "x/y", "stored", "x=y;z", long(255)],
    invalid: ["foo:bar", "föo", long(256)],
  },
  // "nobody" is left out: 252 accepts it with a notice ("Special user nobody configured, this is not safe!").
  config_parse_user_group_compat: {
    valid: ["root", "0", "65534", "4294967294", "www-data", "Foo", "foo bar", "foo.bar", "1foo", "+5", "foo@bar", "0x10", "-a", long(64)],
    invalid: ["4294967295", "65535", "99999999999", "-1", "007", "foo:bar", "foo/bar", ".", "..", "-"],
  },
  config_parse_user_group_strv_compat: {
    valid: ["wheel adm", "a 65534", "nobody", "foo.bar 0", "a\\ b"],
    invalid: ["a 65535", "a 007", "wheel foo:bar", "..", "-5"],
  },
  // Only values no Listen*= key accepts: addresses, netlink families and paths are each valid for some keys only.
  config_parse_socket_listen: {
    valid: [],
    invalid: ["foo", "localhost:80", "foo.sock", "./foo", "routes", "*:80", "@", "vsock:1234", "vsock:x:1", "1.2.3.256:80", "1.2.3.4:65536", "[1::2::3]:80", "[::1]", "::1:80", "ROUTE 1"],
  },
  config_parse_load_credential: {
    valid: ["foo", "foo:/etc/x", "foo:bar", "foo:", "foo:/x:y", "foo bar:/x", "a=b:/x/", "foo:/"],
    invalid: [":/x", "foo/bar:/x", "föo:/x", "foo:relative/path", "foo:/run/../x", "foo://x", "foo:/./x", ".", "foo:bar:baz", "foo:.."],
  },
  // SetCredentialEncrypted= wants Base64, so the valid samples are Base64 (which SetCredential= takes as text).
  config_parse_set_credential: {
    valid: ["foo:YWJj", "foo:YWI=", "foo:YW I=", "a-b:+/+/"],
    invalid: ["foo", "foo:", ":YWJj", "foo/bar:YWJj", "föo:YWJj", "..:YWJj", "foo:\\q", "foo:\\x", "foo:\\777", "foo:\\U0010ffff"],
  },
  // [Install] settings are read by `systemctl enable`, not when the unit is loaded: 252's verify accepts anything.
  NULL: { valid: ["foo.service", "foo", "a b", "/x", "x@y.slice"], invalid: [] },
};
