// What the installed twilio-node (the devDependency) says about the Calls resource: the option names of create,
// update and list read from its typings with the TypeScript compiler, their wire keys found by calling the SDK
// with every option set against a recording HTTP client, and the payload keys of a Call. Bumping the
// devDependency changes what this returns, and the drift test says what moved.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ts from "typescript";
import { eachOperation, formBodySchema, resolveRef, type Schema, type Spec } from "../../scripts/openapi.js";

const require = createRequire(import.meta.url);
const TYPINGS = require.resolve("twilio/lib/rest/api/v2010/account/call.d.ts");
export const TWILIO_NODE_VERSION = (require("twilio/package.json") as { version: string }).version;

/** The member names of an interface declared in the typings file. */
function interfaceMembers(name: string): string[] {
  const file = ts.createSourceFile(TYPINGS, readFileSync(TYPINGS, "utf8"), ts.ScriptTarget.Latest, true);
  const found = file.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  if (!found) throw new Error(`twilio-node ${TWILIO_NODE_VERSION}: no interface ${name} in ${TYPINGS}`);
  return found.members
    .map((m) => (m.name && ts.isIdentifier(m.name) ? m.name.text : (m.name?.getText(file) ?? "")))
    .filter(Boolean);
}

/** A value the SDK accepts for an option, by the option's name; the value itself does not matter. */
function dummy(option: string): unknown {
  if (/Event$/.test(option)) return ["completed"];
  if (/^(startTime|endTime)/.test(option)) return new Date(Date.UTC(2024, 0, 2));
  if (/^(timeout|timeLimit|pageSize|pageNumber|limit)$|Timeout$|Threshold$/.test(option)) return 30;
  if (option === "record") return true;
  return "x";
}

/** What the SDK hands its HTTP client: the form body in `data`, the query in `params`. */
export interface SentBySdk {
  method: string;
  uri: string;
  data?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

/** The few members of the SDK's client these tests call. */
export interface TwilioSdk {
  calls: ((sid: string) => { update(options: object): Promise<unknown> }) & {
    create(options: object): Promise<unknown>;
    page(options: object): Promise<unknown>;
  };
}

/** The installed SDK over an HTTP client that records each request and responds to it with `respond`. */
export function recordingSdk(respond: (sent: SentBySdk) => { statusCode: number; body: unknown }) {
  const sent: SentBySdk[] = [];
  const httpClient = {
    request: async (options: SentBySdk) => {
      sent.push(options);
      return { ...respond(options), headers: {} };
    },
  };
  const twilio = require("twilio") as (sid: string, token: string, options: object) => TwilioSdk;
  return { sdk: twilio("AC0123456789abcdef0123456789abcdef", "token", { httpClient }), sent };
}

async function wireKeys(
  call: (sdk: TwilioSdk) => Promise<unknown>,
  pick: (sent: SentBySdk) => Record<string, unknown> | undefined,
) {
  const { sdk, sent } = recordingSdk((options) => {
    const get = options.method.toUpperCase() === "GET";
    return { statusCode: get ? 200 : 201, body: get ? { calls: [], next_page_uri: null } : {} };
  });
  await call(sdk);
  return Object.keys(pick(sent[0] as SentBySdk) ?? {}).sort();
}

export interface SdkSurface {
  createCall: string[];
  updateCall: string[];
  listCalls: string[];
  Call: string[];
}

/** The wire keys twilio-node sends for each operation, and the keys of the Call payload it reads. */
export async function sdkSurface(): Promise<SdkSurface> {
  const all = (name: string) => Object.fromEntries(interfaceMembers(name).map((option) => [option, dummy(option)]));
  const sid = "CA0123456789abcdef0123456789abcdef";
  return {
    createCall: await wireKeys(
      (sdk) => sdk.calls.create(all("CallListInstanceCreateOptions")),
      (s) => s.data,
    ),
    updateCall: await wireKeys(
      (sdk) => sdk.calls(sid).update(all("CallContextUpdateOptions")),
      (s) => s.data,
    ),
    listCalls: await wireKeys(
      (sdk) => sdk.calls.page(all("CallListInstancePageOptions")),
      (s) => s.params,
    ),
    Call: interfaceMembers("CallResource").sort(),
  };
}

export interface Difference {
  name: string;
  where: keyof SdkSurface;
  reason: string;
}

/** The same four lists as the spec states them: form fields, query parameters and the Call's properties. */
export function specSurface(spec: Spec): SdkSurface {
  const operation = (id: string) => {
    const entry = eachOperation(spec).find((e) => e.operation.operationId === id);
    if (!entry) throw new Error(`no operation ${id}`);
    return entry;
  };
  const formFields = (id: string) =>
    Object.keys(formBodySchema(spec, operation(id).operation)?.properties ?? {}).sort();
  const query = operation("listCalls")
    .parameters.filter((p) => p.in === "query")
    .map((p) => p.name);
  const call = resolveRef<Schema>(spec, spec.components.schemas.Call);
  return {
    createCall: formFields("createCall"),
    updateCall: formFields("updateCall"),
    listCalls: query.sort(),
    Call: Object.keys(call.properties ?? {}).sort(),
  };
}

/**
 * Every name the SDK has and the spec lacks, or the spec has and the SDK lacks, unless the spec lists it in
 * `x-sdk-differences` with a reason; and every listed difference that is no longer one.
 */
export function sdkDrift(spec: Spec, sdk: SdkSurface): string[] {
  const ours = specSurface(spec);
  const listed = (spec["x-sdk-differences"] ?? []) as Difference[];
  const explained = (where: string, name: string) => listed.some((d) => d.where === where && d.name === name);
  const drift: string[] = [];
  for (const where of Object.keys(ours) as Array<keyof SdkSurface>) {
    for (const name of sdk[where]) {
      if (!ours[where].includes(name) && !explained(where, name)) {
        drift.push(`${where}: twilio-node ${TWILIO_NODE_VERSION} sends or reads ${name}, which the spec lacks`);
      }
    }
    for (const name of ours[where]) {
      if (!sdk[where].includes(name) && !explained(where, name)) {
        drift.push(`${where}: the spec has ${name}, which twilio-node ${TWILIO_NODE_VERSION} lacks`);
      }
    }
  }
  for (const d of listed) {
    const differs = ours[d.where]?.includes(d.name) !== sdk[d.where]?.includes(d.name);
    if (!differs) drift.push(`x-sdk-differences lists ${d.where} ${d.name}, but the spec and the SDK now agree on it`);
  }
  return drift;
}
