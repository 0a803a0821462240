// Admin API requests whose every response is checked against the response openapi/mock-admin.yaml gives for its
// operation and status, for the tests of the admin API (stateful/) and of the simulator's paths (simulator/).
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { expect } from "vitest";
import YAML from "yaml";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const document = YAML.parse(readFileSync(new URL("../../openapi/mock-admin.yaml", import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: "mock-admin.json", components: document.components });

export type Method = "get" | "post" | "put" | "delete";
export interface AdminResponse {
  status: number;
  body: unknown;
}

/** The schema the document gives for this path, method and status; fails the test when it gives none. */
function documentedSchema(path: string, method: Method, status: number): unknown {
  const operation = document.paths[path]?.[method];
  if (!operation) throw new Error(`mock-admin.yaml has no ${method.toUpperCase()} ${path}`);
  let response = operation.responses[String(status)];
  if (!response) throw new Error(`mock-admin.yaml gives ${method.toUpperCase()} ${path} no ${status} response`);
  if (response.$ref) response = document.components.responses[response.$ref.split("/").pop()];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return undefined;
  return schema.$ref ? { $ref: `mock-admin.json${schema.$ref}` } : schema;
}

/**
 * Calls the admin API at `adminUrl` and checks the response against the document (`documented` is the path as the
 * document writes it) before handing it to the test.
 */
export async function documentedAdmin(
  adminUrl: string,
  method: Method,
  path: string,
  documented: string,
  body?: unknown,
): Promise<AdminResponse> {
  const response = await fetch(`${adminUrl}${path}`, {
    method: method.toUpperCase(),
    ...(body === undefined
      ? {}
      : {
          headers: { "Content-Type": "application/json" },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
  });
  const text = await response.text();
  const parsed = text === "" ? undefined : JSON.parse(text);
  const schema = documentedSchema(documented, method, response.status);
  if (schema !== undefined) {
    const valid = ajv.validate(schema as object, parsed);
    expect(ajv.errors ?? [], `${method.toUpperCase()} ${path} ${response.status} against mock-admin.yaml`).toEqual([]);
    expect(valid).toBe(true);
  } else {
    expect(text).toBe("");
  }
  return { status: response.status, body: parsed };
}
