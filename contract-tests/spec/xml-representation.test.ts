// The XML representation of a 2010-04-01 resource is the same resource written another way: each XML operation
// takes its JSON operation's request and declares its statuses, and each XML schema names exactly the JSON keys,
// in PascalCase for elements and without underscores for a list's attributes, required alike. A key added to the
// JSON schema and forgotten in the XML one, or the other way round, fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { canonicalSpec } from "../../scripts/advisory.js";
import { eachOperation, type OperationEntry, resolveRef, type Schema, type Spec } from "../../scripts/openapi.js";

const spec = YAML.parse(readFileSync(new URL("../../openapi/calls.yaml", import.meta.url), "utf8")) as Spec;
const canonical = canonicalSpec(spec);
const entries = eachOperation(spec);
const byId = (id: string) => entries.find((e) => e.operation.operationId === id) as OperationEntry;
const representations = entries.filter((e) => typeof e.operation["x-representation-of"] === "string");

const pascal = (key: string) =>
  key
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
const schema = (document: Spec, name: string) => document.components.schemas[name] as Schema;
const keys = (s: Schema) => Object.keys(s.properties ?? {}).sort();

describe("each XML representation", () => {
  it.each(representations.map((e) => [e.operation.operationId, e] as const))(
    "%s takes its JSON operation's request and declares its statuses",
    (_, entry) => {
      const json = byId(entry.operation["x-representation-of"] as string);
      expect(entry.path).toBe(json.path.replace(/\.json$/, ""));
      expect(entry.method).toBe(json.method);
      expect(entry.parameters).toEqual(json.parameters);
      expect(entry.operation.requestBody).toEqual(json.operation.requestBody);
      expect(Object.keys(entry.operation.responses)).toEqual(Object.keys(json.operation.responses));
      expect(entry.operation.deprecated).toBe(json.operation.deprecated);
    },
  );
});

describe("each XML schema names the JSON schema's keys", () => {
  it.each([
    ["CallXml", "Call"],
    ["SmsMessageXml", "SmsMessage"],
  ])("%s: the keys of %s in PascalCase, required alike, in the truth and with the advisories", (xml, json) => {
    for (const document of [spec, canonical]) {
      expect(keys(schema(document, xml))).toEqual(keys(schema(document, json)).map(pascal).sort());
      expect((schema(document, xml).required ?? []).sort()).toEqual(
        (schema(document, json).required ?? []).map(pascal).sort(),
      );
    }
  });

  it("CallPageXml: a page's keys without underscores as attributes, and Call for its calls", () => {
    const page = schema(spec, "CallPageXml");
    const attributes = keys(page).filter((k) => resolveRef(spec, page.properties?.[k]).type !== "array");
    const json = keys(schema(spec, "CallPage")).filter((k) => k !== "calls");
    expect(attributes).toEqual(json.map((k) => k.replace(/_/g, "")).sort());
    expect(keys(page).filter((k) => !attributes.includes(k))).toEqual(["Call"]);
    for (const name of attributes) expect(page.properties?.[name]?.xml, name).toEqual({ attribute: true });
  });

  it("TwilioErrorXml: the error's keys but the mock's details, in PascalCase", () => {
    const json = keys(schema(spec, "TwilioError")).filter((k) => k !== "details");
    expect(keys(schema(spec, "TwilioErrorXml"))).toEqual(json.map(pascal).sort());
  });
});
