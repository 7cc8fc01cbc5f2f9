#!/bin/bash
# One unitlint system-test scenario against a real systemd user manager, following
# ../shared/docs/real-systemd.md. harness.ts runs it as
#
#   unshare --mount --propagation private bash scenario.sh DIR OUTER_MNT_NS CGROUP BUDGET LEVEL [USER]
#
# DIR is a temp dir outside the namespace (/tmp is shared). It holds units/ (copied
# into the user unit dir), files/N/ (for "write N" steps) and steps, one step a line:
#   start UNIT | start-noblock UNIT | stop UNIT | reset-failed UNIT | reload | sleep SEC
#   kill UNIT SIGNAL systemctl|kill | show UNIT|- PROP,PROP | waitfor UNIT PROP V1,V2 TIMEOUT_MS | write N
#   enable UNIT | disable UNIT | files (lists the user unit dir: "PATH<TAB>TYPE<TAB>LINK TARGET")
# Step i writes step-i.meta ("t0 t1 rc", epoch seconds) and step-i.out. The manager's
# console log goes to manager.log, "ready" holds the time it reached "running", and
# "error" says why a run was aborted. Everything is torn down on exit, bounded by BUDGET s.
#
# With USER (a user name, not root), the manager and every systemctl run as that
# unprivileged user (recipe step 8): HOME=/home/USER on a namespace-private tmpfs,
# /run/user/UID, the pty and a child cgroup "mgr" owned by it. A USER that is not in
# /etc/passwd is added to namespace-private copies of /etc/passwd and /etc/group bound
# over the originals: the host's files are never written.
set -u
export LC_ALL=C
R=$1 OUTER_NS=$2 CG=$3 BUDGET=$4 LEVEL=$5 RUNUSER=${6:--}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
U=/root/.config/systemd/user
RUID=0 RGID=0
RUNAS=()  # prefix that runs a command as RUNUSER (empty for root)
MGR=
MADE_CG=  # set once we created our cgroup; teardown touches no cgroup otherwise
fail() { echo "$*" > "$R/error"; exit 2; }

# --- guards: root, a private mount namespace, our own cgroup name ------------------
[ "$(id -u)" = 0 ] || fail "not root"
ns=$(readlink /proc/self/ns/mnt)
[ -n "$ns" ] && [ "$ns" != "$OUTER_NS" ] || fail "not in a private mount namespace ($ns)"
init_ns=$(readlink /proc/1/ns/mnt 2>/dev/null)  # unreadable in some sandboxes
[ "$ns" != "$init_ns" ] || fail "same mount namespace as PID 1"
case "$CG" in ul-systest-*) ;; *) fail "refusing cgroup name $CG" ;; esac

if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
  HIERS=(/sys/fs/cgroup)                                   # pure cgroup v2
elif [ -d /sys/fs/cgroup/systemd ] && [ -d /sys/fs/cgroup/unified ]; then
  HIERS=(/sys/fs/cgroup/systemd /sys/fs/cgroup/unified)    # hybrid
else
  fail "unknown cgroup layout"
fi
# Where this shell was, per hierarchy, so teardown can move it back.
orig_cgroup() {
  case "$1" in
    */systemd) sed -n 's/^[0-9]*:name=systemd://p' /proc/$$/cgroup ;;
    *) sed -n 's/^0:://p' /proc/$$/cgroup ;;
  esac
}
declare -A ORIG
for h in "${HIERS[@]}"; do ORIG[$h]=$(orig_cgroup "$h"); done

now() { echo "$EPOCHREALTIME"; }
usec() { echo "${EPOCHREALTIME/./}"; }
nap() { sleep "$1" & wait $!; }  # interruptible by the watchdog's TERM

shopt -s globstar nullglob
our_pids() {  # fills PIDS with everything in our cgroup but this shell; builtins only, so no helper of ours shows up
  local h f p
  PIDS=()
  for h in "${HIERS[@]}"; do
    for f in "$h/$CG"/**/cgroup.procs; do
      while read -r p; do [ "$p" != $$ ] && PIDS+=("$p"); done < "$f"
    done
  done
}

# --- teardown -----------------------------------------------------------------------
cleanup() {
  trap - EXIT TERM INT HUP
  local i p h left
  if [ -n "$MGR" ]; then
    kill -TERM "$MGR" 2>/dev/null  # the manager stops its units and exits
    for i in $(seq 30); do kill -0 "$MGR" 2>/dev/null || break; sleep 0.1; done
  fi
  sleep 0.1  # let ptylog.py drain the last lines
  [ -n "$MADE_CG" ] || { echo ok > "$R/cleanup"; return; }
  for i in $(seq 20); do  # kill by PID whatever is left in our cgroup, never ourselves
    our_pids
    [ ${#PIDS[@]} = 0 ] && break
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    sleep 0.05
  done
  for h in "${HIERS[@]}"; do echo $$ > "$h${ORIG[$h]}/cgroup.procs"; done 2>/dev/null
  for i in $(seq 20); do
    left=0
    for h in "${HIERS[@]}"; do
      [ -d "$h/$CG" ] || continue
      find "$h/$CG" -depth -type d -exec rmdir {} + 2>/dev/null
      [ -d "$h/$CG" ] && left=1
    done
    [ $left = 0 ] && break
    sleep 0.05
  done
  if [ $left = 0 ]; then echo ok > "$R/cleanup"; else echo "cgroup $CG left behind" > "$R/cleanup"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# --- namespace-private mounts --------------------------------------------------------
mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system || fail "mount /run/systemd"
mount -t tmpfs tmpfs /run/user || fail "mount /run/user"
if [ "$RUNUSER" = - ]; then
  mkdir -m700 /run/user/0 || fail "mkdir /run/user/0"
  export XDG_RUNTIME_DIR=/run/user/0
  mkdir -p /root/.config
  mount -t tmpfs tmpfs /root/.config && mkdir -p "$U" || fail "mount /root/.config"
else
  case "$RUNUSER" in root | 0 | *[!a-z0-9_-]*) fail "refusing user name $RUNUSER" ;; esac
  if ! getent passwd "$RUNUSER" >/dev/null; then
    # A user of our own, visible only in this namespace: first uid/gid from 60100 free in both files.
    RUID=60100
    while getent passwd "$RUID" >/dev/null || getent group "$RUID" >/dev/null; do RUID=$((RUID + 1)); done
    cp /etc/passwd "$R/passwd" && cp /etc/group "$R/group" || fail "copy /etc/passwd"
    echo "$RUNUSER:x:$RUID:$RUID:unitlint system test:/home/$RUNUSER:/bin/sh" >> "$R/passwd"
    echo "$RUNUSER:x:$RUID:" >> "$R/group"
    chmod 644 "$R/passwd" "$R/group"
    mount --bind "$R/passwd" /etc/passwd && mount --bind "$R/group" /etc/group || fail "bind /etc/passwd"
    getent passwd "$RUNUSER" >/dev/null || fail "user $RUNUSER not visible after adding it"
  fi
  RUID=$(id -u "$RUNUSER") RGID=$(id -g "$RUNUSER")
  [ "$RUID" != 0 ] && [ "$RGID" != 0 ] || fail "user $RUNUSER is privileged"
  H=/home/$RUNUSER
  U=$H/.config/systemd/user
  mount -t tmpfs tmpfs /home && mkdir -p "$U" || fail "mount /home"
  mkdir -m700 "/run/user/$RUID" || fail "mkdir /run/user/$RUID"
  export XDG_RUNTIME_DIR=/run/user/$RUID
  RUNAS=(setpriv --reuid="$RUID" --regid="$RGID" --init-groups
    env -i PATH="$PATH" LC_ALL=C HOME="$H" USER="$RUNUSER" LOGNAME="$RUNUSER" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR")
  # The services log their starts into $R/starts: let the user through $R (made 0700) into it.
  chmod 711 "$R" && chown "$RUID:$RGID" "$R/starts" || fail "chown $R/starts"
fi
cp -r "$R/units/." "$U/"
# Not empty: an empty unit file counts as masked.
printf '[Unit]\nDescription=Idle target for unitlint system tests\n' > "$U/idle.target"
if [ "$RUNUSER" != - ]; then
  chown -R "$RUID:$RGID" "$H" "/run/user/$RUID" || fail "chown $H"
fi

# --- our cgroup: this shell and everything it starts ------------------------------
for h in "${HIERS[@]}"; do
  [ -e "$h/$CG" ] && fail "cgroup $h/$CG already exists"
done
MADE_CG=1
: > "$R/cgroup-made"  # tells harness.ts this cgroup is ours to clean up if we get killed
for h in "${HIERS[@]}"; do
  mkdir "$h/$CG" && echo $$ > "$h/$CG/cgroup.procs" || fail "cannot use cgroup $h/$CG"
  # An unprivileged manager gets a child group delegated to it (it must create groups below its own).
  if [ "$RUNUSER" != - ]; then
    mkdir "$h/$CG/mgr" && chown -R "$RUID:$RGID" "$h/$CG/mgr" || fail "cannot delegate $h/$CG/mgr"
  fi
done
( sleep "$BUDGET"; echo "budget of $BUDGET s exceeded" > "$R/error"; kill -TERM $$ ) &
disown $!

# --- console log through a pty, then the manager --------------------------------------
PY=/usr/bin/python3  # not a pyenv shim: those take half a second to start
[ -x "$PY" ] || PY=python3
"$PY" "$HERE/ptylog.py" "$R/manager.log" "$R/pty" "$((BUDGET + 15))" &
disown $!
for i in $(seq 100); do [ -s "$R/pty" ] && break; nap 0.02; done
[ -s "$R/pty" ] || fail "ptylog.py did not start"
if [ "$RUNUSER" != - ]; then chown "$RUID" "$(cat "$R/pty")" || fail "chown pty"; fi
mount --bind "$(cat "$R/pty")" /dev/console || fail "bind pty to /dev/console"

if [ "$RUNUSER" = - ]; then
  systemd --user --unit=idle.target --log-target=console --log-level="$LEVEL" --log-color=no \
    </dev/null >/dev/null 2>&1 &
else
  # Into the delegated group first (from a subshell, so this shell stays where it is), then drop privileges.
  (
    for h in "${HIERS[@]}"; do echo "$BASHPID" > "$h/$CG/mgr/cgroup.procs" || exit 1; done
    exec "${RUNAS[@]}" systemd --user --unit=idle.target --log-target=console --log-level="$LEVEL" --log-color=no
  ) </dev/null >/dev/null 2>&1 &
fi
MGR=$!
disown $MGR
state=
for i in $(seq 200); do
  state=$(timeout 5 "${RUNAS[@]}" systemctl --user is-system-running 2>/dev/null)
  [ "$state" = running ] && break
  kill -0 "$MGR" 2>/dev/null || break
  nap 0.05
done
[ "$state" = running ] || fail "manager did not reach running (state: ${state:-none})"
now > "$R/ready"

# --- the steps -------------------------------------------------------------------------
sc() { timeout 20 "${RUNAS[@]}" systemctl --user "$@"; }

files() {  # the user unit dir, one entry a line: PATH TYPE TARGET (tab-separated; TARGET only for links)
  (cd "$U" && find . -mindepth 1 -printf '%P\t%y\t%l\n' | sort)
}

waitfor() {  # UNIT PROP VALUES TIMEOUT_MS: poll every 50 ms until PROP is one of VALUES
  local unit=$1 prop=$2 values=",$3," deadline v
  deadline=$(( $(usec) + $4 * 1000 ))
  while :; do
    v=$(sc show -p "$prop" --value "$unit")
    case "$values" in *",$v,"*) echo "$v"; return 0 ;; esac
    [ "$(usec)" -ge "$deadline" ] && { echo "$v"; return 1; }
    nap 0.05
  done
}

killmain() {  # UNIT SIGNAL VIA
  local pid
  if [ "$3" = systemctl ]; then sc kill --kill-who=main -s "$2" "$1"; return; fi
  pid=$(sc show -p MainPID --value "$1")
  [ -n "$pid" ] && [ "$pid" != 0 ] || { echo "no main PID"; return 1; }
  grep -q "/$CG/" "/proc/$pid/cgroup" || { echo "PID $pid is not in $CG"; return 1; }
  echo "pid=$pid"
  kill -s "$2" "$pid"
}

exec 3< "$R/steps"
i=0
while read -r -u 3 kind a b c d; do
  t0=$(now)
  case "$kind" in
    start) sc start "$a" ;;
    start-noblock) sc start --no-block "$a" ;;
    stop) sc stop "$a" ;;
    reset-failed) sc reset-failed "$a" ;;
    reload) sc daemon-reload ;;
    sleep) nap "$a" ;;
    kill) killmain "$a" "$b" "$c" ;;
    show) if [ "$a" = - ]; then sc show -p "$b"; else sc show -p "$b" "$a"; fi ;;
    waitfor) waitfor "$a" "$b" "$c" "$d" ;;
    write) cp -r "$R/files/$a/." "$U/" && { [ "$RUNUSER" = - ] || chown -R "$RUID:$RGID" "$U"; } ;;
    enable | disable) sc "$kind" "$a" ;;
    files) files ;;
    *) echo "unknown step $kind"; false ;;
  esac > "$R/step-$i.out" 2>&1
  rc=$?
  echo "$t0 $(now) $rc" > "$R/step-$i.meta"
  i=$((i + 1))
done
exit 0
