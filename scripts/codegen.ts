// The pure part of codegen: spec text in, generated file texts out. Kept apart from generate.ts so that the
// benchmark can time it without touching the disk.
import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import { transformSync } from "esbuild";
import openapiTS, { astToString } from "openapi-typescript";
import YAML from "yaml";
import { renderAdminGenerated } from "./admin-codegen.js";
import { ADVISORY, ADVISORY_MARK, canonicalSpec, reachesAdvisory, withoutAdvisoryMarks } from "./advisory.js";
import { ERROR_CODES, ERROR_CODES_SCHEMA } from "./error-codes.js";
import { renderErrorTypes } from "./error-types.js";
import { inlineRequires } from "./inline-runtime.js";
import {
  buildManifest,
  buildWebhookManifest,
  DOCUMENT_ID,
  derivedSchemas,
  type Layer,
  validatorExports,
} from "./manifest.js";
import type { Spec } from "./openapi.js";
import { buildTwimlVocabulary } from "./twiml-vocabulary.js";

// Under NodeNext these CommonJS default exports arrive wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default;

const HEADER = "// Generated from openapi/calls.yaml by `npm run generate`. Do not edit by hand.\n";

/**
 * The ajv instance every validator of this project is compiled with: 2020-12, strict, all errors. It holds both
 * layers of the spec: the truth under calls.json and the canonical document (advisories merged) under
 * calls-strict.json.
 */
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
  ajv.addVocabulary(["example", "components", "xml"]);
  // The advisory rules: an annotation in the truth, a mark on canonical nodes that violation mapping reads.
  ajv.addKeyword({ keyword: ADVISORY, schemaType: ["object", "array"] });
  ajv.addKeyword({ keyword: ADVISORY_MARK, schemaType: ["object", "array"] });
  // A field that holds TwiML: validateTwiml checks it after the schema (see src/validation/index.ts).
  ajv.addKeyword({ keyword: "x-twiml", schemaType: "string" });
  // Twilio's error codes for a field or a rule (see scripts/error-codes.ts); ajv checks their shape.
  ajv.addKeyword({ keyword: ERROR_CODES, schemaType: "object", metaSchema: ERROR_CODES_SCHEMA });
  ajv.addFormat("password", true);
  const layers: Array<[Layer, Spec]> = [
    ["truth", spec],
    ["strict", canonicalSpec(spec)],
  ];
  for (const [layer, document] of layers) {
    ajv.addSchema({ $id: DOCUMENT_ID[layer], components: document.components });
    for (const [id, schema] of Object.entries(derivedSchemas(document, layer))) ajv.addSchema({ $id: id, ...schema });
  }
  return ajv;
}

/** Every validator the package exports: the truth's, and a strict one wherever an advisory can apply. */
function allValidatorExports(spec: Spec): Record<string, string> {
  const truth = validatorExports(spec, "truth");
  const strict = validatorExports(canonicalSpec(spec), "strict");
  const derived = derivedSchemas(spec, "truth");
  const needsStrict = (name: string) => {
    const target = truth[name] as string;
    return reachesAdvisory(spec, derived[target] ?? { $ref: target });
  };
  const strictNeeded = Object.keys(truth).filter(needsStrict);
  return {
    ...truth,
    ...Object.fromEntries(strictNeeded.map((name) => [`${name}_strict`, strict[`${name}_strict`] as string])),
  };
}

// ajv's standalone output is CommonJS, so the package loads it with require() on the first validation: importing
// the package then costs nothing for validators it may never use.
function renderValidators(spec: Spec): string {
  const ajv = createSpecAjv(spec, { source: true, esm: false });
  // standaloneCode emits a function once per export name, so a schema shared by several operations is
  // exported once under its own name and aliased for each operation.
  const exports = allValidatorExports(spec);
  const exported = new Map<string, string>();
  for (const ref of new Set(Object.values(exports))) {
    const name = ref.split("/").pop() ?? ref;
    exported.set(ref, ref.startsWith(DOCUMENT_ID.strict) ? `${name}_strict` : name);
  }
  const code = standaloneCode(ajv, Object.fromEntries([...exported].map(([ref, name]) => [name, ref])));
  const aliases = Object.entries(exports)
    .filter(([name, ref]) => exported.get(ref) !== name)
    .map(([name, ref]) => `exports.${name} = exports.${exported.get(ref)};`);
  const { code: standalone, inlined } = inlineRequires(code, import.meta.filename);
  // Minified because the file is most of what an install of the package adds beside undici (a third less on disk);
  // nobody reads ajv's generated code, and its error objects, schema paths and embedded schemas are unchanged.
  const minified = transformSync(standalone, { minify: true, format: "cjs", legalComments: "none" }).code;
  const note = `// ajv's standalone code, minified; inlined so that it runs with no package installed: ${inlined.join(", ")}.\n`;
  return `${HEADER}${note}${minified}${aliases.join("\n")}\n`;
}

function renderValidatorTypes(spec: Spec): string {
  const lines = Object.keys(allValidatorExports(spec)).map((id) => `export declare const ${id}: CompiledValidator;`);
  // ajv's ErrorObject, restated so that the published types need no ajv installed (it is a devDependency).
  return `${HEADER}export interface ErrorObject {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, any>;
  propertyName?: string;
  message?: string;
  schema?: unknown;
  parentSchema?: Record<string, any>;
  data?: unknown;
}
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
  const canonical = withoutAdvisoryMarks(canonicalSpec(spec));
  // The types follow the canonical document: what well-behaved clients send and what Twilio documents.
  // defaultNonNullable: false keeps request fields that merely have a default (Timeout, Method, ...) optional.
  const ast = await openapiTS(JSON.stringify(canonical), { defaultNonNullable: false });
  return {
    // JSON without indentation: these files ship in the package, where the client-only install is held to 0.15x of
    // the twilio SDK's; the readable source is openapi/calls.yaml.
    "generated/calls.bundled.json": `${JSON.stringify(spec)}\n`,
    "generated/calls.canonical.json": `${JSON.stringify(canonical)}\n`,
    "generated/calls.d.ts": HEADER + astToString(ast),
    "generated/manifest.js": renderManifest(spec),
    "generated/manifest.d.ts": renderManifestTypes(
      spec,
      await readFile(new URL("./manifest-types.ts", import.meta.url), "utf8"),
    ),
    "generated/validators.cjs": renderValidators(spec),
    "generated/validators.d.cts": renderValidatorTypes(spec),
    // The Twilio errors each operation declares, for the client's typed errors (scripts/error-types.ts).
    ...(await renderErrorTypes(spec)),
    // The stateful mock's admin API has a document of its own (scripts/admin-codegen.ts).
    ...(await renderAdminGenerated(root)),
    // Read from the twilio devDependency's TwiML builder; the spec supplies the address patterns.
    "generated/twiml-vocabulary.json": `${JSON.stringify(buildTwimlVocabulary(root, spec))}\n`,
  };
}
