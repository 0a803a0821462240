// What codegen knows about each operation beyond the types: where its validators are, how to read its form
// fields back from text, and which responses it declares.
import type { FieldKind, OperationManifest, WebhookManifest } from "./manifest-types.js";
import {
  eachOperation,
  FORM,
  formBodySchema,
  type OperationEntry,
  type Parameter,
  resolveRef,
  type Schema,
  type Spec,
} from "./openapi.js";

export type { FieldKind, OperationManifest, WebhookManifest };

const JSON_MEDIA = "application/json";

function kindOf(spec: Spec, schema: Schema): FieldKind {
  const type = resolveRef(spec, schema).type;
  return type === "integer" || type === "boolean" || type === "array" ? type : "string";
}

function parametersSchema(parameters: Parameter[]): Schema {
  return {
    type: "object",
    additionalProperties: false,
    required: parameters.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
  };
}

/** The JSON schema of each response of an operation, by status (undefined for a response without JSON). */
function responseSchemas(spec: Spec, entry: OperationEntry): Array<[status: string, schema: Schema | undefined]> {
  return Object.entries(entry.operation.responses).map(([status, response]) => [
    status,
    resolveRef<{ content?: Record<string, { schema?: Schema }> }>(spec, response).content?.[JSON_MEDIA]?.schema,
  ]);
}

/** The $id under which a document's components are compiled: the truth, or the canonical (strict) layer. */
export type Layer = "truth" | "strict";
export const DOCUMENT_ID: Record<Layer, string> = { truth: "calls.json", strict: "calls-strict.json" };
/** A validator's export name in a layer: `createCall_body`, `createCall_body_strict`. */
export const layerName = (name: string, layer: Layer) => (layer === "truth" ? name : `${name}_strict`);

/** Schemas the spec has no name for (the parameters of an operation as one object), keyed by their $id. */
export function derivedSchemas(spec: Spec, layer: Layer = "truth"): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  for (const entry of eachOperation(spec)) {
    const id = entry.operation.operationId;
    const query = entry.parameters.filter((p) => p.in === "query");
    const named = (name: string) => layerName(name, layer);
    const prefix = <T>(schema: T) => prefixRefs(schema, DOCUMENT_ID[layer]);
    if (query.length > 0) schemas[named(`${id}_query`)] = prefix(parametersSchema(query));
    schemas[named(`${id}_path`)] = prefix(parametersSchema(entry.parameters.filter((p) => p.in === "path")));
    for (const [status, schema] of responseSchemas(spec, entry)) {
      if (schema && typeof schema.$ref !== "string") schemas[named(`${id}_response_${status}`)] = prefix(schema);
    }
  }
  return schemas;
}

/**
 * Every validator, keyed by its export name (`createCall_body`, `fetchCall_response_200`), with the schema it
 * checks. Named schemas are referenced, not copied, so that operations sharing one share its compiled code.
 */
export function validatorExports(spec: Spec, layer: Layer = "truth"): Record<string, string> {
  const exports: Record<string, string> = {};
  const document = DOCUMENT_ID[layer];
  for (const entry of eachOperation(spec, { webhooks: true })) {
    const body = entry.operation.requestBody?.content[FORM]?.schema;
    if (body?.$ref) exports[layerName(`${entry.operation.operationId}_body`, layer)] = `${document}${body.$ref}`;
  }
  for (const id of Object.keys(derivedSchemas(spec, layer))) exports[id] = id;
  for (const entry of eachOperation(spec)) {
    for (const [status, schema] of responseSchemas(spec, entry)) {
      const name = layerName(`${entry.operation.operationId}_response_${status}`, layer);
      if (schema?.$ref) exports[name] = `${document}${schema.$ref}`;
    }
  }
  return exports;
}

// Schemas compiled outside the spec document point back into it by its $id.
function prefixRefs<T>(schema: T, document: string): T {
  if (Array.isArray(schema)) return schema.map((item) => prefixRefs(item, document)) as T;
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === "$ref" && typeof value === "string" && value.startsWith("#")
        ? [key, `${document}${value}`]
        : [key, prefixRefs(value, document)],
    ),
  ) as T;
}

// Fields of an object schema including those it takes from allOf, so that form text is read with the right kinds.
function allProperties(spec: Spec, schema: Schema): Record<string, Schema> {
  const inherited = (schema.allOf ?? []).map((s) => allProperties(spec, resolveRef(spec, s)));
  return Object.assign({}, ...inherited, schema.properties ?? {});
}

function fieldKinds(spec: Spec, properties: Record<string, Schema>): Record<string, FieldKind> {
  return Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, kindOf(spec, s)]));
}

/** The body fields marked `x-twiml`: TwiML documents the validators check with validateTwiml. */
function twimlFields(properties: Record<string, Schema>): Record<string, "voice" | "messaging"> {
  const fields: Record<string, "voice" | "messaging"> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const kind = (schema as Record<string, unknown>)["x-twiml"];
    if (kind === "voice" || kind === "messaging") fields[name] = kind;
  }
  return fields;
}

export function buildManifest(spec: Spec): Record<string, OperationManifest> {
  const manifest: Record<string, OperationManifest> = {};
  const compiled = validatorExports(spec);
  for (const entry of eachOperation(spec)) {
    const id = entry.operation.operationId;
    const body = formBodySchema(spec, entry.operation);
    const query = entry.parameters.filter((p) => p.in === "query");
    const statuses = Object.keys(entry.operation.responses);
    const responses = Object.fromEntries(
      statuses.map((s) => [s, compiled[`${id}_response_${s}`] ? `${id}_response_${s}` : null]),
    );
    manifest[id] = {
      operationId: id,
      method: entry.method.toUpperCase() as OperationManifest["method"],
      path: entry.path,
      validators: {
        ...(body ? { body: `${id}_body` } : {}),
        ...(query.length > 0 ? { query: `${id}_query` } : {}),
        path: `${id}_path`,
        responses,
      },
      ...(body ? { bodyFields: fieldKinds(spec, body.properties ?? {}) } : {}),
      ...(body && Object.keys(twimlFields(body.properties ?? {})).length > 0
        ? { twimlFields: twimlFields(body.properties ?? {}) }
        : {}),
      ...(query.length > 0
        ? { queryFields: Object.fromEntries(query.map((p) => [p.name, kindOf(spec, p.schema)])) }
        : {}),
      pathParams: entry.parameters.filter((p) => p.in === "path").map((p) => p.name),
      successStatus: Number(statuses.find((s) => s.startsWith("2"))),
    };
  }
  return manifest;
}

export function buildWebhookManifest(spec: Spec): Record<string, WebhookManifest> {
  const manifest: Record<string, WebhookManifest> = {};
  for (const entry of eachOperation(spec, { webhooks: true }).filter((e) => e.webhook)) {
    const id = entry.operation.operationId;
    const body = formBodySchema(spec, entry.operation);
    if (!body) throw new Error(`webhook ${id} has no form body`);
    manifest[id] = {
      operationId: id,
      validator: `${id}_body`,
      bodyFields: fieldKinds(spec, allProperties(spec, body)),
    };
  }
  return manifest;
}
