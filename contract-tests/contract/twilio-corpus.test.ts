// Check "Twilio corpus": payloads that Twilio itself wrote (its SDKs' generated test fixtures, its docs samples,
// twilio-oai's examples, captured traffic), each with its source and the verdict the contract must give. A verdict
// lists every error and every warning, so a rule that turns stricter or looser shows up here at once. The accepted
// requests also go through the client and the mock, and what the installed twilio-node really serialises is
// checked as it is produced.
import { describe, expect, it } from "vitest";
import { type CreateCallParams, createCallsClient } from "../../src/client/index.js";
import {
  type OperationId,
  operations,
  type ValidationResult,
  validateBody,
  validateQuery,
  validateResponse,
  validateWebhook,
  type WebhookId,
} from "../../src/validation/index.js";
import { selfLinkProblems } from "../../src/verify/checks.js";
import requests from "../fixtures/twilio/requests.json" with { type: "json" };
import responses from "../fixtures/twilio/responses.json" with { type: "json" };
import webhooks from "../fixtures/twilio/webhooks.json" with { type: "json" };
import { toMock } from "../support/exchange.js";
import { ACCOUNT_SID, AUTH_TOKEN, queuedCall } from "../support/fixtures.js";
import { json, startHttpServer } from "../support/http-server.js";
import { recordingSdk } from "../support/twilio-node.js";

type Finding = { field: string; rule: string };
interface Verdict {
  accept?: boolean;
  reject?: Finding[];
  warnings?: Finding[];
  reason?: string;
}
interface Source {
  repo?: string;
  path?: string;
  commit?: string;
  url?: string;
}
interface Entry {
  id: string;
  source: Source;
  verdict: Verdict;
}

const pairs = (findings: Finding[]) => findings.map(({ field, rule }) => `${field} ${rule}`).sort();
const errorsOf = (r: ValidationResult) => pairs(r.violations);
const warningsOf = (r: ValidationResult) => pairs(r.warnings);

function expectVerdict(entry: Entry, result: ValidationResult, extraErrors: Finding[] = []) {
  const errors = [...errorsOf(result), ...pairs(extraErrors)].sort();
  expect(errors, `${entry.id}: errors`).toEqual(pairs(entry.verdict.reject ?? []));
  expect(warningsOf(result), `${entry.id}: warnings`).toEqual(pairs(entry.verdict.warnings ?? []));
}

describe("the Twilio corpus itself", () => {
  const all: Entry[] = [...responses, ...requests, ...webhooks] as Entry[];

  it.each(all.map((e) => [e.id, e] as const))("%s names its source and states a verdict", (_, entry) => {
    const cited =
      (entry.source.repo && entry.source.path && /^[0-9a-f]{40}$/.test(entry.source.commit ?? "")) || entry.source.url;
    expect(cited, `${entry.id} needs repo, path and commit, or a URL`).toBeTruthy();
    expect(entry.verdict.accept === true || (entry.verdict.reject?.length ?? 0) > 0).toBe(true);
    if (entry.verdict.reject) expect(entry.verdict.reason ?? "", `${entry.id}: a rejection says why`).toMatch(/.{20,}/);
  });

  it("holds Call responses, requests and webhooks from several sources", () => {
    const repos = new Set(all.map((e) => e.source.repo ?? e.source.url));
    expect(responses.length).toBeGreaterThanOrEqual(30);
    expect(requests.length).toBeGreaterThanOrEqual(30);
    expect(repos.size).toBeGreaterThanOrEqual(8);
  });
});

describe("check Twilio corpus: responses", () => {
  it.each(responses.map((e) => [`${e.id} (${e.operation} ${e.status})`, e] as const))("%s", (_, entry) => {
    const result = validateResponse(entry.operation as OperationId, entry.status, entry.body);
    const body = entry.body as { calls?: Array<Record<string, unknown>> } & Record<string, unknown>;
    const links = (body.calls ?? [body])
      .flatMap(selfLinkProblems)
      .map(() => ({ field: "(links)", rule: "self-links" }));
    expectVerdict(entry as Entry, result, links);
  });

  it("accepts every Call from Twilio's current SDK fixtures and captures, in every response it appears in", () => {
    // Generated since 2022 (they list the siprec and events subresources) or captured lately.
    const current = responses.filter((e) =>
      /^(oai-|py-0cf2|rb-013f|php-0436|java-010c|sdk-fixture-java|dixa)/.test(e.id),
    );
    expect(current.length).toBeGreaterThanOrEqual(25);
    const rejected = current.filter((e) => !validateResponse(e.operation as OperationId, e.status, e.body).valid);
    expect(rejected.map((e) => e.id)).toEqual([]);
  });
});

describe("check Twilio corpus: requests", () => {
  const validate = (entry: (typeof requests)[number]) =>
    entry.operation === "listCalls"
      ? validateQuery("listCalls", entry.params as Array<[string, string]>)
      : validateBody(entry.operation as OperationId, entry.params as Array<[string, string]>);

  it.each(requests.map((e) => [`${e.id} (${e.operation})`, e] as const))("%s", (_, entry) => {
    expectVerdict(entry as Entry, validate(entry));
  });

  const accepted = requests.filter((e) => e.verdict.accept);

  it.each(accepted.map((e) => [`${e.id} (${e.operation})`, e] as const))("the mock accepts %s", async (_, entry) => {
    const operation = entry.operation as OperationId;
    const params = entry.params as Array<[string, string]>;
    const where = operation === "listCalls" ? { query: params } : { body: params };
    const response = await toMock({ name: entry.id, operation, expect: "accept", ...where });
    expect(response.status, JSON.stringify(response.body)).toBe(operations[operation].successStatus);
  });

  it("the client sends every accepted createCall request", async () => {
    const server = await startHttpServer((_, res) => json(res, 201, queuedCall()));
    const client = createCallsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: server.baseUrl });
    const creates = accepted.filter((e) => e.operation === "createCall");
    for (const entry of creates) {
      const params: Record<string, string | string[]> = {};
      for (const [key, value] of entry.params as Array<[string, string]>) {
        const previous = params[key];
        params[key] = previous === undefined ? value : [...[previous].flat(), value];
        if (key.endsWith("Event")) params[key] = [params[key]].flat();
      }
      await expect(client.create(params as unknown as CreateCallParams), entry.id).resolves.toMatchObject({
        status: "queued",
      });
    }
    expect(server.requests).toHaveLength(creates.length);
  });
});

describe("check Twilio corpus: webhooks", () => {
  it.each(webhooks.map((e) => [`${e.id} (${e.webhook})`, e] as const))("%s", (_, entry) => {
    expectVerdict(entry as Entry, validateWebhook(entry.webhook as WebhookId, entry.params as Array<[string, string]>));
  });
});

// What the installed twilio-node (the devDependency) puts on the wire, produced now rather than copied, so that
// bumping the SDK re-checks it.
describe("check Twilio corpus: what twilio-node serialises", () => {
  const sdkRespondingQueued = () =>
    recordingSdk((options) => {
      const get = options.method.toUpperCase() === "GET";
      return { statusCode: get ? 200 : 201, body: get ? { calls: [], next_page_uri: null } : queuedCall() };
    });

  /** The SDK's data object as form entries: arrays become repeated keys, as its serializer sends them. */
  const entries = (data: Record<string, unknown> = {}) =>
    Object.entries(data).flatMap(([key, value]) =>
      Array.isArray(value)
        ? value.map((v): [string, string] => [key, String(v)])
        : [[key, String(value)] as [string, string]],
    );

  it("accepts a create with every option twilio-node 6.2.0 offers", async () => {
    const { sdk, sent } = sdkRespondingQueued();
    await sdk.calls.create({
      to: "+13105555555",
      from: "+12125551234",
      url: "https://example.com/twiml",
      statusCallback: "https://example.com/status",
      statusCallbackEvent: ["initiated", "answered"],
      sendDigits: "W1234#",
      timeout: 30,
      record: true,
      recordingConfigurationId: "RC0123456789abcdef0123456789abcdef",
      passports: "eyJhbGciOi.eyJhdHRlc3Qi.c2lnbmF0dXJl",
      machineDetection: "Enable",
      asyncAmd: "true",
      timeLimit: 600,
    });
    const result = validateBody("createCall", entries(sent[0]?.data));
    expect([...errorsOf(result), ...warningsOf(result)]).toEqual([]);
  });

  it("accepts the date-time filters twilio-node sends for Date objects", async () => {
    const { sdk, sent } = sdkRespondingQueued();
    await sdk.calls.page({
      startTimeAfter: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      endTimeBefore: new Date(Date.UTC(2024, 0, 3)),
    });
    const query = entries(sent[0]?.params);
    expect(query).toEqual([
      ["StartTime>", "2024-01-02T03:04:05Z"],
      ["EndTime<", "2024-01-03T00:00:00Z"],
    ]);
    const result = validateQuery("listCalls", query);
    expect([...errorsOf(result), ...warningsOf(result)]).toEqual([]);
  });
});
