// Check "enums": every value of every enum in the spec is accepted where it is used, with no warning, and a value
// outside each enum (its first value in the wrong case) is rejected. The enums are read from the canonical
// document, which holds the event names that the truth reads through a pattern. The cases are derived from the
// spec, so a new enum is covered without touching this file.
import { describe, expect, it } from "vitest";
import { formBodySchema } from "../../scripts/openapi.js";
import { type OperationId, operations, validateBody, validateCall, validateQuery } from "../../src/validation/index.js";
import { form, type RequestCase } from "../../src/verify/corpus.js";
import { toMock } from "../support/exchange.js";
import { examples, operationsOf, requestFields, resolve, resolveTruth, spec, truthSpec } from "../support/spec.js";

interface EnumSite {
  operation: OperationId;
  where: "body" | "query";
  field: string;
  values: string[];
  isArray: boolean;
  /** A value in none of the truth's spellings: IfMachine's truth also reads the lower case Twilio's prose uses. */
  outside: string;
}

const baseBodies: Partial<Record<OperationId, Record<string, string>>> = {
  createCall: { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" },
  updateCall: {},
  createLegacyCall: { Caller: "2125550147", Called: "6465550183", Url: "https://example.com/legacy" },
};

/** The base body of an operation, or of the one its XML representation stands for. */
const baseBody = (operation: OperationId) =>
  baseBodies[(operations[operation].representationOf as OperationId | undefined) ?? operation];

const wrongCase = (value: string) =>
  value[0] === value[0]!.toUpperCase() ? value.toLowerCase() : value[0]!.toUpperCase() + value.slice(1);

function enumSites(): EnumSite[] {
  const sites: EnumSite[] = [];
  for (const { operation, parameters } of operationsOf()) {
    const id = operation.operationId as OperationId;
    const body = formBodySchema(spec, operation);
    for (const [field, raw] of Object.entries(body?.properties ?? {})) {
      const schema = resolve(raw);
      const values = (schema.enum ?? (schema.items && resolve(schema.items).enum)) as string[] | undefined;
      if (!values) continue;
      const truthField = resolveTruth(requestFields(id, truthSpec)[field]);
      const truthValues = (truthField.enum ??
        (truthField.items && resolveTruth(truthField.items).enum) ??
        []) as string[];
      const outside = [wrongCase(values[0] as string), `${values[0]}-`].find((v) => !truthValues.includes(v)) as string;
      sites.push({ operation: id, where: "body", field, values, isArray: schema.type === "array", outside });
    }
    for (const parameter of parameters.filter((p) => p.in === "query")) {
      const values = resolve(parameter.schema).enum as string[] | undefined;
      if (values)
        sites.push({
          operation: id,
          where: "query",
          field: parameter.name,
          values,
          isArray: false,
          outside: wrongCase(values[0] as string),
        });
    }
  }
  return sites;
}

const sites = enumSites();

function check(site: EnumSite, value: string) {
  const field = site.isArray ? [value] : value;
  return site.where === "body"
    ? validateBody(site.operation, form({ ...baseBody(site.operation), [site.field]: field }))
    : validateQuery(site.operation, form({ [site.field]: value }));
}

describe("check enums: request fields", () => {
  it("finds the enums the issue names", () => {
    const names = sites.map((s) => `${s.operation}.${s.field}`);
    for (const expected of [
      "createCall.MachineDetection",
      "createCall.Trim",
      "createCall.RecordingChannels",
      "createCall.RecordingTrack",
      "createCall.StatusCallbackEvent",
      "createCall.RecordingStatusCallbackEvent",
      "updateCall.Status",
      "listCalls.Status",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(sites.flatMap((s) => s.values.map((v) => [`${s.operation} accepts ${s.field} ${v}`, s, v] as const)))(
    "%s",
    (_, site, value) => {
      const result = check(site, value);
      expect([...result.violations, ...result.warnings]).toEqual([]);
    },
  );

  it.each(sites.map((s) => [`${s.operation} rejects ${s.field} ${s.outside}`, s] as const))("%s", (_, site) => {
    const result = check(site, site.outside);
    // An event list is a pattern in the truth (it also reads several names in one value), an enum elsewhere.
    expect(result.violations.map((v) => v.rule)).toEqual([site.isArray ? "pattern" : "enum"]);
  });

  it("the mock agrees on every value of every request enum", async () => {
    const disagreements: string[] = [];
    for (const site of sites) {
      for (const [value, expected] of [
        ...site.values.map((v) => [v, "accept"] as const),
        [site.outside, "reject"] as const,
      ]) {
        const field = site.isArray ? [value] : value;
        const c: RequestCase = { name: `${site.field} ${value}`, operation: site.operation, expect: expected };
        if (site.where === "body") c.body = form({ ...baseBody(site.operation), [site.field]: field });
        else c.query = form({ [site.field]: value });
        const response = await toMock(c);
        const accepted = response.status === operations[site.operation].successStatus;
        if (accepted !== (expected === "accept"))
          disagreements.push(`${site.operation} ${site.field}=${value}: got ${response.status}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe("check enums: Call fields", () => {
  const callEnums = Object.entries(resolve(spec.components.schemas.Call).properties ?? {})
    .map(([field, raw]) => {
      const schema = resolve(raw);
      const values = schema.enum ?? (schema.oneOf ?? []).map((s) => resolve(s)).find((s) => s.enum)?.enum;
      return values ? ([field, values] as [string, string[]]) : undefined;
    })
    .filter((x): x is [string, string[]] => x !== undefined);

  it("covers status, direction and answered_by", () => {
    expect(callEnums.map(([field]) => field).sort()).toEqual(["answered_by", "direction", "status"]);
  });

  it.each(callEnums.flatMap(([field, values]) => values.map((v) => [`accepts ${field} ${v}`, field, v] as const)))(
    "%s",
    (_, field, value) => {
      expect(validateCall({ ...(examples.CompletedCall?.value as object), [field]: value }).violations).toEqual([]);
    },
  );

  it.each(
    callEnums.map(([field, values]) => [`rejects ${field} ${wrongCase(values[0]!)}`, field, values[0]!] as const),
  )("%s", (_, field, value) => {
    const result = validateCall({ ...(examples.CompletedCall?.value as object), [field]: wrongCase(value) });
    expect(result.violations.map((v) => v.field)).toEqual([field]);
  });
});
