// What codegen knows about each operation beyond the types: where its validators are, how to read its form
// fields back from text, and which responses it declares.
import { assertAllErrorCodesRead, operationErrorCodes } from "./error-codes.js";
import type {
  FieldDefault,
  FieldErrorCodes,
  FieldKind,
  OperationManifest,
  WebhookManifest,
  XmlNode,
  XmlShape,
} from "./manifest-types.js";
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

export type { FieldDefault, FieldErrorCodes, FieldKind, OperationManifest, WebhookManifest, XmlNode, XmlShape };

const JSON_MEDIA = "application/json";
/** On the XML representation of an operation (a path without `.json`): the operation it represents. */
export const REPRESENTATION = "x-representation-of";
const XML_MEDIA = "application/xml";

// A field that takes a boolean or its text in another case (Record: Twilio does not mind the case) is read as a
// boolean where the text is `true` or `false`, and kept as text otherwise, for the schema to judge.
function kindOf(spec: Spec, schema: Schema): FieldKind {
  const resolved = resolveRef(spec, schema);
  if (resolved.anyOf?.some((branch) => resolveRef(spec, branch).type === "boolean")) return "boolean";
  const type = resolved.type;
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

/**
 * The schema of each response of an operation, by status: its JSON schema, or the schema its XML is read into
 * (the 2008-08-01 API responds in XML); undefined for a response without a body.
 */
function responseSchemas(spec: Spec, entry: OperationEntry): Array<[status: string, schema: Schema | undefined]> {
  return Object.entries(entry.operation.responses).map(([status, response]) => {
    const content = resolveRef<{ content?: Record<string, { schema?: Schema }> }>(spec, response).content;
    return [status, content?.[JSON_MEDIA]?.schema ?? content?.[XML_MEDIA]?.schema];
  });
}

// The kind a leaf element's text is read as: the schema's own type, or that of its one non-null branch.
function leafKind(spec: Spec, schema: Schema): "integer" | "number" | "string" {
  const types = [schema.type ?? [], ...(schema.oneOf ?? schema.anyOf ?? []).map((b) => resolveRef(spec, b).type ?? [])]
    .flat()
    .filter((t) => t !== "null");
  return types.includes("integer") ? "integer" : types.includes("number") ? "number" : "string";
}

const isAttribute = (spec: Spec, node: Schema) =>
  [node.xml, resolveRef(spec, node).xml].some((xml) => (xml as { attribute?: boolean } | undefined)?.attribute);

function xmlNode(spec: Spec, node: Schema, depth = 0): XmlNode {
  const schema = resolveRef(spec, node);
  if (depth > 16) throw new Error("XML response schemas nest deeper than 16 levels");
  // An array is unwrapped, as OpenAPI's xml object has it by default: its items repeat under the property's name.
  if (schema.type === "array") return { kind: "array", items: xmlNode(spec, schema.items ?? {}, depth + 1) };
  if (schema.type !== "object") return { kind: leafKind(spec, schema) };
  const properties = Object.entries(schema.properties ?? {});
  const attributes = properties.filter(([, s]) => isAttribute(spec, s));
  const children = properties.filter(([, s]) => !isAttribute(spec, s));
  return {
    kind: "object",
    children: Object.fromEntries(children.map(([name, s]) => [name, xmlNode(spec, s, depth + 1)])),
    ...(attributes.length > 0
      ? {
          attributes: Object.fromEntries(
            attributes.map(([name, s]) => [name, { kind: leafKind(spec, resolveRef(spec, s)) }]),
          ),
        }
      : {}),
  };
}

/** The XML responses of an operation, by status, with what the validators need to read them into objects. */
function xmlShapes(spec: Spec, entry: OperationEntry): Record<string, XmlShape> {
  const shapes: Record<string, XmlShape> = {};
  for (const [status, response] of Object.entries(entry.operation.responses)) {
    const schema = resolveRef<{ content?: Record<string, { schema?: Schema }> }>(spec, response).content?.[XML_MEDIA]
      ?.schema;
    if (!schema) continue;
    const resolved = resolveRef(spec, schema);
    const root = (resolved.xml as { name?: string } | undefined)?.name;
    if (!root) throw new Error(`${entry.operation.operationId} ${status}: an XML response schema needs xml.name`);
    shapes[status] = { root, body: xmlNode(spec, resolved) };
  }
  return shapes;
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

/** The fields with a default (`default`, on the field's schema or the one it refers to), by name. */
function fieldDefaults(spec: Spec, properties: Record<string, Schema>): Record<string, FieldDefault> {
  const defaults: Record<string, FieldDefault> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const value = schema.default ?? resolveRef(spec, schema).default;
    if (value !== undefined) defaults[name] = value as FieldDefault;
  }
  return defaults;
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
  const codesRead = new Set<unknown>();
  for (const entry of eachOperation(spec)) {
    const id = entry.operation.operationId;
    const body = formBodySchema(spec, entry.operation);
    const query = entry.parameters.filter((p) => p.in === "query");
    const statuses = Object.keys(entry.operation.responses);
    const responses = Object.fromEntries(
      statuses.map((s) => [s, compiled[`${id}_response_${s}`] ? `${id}_response_${s}` : null]),
    );
    const errorCodes = operationErrorCodes(entry, body, codesRead);
    const queryDefaults = fieldDefaults(spec, Object.fromEntries(query.map((p) => [p.name, p.schema])));
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
      ...(body
        ? {
            bodyFields: fieldKinds(spec, body.properties ?? {}),
            bodyRequired: entry.operation.requestBody?.required === true,
          }
        : {}),
      ...(body && Object.keys(twimlFields(body.properties ?? {})).length > 0
        ? { twimlFields: twimlFields(body.properties ?? {}) }
        : {}),
      ...(body && Object.keys(fieldDefaults(spec, body.properties ?? {})).length > 0
        ? { bodyDefaults: fieldDefaults(spec, body.properties ?? {}) }
        : {}),
      ...(query.length > 0
        ? { queryFields: Object.fromEntries(query.map((p) => [p.name, kindOf(spec, p.schema)])) }
        : {}),
      ...(Object.keys(queryDefaults).length > 0 ? { queryDefaults } : {}),
      ...(Object.keys(xmlShapes(spec, entry)).length > 0 ? { xmlResponses: xmlShapes(spec, entry) } : {}),
      ...(Object.keys(errorCodes).length > 0 ? { errorCodes } : {}),
      ...(entry.operation.deprecated === true ? { deprecated: true as const } : {}),
      ...(typeof entry.operation[REPRESENTATION] === "string"
        ? { representationOf: entry.operation[REPRESENTATION] as string }
        : {}),
      pathParams: entry.parameters.filter((p) => p.in === "path").map((p) => p.name),
      // Where the sources leave the success status open (the 2008-08-01 create), every one declared is a success;
      // the last, 201 there, is the one the mock responds with.
      successStatus: Number(statuses.filter((s) => s.startsWith("2")).at(-1)),
      successStatuses: statuses.filter((s) => s.startsWith("2")).map(Number),
    };
  }
  assertAllErrorCodesRead(spec, codesRead);
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
