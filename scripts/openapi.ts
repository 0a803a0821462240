// The spec read as data: one $ref resolver and one walk over its operations, shared by codegen and the tests.

/** The subset of JSON Schema (2020-12) and OpenAPI this project reads; other keywords pass through untyped. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  description?: string;
  [keyword: string]: unknown;
}

export interface MediaType {
  schema?: Schema;
  examples?: Record<string, { $ref?: string; value?: unknown; summary?: string }>;
  encoding?: Record<string, unknown>;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema: Schema;
}

export interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}

export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags?: string[];
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  [key: string]: unknown;
}

export type PathItem = { parameters?: Array<Parameter | { $ref: string }> } & Partial<Record<HttpMethod, Operation>>;

export interface Spec {
  paths: Record<string, PathItem>;
  webhooks?: Record<string, PathItem>;
  components: {
    schemas: Record<string, Schema>;
    examples?: Record<string, { value: unknown; summary?: string }>;
    [section: string]: unknown;
  };
  [key: string]: unknown;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Follows `$ref`s (local JSON pointers only) until it reaches a node that is not a reference. */
export function resolveRef<T = Schema>(spec: Spec, node: unknown): T {
  let current = node;
  for (let hops = 0; isReference(current); hops++) {
    if (hops > 64) throw new Error(`$ref cycle at ${current.$ref}`);
    if (!current.$ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[unescapePointer(key)], spec);
    if (current === undefined) throw new Error(`$ref to nothing: ${(node as { $ref: string }).$ref}`);
  }
  return current as T;
}

function isReference(node: unknown): node is { $ref: string } {
  return typeof node === "object" && node !== null && typeof (node as { $ref?: unknown }).$ref === "string";
}

export function unescapePointer(part: string): string {
  return part.replace(/~1/g, "/").replace(/~0/g, "~");
}

export interface OperationEntry {
  /** The path template, or the webhook's name for a webhook. */
  path: string;
  method: HttpMethod;
  operation: Operation;
  /** The path item's parameters followed by the operation's own, references resolved. */
  parameters: Parameter[];
  webhook: boolean;
}

/** Every operation under `paths`, in document order; with `webhooks: true`, the webhooks' operations after them. */
export function eachOperation(spec: Spec, options: { webhooks?: boolean } = {}): OperationEntry[] {
  const items: Array<[string, PathItem, boolean]> = [
    ...Object.entries(spec.paths).map(([path, item]): [string, PathItem, boolean] => [path, item, false]),
    ...(options.webhooks
      ? Object.entries(spec.webhooks ?? {}).map(([name, item]): [string, PathItem, boolean] => [name, item, true])
      : []),
  ];
  const found: OperationEntry[] = [];
  for (const [path, item, webhook] of items) {
    const shared = (item.parameters ?? []).map((p) => resolveRef<Parameter>(spec, p));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p) => resolveRef<Parameter>(spec, p));
      found.push({ path, method, operation, parameters: [...shared, ...own], webhook });
    }
  }
  return found;
}

export const FORM = "application/x-www-form-urlencoded";

/** The schema of an operation's form body, resolved, or undefined when it takes none. */
export function formBodySchema(spec: Spec, operation: Operation): Schema | undefined {
  const schema = operation.requestBody?.content[FORM]?.schema;
  return schema ? resolveRef(spec, schema) : undefined;
}
