// Check "spec": every schema compiles under ajv strict mode, and every operation declares its success response
// and the errors every client must handle.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createSpecAjv } from "../../scripts/codegen.js";
import { eachOperation, type Spec } from "../../scripts/openapi.js";

const spec = YAML.parse(readFileSync(new URL("../../openapi/calls.yaml", import.meta.url), "utf8")) as Spec;
const ajv = createSpecAjv(spec);
const operations = eachOperation(spec).map((entry) => entry.operation);

describe("check spec", () => {
  it.each(Object.keys(spec.components.schemas))("schema %s compiles in strict mode", (name) => {
    expect(ajv.getSchema(`calls.json#/components/schemas/${name}`)).toBeTypeOf("function");
  });

  const current = operations.filter((op) => !op.deprecated);
  const legacy = operations.filter((op) => op.deprecated);

  it.each(current.map((op) => [op.operationId, op] as const))(
    "%s declares a 2xx and 400, 401, 404 and 429",
    (_, op) => {
      const statuses = Object.keys(op.responses);
      expect(statuses.filter((s) => s.startsWith("2"))).toHaveLength(1);
      expect(statuses).toEqual(expect.arrayContaining(["400", "401", "404", "429"]));
    },
  );

  // The retired APIs declare what their sources show: no 429 in 2008, and two success statuses where the sources
  // leave the create's own one open (the description says why).
  it.each(legacy.map((op) => [op.operationId, op] as const))("%s declares a 2xx and 400, 401 and 404", (_, op) => {
    const statuses = Object.keys(op.responses);
    expect(statuses.filter((s) => s.startsWith("2")).length).toBeGreaterThanOrEqual(1);
    expect(statuses).toEqual(expect.arrayContaining(["400", "401", "404"]));
  });

  it("declares the five operations with the issue's operationIds, and their XML representations", () => {
    expect(current.map((op) => op.operationId).sort()).toEqual([
      "createCall",
      "createCallXml",
      "deleteCall",
      "deleteCallXml",
      "fetchCall",
      "fetchCallXml",
      "listCalls",
      "listCallsXml",
      "updateCall",
      "updateCallXml",
    ]);
  });

  it("marks the retired APIs deprecated and tags them legacy, and only them", () => {
    expect(legacy.map((op) => op.operationId).sort()).toEqual([
      "createLegacyCall",
      "createSmsMessage",
      "createSmsMessageXml",
    ]);
    const tagged = eachOperation(spec, { webhooks: true }).filter((e) => e.operation.tags?.includes("legacy"));
    expect(tagged.every((e) => e.operation.deprecated === true)).toBe(true);
    expect(tagged.map((e) => e.operation.operationId).sort()).toEqual([
      "createLegacyCall",
      "createSmsMessage",
      "createSmsMessageXml",
      "legacyVoiceRequest",
      "smsRequest",
      "smsStatusCallback",
    ]);
  });

  it("serves no callbacks to Prism (they crash it on form bodies)", () => {
    expect(JSON.stringify(spec.paths)).not.toContain('"callbacks"');
  });
});
