// Every example in the spec validates against the schema it illustrates, under ajv 2020-12 in strict mode.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createSpecAjv } from "../../scripts/codegen.js";
import type { Spec } from "../../scripts/manifest.js";

const spec = YAML.parse(readFileSync(new URL("../../openapi/calls.yaml", import.meta.url), "utf8")) as Spec;
const ajv = createSpecAjv(spec);

interface Example {
  where: string;
  schemaRef: string;
  value: unknown;
}

function deref<T>(node: any): T {
  while (node && typeof node.$ref === "string") {
    node = node.$ref
      .slice(2)
      .split("/")
      .reduce((at: any, key: string) => at[key], spec);
  }
  return node as T;
}

function collectExamples(): Example[] {
  const found: Example[] = [];
  const documents = [
    ...Object.entries(spec.paths),
    ...Object.entries((spec.webhooks ?? {}) as Record<string, Record<string, unknown>>).map(
      ([name, item]) => [`webhook ${name}`, item] as const,
    ),
  ];
  for (const [path, item] of documents) {
    for (const [method, op] of Object.entries(item as Record<string, any>)) {
      if (method === "parameters") continue;
      const media = [
        ...Object.entries(op.requestBody?.content ?? {}).map(
          ([type, m]) => [`${op.operationId} request ${type}`, m] as const,
        ),
        ...Object.entries(op.responses ?? {}).flatMap(([status, r]) =>
          Object.entries(deref<any>(r).content ?? {}).map(
            ([type, m]) => [`${op.operationId} ${status} ${type} (${method.toUpperCase()} ${path})`, m] as const,
          ),
        ),
      ];
      for (const [where, m] of media as Array<readonly [string, any]>) {
        if (!m.schema.$ref) continue; // an inline schema (the TwiML string of voiceRequest) has nothing to resolve
        for (const [name, example] of Object.entries(m.examples ?? {})) {
          found.push({ where: `${where} example ${name}`, schemaRef: m.schema.$ref, value: deref<any>(example).value });
        }
      }
    }
  }
  return found;
}

const examples = collectExamples();

describe("spec examples", () => {
  it("has a named example for every JSON response and every request body", () => {
    const missing: string[] = [];
    for (const item of [...Object.values(spec.paths), ...Object.values(spec.webhooks ?? {})]) {
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        if (method === "parameters") continue;
        for (const [status, response] of Object.entries(op.responses)) {
          for (const [type, m] of Object.entries(deref<any>(response).content ?? {})) {
            if (Object.keys((m as any).examples ?? {}).length === 0)
              missing.push(`${op.operationId} ${status} ${type}`);
          }
        }
        for (const [type, m] of Object.entries(op.requestBody?.content ?? {})) {
          if (Object.keys((m as any).examples ?? {}).length === 0) missing.push(`${op.operationId} request ${type}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s validates", (_, example) => {
    const validate = ajv.getSchema(`calls.json${example.schemaRef}`);
    expect(validate, `no schema at ${example.schemaRef}`).toBeTypeOf("function");
    const ok = validate!(example.value);
    expect(validate!.errors ?? [], `${example.where} against ${example.schemaRef}`).toEqual([]);
    expect(ok).toBe(true);
  });

  it("catches an example that breaks its schema", () => {
    const call = structuredClone(deref<any>(spec.components.examples).QueuedCall.value);
    call.sid = "CA123";
    expect(ajv.getSchema("calls.json#/components/schemas/Call")!(call)).toBe(false);
  });
});
