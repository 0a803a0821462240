// Value models for request fields: values the spec allows (drawn from a seeded source) and deterministic edges (each
// enum value and its wrong case, each bound and one past it, pattern edges, empty text). Nothing here decides
// whether a value is valid: every case is judged by the project's validators before it is sent (judge.ts), so an
// edge that turns out to be allowed is sent as an allowed value.
import { isSecretName } from "../../secrets.js";
import type { Random } from "./random.js";
import type { Schema, SpecField } from "./spec-fields.js";

export interface Edge {
  /** In words, for the case's name: "Timeout 601". */
  what: string;
  /** The values sent for the key, one key each (several for an array field, or a repeated scalar). */
  values: string[];
  /** One past a bound the spec states (a minimum, maximum or maxLength): sent first when the budget is short. */
  pastBound?: true;
}

export interface FieldModel {
  name: string;
  valid(random: Random): string[];
  edges: Edge[];
}

const HEX = "0123456789abcdef";
const hex = (random: Random, n: number) => Array.from({ length: n }, () => random.pick([...HEX])).join("");
const digits = (random: Random, n: number) => Array.from({ length: n }, () => String(random.int(0, 9))).join("");
const word = (random: Random, min = 1, max = 12) =>
  Array.from({ length: random.int(min, max) }, () => random.pick([..."abcdefghijklmnopqrstuvwxyz"])).join("");

/**
 * A North American number outside Twilio's test range (+1500555xxxx: Twilio's test credentials answer those with
 * errors, https://www.twilio.com/docs/iam/test-credentials), or a UK one; sometimes written with separators.
 */
export function phoneNumber(random: Random): string {
  if (random.chance(0.2)) return `+44${random.pick(["20", "161", "7700"])}${digits(random, 7)}`;
  const area = `${random.int(2, 9)}${digits(random, 2)}`;
  const local = `${random.int(2, 9)}${digits(random, 2)}`;
  const line = digits(random, 4);
  return `+1${area === "500" ? "501" : area}${local}${line}`;
}

const client = (random: Random) => `client:${word(random)}${random.chance(0.3) ? `.${word(random, 1, 4)}` : ""}`;
const sip = (random: Random) =>
  `sip:${word(random)}@${word(random)}.invalid${random.chance(0.3) ? ";transport=tls" : ""}`;
/** Hosts under .invalid: a server that follows a generated URL reaches nothing off the machine. */
const url = (random: Random) =>
  `${random.pick(["https", "http"])}://${word(random)}.invalid/${word(random, 0, 8)}${random.chance(0.2) ? `?k=${word(random)}` : ""}`;
const sid = (prefix: string) => (random: Random) => `${prefix}${hex(random, 32)}`;

const sidEdges = (prefix: string): Edge[] => [
  { what: `a ${prefix} SID`, values: [`${prefix}${"0".repeat(32)}`] },
  { what: `a ${prefix} SID in capitals`, values: [`${prefix}${"ABCDEF".repeat(5)}AB`] },
  { what: `a ${prefix} SID of 33 characters`, values: [`${prefix}${"a".repeat(31)}`] },
  { what: `a ${prefix} SID of 35 characters`, values: [`${prefix}${"a".repeat(33)}`] },
  { what: `a ${prefix} SID with the prefix XX`, values: [`XX${"a".repeat(32)}`] },
  { what: `a ${prefix} SID in lower case`, values: [`${prefix.toLowerCase()}${"a".repeat(32)}`] },
];

const addressEdges: Edge[] = [
  { what: "an E.164 number", values: ["+13105550123"] },
  { what: "a number with dashes", values: ["+1310-555-0123"] },
  { what: "a number with spaces and brackets", values: ["+1 (310) 555 0123"] },
  { what: "a number without the plus sign", values: ["13105550123"] },
  { what: "a number of 16 digits", values: ["+1310555012345678"] },
  { what: "a number starting +0", values: ["+03105550123"] },
  { what: "a Client identity", values: ["client:joey"] },
  { what: "an empty Client identity", values: ["client:"] },
  { what: "a Client identity of 122 characters", values: [`client:${"a".repeat(122)}`] },
  { what: "a SIP address", values: ["sip:pat@example.invalid"] },
  { what: "a SIP address without a user", values: ["sip:example.invalid"] },
  { what: "a caller name", values: ["Jack"] },
];

const urlEdges: Edge[] = [
  { what: "an https URL", values: ["https://example.invalid/twiml"] },
  { what: "an http URL with a port and query", values: ["http://example.invalid:8080/a?b=c"] },
  { what: "a URL with user information", values: ["https://user:pass@example.invalid/x"] },
  { what: "an ftp URL", values: ["ftp://example.invalid/twiml"] },
  { what: "a host with an underscore", values: ["https://under_score.invalid/x"] },
  { what: "a relative path", values: ["/twiml"] },
  { what: "a URL of 4097 characters", values: [`https://example.invalid/${"a".repeat(4073)}`] },
];

const dateEdges: Edge[] = [
  { what: "a day", values: ["2026-01-31"] },
  { what: "an ISO 8601 date-time", values: ["2026-01-31T10:20:30Z"] },
  { what: "an impossible month", values: ["2026-13-01"] },
  { what: "an RFC 2822 date", values: ["Tue, 24 Nov 2026"] },
  { what: "65 characters", values: ["2".repeat(65)] },
];

interface ComponentModel {
  valid(random: Random): string;
  edges: Edge[];
}

const addressOf = (random: Random, caller: boolean) =>
  random.pick([phoneNumber, phoneNumber, client, sip, ...(caller ? [() => "Jack"] : [])])(random);

const COMPONENTS: Record<string, ComponentModel> = {
  Address: { valid: (r) => addressOf(r, false), edges: addressEdges },
  CallerAddress: { valid: (r) => addressOf(r, true), edges: addressEdges },
  CallbackUrl: { valid: url, edges: urlEdges },
  ApplicationSid: { valid: sid("AP"), edges: sidEdges("AP") },
  ByocTrunkSid: { valid: sid("BY"), edges: sidEdges("BY") },
  CallSid: { valid: sid("CA"), edges: sidEdges("CA") },
  DateFilter: {
    valid: (r) => `202${r.int(0, 6)}-0${r.int(1, 9)}-${r.int(10, 28)}${r.chance(0.3) ? "T12:00:00Z" : ""}`,
    edges: dateEdges,
  },
};

/** Each enum value, then the wrong-case forms Twilio refuses (its enums are case-sensitive) and a made-up value. */
function enumEdges(values: string[]): Edge[] {
  const wrongCase = values.map((v) => (v === v.toUpperCase() ? v.toLowerCase() : v.toUpperCase()));
  const capitalised = values.map((v) => `${v.charAt(0).toUpperCase()}${v.slice(1)}`).filter((v) => !values.includes(v));
  return [
    ...values.map((v) => ({ what: v, values: [v] })),
    ...[...new Set([...wrongCase, ...capitalised])].map((v) => ({ what: `${v} (wrong case)`, values: [v] })),
    { what: "a value outside the enum", values: ["bogus"] },
  ];
}

function integerModel(schema: Schema): ComponentModel {
  const min = typeof schema.minimum === "number" ? schema.minimum : 0;
  const max = typeof schema.maximum === "number" ? schema.maximum : min + 1000;
  const stated = (edge: Edge, bound: unknown): Edge =>
    typeof bound === "number" ? { ...edge, pastBound: true } : edge;
  const bounds: Edge[] = [
    ...[min, max].map((n) => ({ what: String(n), values: [String(n)] })),
    stated({ what: String(min - 1), values: [String(min - 1)] }, schema.minimum),
    stated({ what: String(max + 1), values: [String(max + 1)] }, schema.maximum),
  ];
  const text = ["abc", "1.5", " 5", "0x10", "1e2"].map((t) => ({ what: JSON.stringify(t), values: [t] }));
  return { valid: (r) => String(r.int(min, max)), edges: [...bounds, ...text] };
}

function textModel(schema: Schema): ComponentModel {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? Math.min(schema.maxLength, 300) : 64;
  const longest = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const edges: Edge[] = [{ what: "a short text", values: ["abc"] }];
  if (longest !== undefined && longest <= 20_000) {
    edges.push({ what: `${longest} characters`, values: ["x".repeat(longest)] });
    edges.push({ what: `${longest + 1} characters`, values: ["x".repeat(longest + 1)], pastBound: true });
  }
  if (min > 0) edges.push({ what: "an empty value", values: [""] });
  return { valid: (r) => word(r, Math.max(1, min), Math.max(1, Math.min(max, 24))), edges };
}

/** Models for the inline patterns of the Calls spec; a pattern not listed here gets plain text and its edges. */
const PATTERNS: Array<[RegExp, ComponentModel]> = [
  [
    /0-9A-D#\*wW/,
    {
      valid: (r) => Array.from({ length: r.int(1, 32) }, () => r.pick([..."0123456789ABCD#*wW"])).join(""),
      edges: [
        { what: "keys with pauses", values: ["ww1234#*"] },
        { what: "32 keys", values: ["1".repeat(32)] },
        { what: "33 keys", values: ["1".repeat(33)] },
        { what: "lower-case letters", values: ["12ab#"] },
      ],
    },
  ],
  [
    /A-Za-z0-9\+\/=_\.-/,
    {
      valid: (r) => Array.from({ length: r.int(1, 3) }, () => `${word(r)}.${word(r)}`).join(","),
      edges: [
        { what: "one token", values: ["eyJhbGciOi.eyJhdHRlc3Qi.c2lnbmF0dXJl"] },
        { what: "six tokens", values: [Array(6).fill("a.b").join(",")] },
        { what: "a token with a space", values: ["a b"] },
      ],
    },
  ],
];

function inlineModel(schema: Schema): ComponentModel {
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.map(String);
    return { valid: (r) => r.pick(values), edges: enumEdges(values) };
  }
  const branches = (schema.anyOf ?? []) as Schema[];
  if (schema.type === "boolean" || branches.some((b) => b.type === "boolean")) {
    const edges = ["true", "false", "True", "FALSE", "1", "yes", ""].map((v) => ({
      what: JSON.stringify(v),
      values: [v],
    }));
    return { valid: (r) => r.pick(["true", "false"]), edges };
  }
  if (schema.type === "integer") return integerModel(schema);
  if (schema["x-twiml"] || schema.contentMediaType === "application/xml") {
    return {
      valid: (r) => `<Response><Say>${word(r, 1, 40)}</Say></Response>`,
      edges: [
        { what: "a TwiML document", values: ["<Response><Say>hi</Say></Response>"] },
        { what: "text that is not TwiML", values: ["hello"] },
        { what: "4001 characters", values: [`<Response><Say>${"a".repeat(3969)}</Say></Response>`] },
        { what: "an empty value", values: [""] },
      ],
    };
  }
  const pattern = typeof schema.pattern === "string" ? schema.pattern : undefined;
  const known = pattern ? PATTERNS.find(([match]) => match.test(pattern)) : undefined;
  return known ? known[1] : textModel(schema);
}

/** An array field (one key per value): subsets of its enum, and the edges of repeated keys. */
function arrayModel(name: string, schema: Schema): FieldModel {
  const items = (schema.items ?? {}) as Schema;
  const values = Array.isArray(items.enum) ? items.enum.map(String) : ["a"];
  const most = typeof schema.maxItems === "number" ? schema.maxItems : values.length;
  const valid = (r: Random) => r.subset(values, 1, most);
  const edges: Edge[] = [
    { what: "every value, one key each", values },
    { what: "one value", values: [values[0] ?? ""] },
    { what: "a value twice", values: [values[0] ?? "", values[0] ?? ""] },
    { what: "a value outside the enum before a good one", values: ["bogus", values[0] ?? ""] },
    { what: "a wrong-case value", values: [(values[0] ?? "").toUpperCase()] },
    { what: "every value in one space-separated key", values: [values.join(" ")] },
    { what: "an empty value", values: [""] },
  ];
  return { name, valid, edges };
}

/** The value model of one field of the spec. */
export function fieldModel(field: SpecField): FieldModel {
  const { schema, name } = field;
  if (schema.type === "array") {
    return arrayModel(name, schema);
  }
  const model = (field.component && COMPONENTS[field.component]) || inlineModel(schema);
  // A secret-named field (SipAuthPassword) gets made-up text that says so: the curl lines and failures file show
  // the bytes sent, and none of them is anyone's secret.
  if (isSecretName(name) && !schema.pattern)
    return { name, valid: (r) => [`made-up-${word(r, 1, 8)}`], edges: model.edges };
  return { name, valid: (r) => [model.valid(r)], edges: model.edges };
}

export const generators = { phoneNumber, client, sip, url, sid };
