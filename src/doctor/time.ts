/** Time: is the clock synchronised (`timedatectl show`: NTP=, NTPSynchronized=)? */
import type { Runner } from "./exec.js";
import { CHECKS, finding, type DoctorFinding } from "./findings.js";
import { parseShow } from "./systemctl.js";

export interface ClockState {
  ntp: boolean;
  synchronized: boolean;
  timezone: string | null;
}

/** `timedatectl show` output (Timezone=, LocalRTC=, CanNTP=, NTP=, NTPSynchronized=, TimeUSec=, RTCTimeUSec=). */
export function parseTimedatectl(text: string): ClockState | null {
  const props = parseShow(text)[0];
  if (!props || props.NTPSynchronized === undefined) return null;
  return { ntp: props.NTP === "yes", synchronized: props.NTPSynchronized === "yes", timezone: props.Timezone ?? null };
}

export function clockFindings(state: ClockState): DoctorFinding[] {
  if (state.synchronized) return [];
  const fix = state.ntp
    ? "NTP is on but has not synchronised yet: check the time service with `systemctl status systemd-timesyncd` (or chronyd/ntpd) and that it can reach its servers"
    : "NTP is off: `timedatectl set-ntp true`";
  return [finding(CHECKS.clock, "warning", null, `the system clock is not synchronised (NTPSynchronized=no, NTP=${state.ntp ? "yes" : "no"}): timers and logs drift; ${fix}`)];
}

export async function checkTime(run: Runner): Promise<{ findings: DoctorFinding[]; note: string | null }> {
  const r = await run("timedatectl", ["show", "--no-pager"]);
  if (!r.ok) return { findings: [], note: `clock not checked: ${r.why}` };
  const state = parseTimedatectl(r.stdout);
  if (!state) return { findings: [], note: "clock not checked: `timedatectl show` printed no NTPSynchronized=" };
  return { findings: clockFindings(state), note: null };
}
