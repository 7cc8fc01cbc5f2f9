"""Asks a service's HTTP server for a file, then looks at the server process from outside.

harden.test.ts runs this as a plain (unsandboxed) oneshot unit in the same manager as
the hardened server, so both see the scenario's mount namespace and the host's network.
It writes one JSON object to OUT:

  status, body   the HTTP answer (status null and "error" set when there was none)
  pid            the server's PID (the process whose argv has "http.server" and PORT)
  proc           from /proc/PID/status: NoNewPrivs, Seccomp, CapBnd, Umask, Uid (real)
  ownCapBnd      the probe's own (unsandboxed) capability bounding set, to compare with
  ownMountNs     whether the server has a mount namespace other than ours
  ownUtsNs       the same for the UTS namespace (host name)
  mounts         for a few paths: the mount that holds it, as the server sees it
                 (mount point, "ro"/"rw", file system type, and the mount's root)

Usage: http-probe.py PORT PATH OUT
"""
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

port, path, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
out = {"status": None, "body": None, "error": None, "pid": None}

# The server may not have bound its port yet (Type=simple is "active" at the fork):
# retry a refused connection for a while; any other failure is the answer.
deadline = time.monotonic() + 6
while True:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=3) as r:
            out["status"], out["body"] = r.status, r.read().decode("utf-8", "replace")
        break
    except (urllib.error.URLError, OSError) as e:  # URLError wraps failures to connect; a read can time out on its own
        reason = e.reason if isinstance(e, urllib.error.URLError) else e
        if not isinstance(reason, ConnectionRefusedError) or time.monotonic() > deadline:
            out["error"] = str(reason)
            break
        time.sleep(0.1)


def server_pid():
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().decode("utf-8", "replace").split("\0")
        except OSError:
            continue
        if "http.server" in argv and port in argv:
            return int(entry)
    return None


def unescape(field):
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


pid = server_pid()
if pid is not None:
    out["pid"] = pid
    proc = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("NoNewPrivs", "Seccomp", "CapBnd", "Umask", "Uid"):
                proc[key] = value.split()[0]
    out["proc"] = proc
    with open("/proc/self/status") as f:
        out["ownCapBnd"] = next(line.split()[1] for line in f if line.startswith("CapBnd:"))
    out["ownMountNs"] = os.readlink(f"/proc/{pid}/ns/mnt") != os.readlink("/proc/self/ns/mnt")
    out["ownUtsNs"] = os.readlink(f"/proc/{pid}/ns/uts") != os.readlink("/proc/self/ns/uts")
    mounts = []  # in mount order: a later mount on the same point hides an earlier one
    with open(f"/proc/{pid}/mountinfo") as f:
        for line in f:
            fields = line.split()
            sep = fields.index("-")
            mounts.append({
                "point": unescape(fields[4]),
                "mode": fields[5].split(",")[0],
                "fstype": fields[sep + 1],
                "root": unescape(fields[3]),
            })

    def holder(p):
        best = None
        for m in mounts:
            mp = m["point"]
            if p == mp or mp == "/" or p.startswith(mp.rstrip("/") + "/"):
                if best is None or len(mp) >= len(best["point"]):
                    best = m
        return best

    out["mounts"] = {p: holder(p) for p in ("/", "/usr", "/etc", "/home", "/root", "/tmp", "/dev", "/proc/sys", "/sys/fs/cgroup", "/proc/kallsyms")}

with open(out_path + ".tmp", "w") as f:
    json.dump(out, f)
os.rename(out_path + ".tmp", out_path)
