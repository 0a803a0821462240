// fast-check arbitraries read from the spec: a valid value for each field's schema, and mutations that break
// exactly one rule of it. Named string formats (phone numbers, SIDs, URLs...) get generators of their own,
// since a regex cannot be run backwards here.
import fc from "fast-check";
import { resolve, resolveTruth, type Schema } from "./spec.js";

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: n, maxLength: n });
const sid = (prefix: string) => hex(32).map((h) => `${prefix}${h}`);
const phone = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 14 }),
  )
  .map(([a, b]) => `+${a}${b}`);
const word = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
  minLength: 1,
  maxLength: 12,
});
const client = word.map((w) => `client:${w}`);
const sip = fc.tuple(word, word).map(([user, host]) => `sip:${user}@${host}.example.com`);
const url = fc
  .tuple(fc.constantFrom("http", "https"), word, word)
  .map(([scheme, host, path]) => `${scheme}://${host}.example.com/${path}`);
const day = fc
  .date({ min: new Date("2009-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const NAMED: Record<string, fc.Arbitrary<string>> = {
  PhoneNumberInput: phone,
  SipAddress: sip,
  ClientIdentifier: client,
  Address: fc.oneof(phone, sip, client),
  CallerAddress: fc.oneof(phone, sip, client),
  CallbackUrl: url,
  AccountSid: sid("AC"),
  CallSid: sid("CA"),
  ApplicationSid: sid("AP"),
  ByocTrunkSid: sid("BY"),
  DateFilter: day,
};

function refName(schema: Schema): string | undefined {
  return schema.$ref?.split("/").pop();
}

const SEND_DIGITS = "^[0-9A-D#*wW]+$";
const PASSPORTS = "^[A-Za-z0-9+/=_.-]+(,[A-Za-z0-9+/=_.-]+){0,4}$";
const token = fc.string({ unit: fc.constantFrom(..."ABCabc012+/=_.-"), minLength: 1, maxLength: 40 });
const enumOf = (schema: Schema | undefined): string[] => (resolve(schema).enum ?? []) as string[];
// Record is a boolean, or its text in another case (an anyOf in the truth, with a boolean branch).
const isBoolean = (schema: Schema) =>
  schema.type === "boolean" || (schema.anyOf ?? []).some((b) => b.type === "boolean");

/** A valid value for a field, as form text (what a client puts on the wire). */
export function validText(raw: Schema): fc.Arbitrary<string | string[]> {
  const name = refName(raw);
  const named = name ? NAMED[name] : undefined;
  if (named) return named;
  const schema = resolve(raw);
  if (schema.enum) return fc.constantFrom(...enumOf(schema));
  if (schema.type === "array") return fc.subarray(enumOf(schema.items), { minLength: 1 });
  if (schema.type === "integer")
    return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 10_000 }).map(String);
  if (isBoolean(schema)) return fc.boolean().map(String);
  if (schema.pattern === PASSPORTS) return fc.array(token, { minLength: 1, maxLength: 5 }).map((t) => t.join(","));
  // A TwiML field is checked as a document too (its findings are warnings): a canonical request holds one that runs.
  if (schema["x-twiml"])
    return fc
      .subarray(["<Say>hello</Say>", '<Pause length="1"/>', "<Play>https://example.com/a.mp3</Play>", "<Hangup/>"], {
        minLength: 1,
      })
      .map((verbs) => `<Response>${verbs.join("")}</Response>`);
  if (schema.pattern === SEND_DIGITS)
    return fc.string({ unit: fc.constantFrom(..."0123456789ABCD#*wW"), minLength: 1, maxLength: schema.maxLength });
  return fc.string({
    unit: fc.constantFrom(..."abcdefghij <>/!"),
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 64, 64),
  });
}

export interface Mutation {
  field: string;
  /** The rule the mutation breaks, as the validators name it. */
  rule: string;
  value: string | string[] | undefined;
}

/**
 * Values that break exactly one rule of the field's schema, each paired with the rule the validators report. The
 * field's schema in the truth (`truth`) names the rule where it differs from the canonical one: an event list is
 * a pattern there, not an enum.
 */
export function breakingValues(raw: Schema, truth: Schema = raw): Array<Omit<Mutation, "field">> {
  const schema = resolve(raw);
  const name = refName(raw);
  const out: Array<Omit<Mutation, "field">> = [];
  if (schema.enum) out.push({ rule: "enum", value: `${enumOf(schema)[0]}x` });
  if (schema.type === "array") {
    const rule = resolveTruth(resolveTruth(truth).items).pattern ? "pattern" : "enum";
    out.push({ rule, value: [`${enumOf(schema.items)[0]}x`] });
  }
  if (schema.type === "integer") {
    if (schema.maximum !== undefined) out.push({ rule: "maximum", value: String(schema.maximum + 1) });
    if (schema.minimum !== undefined) out.push({ rule: "minimum", value: String(schema.minimum - 1) });
    out.push({ rule: "type", value: "12.5" });
  }
  if (isBoolean(schema)) out.push({ rule: resolveTruth(truth).anyOf ? "anyOf" : "type", value: "yes" });
  if (name?.endsWith("Sid")) out.push({ rule: "pattern", value: `XX${"0".repeat(32)}` });
  if (name === "CallbackUrl") out.push({ rule: "pattern", value: "ftp://example.com/x" });
  // "sip:" is no address at all; a plain word would still be a caller name for a SIP To.
  if (name === "Address" || name === "CallerAddress") out.push({ rule: "anyOf", value: "sip:" });
  if (name === "DateFilter") out.push({ rule: "maxLength", value: "2026-01-01".repeat(7) });
  if (schema.type === "string" && !name && schema.maxLength && !schema.enum && !schema.pattern)
    out.push({ rule: "maxLength", value: "a".repeat(schema.maxLength + 1) });
  if (schema.pattern === SEND_DIGITS) out.push({ rule: "pattern", value: "12x" });
  if (schema.pattern === PASSPORTS) out.push({ rule: "pattern", value: "a,b,c,d,e,f" });
  return out;
}
