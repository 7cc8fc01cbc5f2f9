/**
 * Files the package ships beside its code (schemas/, templates/), and JSON Schema validators for
 * them. The bundle runs from dist/, the sources from src/<dir>/: both find the package directory
 * by walking up to the one that holds schemas/. ajv is loaded only when a validator is asked for.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);
let packageDir: string | null = null;

/** The path of a file shipped with the package, e.g. packageFile("schemas", "config.schema.json"). */
export function packageFile(...parts: string[]): string {
  if (packageDir === null) {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!fs.existsSync(path.join(dir, "schemas")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    packageDir = dir;
  }
  return path.join(packageDir, ...parts);
}

const readSchema = (name: string): object => JSON.parse(fs.readFileSync(packageFile("schemas", name), "utf8")) as object;

/** A validator for schemas/<name> (all errors, not strict), with the schemas it refers to by file name. */
export function schemaValidator(name: string, refs: readonly string[] = []): ValidateFunction {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  for (const ref of refs) ajv.addSchema(readSchema(ref), ref);
  return ajv.compile(readSchema(name));
}
