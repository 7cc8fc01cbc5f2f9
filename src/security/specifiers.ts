/**
 * The few specifiers the assessed settings use (User=%i, RootDirectory=/srv/%N …), resolved as
 * `systemd-analyze security` resolves them: a template is analysed as its instance "i"
 * (verify_prepare_filename()). Other specifiers stay as written.
 */
import type { Unit } from "../model/unit.js";
import { stemParts, unescapeUnitName } from "../model/unit-name.js";

/** The instance a template is analysed with. */
export const TEMPLATE_INSTANCE = "i";

export function resolveSpecifiers(value: string, unit: Unit): string {
  if (!value.includes("%")) return value;
  const name = unit.unitName;
  const stem = name ? (name.isTemplate ? `${name.stem}${TEMPLATE_INSTANCE}` : name.stem) : unit.name;
  const { prefix, last, instance } = stemParts(stem);
  // %P, %I and %J are unescaped ("-" is "/"), kept as written when they cannot be.
  const table: Record<string, string> = {
    "%": "%",
    n: name ? `${stem}.${name.type}` : unit.name,
    N: stem,
    p: prefix,
    P: unescapeUnitName(prefix) ?? prefix,
    i: instance,
    I: unescapeUnitName(instance) ?? instance,
    j: last,
    J: unescapeUnitName(last) ?? last,
  };
  return value.replace(/%(.)/g, (whole, c: string) => table[c] ?? whole);
}
