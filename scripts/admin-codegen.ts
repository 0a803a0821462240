// Codegen for the stateful mock's admin API, from its own document (openapi/mock-admin.yaml): the types the typed
// admin client is held to, and the route table and validators the mock checks admin requests with. The
// validators are ajv standalone code, as generated/validators.cjs is for calls.yaml, so that the document is the
// one statement of every rule an admin request must follow.
import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import { transformSync } from "esbuild";
import openapiTS, { astToString } from "openapi-typescript";
import YAML from "yaml";
import { inlineRequires } from "./inline-runtime.js";
import { eachOperation, type OperationEntry, type Parameter, resolveRef, type Schema, type Spec } from "./openapi.js";

// Under NodeNext this CommonJS default export arrives wrapped.
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default;

const HEADER = "// Generated from openapi/mock-admin.yaml by `npm run generate`. Do not edit by hand.\n";
const JSON_MEDIA = "application/json";

/** One admin operation as the mock routes it: its method, its path under /__mock/api, and its validators. */
interface AdminRoute {
  method: string;
  path: string;
  validators: { path?: string; query?: string; body?: string };
}

/** A copy of the schema with every local `$ref` replaced by what it points at (the document has no cycles). */
function inlined(document: Spec, node: unknown, depth = 0): unknown {
  if (depth > 32) throw new Error("mock-admin.yaml: schemas nest deeper than 32 levels");
  if (Array.isArray(node)) return node.map((item) => inlined(document, item, depth + 1));
  if (node === null || typeof node !== "object") return node;
  const { $ref, ...rest } = node as Schema;
  const target =
    typeof $ref === "string" ? (inlined(document, resolveRef(document, { $ref }), depth + 1) as Schema) : {};
  const own = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, inlined(document, value, depth + 1)]),
  );
  return { ...target, ...own };
}

function parametersSchema(document: Spec, parameters: Parameter[]): Schema {
  return {
    type: "object",
    additionalProperties: false,
    required: parameters.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(parameters.map((p) => [p.name, inlined(document, p.schema) as Schema])),
  };
}

/** The schemas an operation's request is checked against, by validator name. */
function requestSchemas(document: Spec, entry: OperationEntry): Record<string, Schema> {
  const id = entry.operation.operationId;
  const schemas: Record<string, Schema> = {};
  for (const location of ["path", "query"] as const) {
    const parameters = entry.parameters.filter((p) => p.in === location);
    if (parameters.length > 0) schemas[`${id}_${location}`] = parametersSchema(document, parameters);
  }
  const body = entry.operation.requestBody?.content[JSON_MEDIA]?.schema;
  if (body) schemas[`${id}_body`] = inlined(document, body) as Schema;
  return schemas;
}

function routes(document: Spec): Record<string, AdminRoute> {
  return Object.fromEntries(
    eachOperation(document).map((entry) => {
      const id = entry.operation.operationId;
      const names = Object.keys(requestSchemas(document, entry));
      const validators = Object.fromEntries(names.map((name) => [name.slice(id.length + 1), name]));
      return [id, { method: entry.method.toUpperCase(), path: entry.path, validators }];
    }),
  );
}

// verbose: every error carries the schema it broke and the value, which the mock's messages are made of.
function renderValidators(document: Spec): string {
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true, code: { source: true, esm: false } });
  // The unit a number is counted in, which the mock's messages name ("a whole number of seconds").
  ajv.addKeyword({ keyword: "x-unit", schemaType: "string" });
  const schemas = Object.fromEntries(
    eachOperation(document).flatMap((e) => Object.entries(requestSchemas(document, e))),
  );
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);
  const code = standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
  // Minified and self-contained, as generated/validators.cjs is: the file ships in the package.
  const { code: standalone } = inlineRequires(code, import.meta.filename);
  const minified = transformSync(standalone, { minify: true, format: "cjs", legalComments: "none" }).code;
  return `${HEADER}${minified}exports.operations = ${JSON.stringify(routes(document))};\n`;
}

function renderValidatorTypes(document: Spec): string {
  const table = routes(document);
  const validators = Object.values(table).flatMap((route) => Object.values(route.validators));
  const ids = Object.keys(table).map((id) => JSON.stringify(id));
  return `${HEADER}import type { CompiledValidator } from "./validators.cjs";
export type { CompiledValidator, ErrorObject } from "./validators.cjs";
export type AdminOperationId = ${ids.join(" | ")};
/** One admin operation as the mock routes it: its method, its path under /__mock/api, and its validators. */
export interface AdminRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  validators: { path?: string; query?: string; body?: string };
}
export declare const operations: Record<AdminOperationId, AdminRoute>;
${validators.map((name) => `export declare const ${name}: CompiledValidator;`).join("\n")}
`;
}

/** Every generated file of the admin API, by its path under the project root. */
export async function renderAdminGenerated(root: string): Promise<Record<string, string>> {
  const document = YAML.parse(await readFile(`${root}openapi/mock-admin.yaml`, "utf8")) as Spec;
  const ast = await openapiTS(JSON.stringify(document));
  return {
    "generated/mock-admin.d.ts": HEADER + astToString(ast),
    "generated/mock-admin-validators.cjs": renderValidators(document),
    "generated/mock-admin-validators.d.cts": renderValidatorTypes(document),
  };
}
