// The admin API's faults (openapi/mock-admin.yaml, tag Faults): every response checked against the document; bad
// input refused with a 400 naming the field and the rule, and nothing changed; the same seed and the same requests
// give the same faults; /reset and startMock's option.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type AdminClient,
  type AdminFaultSpec,
  MockStartError,
  type RunningMock,
  startMock,
} from "../../src/mock/index.js";
import { documentedAdmin } from "../stateful/admin-document.js";
import { CREATE, clientOf, freshAccount, onCreates, outcomeOf, startFaultyMock, storedSids } from "./harness.js";

let mock: RunningMock;
let admin: AdminClient;
let adminUrl: string;

beforeAll(async () => {
  ({ mock, admin } = await startFaultyMock());
  adminUrl = mock.adminUrl as string;
});
afterEach(() => admin.clearFaults());
afterAll(() => mock?.stop());

const addFault = (body: unknown) => documentedAdmin(adminUrl, "post", "/faults", "/faults", body);
const listFaults = () => documentedAdmin(adminUrl, "get", "/faults", "/faults");

describe("POST /faults", () => {
  it("responds 201 with the fault, its defaults filled in and nothing fired", async () => {
    const response = await addFault({ kind: "rate-limit", match: { operation: "createCall" }, times: 2 });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: "rate-limit",
      probability: 1,
      times: 2,
      fired: 0,
      retryAfterSeconds: 1,
    });
  });

  it.each([
    ["a kind outside the list", { kind: "explode" }, /^kind must be one of latency-fixed, .*got "explode"$/],
    ["latency-fixed without ms", { kind: "latency-fixed" }, /^ms is required: a number of milliseconds from 0 to/],
    [
      "a probability above 1",
      { kind: "rate-limit", probability: 1.5 },
      /^probability must be a number from 0 to 1, got 1.5$/,
    ],
    [
      "a field no fault has",
      { kind: "rate-limit", retryAfter: 3 },
      /^unknown field retryAfter; the body takes kind, match/,
    ],
    [
      "a parameter of another kind",
      { kind: "latency-fixed", ms: 5, minMs: 1 },
      /^minMs does not apply to kind latency-fixed; it takes ms$/,
    ],
    [
      "uniform bounds the wrong way round",
      { kind: "latency-uniform", minMs: 50, maxMs: 10 },
      /^maxMs must be at least minMs \(50\), got 10$/,
    ],
    [
      "a lognormal whose maxMs is below its medianMs",
      { kind: "latency-lognormal", medianMs: 500, sigma: 1, maxMs: 100 },
      /^maxMs must be at least medianMs \(500\), got 100$/,
    ],
    [
      "an empty match.to",
      { kind: "rate-limit", match: { to: "" } },
      /^match\/to must be text of 1 to 256 characters, got ""$/,
    ],
    [
      "an operation on a callback fault",
      { kind: "duplicate-callback", match: { operation: "createCall" } },
      /^match.operation does not apply to kind duplicate-callback/,
    ],
    [
      "an event on a request fault",
      { kind: "empty-body", match: { event: "ringing" } },
      /^match.event does not apply to kind empty-body/,
    ],
    [
      "an operation the Calls API does not have",
      { kind: "empty-body", match: { operation: "placeCall" } },
      /^match\/operation must be one of createCall/,
    ],
  ])("rejects %s with 400 naming it, and adds nothing", async (_, body, message) => {
    const response = await addFault(body);
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(message);
    expect((await admin.faults()).faults).toEqual([]);
  });
});

it("rejects a body that is not valid JSON with 400 saying so, and adds nothing", async () => {
  const response = await fetch(`${adminUrl}/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"kind": "rate-limit",',
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: string }).error).toBe("the body is not valid JSON; send a JSON object");
  expect((await admin.faults()).faults).toEqual([]);
});

describe("GET and DELETE /faults", () => {
  it("lists the faults in the order they were added, with their firings newest first", async () => {
    const account = freshAccount();
    const first = await admin.addFault(onCreates(account, { kind: "latency-fixed", ms: 1 }));
    const second = await admin.addFault(onCreates(account, { kind: "empty-body" }));
    await expect(clientOf(mock, account, "undici").create(CREATE)).rejects.toThrow(/empty body/);
    const listed = await listFaults();
    const body = listed.body as Awaited<ReturnType<AdminClient["faults"]>>;
    expect(body.faults.map((f) => [f.id, f.fired])).toEqual([
      [first.id, 1],
      [second.id, 1],
    ]);
    expect(body.fired.slice(0, 2).map((f) => f.kind)).toEqual(["empty-body", "latency-fixed"]);
    expect(body.fired[0]?.request).toMatchObject({ method: "POST", operationId: "createCall", accountSid: account });
  });

  it("deletes one fault and responds 404 to the same id again", async () => {
    const fault = await admin.addFault({ kind: "rate-limit", match: { accountSid: freshAccount() } });
    expect((await documentedAdmin(adminUrl, "delete", `/faults/${fault.id}`, "/faults/{id}")).status).toBe(204);
    const again = await documentedAdmin(adminUrl, "delete", `/faults/${fault.id}`, "/faults/{id}");
    expect(again.status).toBe(404);
    expect((again.body as { error: string }).error).toBe(`no fault ${fault.id}; GET /faults lists them`);
  });

  it("rejects a fault id that is not one with 400", async () => {
    const response = await documentedAdmin(adminUrl, "delete", "/faults/rate-limit", "/faults/{id}");
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(/^id must be fault- and a whole number/);
  });

  it("deletes every fault, after which requests are served as before", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "rate-limit", times: 5 }));
    expect((await documentedAdmin(adminUrl, "delete", "/faults", "/faults")).status).toBe(204);
    await clientOf(mock, account, "undici").create(CREATE);
    expect(await storedSids(mock, account)).toHaveLength(1);
  });
});

describe("a fault's reach", () => {
  it("stops firing after `times`", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "rate-limit", times: 2 }));
    const client = clientOf(mock, account, "node");
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await outcomeOf(client.create(CREATE)));
    expect(outcomes.map((o) => (o.error as { status?: number } | undefined)?.status ?? 201)).toEqual([429, 429, 201]);
  });

  // docs/faults.md: faults act on every request their match fits, refused or not (Twilio's 20429 page gives no order
  // between its concurrency limit and authentication, so a 429 in place of a 401 is as real as one after it).
  it("acts on a request the mock refuses too: a 429 in place of the 401, using up `times`", async () => {
    const account = freshAccount();
    const fault = await admin.addFault(onCreates(account, { kind: "rate-limit" }));
    const unauthenticated = () =>
      fetch(`${mock.baseUrl}/2010-04-01/Accounts/${account}/Calls.json`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(CREATE).toString(),
      });
    expect((await unauthenticated()).status).toBe(429);
    expect((await admin.faults()).faults.find((f) => f.id === fault.id)?.fired).toBe(1);
    expect((await unauthenticated()).status).toBe(401);
  });

  it("acts only on creates to the To its match names", async () => {
    const account = freshAccount();
    await admin.addFault({ kind: "rate-limit", match: { accountSid: account, to: "+13105550000" } });
    const client = clientOf(mock, account, "undici");
    await client.create(CREATE);
    const { error } = await outcomeOf(client.create({ ...CREATE, To: "+13105550000" }));
    expect(error).toMatchObject({ status: 429 });
  });

  it("is journalled with the request it acted on, and listed by journal?faults=only", async () => {
    const account = freshAccount();
    const fault = await admin.addFault(onCreates(account, { kind: "server-error" }));
    const client = clientOf(mock, account, "undici");
    await outcomeOf(client.create(CREATE));
    await client.list({ To: CREATE.To });
    const { requests } = await admin.journal({ accountSid: account, faults: "only" });
    expect(requests.map((r) => [r.operationId, r.status, r.faults])).toEqual([
      ["createCall", 500, [{ id: fault.id, kind: "server-error" }]],
    ]);
  });

  it("is forgotten by /reset of the account its match names, and kept for another account", async () => {
    const [one, other] = [freshAccount(), freshAccount()];
    await admin.addFault(onCreates(one, { kind: "rate-limit" }));
    const kept = await admin.addFault(onCreates(other, { kind: "rate-limit" }));
    await admin.reset(one);
    expect((await admin.faults()).faults.map((f) => f.id)).toEqual([kept.id]);
    await admin.reset();
    expect(await admin.faults()).toEqual({ faults: [], fired: [] });
  });
});

describe("seeded faults", () => {
  /** Which of 40 creates a probability-0.5 fault with this seed turns into a 429. */
  async function pattern(seed: string): Promise<boolean[]> {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "rate-limit", probability: 0.5, seed, times: 1000 }));
    const client = clientOf(mock, account, "undici");
    const limited: boolean[] = [];
    for (let i = 0; i < 40; i++) limited.push((await outcomeOf(client.create(CREATE))).error !== undefined);
    await admin.clearFaults();
    return limited;
  }

  it("fire on the same requests for the same seed", async () => {
    const first = await pattern("seed-a");
    expect(first.filter(Boolean).length).toBeGreaterThan(5);
    expect(first.filter(Boolean).length).toBeLessThan(35);
    expect(await pattern("seed-a")).toEqual(first);
  });

  it("fire on other requests for another seed", async () => {
    expect(await pattern("seed-b")).not.toEqual(await pattern("seed-a"));
  });

  /** The status of each of 40 lists of a fresh account with these faults on its lists, in this order. */
  async function statuses(specs: AdminFaultSpec[]): Promise<number[]> {
    const account = freshAccount();
    for (const spec of specs) await admin.addFault({ ...spec, match: { operation: "listCalls", accountSid: account } });
    const client = clientOf(mock, account, "undici");
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      const { error } = await outcomeOf(client.list({ To: CREATE.To }));
      seen.push((error as { status?: number } | undefined)?.status ?? 200);
    }
    await admin.clearFaults();
    return seen;
  }

  it("draw for every request their match fits, so a fault fires alike alone and behind another", async () => {
    const behind: AdminFaultSpec = { kind: "rate-limit", probability: 0.5, seed: "behind" };
    const alone = await statuses([behind]);
    const ahead: AdminFaultSpec = { kind: "service-unavailable", probability: 0.5, seed: "ahead" };
    const both = await statuses([ahead, behind]);
    // Where the fault ahead did not fire, the one behind acts exactly where it acted alone.
    expect(both.filter((status) => status === 503).length).toBeGreaterThan(5);
    expect(both.filter((status) => status === 429).length).toBeGreaterThan(5);
    expect(both.map((status, i) => (status === 503 ? 503 : alone[i]))).toEqual(both);
  });

  it("draw the same lognormal delays for the same seed", async () => {
    const delays = async () => {
      const account = freshAccount();
      const spec = { kind: "latency-lognormal", medianMs: 2, sigma: 1, maxMs: 30, seed: "delays", times: 10 } as const;
      await admin.addFault(onCreates(account, spec));
      const client = clientOf(mock, account, "undici");
      for (let i = 0; i < 10; i++) await client.create(CREATE);
      const { fired } = await admin.faults();
      await admin.clearFaults();
      return fired.slice(0, 10).map((f) => f.delayMs);
    };
    const first = await delays();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await delays()).toEqual(first);
  });
});

describe("startMock's faults option", () => {
  it("puts the faults in place from the start, on the stateless mock too", async () => {
    const stateless = await startMock({ log: () => {}, faults: [{ kind: "rate-limit", times: 1 }] });
    try {
      const client = clientOf(stateless, freshAccount(), "undici");
      expect((await outcomeOf(client.create(CREATE))).error).toMatchObject({ status: 429, code: 20429 });
      expect((await client.create(CREATE)).status).toBe("queued");
    } finally {
      await stateless.stop();
    }
  });

  it("refuses to start with a fault that breaks a rule, naming its index and the field", async () => {
    const started = startMock({
      stateful: true,
      log: () => {},
      faults: [{ kind: "rate-limit" }, { kind: "latency-fixed" }],
    });
    await expect(started).rejects.toThrow(MockStartError);
    await expect(started).rejects.toThrow(/^faults\[1\]: ms is required/);
  });
});
