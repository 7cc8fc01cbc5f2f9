/**
 * The conditions under which the hardened template leaves one setting out (a template setting's
 * `unless`; schemas/template.schema.json explains each). Each reads what the unit itself says it
 * needs: its program, its command lines, its capabilities, its own settings.
 */
import { lastKept } from "../model/kept.js";
import { programOf, splitWords } from "../model/command-line.js";
import { listenersOf } from "../model/ports.js";
import { SERVICE_EXEC_KEYS } from "../model/service.js";
import type { Unit } from "../model/unit.js";
import { earlyBoot } from "./sandbox-exemption.js";

export type Condition = "home" | "jit" | "user-set" | "network" | "early-boot" | "realtime" | "devices" | "clock" | "modules" | "tunables";

/** Whether `condition` holds for the unit, so that the setting guarded by it is left out. */
export function conditionHolds(condition: Condition, unit: Unit): boolean {
  switch (condition) {
    case "home":
      return usesHome(unit);
    case "jit":
      return runsJit(unit);
    case "user-set":
      return unit.assignments("Service", "User").length > 0 || unit.assignments("Service", "Group").length > 0;
    case "early-boot":
      return earlyBoot(unit);
    case "realtime":
      return wantsRealtime(unit);
    case "network":
      return listenersOf(unit).length > 0 || unit.assignments("Service", "Sockets").length > 0;
    case "devices":
      return usesDevices(unit);
    case "clock":
      return setsClock(unit);
    case "modules":
      return loadsModules(unit);
    case "tunables":
      return writesTunables(unit);
    default:
      return false;
  }
}

/** Programs that generate machine code at run time: MemoryDenyWriteExecute= would kill them. */
const JIT = /^(node|nodejs|deno|bun|java|dotnet|mono|pypy3?|python[0-9.]*|luajit|php(-fpm)?[0-9.]*|ruby[0-9.]*|julia|beam\.smp|erl|elixir|chrom(e|ium)|firefox|electron|qemu-.*|code|gitlab-.*)$/;

/** JIT without its anchors: a command line without any of the names anywhere is ruled out without splitting it. */
const JIT_HINT = new RegExp(JIT.source.slice(1, -1));

function runsJit(unit: Unit): boolean {
  const program = programOf(unit);
  if (!program || !JIT_HINT.test(program.from.entry.value)) return false;
  const words = splitWords(program.from.entry.value).flatMap((w) => w.text.split(/\s+/)).map((w) => w.split("/").pop() ?? "");
  // A wrapper (sh -c "node …", env node …) names the runtime later on the line.
  return words.some((w) => JIT.test(w));
}

/** Audio servers: their threads switch to realtime scheduling themselves, which RestrictRealtime= forbids. */
const AUDIO_SERVERS: ReadonlySet<string> = new Set(["pipewire", "pipewire-pulse", "wireplumber", "pulseaudio", "jackd", "jackdbus", "mpd"]);

/** The service asks for realtime scheduling, or is an audio server that takes it. */
function wantsRealtime(unit: Unit): boolean {
  const rtprio = lastKept(unit, "Service", "LimitRTPRIO")?.entry.value;
  if (rtprio !== undefined && !/^0+(:0+)?$/.test(rtprio)) return true;
  const policy = lastKept(unit, "Service", "CPUSchedulingPolicy")?.entry.value;
  if (policy === "fifo" || policy === "rr") return true;
  const program = programOf(unit);
  return program !== null && AUDIO_SERVERS.has(program.name);
}

/** The program or the paths it works with live under /home: ProtectHome=read-only would hide or freeze them. */
function usesHome(unit: Unit): boolean {
  const keys = ["ExecStart", "WorkingDirectory", "EnvironmentFile", "ReadWritePaths", "ReadOnlyPaths", "RootDirectory", "BindPaths", "Environment"];
  return keys.some((key) => unit.assignments("Service", key).some((a) => /(^|[\s="'-])(~|\/home(\/|\s|$))/.test(a.entry.value)));
}

/** Whether any of the unit's command lines (including `sh -c '…'` scripts) matches `pattern`. */
function anyCommandLine(unit: Unit, pattern: RegExp): boolean {
  return commandLines(unit).some((line) => pattern.test(line));
}

/** Every command line of the unit (four conditions read them: collected once per unit). */
function commandLines(unit: Unit): string[] {
  return unit.memo(commandLines, null, () => {
    const lines: string[] = [];
    for (const key of SERVICE_EXEC_KEYS) for (const a of unit.assignments("Service", key)) lines.push(a.entry.value);
    return lines;
  });
}

/** A command word: at the start, after a path, or after a shell separator or quote. */
const command = (names: string): RegExp => new RegExp(`(^|[\\s/;&|'"(])(${names})(?=$|[\\s;&|'")])`);

/** Whether the unit keeps `capability` in its bounding set or asks for it as an ambient one. */
function asksFor(unit: Unit, capability: string): boolean {
  return ["AmbientCapabilities", "CapabilityBoundingSet"].some((key) => unit.assignments("Service", key).some((a) => !a.entry.value.startsWith("~") && a.entry.value.includes(capability)));
}

/** Device nodes every sandbox keeps (PrivateDevices= gives a /dev with these). */
const DEVICE_PATH = /\/dev\/(?!(?:null|zero|full|random|urandom|tty|stdin|stdout|stderr|fd|shm|log|pts|ptmx|mqueue|hugepages)\b)[A-Za-z]/;

/** The unit allows devices (DeviceAllow=) or names a device node on a command line: PrivateDevices= would hide it. */
function usesDevices(unit: Unit): boolean {
  return unit.assignments("Service", "DeviceAllow").some((a) => a.entry.value !== "") || anyCommandLine(unit, DEVICE_PATH);
}

/** Programs that set the system clock: ProtectClock= would stop them. */
const TIME_COMMAND = command("chronyd|ntpd|ntpdate|sntp|openntpd|ptp4l|phc2sys|ts2phc|timemaster|htpdate|hwclock");
const MODULE_COMMAND = command("modprobe|insmod|rmmod");
const SYSCTL_COMMAND = command("sysctl");

function setsClock(unit: Unit): boolean {
  return asksFor(unit, "CAP_SYS_TIME") || anyCommandLine(unit, TIME_COMMAND);
}

/** The unit loads kernel modules (modprobe on a command line, or CAP_SYS_MODULE): ProtectKernelModules= would stop it. */
function loadsModules(unit: Unit): boolean {
  return asksFor(unit, "CAP_SYS_MODULE") || anyCommandLine(unit, MODULE_COMMAND);
}

/** The unit sets kernel tunables (sysctl, or a write under /proc/sys): ProtectKernelTunables= would make them read-only. */
function writesTunables(unit: Unit): boolean {
  return anyCommandLine(unit, SYSCTL_COMMAND) || anyCommandLine(unit, /\/proc\/sys\//) || unit.assignments("Service", "ReadWritePaths").some((a) => a.entry.value.includes("/proc/sys"));
}
