"""Captures a systemd manager's console log through a pseudo-terminal.

systemd --log-target=console reopens /dev/console and ignores it unless it is
a terminal, so scenario.sh bind-mounts the slave side of this pty over
/dev/console. We keep reading the master and append each line, prefixed with
the epoch time it arrived, to LOG. The slave's path is written to READY.

Usage: ptylog.py LOG READY MAX_SECONDS
"""
import os
import pty
import signal
import sys
import termios
import time

log_path, ready_path, max_seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
signal.alarm(max_seconds)  # never outlive the scenario, even if nobody kills us

master, slave = pty.openpty()  # we keep the slave open so reads never hit EIO
attrs = termios.tcgetattr(slave)
attrs[1] &= ~termios.OPOST  # no "\n" -> "\r\n" translation
termios.tcsetattr(slave, termios.TCSANOW, attrs)

with open(ready_path + ".tmp", "w") as f:
    f.write(os.ttyname(slave))
os.rename(ready_path + ".tmp", ready_path)

pending = b""
with open(log_path, "a") as out:
    while True:
        pending += os.read(master, 65536)
        *lines, pending = pending.split(b"\n")
        for line in lines:
            out.write("%.6f %s\n" % (time.time(), line.decode("utf-8", "replace")))
        out.flush()
