// The stateful mock bounds what many clients can make it hold: calls across all accounts (the oldest finished go
// first, a 429 when every call kept is live), the state endpoint served a page at a time, and the event stream's
// watchers (past the bound a 503, until one leaves). The same bounds at full scale (80,000 calls, hundreds of
// stalled watchers) are in mock-scale.slow.ts, outside `npm test`.
import { randomBytes } from "node:crypto";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { type MockOptions, type RunningMock, startMock } from "../../src/mock/index.js";
import { statefulInternals } from "../../src/mock/stateful/internals.js";
import { AUTHORIZATION } from "../support/fixtures.js";
import { type RawResponse, rawConnection, twilioErrorProblems } from "./harness.js";

async function statefulMock(extra: MockOptions = {}): Promise<RunningMock> {
  const options: MockOptions = { stateful: true, clock: "manual", callsPerSecond: 10_000, log: () => undefined };
  const mock = await startMock({ ...options, ...extra });
  onTestFinished(() => mock.stop());
  return mock;
}

const newAccount = () => `AC${randomBytes(16).toString("hex")}`;
const callsPath = (account: string) => `/2010-04-01/Accounts/${account}/Calls`;
// Calls to this number fail as soon as they are dialled: finished calls without ringing through a scenario.
const FAILS = "%2B15005550103";

async function create(mock: RunningMock, account: string, to = "%2B13105555555") {
  const response = await fetch(`${mock.baseUrl}${callsPath(account)}.json`, {
    method: "POST",
    headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
    body: `To=${to}&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft`,
  });
  const text = await response.text();
  return { status: response.status, text, sid: response.ok ? (JSON.parse(text) as { sid: string }).sid : "" };
}

const advance = (mock: RunningMock, ms: number) =>
  fetch(`${mock.adminUrl}/clock/advance`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ms }),
  });

const fetchStatus = async (mock: RunningMock, account: string, sid: string) =>
  (await fetch(`${mock.baseUrl}${callsPath(account)}/${sid}.json`, { headers: { Authorization: AUTHORIZATION } }))
    .status;

describe("the stateful mock's bound on calls across all accounts", () => {
  it("keeps at most maxCalls across accounts, letting the oldest finished calls go first", async () => {
    const mock = await statefulMock({ maxCalls: 20 });
    const created: Array<{ account: string; sid: string }> = [];
    for (const account of Array.from({ length: 5 }, newAccount)) {
      for (let i = 0; i < 5; i++) {
        const call = await create(mock, account, FAILS);
        expect(call.status, call.text).toBe(201);
        created.push({ account, sid: call.sid });
      }
      // Each account's calls fail before the next account's are placed: the oldest finished are the first ones.
      await advance(mock, 1000);
    }
    const kept = await Promise.all(created.map(({ account, sid }) => fetchStatus(mock, account, sid)));
    expect(kept.slice(0, 5)).toEqual(Array(5).fill(404));
    expect(kept.slice(5)).toEqual(Array(20).fill(200));
  });

  it("responds 429 with a Twilio error when every call it keeps across accounts is live", async () => {
    const mock = await statefulMock({ maxCalls: 10 });
    for (const account of [newAccount(), newAccount()])
      for (let i = 0; i < 5; i++) expect((await create(mock, account)).status).toBe(201);
    const refused = await create(mock, newAccount());
    expect(refused.status).toBe(429);
    expect(twilioErrorProblems(refused.text)).toEqual([]);
    expect(refused.text).toMatch(/at most 10 calls/);
  });
});

interface StatePage {
  accounts: Array<{ accountSid: string; calls: Array<{ sid: string }> }>;
  nextPage?: string | null;
}

describe("the stateful mock's state endpoint", () => {
  it("responds with at most 100 calls at a time, and its nextPage links lead to each call once", async () => {
    const mock = await statefulMock();
    const sids = new Set<string>();
    for (const account of [newAccount(), newAccount()])
      for (let i = 0; i < 125; i++) sids.add((await create(mock, account)).sid);
    const seen: string[] = [];
    let next: string | null | undefined = "/__mock/api/state";
    for (let pages = 0; next && pages < 10; pages++) {
      const page = (await (await fetch(`${mock.baseUrl}${next}`)).json()) as StatePage;
      const calls = page.accounts.flatMap((a) => a.calls.map((c) => c.sid));
      expect(calls.length).toBeLessThanOrEqual(100);
      seen.push(...calls);
      next = page.nextPage;
    }
    expect(next).toBeNull();
    expect(seen).toHaveLength(250);
    expect(new Set(seen)).toEqual(sids);
  });

  it("refuses a page size over 1000 with 400", async () => {
    const mock = await statefulMock();
    const response = await fetch(`${mock.adminUrl}/state?pageSize=1001`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/pageSize/);
  });
});

describe("the stateful mock's event stream", () => {
  /** A watcher on a raw connection: its response's status once the head is in, and the text sent to it so far. */
  function watcher(mock: RunningMock) {
    const connection = rawConnection(mock.baseUrl);
    let text = "";
    connection.socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    connection.socket.write(`GET /__mock/api/events HTTP/1.1\r\nHost: ${new URL(mock.baseUrl).host}\r\n\r\n`);
    return { connection, text: () => text };
  }

  const welcomed = async (w: ReturnType<typeof watcher>) => {
    for (let i = 0; i < 100 && !w.text().includes("event: hello"); i++) await new Promise((r) => setTimeout(r, 20));
    return w.text().includes("event: hello");
  };

  it("takes 32 watchers, refuses the 33rd with 503, and takes a new one once a watcher leaves", async () => {
    const mock = await statefulMock();
    const first = Array.from({ length: 32 }, () => watcher(mock));
    expect(await Promise.all(first.map(welcomed))).toEqual(Array(32).fill(true));
    const extra = watcher(mock);
    const refused: RawResponse = await extra.connection.within(2000);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatch(/32 watchers/);
    first[0]?.connection.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await welcomed(watcher(mock))).toBe(true);
  });

  it("serialises each event once, whatever the number of watchers", async () => {
    const mock = await statefulMock();
    const watchers = Array.from({ length: 3 }, () => watcher(mock));
    expect(await Promise.all(watchers.map(welcomed))).toEqual([true, true, true]);
    let serialised = 0;
    statefulInternals(mock).hub.publish("clock", () => ({ toJSON: () => ({ serialised: ++serialised }) }));
    for (const w of watchers) await vi.waitFor(() => expect(w.text()).toContain('data: {"serialised":1}'));
    expect(serialised).toBe(1);
  });

  it("lets go a watcher that leaves more than 1 MiB unread, saying so at the end of its stream", async () => {
    const mock = await statefulMock();
    const hub = statefulInternals(mock).hub;
    const stalled = watcher(mock);
    expect(await welcomed(stalled)).toBe(true);
    stalled.connection.socket.pause();
    // 8 MiB of events in one go: past the 1 MiB bound whatever the socket buffers hold.
    const padding = "x".repeat(64 * 1024);
    for (let i = 0; i < 128; i++) hub.publish("clock", () => ({ padding }));
    stalled.connection.socket.resume();
    expect(await stalled.connection.closedWithin(15_000)).toBe(true);
    const text = stalled.text();
    expect(text).toMatch(/event: dropped\ndata: \{"error":"[^"]*more than 1 MiB[^"]*"\}\n\n/);
    expect(text.lastIndexOf("event: ")).toBe(text.indexOf("event: dropped"));
    expect(text.length).toBeLessThan(8 * 1024 * 1024);
    await vi.waitFor(() => expect(hub.size).toBe(0));
  });
});
