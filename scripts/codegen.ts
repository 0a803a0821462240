// The pure part of codegen: spec text in, generated file texts out. Kept apart from generate.ts so that the
// benchmark can time it without touching the disk.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import openapiTS, { astToString } from "openapi-typescript";
import YAML from "yaml";
import { buildManifest, buildWebhookManifest, derivedSchemas, validatorExports } from "./manifest.js";
import type { Spec } from "./openapi.js";

// Under NodeNext these CommonJS default exports arrive wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default;

const HEADER = "// Generated from openapi/calls.yaml by `npm run generate`. Do not edit by hand.\n";

/** The ajv instance every validator of this project is compiled with: 2020-12, strict, all errors. */
export function createSpecAjv(spec: Spec, code?: { source: true; esm: boolean }): Ajv2020 {
  // inlineRefs: false compiles each named schema once, shared by every operation that refers to it.
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    verbose: true,
    inlineRefs: false,
    ...(code ? { code } : {}),
  });
  addFormats(ajv);
  // OpenAPI annotations that JSON Schema 2020-12 does not define.
  ajv.addVocabulary(["example", "components"]);
  ajv.addFormat("password", true);
  ajv.addSchema({ $id: "calls.json", components: spec.components });
  for (const [id, schema] of Object.entries(derivedSchemas(spec))) ajv.addSchema({ $id: id, ...schema });
  return ajv;
}

// ajv's standalone output is CommonJS, so the package loads it with require() on the first validation: importing
// the package then costs nothing for validators it may never use.
function renderValidators(spec: Spec): string {
  const ajv = createSpecAjv(spec, { source: true, esm: false });
  // standaloneCode emits a function once per export name, so a schema shared by several operations is
  // exported once under its own name and aliased for each operation.
  const exports = validatorExports(spec);
  const canonical = new Map<string, string>();
  for (const ref of new Set(Object.values(exports))) canonical.set(ref, ref.split("/").pop() ?? ref);
  const code = standaloneCode(ajv, Object.fromEntries([...canonical].map(([ref, name]) => [name, ref])));
  const aliases = Object.entries(exports)
    .filter(([name, ref]) => canonical.get(ref) !== name)
    .map(([name, ref]) => `exports.${name} = exports.${canonical.get(ref)};`);
  return `${HEADER}${code}\n${aliases.join("\n")}\n`;
}

function renderValidatorTypes(spec: Spec): string {
  const lines = Object.keys(validatorExports(spec)).map((id) => `export declare const ${id}: CompiledValidator;`);
  return `${HEADER}import type { ErrorObject } from "ajv";
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
${lines.join("\n")}
`;
}

const union = (ids: string[]) => ids.map((id) => JSON.stringify(id)).join(" | ");

function renderManifest(spec: Spec): string {
  return `${HEADER}export const operations = ${JSON.stringify(buildManifest(spec))};
export const webhooks = ${JSON.stringify(buildWebhookManifest(spec))};
`;
}

// The declarations of scripts/manifest-types.ts, narrowed to this spec's operation and webhook ids.
function renderManifestTypes(spec: Spec, declarations: string): string {
  const body = declarations.replace(/^(\/\/.*\n)+\n?/, "");
  return `${HEADER}${body}
export type OperationId = ${union(Object.keys(buildManifest(spec)))};
export type WebhookId = ${union(Object.keys(buildWebhookManifest(spec)))};
export declare const operations: { [Id in OperationId]: OperationManifest<Id> };
export declare const webhooks: { [Id in WebhookId]: WebhookManifest<Id> };
`;
}

export async function renderGenerated(root: string): Promise<Record<string, string>> {
  const specPath = `${root}openapi/calls.yaml`;
  const spec = YAML.parse(await readFile(specPath, "utf8")) as Spec;
  // defaultNonNullable: false keeps request fields that merely have a default (Timeout, Method, ...) optional.
  const ast = await openapiTS(pathToFileURL(specPath), { defaultNonNullable: false });
  return {
    "generated/calls.bundled.json": `${JSON.stringify(spec, null, 2)}\n`,
    "generated/calls.d.ts": HEADER + astToString(ast),
    "generated/manifest.js": renderManifest(spec),
    "generated/manifest.d.ts": renderManifestTypes(
      spec,
      await readFile(new URL("./manifest-types.ts", import.meta.url), "utf8"),
    ),
    "generated/validators.cjs": renderValidators(spec),
    "generated/validators.d.cts": renderValidatorTypes(spec),
  };
}
