/**
 * Name tables for the security value checks (src/model/values/security.ts): which words systemd's
 * parsers know. Each list says where it comes from and which version it matches; where a list is
 * version-dependent it follows what systemd 252 accepts (checked with `systemd-analyze verify`), with
 * the release a newer word arrived in. Words that arrived after 252 but were already in 257 (checked
 * with Debian's 257.13) use AFTER_252: the exact release is unverified, so the earliest possible one
 * is used and no target that has the word is told it does not.
 */
import { cInteger, cIntegerIn } from "./numbers-parse.js";

/** A word 252 refuses and 257 accepts, arrived in a release between 253 and 257. */
export const AFTER_252 = 253;

const list = (words: string): readonly string[] => words.trim().split(/\s+/);

/** Capability numbers (linux/capability.h), as systemd 252 knows them. */
export const CAPABILITIES: readonly string[] = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
  "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
  "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
  "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
];

/** A capability by name or number (capability_from_name(): safe_atoi(), base 0, so 0x15 and 025 are 21); null when systemd does not know it. */
export function capabilityOf(word: string): number | null {
  if (cInteger(word) !== null) return cIntegerIn(word, 0n, 63n);
  const i = CAPABILITIES.indexOf(word.toUpperCase());
  return i < 0 ? null : i;
}

/**
 * System call names, as seccomp_syscall_resolve_name() knows them: systemd hands every name to
 * libseccomp, so the list is libseccomp's (src/syscalls.csv, libseccomp main at kernel v6.16),
 * not systemd's. Debian 12's libseccomp 2.5.4 knows all of them except atomic_barrier,
 * atomic_cmpxchg_32, getpagesize, getxattrat, listmount, listxattrat, lsm_get_self_attr,
 * lsm_list_modules, lsm_set_self_attr, mseal, open_tree_attr, removexattrat, riscv_hwprobe,
 * setxattrat, statmount and uretprobe; those depend on the host's libseccomp, not on the systemd
 * version, so they are accepted at every target.
 */
export const SYSCALL_NAMES: ReadonlySet<string> = new Set(list(`
  _llseek _newselect _sysctl accept accept4 access acct add_key adjtimex afs_syscall alarm arch_prctl
  arm_fadvise64_64 arm_sync_file_range atomic_barrier atomic_cmpxchg_32 bdflush bind bpf break breakpoint brk
  cachectl cacheflush cachestat capget capset chdir chmod chown chown32 chroot clock_adjtime clock_adjtime64
  clock_getres clock_getres_time64 clock_gettime clock_gettime64 clock_nanosleep clock_nanosleep_time64
  clock_settime clock_settime64 clone clone3 close close_range connect copy_file_range creat create_module
  delete_module dup dup2 dup3 epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2
  epoll_wait epoll_wait_old eventfd eventfd2 execve execveat exit exit_group faccessat faccessat2 fadvise64
  fadvise64_64 fallocate fanotify_init fanotify_mark fchdir fchmod fchmodat fchmodat2 fchown fchown32 fchownat
  fcntl fcntl64 fdatasync fgetxattr finit_module flistxattr flock fork fremovexattr fsconfig fsetxattr fsmount
  fsopen fspick fstat fstat64 fstatat64 fstatfs fstatfs64 fsync ftime ftruncate ftruncate64 futex futex_requeue
  futex_time64 futex_wait futex_waitv futex_wake futimesat get_kernel_syms get_mempolicy get_robust_list
  get_thread_area get_tls getcpu getcwd getdents getdents64 getegid getegid32 geteuid geteuid32 getgid getgid32
  getgroups getgroups32 getitimer getpagesize getpeername getpgid getpgrp getpid getpmsg getppid getpriority
  getrandom getresgid getresgid32 getresuid getresuid32 getrlimit getrusage getsid getsockname getsockopt gettid
  gettimeofday getuid getuid32 getxattr getxattrat gtty idle init_module inotify_add_watch inotify_init
  inotify_init1 inotify_rm_watch io_cancel io_destroy io_getevents io_pgetevents io_pgetevents_time64 io_setup
  io_submit io_uring_enter io_uring_register io_uring_setup ioctl ioperm iopl ioprio_get ioprio_set ipc kcmp
  kexec_file_load kexec_load keyctl kill landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown
  lchown32 lgetxattr link linkat listen listmount listxattr listxattrat llistxattr lock lookup_dcookie
  lremovexattr lseek lsetxattr lsm_get_self_attr lsm_list_modules lsm_set_self_attr lstat lstat64 madvise
  map_shadow_stack mbind membarrier memfd_create memfd_secret migrate_pages mincore mkdir mkdirat mknod mknodat
  mlock mlock2 mlockall mmap mmap2 modify_ldt mount mount_setattr move_mount move_pages mprotect mpx
  mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend mq_timedsend_time64
  mq_unlink mremap mseal msgctl msgget msgrcv msgsnd msync multiplexer munlock munlockall munmap
  name_to_handle_at nanosleep newfstatat nfsservctl nice oldfstat oldlstat oldolduname oldstat olduname open
  open_by_handle_at open_tree open_tree_attr openat openat2 pause pciconfig_iobase pciconfig_read
  pciconfig_write perf_event_open personality pidfd_getfd pidfd_open pidfd_send_signal pipe pipe2 pivot_root
  pkey_alloc pkey_free pkey_mprotect poll ppoll ppoll_time64 prctl pread64 preadv preadv2 prlimit64
  process_madvise process_mrelease process_vm_readv process_vm_writev prof profil pselect6 pselect6_time64
  ptrace putpmsg pwrite64 pwritev pwritev2 query_module quotactl quotactl_fd read readahead readdir readlink
  readlinkat readv reboot recv recvfrom recvmmsg recvmmsg_time64 recvmsg remap_file_pages removexattr
  removexattrat rename renameat renameat2 request_key restart_syscall riscv_flush_icache riscv_hwprobe rmdir
  rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend rt_sigtimedwait
  rt_sigtimedwait_time64 rt_tgsigqueueinfo rtas s390_guarded_storage s390_pci_mmio_read s390_pci_mmio_write
  s390_runtime_instr s390_sthyi sched_get_priority_max sched_get_priority_min sched_getaffinity sched_getattr
  sched_getparam sched_getscheduler sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity
  sched_setattr sched_setparam sched_setscheduler sched_yield seccomp security select semctl semget semop
  semtimedop semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg sendto set_mempolicy
  set_mempolicy_home_node set_robust_list set_thread_area set_tid_address set_tls setdomainname setfsgid
  setfsgid32 setfsuid setfsuid32 setgid setgid32 setgroups setgroups32 sethostname setitimer setns setpgid
  setpriority setregid setregid32 setresgid setresgid32 setresuid setresuid32 setreuid setreuid32 setrlimit
  setsid setsockopt settimeofday setuid setuid32 setxattr setxattrat sgetmask shmat shmctl shmdt shmget shutdown
  sigaction sigaltstack signal signalfd signalfd4 sigpending sigprocmask sigreturn sigsuspend socket socketcall
  socketpair splice spu_create spu_run ssetmask stat stat64 statfs statfs64 statmount statx stime stty
  subpage_prot swapcontext swapoff swapon switch_endian symlink symlinkat sync sync_file_range sync_file_range2
  syncfs sys_debug_setcontext syscall sysfs sysinfo syslog sysmips tee tgkill time timer_create timer_delete
  timer_getoverrun timer_gettime timer_gettime64 timer_settime timer_settime64 timerfd timerfd_create
  timerfd_gettime timerfd_gettime64 timerfd_settime timerfd_settime64 times tkill truncate truncate64 tuxcall
  ugetrlimit ulimit umask umount umount2 uname unlink unlinkat unshare uretprobe uselib userfaultfd usr26 usr32
  ustat utime utimensat utimensat_time64 utimes vfork vhangup vm86 vm86old vmsplice vserver wait4 waitid waitpid
  write writev
`));

/**
 * System call groups (systemd.exec(5), "System Call Filtering"): systemd 252's list, each from the
 * release it arrived in when that is later than the first groups (v231). @known is a pseudo-group
 * (every call libseccomp knows). Cross-checked against shared/data/syscall-sets.json in
 * test/values-security.test.ts.
 */
export const SYSCALL_GROUPS: Readonly<Record<string, number>> = {
  "@aio": 231, "@basic-io": 231, "@chown": 231, "@clock": 231, "@cpu-emulation": 231, "@debug": 231,
  "@default": 231, "@file-system": 231, "@io-event": 231, "@ipc": 231, "@keyring": 231, "@known": 231,
  "@memlock": 231, "@module": 231, "@mount": 231, "@network-io": 231, "@obsolete": 231, "@pkey": 231,
  "@privileged": 231, "@process": 231, "@raw-io": 231, "@reboot": 231, "@resources": 231, "@setuid": 231,
  "@signal": 231, "@swap": 231, "@sync": 231, "@system-service": 239, "@timer": 231,
  "@sandbox": AFTER_252,
};

/**
 * errno names (errno_from_name(), any letter case): generated by systemd's build from <errno.h>;
 * these are the 134 names of Debian 12's glibc 2.36 / Linux 6.1 headers, all accepted by 252.
 */
export const ERRNO_NAMES: ReadonlySet<string> = new Set(list(`
  E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EADV EAFNOSUPPORT EAGAIN EALREADY EBADE EBADF EBADFD EBADMSG EBADR
  EBADRQC EBADSLT EBFONT EBUSY ECANCELED ECHILD ECHRNG ECOMM ECONNABORTED ECONNREFUSED ECONNRESET EDEADLK
  EDEADLOCK EDESTADDRREQ EDOM EDOTDOT EDQUOT EEXIST EFAULT EFBIG EHOSTDOWN EHOSTUNREACH EHWPOISON EIDRM EILSEQ
  EINPROGRESS EINTR EINVAL EIO EISCONN EISDIR EISNAM EKEYEXPIRED EKEYREJECTED EKEYREVOKED EL2HLT EL2NSYNC EL3HLT
  EL3RST ELIBACC ELIBBAD ELIBEXEC ELIBMAX ELIBSCN ELNRNG ELOOP EMEDIUMTYPE EMFILE EMLINK EMSGSIZE EMULTIHOP
  ENAMETOOLONG ENAVAIL ENETDOWN ENETRESET ENETUNREACH ENFILE ENOANO ENOBUFS ENOCSI ENODATA ENODEV ENOENT ENOEXEC
  ENOKEY ENOLCK ENOLINK ENOMEDIUM ENOMEM ENOMSG ENONET ENOPKG ENOPROTOOPT ENOSPC ENOSR ENOSTR ENOSYS ENOTBLK
  ENOTCONN ENOTDIR ENOTEMPTY ENOTNAM ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENOTUNIQ ENXIO EOPNOTSUPP EOVERFLOW
  EOWNERDEAD EPERM EPFNOSUPPORT EPIPE EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EREMCHG EREMOTE EREMOTEIO
  ERESTART ERFKILL EROFS ESHUTDOWN ESOCKTNOSUPPORT ESPIPE ESRCH ESRMNT ESTALE ESTRPIPE ETIME ETIMEDOUT
  ETOOMANYREFS ETXTBSY EUCLEAN EUNATCH EUSERS EWOULDBLOCK EXDEV EXFULL
`));

/**
 * Address families (af_from_name(), any letter case): generated by systemd's build from
 * <sys/socket.h>, so they follow the C library rather than the systemd version; these are glibc
 * 2.36's AF_ names without AF_UNSPEC and AF_MAX, all accepted by 252 (and by 257).
 */
export const ADDRESS_FAMILIES: readonly string[] = list(`
  AF_ALG AF_APPLETALK AF_ASH AF_ATMPVC AF_ATMSVC AF_AX25 AF_BLUETOOTH AF_BRIDGE AF_CAIF AF_CAN AF_DECnet
  AF_ECONET AF_FILE AF_IB AF_IEEE802154 AF_INET AF_INET6 AF_IPX AF_IRDA AF_ISDN AF_IUCV AF_KCM AF_KEY AF_LLC
  AF_LOCAL AF_MCTP AF_MPLS AF_NETBEUI AF_NETLINK AF_NETROM AF_NFC AF_PACKET AF_PHONET AF_PPPOX AF_QIPCRTR
  AF_RDS AF_ROSE AF_ROUTE AF_RXRPC AF_SECURITY AF_SMC AF_SNA AF_TIPC AF_UNIX AF_VSOCK AF_WANPIPE AF_X25
  AF_XDP
`);

/** SystemCallArchitectures= (seccomp_arch_from_string(), exact case): 252's list, and loongarch64. */
export const SECCOMP_ARCHITECTURES: Readonly<Record<string, number>> = {
  native: 209, x86: 209, "x86-64": 209, x32: 209, arm: 209, arm64: 209, mips: 209, "mips-le": 209,
  mips64: 209, "mips64-le": 209, "mips64-n32": 209, "mips64-le-n32": 209, ppc: 209, ppc64: 209,
  "ppc64-le": 209, s390: 209, s390x: 209, parisc: 209, parisc64: 209, riscv64: 209,
  loongarch64: AFTER_252,
};

/**
 * RestrictNamespaces= types (namespace_flags_from_string(), exact case; systemd.exec(5)). "time"
 * namespaces reached Linux 5.6, after systemd 245 was released, so 246 is the earliest release.
 */
export const NAMESPACE_TYPES: Readonly<Record<string, number>> = {
  cgroup: 233, ipc: 233, net: 233, mnt: 233, pid: 233, user: 233, uts: 233, time: 246,
};

/** RestrictFileSystems= groups (systemd.exec(5); 252 and 257 have the same eleven). */
export const FILESYSTEM_GROUPS: ReadonlySet<string> = new Set(list(`
  @anonymous @application @auxiliary-api @basic-api @common-block @historical-block @known @network
  @privileged-api @security @temporary
`));

/**
 * DisableControllers= names (cgroup_controller_from_string(), exact case; systemd.resource-control(5)):
 * the real controllers, and the BPF pseudo-controllers from the release of the feature they belong to.
 */
export const CGROUP_CONTROLLERS: Readonly<Record<string, number>> = {
  cpu: 240, cpuacct: 240, cpuset: 240, io: 240, blkio: 240, memory: 240, devices: 240, pids: 240,
  "bpf-firewall": 240, "bpf-devices": 240, "bpf-foreign": 249, "bpf-socket-bind": 249,
  "bpf-restrict-network-interfaces": 250,
};

/** SocketProtocol= (systemd.socket(5); names in any letter case, or their IPPROTO_ numbers): 252 knows udplite and sctp. */
export const SOCKET_PROTOCOLS: Readonly<Record<string, { number: number; since: number }>> = {
  udplite: { number: 136, since: 229 },
  sctp: { number: 132, since: 229 },
  mptcp: { number: 262, since: AFTER_252 },
};
