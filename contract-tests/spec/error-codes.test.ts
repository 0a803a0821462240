// Twilio's error codes sit in the spec beside the fields they describe (`x-twilio-error-codes`); codegen carries
// them into the manifest, and refuses one it would not read or one of the wrong shape rather than drop it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createSpecAjv } from "../../scripts/codegen.js";
import { buildManifest } from "../../scripts/manifest.js";
import type { Schema, Spec } from "../../scripts/openapi.js";

const text = readFileSync(new URL("../../openapi/calls.yaml", import.meta.url), "utf8");
const freshSpec = () => YAML.parse(text) as Spec;

describe("x-twilio-error-codes", () => {
  it("reaches the manifest under the names violations give the fields", () => {
    const codes = buildManifest(freshSpec()).createCall?.errorCodes;
    expect(codes?.To).toEqual({ missing: 21201, invalid: 21211 });
    expect(codes?.["Url|Twiml|ApplicationSid"]).toEqual({ byRule: { anyOf: 21205 } });
  });

  it("is refused where codegen does not read it", () => {
    const spec = freshSpec();
    (spec.components.schemas.AccountSid as Schema)["x-twilio-error-codes"] = { invalid: 20404 };
    expect(() => buildManifest(spec)).toThrow(/#\/components\/schemas\/AccountSid/);
  });

  it("is refused with a code that is not five digits", () => {
    const spec = freshSpec();
    const body = spec.components.schemas.CreateCallRequest as Schema;
    (body.properties?.To as Schema)["x-twilio-error-codes"] = { missing: "21201" };
    const ajv = createSpecAjv(spec);
    expect(() => ajv.getSchema("calls.json#/components/schemas/CreateCallRequest")).toThrow(/x-twilio-error-codes/);
  });
});
