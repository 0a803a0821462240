// The pure part of codegen: spec text in, generated file texts out. Kept apart from generate.ts so that the
// benchmark can time it without touching the disk.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import openapiTS, { astToString } from "openapi-typescript";
import YAML from "yaml";
import { buildManifest, buildWebhookManifest, derivedSchemas, type Spec, validatorExports } from "./manifest.js";

// Under NodeNext these CommonJS default exports arrive wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default;

const HEADER = "// Generated from openapi/calls.yaml by `npm run generate`. Do not edit by hand.\n";

/** The ajv instance every validator of this project is compiled with: 2020-12, strict, all errors. */
export function createSpecAjv(spec: Spec, code?: { source: true; esm: true }): Ajv2020 {
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

function renderValidators(spec: Spec): string {
  const ajv = createSpecAjv(spec, { source: true, esm: true });
  // standaloneCode emits a function once per export name, so a schema shared by several operations is
  // exported once under its own name and aliased for each operation.
  const exports = validatorExports(spec);
  const canonical = new Map<string, string>();
  for (const ref of new Set(Object.values(exports))) canonical.set(ref, ref.split("/").pop()!);
  const code = standaloneCode(ajv, Object.fromEntries([...canonical].map(([ref, name]) => [name, ref])));
  const aliases = Object.entries(exports)
    .filter(([name, ref]) => canonical.get(ref) !== name)
    .map(([name, ref]) => `export { ${canonical.get(ref)} as ${name} };`);
  // ajv's standalone output calls require() for its runtime helpers and formats even in ESM mode.
  const shim = 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n';
  const manifest = `export const operations = ${JSON.stringify(buildManifest(spec))};\nexport const webhooks = ${JSON.stringify(buildWebhookManifest(spec))};`;
  return `${HEADER}${shim}${code}\n${aliases.join("\n")}\n${manifest}\n`;
}

function renderValidatorTypes(spec: Spec): string {
  const lines = Object.keys(validatorExports(spec)).map((id) => `export declare const ${id}: CompiledValidator;`);
  return `${HEADER}import type { ErrorObject } from "ajv";
export type FieldKind = "string" | "integer" | "boolean" | "array";
export interface OperationManifest {
  operationId: OperationId;
  method: "GET" | "POST" | "DELETE";
  path: string;
  validators: { body?: string; query?: string; path: string; responses: Record<string, string | null> };
  bodyFields?: Record<string, FieldKind>;
  queryFields?: Record<string, FieldKind>;
  pathParams: string[];
  successStatus: number;
}
export type WebhookId = ${Object.keys(buildWebhookManifest(spec))
    .map((id) => JSON.stringify(id))
    .join(" | ")};
export interface WebhookManifest {
  operationId: WebhookId;
  validator: string;
  bodyFields: Record<string, FieldKind>;
}
export declare const webhooks: Record<WebhookId, WebhookManifest>;
export declare const operations: Record<OperationId, OperationManifest>;
export type OperationId = ${Object.keys(buildManifest(spec))
    .map((id) => JSON.stringify(id))
    .join(" | ")};
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
${lines.join("\n")}
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
    "generated/validators.js": renderValidators(spec),
    "generated/validators.d.ts": renderValidatorTypes(spec),
  };
}
