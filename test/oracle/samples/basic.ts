import type { Samples } from "../../helpers/differential.js";

/** Booleans, time spans, signals, modes, nice levels and the first enumerations (src/model/values/basic.ts). */
export const SAMPLES: Samples = {
  config_parse_bool: { valid: ["yes", "OFF", "t"], invalid: ["maybe", "2"] },
  config_parse_tristate: { valid: ["no"], invalid: ["perhaps"] },
  config_parse_private_tmp: { valid: ["true"], invalid: ["enabled"] },
  config_parse_sec: { valid: ["1min 30s", "90", "+5", ".5s", "12.34 .56", "1.5s.5", "584541y"], invalid: ["1H", "2 mins", "3.", "3.s", "12.34.56", "600000y", "584542y"] },
  config_parse_sec_fix_0: { valid: ["90", "infinity"], invalid: ["5 mins"] },
  config_parse_service_timeout: { valid: ["infinity", "0"], invalid: ["-5s"] },
  config_parse_service_restart: { valid: ["on-abnormal"], invalid: ["on-falure"] },
  config_parse_service_type: { valid: ["exec"], invalid: ["notify-reload"] }, // notify-reload is 253's: 252 refuses it
  config_parse_kill_mode: { valid: ["mixed"], invalid: ["group"] },
  config_parse_notify_access: { valid: ["exec"], invalid: ["any"] },
  config_parse_service_exit_type: { valid: ["cgroup"], invalid: ["group"] },
  config_parse_collect_mode: { valid: ["inactive-or-failed"], invalid: ["failed"] },
  config_parse_device_policy: { valid: ["closed"], invalid: ["open"] },
  config_parse_exec_keyring_mode: { valid: ["shared"], invalid: ["public"] },
  config_parse_emergency_action: { valid: ["reboot-force"], invalid: ["soft-reboot"] }, // soft-reboot is 254's
  config_parse_job_mode: { valid: ["replace-irreversibly"], invalid: ["restart-dependencies"] }, // 254's
  config_parse_protect_system: { valid: ["strict", "yes"], invalid: ["read-only"] },
  config_parse_protect_home: { valid: ["tmpfs"], invalid: ["hidden"] },
  config_parse_signal: { valid: ["SIGINT", "RTMIN+3"], invalid: ["SIGFOO"] },
  config_parse_mode: { valid: ["0750", "02755"], invalid: ["0999"] },
  config_parse_exec_nice: { valid: ["-5"], invalid: ["25"] },
};
