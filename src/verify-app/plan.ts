// The requests verify-app sends one endpoint, all made from the spec's description of its webhook: the documented
// examples (the plain requests), then each variant of the first one that Twilio may send: every value of every enum
// field, SIP and Client addresses as From and To, each optional field left out, fields the spec does not name, GET
// where createCall lets the user choose it; and the forgeries that check the signature. Each request that claims to
// be Twilio's is one validateWebhook accepts; one it would refuse is not sent, and says so.
import { validateWebhook } from "../validation/index.js";
import { FORGERIES, type Forgery } from "./forgeries.js";
import { type AppWebhook, sidFromPattern, type WebhookShape, webhookShape } from "./spec-webhooks.js";

/** What a request is for, which decides the check that judges its response. */
export type RequestKind =
  | "plain"
  | "method"
  | "enum"
  | "address"
  | "optional-absent"
  | "unknown-field"
  | "forged"
  | "action";

export interface AppRequest {
  webhook: AppWebhook;
  kind: RequestKind;
  /** The request in words: `CallStatus=canceled`, `without RecordingTrack`, `Gather Digits=2`. */
  subject: string;
  url: string;
  method: string;
  params: Record<string, string>;
  /** Set for a forged request: how its signature is wrong. */
  forgery?: Forgery;
}

export interface Skipped {
  operation: string;
  subject: string;
  reason: string;
}

// The three forms of address the spec's own examples use (CompletedCall, FirstPageOfCalls, the createCall examples).
const ADDRESSES = ["+12125551234", "client:joey", "sip:pat@example.com"];

// Names no version of the spec has: Twilio adds fields to its requests over time, and an app must let them pass.
const NEW_FIELDS: Array<[string, Record<string, string>]> = [
  ["a field the spec does not name", { FieldAddedLater: "a value" }],
  ["two fields the spec does not name, one empty", { FieldAddedLater: "a value", AnotherFieldAddedLater: "" }],
];

type Variant = [kind: RequestKind, subject: string, params: Record<string, string>];

function enumVariants(shape: WebhookShape, base: Record<string, string>): Variant[] {
  return [...shape.fields].flatMap(([field, { enum: values }]) =>
    (values ?? [])
      .filter((value) => base[field] !== value)
      .map((value): Variant => ["enum", `${field}=${value}`, { ...base, [field]: value }]),
  );
}

function addressVariants(shape: WebhookShape, base: Record<string, string>): Variant[] {
  // A text comes from and goes to phone numbers: SIP and Client addresses are voice's.
  if (shape.id === "smsRequest") return [];
  return ["From", "To"]
    .filter((field) => shape.fields.has(field))
    .flatMap((field) =>
      ADDRESSES.filter((address) => base[field] !== address).map(
        (address): Variant => ["address", `${field}=${address}`, { ...base, [field]: address }],
      ),
    );
}

/** Without each optional field; where an anyOf then has no branch left, with another branch's field instead. */
function absentVariants(shape: WebhookShape, base: Record<string, string>): Variant[] {
  return Object.keys(base)
    .filter((field) => !shape.required.has(field))
    .flatMap((field): Variant[] => {
      const rest = { ...base };
      delete rest[field];
      const satisfied = (branch: string[]) => branch.every((name) => name in rest);
      if (shape.alternatives.length === 0 || shape.alternatives.some(satisfied)) {
        return [["optional-absent", `without ${field}`, rest]];
      }
      const others = shape.alternatives.filter((branch) => !branch.includes(field));
      return others.flatMap((branch): Variant[] => {
        const values: Record<string, string> = {};
        for (const name of branch) {
          const value = sidFromPattern(shape.fields.get(name)?.schema ?? {});
          if (value === undefined) return [];
          values[name] = value;
        }
        return [["optional-absent", `${branch.join(", ")} instead of ${field}`, { ...rest, ...values }]];
      });
    });
}

function variantsOf(shape: WebhookShape, base: Record<string, string>): Variant[] {
  return [
    ...enumVariants(shape, base),
    ...addressVariants(shape, base),
    ...absentVariants(shape, base),
    ...NEW_FIELDS.map(([subject, extra]): Variant => ["unknown-field", subject, { ...base, ...extra }]),
  ];
}

/** Every request for one endpoint, in the order sent, and those the spec's validator refused. */
export function planEndpoint(webhook: AppWebhook, url: string): { requests: AppRequest[]; skipped: Skipped[] } {
  const shape = webhookShape(webhook);
  const [first, ...more] = shape.examples;
  if (!first) return { requests: [], skipped: [{ operation: webhook, subject: "(all)", reason: "no example" }] };
  const request = (kind: RequestKind, subject: string, params: Record<string, string>, method = "POST") =>
    ({ webhook, kind, subject, url, method, params }) satisfies AppRequest;
  const alsoGet = shape.methods.filter((method) => method !== "POST");
  const claimed = [
    ...[first, ...more].map((e) => request("plain", `example "${e.name}"`, e.params)),
    ...alsoGet.map((method) => request("method", `${method}, example "${first.name}"`, first.params, method)),
    ...variantsOf(shape, first.params).map(([kind, subject, params]) => request(kind, subject, params)),
  ];
  const skipped: Skipped[] = [];
  const requests = claimed.filter((r) => {
    const result = validateWebhook(webhook, r.params);
    if (!result.valid)
      skipped.push({
        operation: webhook,
        subject: r.subject,
        reason: `not sent: the spec's validator refuses it (${result.violations.map((v) => v.message).join("; ")})`,
      });
    return result.valid;
  });
  const forged = (Object.keys(FORGERIES) as Forgery[]).map((forgery) => ({
    ...request("forged", FORGERIES[forgery], first.params),
    forgery,
  }));
  const forgedGet = alsoGet.map((method) => ({
    ...request("forged", `${method}, ${FORGERIES.tampered}`, first.params, method),
    forgery: "tampered" as const,
  }));
  return { requests: [...requests, ...forged, ...forgedGet], skipped };
}
