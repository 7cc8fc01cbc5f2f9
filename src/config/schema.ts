/**
 * The JSON Schema of `.unitlint.json` (schemas/config.schema.json), built from the rule registry
 * so that rule ids and names are checked and completed by editors. `npm run gen` writes it;
 * test/config.test.ts fails when the checked-in file is stale.
 */
import { ruleTags } from "../rules/meta.js";
import type { Rule } from "../rules/types.js";

const LEVEL = { enum: ["off", "info", "warning", "error"] };
/** The id pattern of custom rules (schemas/rule.schema.json). */
const CUSTOM_ID = "^(?!UL-)[A-Z][A-Z0-9]*-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$";

function ruleSettings(rules: readonly Rule[]): object {
  const properties: Record<string, object> = {};
  for (const rule of rules) {
    const value = {
      description: `${rule.id} ${rule.name}: ${rule.docs.summary}`,
      oneOf: [
        LEVEL,
        {
          type: "object",
          additionalProperties: false,
          properties: { severity: LEVEL, ...(rule.options ? { options: rule.options.schema } : {}) },
        },
      ],
    };
    properties[rule.id] = value;
    properties[rule.name] = value;
  }
  // Custom rules (schemas/rule.schema.json ids) can be given levels too.
  // Custom rules (schemas/rule.schema.json ids) and whole tags ("tag:security") take levels too.
  const levelOnly = { oneOf: [LEVEL, { type: "object", additionalProperties: false, properties: { severity: LEVEL } }] };
  const tags = [...new Set(rules.flatMap((r) => ruleTags(r)))].sort();
  return {
    type: "object",
    additionalProperties: false,
    properties: { ...properties, ...Object.fromEntries(tags.map((t) => [`tag:${t}`, { ...levelOnly, description: `every rule tagged ${t}` }])) },
    patternProperties: { [CUSTOM_ID]: levelOnly },
  };
}

export function configSchema(rules: readonly Rule[]): object {
  const rulesSchema = ruleSettings(rules);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://unitlint.dev/schemas/config.schema.json",
    title: "unitlint configuration (.unitlint.json)",
    description: "Generated from the rule registry by `npm run gen`; do not edit.",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      rules: { ...rulesSchema, description: "Per rule id or name, or tag:<tag>: off, info, warning or error, or { severity, options }; a rule's own entry wins over its tags'" },
      overrides: {
        description: "Settings for the files matching a glob (relative to the configuration file's directory, matched as .gitignore matches: a glob without \"/\" at any depth, a directory covers what is in it); later entries win",
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files"],
          properties: {
            files: { oneOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 }] },
            rules: rulesSchema,
            scope: { description: "Scope of matching files whose path says neither system nor user", enum: ["system", "user"] },
          },
        },
      },
      systemdVersion: { description: "The systemd release the units are for (--systemd-version)", type: "integer", minimum: 209 },
      lingerUsers: { description: "Users known to have linger (loginctl enable-linger)", type: "array", items: { type: "string", minLength: 1 } },
      failOn: { description: "The lowest severity that fails the run (--fail-on)", enum: ["error", "warning", "info"] },
      harden: {
        type: "object",
        additionalProperties: false,
        properties: {
          template: { description: "A template file for unitlint harden, relative to the configuration file", type: "string", minLength: 1 },
          profile: { description: "The template profile unitlint harden applies", type: "string", minLength: 1 },
        },
      },
      ignore: { description: "Globs of files not to lint (relative to the configuration file's directory, matched as .gitignore matches: a glob without \"/\" at any depth, a directory covers what is in it)", type: "array", items: { type: "string", minLength: 1 } },
      custom: { description: "Declarative rules of your own (schemas/rule.schema.json)", type: "array", items: { $ref: "rule.schema.json" } },
    },
  };
}
