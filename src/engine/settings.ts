/**
 * Host defaults the rules assume when a unit says nothing. These are systemd's
 * built-in defaults (systemd-system.conf(5); systemd-facts §1); a host whose
 * system.conf changes them can say so through the API.
 */
export interface Settings {
  /** DefaultRestartSec=, in seconds. */
  defaultRestartSec: number;
  /** DefaultStartLimitIntervalSec=, in seconds. */
  defaultStartLimitIntervalSec: number;
  /** DefaultStartLimitBurst=. */
  defaultStartLimitBurst: number;
  /** The RestartSec= that fixes propose for a restart storm, in seconds. */
  fixRestartSec: number;
  /** The systemd version the units are for (RestartSteps= needs 254). */
  systemdVersion: number;
  /** Users known to have linger (`loginctl enable-linger`), whatever the tree says. */
  lingerUsers: readonly string[];
  /** UL403 reports long-running services whose exposure (0–10) is above this; unset: 4.9 (systemd's MEDIUM level and worse). */
  sandboxingThreshold?: number;
  /** UL403's finding is a warning, not info, for services whose exposure (0–10) is above this; unset: never. */
  sandboxingWarnAbove?: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  defaultRestartSec: 0.1,
  defaultStartLimitIntervalSec: 10,
  defaultStartLimitBurst: 5,
  fixRestartSec: 5,
  systemdVersion: 262,
  lingerUsers: [],
};
