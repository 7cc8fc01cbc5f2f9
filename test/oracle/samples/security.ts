import type { Samples } from "../../helpers/differential.js";

/**
 * Sandboxing and access settings (src/model/values/security.ts). SystemCallFilter=,
 * SystemCallLog=, SystemCallErrorNumber=, SystemCallArchitectures=, RestrictAddressFamilies= and
 * RestrictNamespaces= are compile-time optional, so the harness does not drive them; their samples
 * were checked with systemd-analyze verify (252) by hand all the same, and are kept here as the
 * record (test/values-security.test.ts runs them through the checks).
 */
export const SAMPLES: Samples = {
  // 252 accepts any string: unknown capability names are dropped with a debug message only.
  config_parse_capability_set: { valid: ["CAP_NET_BIND_SERVICE CAP_SYS_TIME", "~CAP_SYS_ADMIN", "cap_chown", "sys_ptrace", "CAP_BPF CAP_PERFMON", "CAP_NO_SUCH_THING"], invalid: [] },
  // 252 accepts any string: unknown words are skipped without even a debug message (UL304 warns).
  config_parse_exec_secure_bits: { valid: ["keep-caps noroot-locked", "no-setuid-fixup", "keep-caps bogus", "KEEP-CAPS"], invalid: [] },
  config_parse_syscall_filter: {
    valid: ["@system-service", "~@privileged @resources", "~@mount:EPERM", "~read:eperm write:13", "~ptrace:kill", "~execve:0x1", "@known", "vm86old s390_runtime_instr", "~"],
    // @sandbox and mseal's libseccomp support came after 252 / Debian 12's libseccomp 2.5.4
    invalid: ["@system-servce", "readx", "read:EPERM", "~read:EFOO", "~read:4096", "@System-Service", "~read ~write", '"read"', "read,write", "@sandbox"],
  },
  config_parse_syscall_log: { valid: ["@system-service", "~read write", "@known"], invalid: ["@mount:EPERM", "openat3", "~@foo"] },
  config_parse_syscall_errno: { valid: ["EPERM", "eacces", "kill", "1", "4095", "0x10", "ENOTSUP"], invalid: ["0", "4096", "EFOO", "log", "Kill", "EPERM EACCES", "08"] },
  config_parse_syscall_archs: { valid: ["native", "x86-64 x86 x32", "arm64", '"ppc64-le"'], invalid: ["x86_64", "aarch64", "X86", "loongarch64", 'native "x86-64'] },
  config_parse_address_families: {
    valid: ["AF_UNIX AF_INET AF_INET6", "~AF_PACKET", "none", "af_netlink", "AF_VSOCK AF_MCTP", '"AF_INET"'],
    invalid: ["AF_FOO", "INET", "None", "~none", "AF_INET none", "AF_INET,AF_UNIX", "AF_UNSPEC", 'AF_INET "AF_UNIX'],
  },
  config_parse_namespace_flags: {
    valid: ["yes", "off", "~", "~net user", "cgroup ipc net mnt pid user uts time", "mnt  pid"],
    invalid: ["NET", "foo", "net foo", "~yes", "net,ipc", "~net ~ipc", '"net"'],
  },
  // Unknown file system names are accepted (they match nothing); unknown @groups are not.
  config_parse_restrict_filesystems: { valid: ["ext4 tmpfs", "~@common-block", "@basic-api @known", "no-such-fs", '"@network"'], invalid: ["@foo", "~@Known", "ext4 @basic", "@known:x", 'ext4 "btrfs'] },
  config_parse_in_addr_prefixes: {
    valid: ["any", "localhost", "LOCALHOST.localdomain", "link-local multicast", "10.0.0.0/8 192.168.0.0/16", "::1", "fe80::/64", "::ffff:10.0.0.1", "0.0.0.0/0", "10.0.0.0/010", "0.0.0.0/0x0", "::/-0", "10.0.0.0/+8", "10.0.0.0/0b1000", "10.0.0.0/0o10"],
    invalid: ["ANY", "10.0.0.0/33", "::/129", "10.0.0.256", "10.1/8", "010.0.0.1", "10.0.0.0/8,192.168.0.0/16", "fe80::1%eth0", "[::1]", "1::2::3", "10.0.0.0/08", "Multicast", "10.0.0.0/-8", "10.0.0.0/0x21"],
  },
  config_parse_cgroup_socket_bind: {
    valid: ["any", "80", "8000-8080", "ipv4:tcp:443", "ipv6:udp:any", "TCP:53", "ipv4", "udp", "1-65535", "0x50", "tcp:+80", "tcp:0b1010000", "80-0x100"],
    // port 0 came after 252
    invalid: ["0", "65536", "90-80", "http", "IPv4:80", "tcp:ipv4:80", "80 443", "sctp:80", "080", "ipv4:tcp:80:1", "0-10", "tcp:-0", "-80"],
  },
  config_parse_device_allow: {
    valid: ["/dev/null rw", "/dev/sda1 mrw", "char-pts rw", "block-loop", "/dev/char/1:3 r", '"/dev/null" rw', "/dev/./null", "/run/systemd/inaccessible/chr rw"],
    invalid: ["/dev/null rwx", "/dev/null RW", "dev/null", "null rw", "/sys/class/foo r", "/dev/../etc/passwd r", "CHAR-pts", "/dev/null r w", '"/dev/null rw'],
  },
  config_parse_restrict_network_interfaces: {
    valid: ["eth0", "~lo", "eth0 wlan*", "enp0s31f6 veth-x_y", '"eth1"', "abcdefghijklmno"],
    // names longer than 15 characters (alternative names) came after 252
    invalid: ["a/b", "eth:0", "123", "all", "0x1", "eth0 default", "abcdefghijklmnop", 'eth0 "eth1'],
  },
  config_parse_socket_bindtodevice: { valid: ["eth0", "*", "wlp3s0", "-1"], invalid: ["eth0 lo", "a/b", "42", "default", "verylonginterfacename0"] },
  // 252 refuses the value only when no word is a controller it knows
  config_parse_disable_controllers: { valid: ["cpu", "memory io pids", "bpf-firewall", "cpu nonsense"], invalid: ["memroy", "CPU", "cpu,memory", '"cpu"', "foo bar"] },
  // mptcp came after 252
  config_parse_socket_protocol: { valid: ["udplite", "SCTP", "132", "0x88"], invalid: ["tcp", "udp", "6", "sctp udplite", "mptcp"] },
};
