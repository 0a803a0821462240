// What codegen knows about each operation beyond the types: where its validators are, how to read its form
// fields back from text, and which responses it declares. Shared by codegen and the contract tests.

export type JsonSchema = Record<string, unknown>;
export interface Spec {
  paths: Record<string, Record<string, unknown>>;
  webhooks?: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; [key: string]: unknown };
  [key: string]: unknown;
}
/** How a form or query value is turned back from text into what the schema expects. */
export type FieldKind = "string" | "integer" | "boolean" | "array";

export interface OperationManifest {
  operationId: string;
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** Validator export names; absent where the operation has no such part. */
  validators: { body?: string; query?: string; path: string; responses: Record<string, string | null> };
  bodyFields?: Record<string, FieldKind>;
  queryFields?: Record<string, FieldKind>;
  pathParams: string[];
  successStatus: number;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: JsonSchema;
}

const METHODS = ["get", "post", "delete"] as const;

function resolve(spec: Spec, node: unknown): JsonSchema {
  let current = node as JsonSchema;
  while (typeof current?.$ref === "string") {
    const pointer = (current.$ref as string).replace(/^#\//, "").split("/");
    current = pointer.reduce<any>((at, key) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return current;
}

function kindOf(spec: Spec, schema: JsonSchema): FieldKind {
  const type = resolve(spec, schema).type;
  return type === "integer" || type === "boolean" || type === "array" ? type : "string";
}

function eachOperation(spec: Spec) {
  const found: Array<{
    path: string;
    method: (typeof METHODS)[number];
    op: Record<string, any>;
    parameters: Parameter[];
  }> = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = ((item.parameters as unknown[]) ?? []).map((p) => resolve(spec, p) as unknown as Parameter);
    for (const method of METHODS) {
      const op = item[method] as Record<string, any> | undefined;
      if (!op) continue;
      const own = ((op.parameters as unknown[]) ?? []).map((p) => resolve(spec, p) as unknown as Parameter);
      found.push({ path, method, op, parameters: [...shared, ...own] });
    }
  }
  return found;
}

function parametersSchema(parameters: Parameter[]): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: parameters.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
  };
}

/** Schemas the spec has no name for (the parameters of an operation as one object), keyed by their $id. */
export function derivedSchemas(spec: Spec): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const { op, parameters } of eachOperation(spec)) {
    const id = op.operationId as string;
    const query = parameters.filter((p) => p.in === "query");
    if (query.length > 0) schemas[`${id}_query`] = prefixRefs(parametersSchema(query));
    schemas[`${id}_path`] = prefixRefs(parametersSchema(parameters.filter((p) => p.in === "path")));
    for (const [status, response] of Object.entries(op.responses as Record<string, unknown>)) {
      const schema = (resolve(spec, response) as any).content?.["application/json"]?.schema;
      if (schema && typeof schema.$ref !== "string") schemas[`${id}_response_${status}`] = prefixRefs(schema);
    }
  }
  return schemas;
}

/**
 * Every validator, keyed by its export name (`createCall_body`, `fetchCall_response_200`), with the schema it
 * checks. Named schemas are referenced, not copied, so that operations sharing one share its compiled code.
 */
export function validatorExports(spec: Spec): Record<string, string> {
  const exports: Record<string, string> = {};
  for (const { op } of eachOperation(spec)) {
    const id = op.operationId as string;
    const body = op.requestBody?.content?.["application/x-www-form-urlencoded"]?.schema;
    if (body) exports[`${id}_body`] = `calls.json${body.$ref}`;
  }
  for (const { operationId, ref } of eachWebhook(spec)) exports[`${operationId}_body`] = `calls.json${ref}`;
  for (const id of Object.keys(derivedSchemas(spec))) exports[id] = id;
  for (const { op } of eachOperation(spec)) {
    const id = op.operationId as string;
    for (const [status, response] of Object.entries(op.responses as Record<string, unknown>)) {
      const schema = (resolve(spec, response) as any).content?.["application/json"]?.schema;
      if (schema && typeof schema.$ref === "string") exports[`${id}_response_${status}`] = `calls.json${schema.$ref}`;
    }
  }
  return exports;
}

// Schemas compiled outside the spec document point back into it by its $id.
function prefixRefs(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(prefixRefs);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === "$ref" && typeof value === "string" && value.startsWith("#")
        ? [key, `calls.json${value}`]
        : [key, prefixRefs(value)],
    ),
  );
}

export function buildManifest(spec: Spec): Record<string, OperationManifest> {
  const manifest: Record<string, OperationManifest> = {};
  const compiled = validatorExports(spec);
  for (const { path, method, op, parameters } of eachOperation(spec)) {
    const id = op.operationId as string;
    const body = op.requestBody?.content?.["application/x-www-form-urlencoded"]?.schema;
    const query = parameters.filter((p) => p.in === "query");
    const statuses = Object.keys(op.responses as object);
    const responses = Object.fromEntries(
      statuses.map((s) => [s, compiled[`${id}_response_${s}`] ? `${id}_response_${s}` : null]),
    );
    const bodyProperties = body ? (resolve(spec, body).properties as Record<string, JsonSchema>) : undefined;
    manifest[id] = {
      operationId: id,
      method: method.toUpperCase() as OperationManifest["method"],
      path,
      validators: {
        ...(body ? { body: `${id}_body` } : {}),
        ...(query.length > 0 ? { query: `${id}_query` } : {}),
        path: `${id}_path`,
        responses,
      },
      ...(bodyProperties
        ? { bodyFields: Object.fromEntries(Object.entries(bodyProperties).map(([name, s]) => [name, kindOf(spec, s)])) }
        : {}),
      ...(query.length > 0
        ? { queryFields: Object.fromEntries(query.map((p) => [p.name, kindOf(spec, p.schema)])) }
        : {}),
      pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
      successStatus: Number(statuses.find((s) => s.startsWith("2"))),
    };
  }
  return manifest;
}

export interface WebhookManifest {
  operationId: string;
  validator: string;
  bodyFields: Record<string, FieldKind>;
}

function eachWebhook(spec: Spec) {
  return Object.values(spec.webhooks ?? {}).map((item) => {
    const op = item.post as Record<string, any>;
    return {
      operationId: op.operationId as string,
      ref: op.requestBody.content["application/x-www-form-urlencoded"].schema.$ref as string,
    };
  });
}

// Fields of an object schema including those it takes from allOf, so that form text is read with the right kinds.
function allProperties(spec: Spec, schema: JsonSchema): Record<string, JsonSchema> {
  const own = (schema.properties as Record<string, JsonSchema>) ?? {};
  const inherited = ((schema.allOf as JsonSchema[]) ?? []).map((s) => allProperties(spec, resolve(spec, s)));
  return Object.assign({}, ...inherited, own);
}

export function buildWebhookManifest(spec: Spec): Record<string, WebhookManifest> {
  return Object.fromEntries(
    eachWebhook(spec).map(({ operationId, ref }) => {
      const properties = allProperties(spec, resolve(spec, { $ref: ref }));
      const bodyFields = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, kindOf(spec, s)]));
      return [operationId, { operationId, validator: `${operationId}_body`, bodyFields }];
    }),
  );
}
