// What the spec says about each request Twilio sends an app, read from the bundled spec (generated/calls.bundled.json)
// on first use: the webhook's documented examples, its fields with their enums, which fields are required (and the
// alternatives of an anyOf), and the methods createCall lets a user choose for it. Every request verify-app builds
// starts from here, so that a field or an enum value added to openapi/calls.yaml is sent without a change here.
import { readFileSync } from "node:fs";
import { MOCK_SPEC_PATH } from "../mock/calls-spec.js";
import type { WebhookId } from "../validation/index.js";

/**
 * The webhooks an app serves under the 2010-04-01 API, and the request a text makes to a number's SMS URL (seed
 * 004); the 2008-08-01 request and the SMS status callback are not held here.
 */
export type AppWebhook = Exclude<WebhookId, "legacyVoiceRequest" | "smsStatusCallback">;

/**
 * The createCall field that chooses how each webhook is requested: its method is the user's to configure. The SMS
 * URL's method is set on the number (IncomingPhoneNumber's SmsMethod, GET or POST), not in createCall.
 */
const METHOD_FIELD: Record<AppWebhook, string | readonly string[]> = {
  voiceRequest: "Method",
  statusCallback: "StatusCallbackMethod",
  recordingStatusCallback: "RecordingStatusCallbackMethod",
  asyncAmdStatusCallback: "AsyncAmdStatusCallbackMethod",
  smsRequest: ["GET", "POST"],
};

export const APP_WEBHOOKS = Object.keys(METHOD_FIELD) as AppWebhook[];

type SpecNode = Record<string, unknown>;

export interface WebhookShape {
  id: AppWebhook;
  /** The documented examples, by name, as form text values. */
  examples: Array<{ name: string; params: Record<string, string> }>;
  /** Each field the spec names, with its enum values as text when it has an enum. */
  fields: Map<string, { enum?: string[]; schema: SpecNode }>;
  required: Set<string>;
  /** anyOf: each set of fields one of which the body must hold all of (a call's recording, or a conference's). */
  alternatives: string[][];
  /** The methods the user may choose for it in createCall, GET and POST. */
  methods: string[];
}

let spec: SpecNode | undefined;
const document = (): SpecNode => {
  spec ??= JSON.parse(readFileSync(MOCK_SPEC_PATH, "utf8")) as SpecNode;
  return spec;
};

/** Follows local `$ref`s until a node that is not one. */
function resolved(node: unknown): SpecNode {
  let current = node as SpecNode | undefined;
  for (let hops = 0; typeof current?.$ref === "string"; hops++) {
    if (hops > 16) throw new Error(`$ref cycle at ${current.$ref}`);
    const pointer = (current.$ref as string).replace(/^#\//, "").split("/");
    current = pointer.reduce<SpecNode | undefined>((at, key) => at?.[key] as SpecNode | undefined, document());
  }
  if (current === undefined) throw new Error("the Calls spec refers to a node it does not have");
  return current;
}

const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The properties and required fields of an object schema, with those of its allOf parts merged in. */
function flatten(schema: SpecNode): { properties: Record<string, SpecNode>; required: string[] } {
  const parts = ((schema.allOf as unknown[] | undefined) ?? []).map((part) => flatten(resolved(part)));
  return {
    properties: Object.assign({}, ...parts.map((p) => p.properties), schema.properties as object | undefined),
    required: [...parts.flatMap((p) => p.required), ...((schema.required as string[] | undefined) ?? [])],
  };
}

function webhookOperation(id: AppWebhook): SpecNode {
  for (const item of Object.values(document().webhooks as Record<string, SpecNode>)) {
    const post = resolved(item.post);
    if (post.operationId === id) return post;
  }
  throw new Error(`the Calls spec describes no webhook ${id}`);
}

function methodsFor(id: AppWebhook): string[] {
  const named = METHOD_FIELD[id];
  if (typeof named !== "string") return [...named];
  const schemas = (document().components as SpecNode).schemas as Record<string, SpecNode>;
  const field = resolved(flatten(resolved(schemas.CreateCallRequest)).properties[named]);
  return ((field.enum as unknown[] | undefined) ?? ["POST"]).map(asText);
}

const shapes = new Map<AppWebhook, WebhookShape>();

/** The spec's description of one webhook, read once. */
export function webhookShape(id: AppWebhook): WebhookShape {
  const known = shapes.get(id);
  if (known) return known;
  const content = resolved(webhookOperation(id).requestBody).content as Record<string, SpecNode>;
  const media = resolved(content["application/x-www-form-urlencoded"]);
  const schema = resolved(media.schema);
  const { properties, required } = flatten(schema);
  const fields = new Map<string, { enum?: string[]; schema: SpecNode }>();
  for (const [name, property] of Object.entries(properties)) {
    const values = resolved(property).enum as unknown[] | undefined;
    fields.set(name, { schema: resolved(property), ...(values ? { enum: values.map(asText) } : {}) });
  }
  const alternatives = ((schema.anyOf as unknown[] | undefined) ?? []).map(
    (branch) => (resolved(branch).required as string[] | undefined) ?? [],
  );
  const examples = Object.entries((media.examples as Record<string, unknown> | undefined) ?? {}).map(([name, e]) => {
    const value = resolved(resolved(e).value) as Record<string, unknown>;
    return { name, params: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)])) };
  });
  const shape = { id, examples, fields, required: new Set(required), alternatives, methods: methodsFor(id) };
  shapes.set(id, shape);
  return shape;
}

/**
 * A value for a SID field the examples do not hold (a ConferenceSid), from its pattern: the prefix and 32 hex
 * digits. Undefined for any other pattern.
 */
export function sidFromPattern(schema: SpecNode): string | undefined {
  const prefix = /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(String(schema.pattern ?? ""))?.[1];
  return prefix === undefined ? undefined : `${prefix}0123456789abcdef0123456789abcdef`;
}
