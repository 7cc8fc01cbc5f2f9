import type { Samples } from "../../helpers/differential.js";

/** Paths, path lists, bind mounts, images, exec directories, conditions, root hashes, BPF programs (src/model/values/paths.ts). */
export const SAMPLES: Samples = {
  // RootDirectory=, RootImage=, RootVerity= refuse to load the unit; the others ignore the setting.
  config_parse_unit_path_printf: { valid: ["/srv/root", "/a b/./c//", "/"], invalid: ["srv/root", "/srv/../root", '"/srv"', "-/srv", `/${"x".repeat(256)}`] },
  config_parse_unit_path_strv_printf: { valid: ["/run/a /run/b", '"/run/a b"'], invalid: ["/run/a b", "/run/a/../b", '"/run/a'] },
  config_parse_colon_separated_paths: { valid: ["/usr/bin:/bin", "/opt/my bin"], invalid: ["/usr/bin::/bin", "/bin:", "bin", '"/bin"'] },
  config_parse_namespace_path_strv: {
    valid: ["/var/lib/a -/var/lib/b +/c -+/d", '"/srv/a b" /tmp/./x', "/a'b c'd"],
    invalid: ["var/lib", "+-/var/lib", "/a /b/../c", '"/var', "- /var"],
  },
  config_parse_bind_paths: {
    valid: ["/a", "/a:/b", "-/a:/b:norbind /c:/d:rbind", '"/a b":/c', "/a\\:b:/c", "/a:/b:"],
    invalid: ["/a:/b:ro", "/a:b", "/a  /b", "/a::/b", "/a:-/b", "+/a", "/a:/b:RBIND", "/a:/b:norbind,rbind"],
  },
  // "a:b" is valid for all but ConfigurationDirectory= (no symlink there), so it is no sample: test/values-paths.test.ts has it.
  config_parse_exec_directories: {
    valid: ["foo", "foo/bar baz", "./foo", '"foo bar"', "a\\x41", "a\\xc3\\xa4", "privatefoo x/private"],
    invalid: ["/var/lib/foo", "../foo", "foo/..", ".", "private", "private/x", "a\\qb", "a\\xba", "'foo"],
  },
  config_parse_temporary_filesystems: { valid: ["/run/a", "/run/a:ro /run/b:size=10M,mode=0755", '"/run/a b":ro', "/run/a:"], invalid: ["run/a", ":ro", "/a ''", "/a/../b:ro", '"/run'] },
  config_parse_path_spec: { valid: ["/var/spool/x", "/var/spool/*.job", "/a b"], invalid: ["spool/x", "!/var/x", "/var/../x"] },
  config_parse_unit_condition_path: { valid: ["/etc/x", "!/etc/x", "|/etc/x", "|!/etc/x", "/etc/a b"], invalid: ["etc/x", "!|/etc/x", "! /etc/x", "!!/etc/x", "/etc/x/.."] },
  // Checked only when the condition is evaluated, not at load: systemd 252 accepts any string here.
  config_parse_unit_condition_string: { valid: ["x86-64", "|!bogus", "!", ">=5.10", "FOO=bar"], invalid: [] },
  config_parse_unit_mounts_for: { valid: ["/var/lib /srv", '"/mnt/a b"'], invalid: ["/mnt/a b", "-/var", "/var/..", '"/var'] },
  // Mount.What= and Swap.What= name the unit itself, so the harness does not drive them; any string parses.
  config_parse_mount_node: { valid: ["/dev/sda1", "UUID=0a1b", "LABEL=data"], invalid: [] },
  config_parse_extension_images: {
    valid: ["/a.raw", "-/a.raw /b.raw:root:ro:usr:nosuid", "/a.raw:ro", "/a.raw:root-secondary-verity-sig:ro", "/a\\x3ab.raw"],
    invalid: ["a.raw", "/a.raw:bogus:ro", "/a.raw:ROOT:ro", "/a.raw:ro:nosuid", "/a\\qb", "/a.raw:user-home:ro"],
  },
  config_parse_mount_images: {
    valid: ["/a.raw:/b", "-/a.raw:/b:ro /c.raw:/d:usr:nosuid", "/a.raw::/b", "/a.raw:/b:root:ro:usr"],
    invalid: ["/a.raw", "/a.raw:b", "/a.raw:/b:bogus:ro", "/a.raw:-/b", "/a\\qb:/c", "/a.raw:/b/.."],
  },
  config_parse_root_image_options: { valid: ["ro", "root:ro,nosuid usr:nosuid", "root::ro", ":ro", "esp:umask=077"], invalid: ["bogus:ro", "root:ro:x", "Root:ro", "root:a\\qb"] },
  config_parse_exec_root_hash: {
    valid: ["0123456789abcdef0123456789ABCDEF", "0123456789abcdef 0123456789abcdef", "/var/lib/a.roothash"],
    invalid: ["0123456789abcdef0123456789abcde", "0123456789abcdef", "0x0123456789abcdef0123456789abcdef", "a.roothash"],
  },
  config_parse_exec_root_hash_sig: { valid: ["/var/lib/a.p7s", "base64:AAAA", "base64:AA==", "base64:AAAA AAA="], invalid: ["AAAA", "Base64:AAAA", "base64:AAA", "base64:AB==", "base64:-_-_"] },
  config_parse_ip_filter_bpf_progs: { valid: ["/sys/fs/bpf/ingress", "/sys/fs/bpf/a b"], invalid: ["sys/fs/bpf/x", "/sys/fs/bpf/../x"] },
  config_parse_bpf_foreign_program: {
    valid: ["egress:/sys/fs/bpf/egress", "sock_ops:/sys/fs/bpf/a", "egress:/a:b", "device:/sys/fs/bpf/dev x"],
    invalid: ["Egress:/sys/fs/bpf/a", "sockops:/a", "egress:", "/sys/fs/bpf/a", "egress:a", "egress:/a/../b"],
  },
  // XAttrListen= and friends (v262): unknown to 252, not driven; no value check.
  config_parse_xattr: { valid: ["user.varlink=entrypoint"], invalid: [] },
  // A leading "-" makes a missing profile/label non-fatal; the rest is passed on as is.
  config_parse_exec_apparmor_profile: { valid: ["-my-profile", "unconfined"], invalid: [] },
  config_parse_exec_selinux_context: { valid: ["-system_u:system_r:foo_t:s0"], invalid: [] },
  config_parse_exec_smack_process_label: { valid: ["-_", "System"], invalid: [] },
  config_parse_log_namespace: { valid: ["foo", "foo-bar_1.2:x@y", "x".repeat(222)], invalid: ["foo bar", "foo/bar", "a*b", "a+b", "..", "x".repeat(223)] },
};
