/** The registry of every rule, sorted by id. Codes are permanent: never reuse or renumber one. */
import type { Rule } from "./types.js";
import UL001 from "./UL001-invalid-section-header.js";
import UL002 from "./UL002-assignment-outside-section.js";
import UL003 from "./UL003-missing-equals.js";
import UL004 from "./UL004-missing-key.js";
import UL005 from "./UL005-invalid-utf8.js";
import UL006 from "./UL006-line-too-long.js";
import UL007 from "./UL007-bom-before-comment.js";
import UL008 from "./UL008-unused-suppression.js";
import UL101 from "./UL101-restart-storm.js";
import UL102 from "./UL102-start-limit-budget.js";
import UL103 from "./UL103-start-limit-in-service.js";
import UL104 from "./UL104-on-failure-ignores-clean-exit.js";
import UL105 from "./UL105-oneshot-restart.js";
import UL106 from "./UL106-multiple-execstart.js";
import UL107 from "./UL107-missing-execstart.js";
import UL108 from "./UL108-exit-status-list.js";
import UL201 from "./UL201-duplicate-across-scopes.js";
import UL202 from "./UL202-shared-port.js";
import UL203 from "./UL203-user-unit-without-linger.js";
import UL301 from "./UL301-unknown-section.js";
import UL302 from "./UL302-unknown-key.js";
import UL303 from "./UL303-directive-version.js";
import UL304 from "./UL304-invalid-value.js";
import UL305 from "./UL305-unknown-specifier.js";
import UL306 from "./UL306-unsupported-for-unit-type.js";
import UL307 from "./UL307-unit-file-name.js";
import UL308 from "./UL308-missing-type-setting.js";
import UL309 from "./UL309-conflicting-settings.js";
import UL310 from "./UL310-api-file-system-mount.js";
import UL401 from "./UL401-secret-in-environment.js";
import UL402 from "./UL402-world-writable-path.js";
import UL403 from "./UL403-sandboxing-exposure.js";
import UL404 from "./UL404-nobody-user.js";
import UL204 from "./UL204-user-unit-identity.js";
import UL205 from "./UL205-user-unit-system-target.js";
import UL206 from "./UL206-user-unit-system-only-setting.js";
import UL207 from "./UL207-enablement-sanity.js";
import UL208 from "./UL208-missing-program.js";
import UL209 from "./UL209-socket-without-service.js";
import UL900 from "./UL900-unreadable-file.js";
import UL901 from "./UL901-internal-error.js";

export const RULES: readonly Rule[] = [UL001, UL002, UL003, UL004, UL005, UL006, UL007, UL008, UL101, UL102, UL103, UL104, UL105, UL106, UL107, UL108, UL201, UL202, UL203, UL204, UL205, UL206, UL207, UL208, UL209, UL301, UL302, UL303, UL304, UL305, UL306, UL307, UL308, UL309, UL310, UL401, UL402, UL403, UL404, UL900, UL901];

export const UNREADABLE_FILE = UL900;
export const INTERNAL_ERROR = UL901;
export const UNUSED_SUPPRESSION = UL008;

export function findRule(idOrName: string): Rule | undefined {
  return RULES.find((r) => r.id === idOrName || r.name === idOrName);
}
