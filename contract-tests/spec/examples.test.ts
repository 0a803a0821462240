// Every example in the spec validates against the schema it illustrates, under ajv 2020-12 in strict mode.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createSpecAjv } from "../../scripts/codegen.js";
import { eachOperation, type MediaType, type Response, resolveRef, type Spec } from "../../scripts/openapi.js";
import { type OperationId, validateResponse } from "../../src/validation/index.js";

const spec = YAML.parse(readFileSync(new URL("../../openapi/calls.yaml", import.meta.url), "utf8")) as Spec;
const ajv = createSpecAjv(spec);

interface Medium {
  where: string;
  media: MediaType;
  /** For a response: its operation and status, to read an XML example through the validators. */
  response?: { operationId: string; status: number; xml: boolean };
}

/** Every request and response body of every operation and webhook, named for messages. */
const media: Medium[] = eachOperation(spec, { webhooks: true }).flatMap(({ path, method, operation }) => [
  ...Object.entries(operation.requestBody?.content ?? {}).map(([type, m]) => ({
    where: `${operation.operationId} request ${type}`,
    media: m,
  })),
  ...Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries(resolveRef<Response>(spec, response).content ?? {}).map(([type, m]) => ({
      where: `${operation.operationId} ${status} ${type} (${method.toUpperCase()} ${path})`,
      media: m,
      response: { operationId: operation.operationId, status: Number(status), xml: type === "application/xml" },
    })),
  ),
]);

// XML examples are documents, checked through the XML reader below.
const isXml = (m: Medium) => m.response?.xml === true && m.media.schema?.$ref !== undefined;
const xmlExamples = media.filter(isXml).flatMap((m) =>
  Object.entries(m.media.examples ?? {}).map(([name, example]) => ({
    where: `${m.where} example ${name}`,
    operationId: m.response?.operationId as OperationId,
    status: m.response?.status as number,
    text: resolveRef<{ value: unknown }>(spec, example).value as string,
  })),
);

const examples = media
  .filter((m) => !isXml(m))
  .flatMap(({ where, media: m }) =>
    // An inline schema (the TwiML string of voiceRequest) has no named schema to check against.
    m.schema?.$ref
      ? Object.entries(m.examples ?? {}).map(([name, example]) => ({
          where: `${where} example ${name}`,
          schemaRef: m.schema?.$ref as string,
          value: resolveRef<{ value: unknown }>(spec, example).value,
        }))
      : [],
  );

describe("spec examples", () => {
  it("has a named example for every request and response body", () => {
    const missing = media.filter((m) => Object.keys(m.media.examples ?? {}).length === 0).map((m) => m.where);
    expect(missing).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s validates", (_, example) => {
    const validate = ajv.getSchema(`calls.json${example.schemaRef}`);
    expect(validate, `no schema at ${example.schemaRef}`).toBeTypeOf("function");
    const ok = validate?.(example.value);
    expect(validate?.errors ?? [], `${example.where} against ${example.schemaRef}`).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s follows the advisory rules too", (_, example) => {
    const validate = ajv.getSchema(`calls-strict.json${example.schemaRef}`);
    validate?.(example.value);
    expect(validate?.errors ?? [], `${example.where} against the canonical ${example.schemaRef}`).toEqual([]);
  });

  it.each(xmlExamples.map((e) => [e.where, e] as const))("%s reads as XML and validates, warnings too", (_, e) => {
    expect(typeof e.text).toBe("string");
    const result = validateResponse(e.operationId, e.status, e.text);
    expect([...result.violations, ...result.warnings].map((v) => v.message)).toEqual([]);
  });

  it("has XML examples for the 2008-08-01 responses", () => {
    const legacy = xmlExamples.filter((e) => e.operationId === "createLegacyCall");
    expect(legacy.map((e) => e.status).sort()).toEqual([200, 201, 400, 401, 404]);
  });

  it("has an XML example for every response with a body of each XML representation", () => {
    const representations = eachOperation(spec).filter((e) => typeof e.operation["x-representation-of"] === "string");
    expect(representations.map((e) => e.operation.operationId).sort()).toEqual([
      "createCallXml",
      "createSmsMessageXml",
      "deleteCallXml",
      "fetchCallXml",
      "listCallsXml",
      "updateCallXml",
    ]);
    for (const { operation } of representations) {
      const withBody = Object.entries(operation.responses)
        .filter(([, r]) => resolveRef<Response>(spec, r).content)
        .map(([status]) => Number(status));
      const shown = xmlExamples.filter((e) => e.operationId === operation.operationId).map((e) => e.status);
      expect([...new Set(shown)].sort(), operation.operationId).toEqual(withBody.sort());
    }
  });

  it("catches an example that breaks its schema", () => {
    const call = structuredClone(spec.components.examples?.QueuedCall?.value) as { sid: string };
    call.sid = "CA123";
    expect(ajv.getSchema("calls.json#/components/schemas/Call")?.(call)).toBe(false);
  });
});
