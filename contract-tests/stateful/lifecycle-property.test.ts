// A property over 1,000 random sequences of create, update, advance, delete, fetch and list on the stateful
// mock's responder (every response checked against the Calls spec): whatever the order, fetch, list and the
// status callbacks agree on each call's status and times, and a status only ever moves forward.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AcceptedRequest } from "../../src/mock/responder.js";
import { createStatefulMock } from "../../src/mock/stateful/runtime.js";

const ACCOUNTS = ["AC00000000000000000000000000000001", "AC00000000000000000000000000000002"];
const NUMBERS = ["+13105555555", "+15005550101", "+15005550102", "+15005550103", "+15005550104"];
const EVENTS = ["initiated", "ringing", "answered", "completed"] as const;
const RANK: Record<string, number> = { queued: 0, ringing: 1, "in-progress": 2 };
const rank = (status: string) => RANK[status] ?? 3;
const CALLBACK_ORDER = ["initiated", "ringing", "in-progress"];

type Command =
  | {
      kind: "create";
      account: number;
      to: string;
      timeout?: number;
      timeLimit?: number;
      events: string[];
      amd: boolean;
    }
  | { kind: "update"; call: number; change: "canceled" | "completed" | "redirect" }
  | { kind: "advance"; ms: number }
  | { kind: "delete"; call: number }
  | { kind: "fetch"; call: number }
  | { kind: "list"; account: number; status?: string };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record(
    {
      kind: fc.constant("create" as const),
      account: fc.integer({ min: 0, max: 1 }),
      to: fc.constantFrom(...NUMBERS),
      timeout: fc.integer({ min: 1, max: 600 }),
      timeLimit: fc.integer({ min: 1, max: 120 }),
      events: fc.subarray([...EVENTS]),
      amd: fc.boolean(),
    },
    { requiredKeys: ["kind", "account", "to", "events", "amd"] },
  ),
  fc.record({
    kind: fc.constant("update" as const),
    call: fc.nat(20),
    change: fc.constantFrom("canceled" as const, "completed" as const, "redirect" as const),
  }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.oneof(fc.integer({ min: 0, max: 8000 }), fc.nat(90_000)) }),
  fc.record({ kind: fc.constant("delete" as const), call: fc.nat(20) }),
  fc.record({ kind: fc.constant("fetch" as const), call: fc.nat(20) }),
  fc.record(
    {
      kind: fc.constant("list" as const),
      account: fc.integer({ min: 0, max: 1 }),
      status: fc.constantFrom("queued", "ringing", "in-progress", "completed", "busy", "no-answer", "canceled"),
    },
    { requiredKeys: ["kind", "account"] },
  ),
);

interface Sent {
  CallSid: string;
  CallStatus: string;
  SequenceNumber: string;
  Timestamp: string;
  CallDuration?: string;
}

function request(
  operationId: AcceptedRequest["operationId"],
  params: Record<string, string>,
  form?: Record<string, unknown>,
  query: Record<string, unknown> = {},
): AcceptedRequest {
  return { operationId, method: "", target: "", headers: {}, body: "", params, query, form, authToken: "token" };
}

type CallView = Record<string, unknown> & { sid: string; status: string };

/** Runs one sequence and checks every invariant after each step; returns the number of steps checked. */
async function run(commands: Command[]): Promise<void> {
  const sent: Sent[] = [];
  const mock = createStatefulMock({
    clock: { mode: "manual", start: Date.UTC(2026, 10, 25) },
    checkResponses: true,
    seed: "property",
    log: (line) => {
      throw new Error(`unexpected log line: ${line}`);
    },
    deliver: async (_target, _event, params) => {
      sent.push(params as unknown as Sent);
      return { status: 204 };
    },
  });
  const created: Array<{ sid: string; accountSid: string }> = [];
  const lastSeen = new Map<string, string>();
  const gone = new Set<string>();

  const see = (call: CallView) => {
    const before = lastSeen.get(call.sid);
    if (before !== undefined) {
      expect(rank(call.status), `${call.sid} went from ${before} to ${call.status}`).toBeGreaterThanOrEqual(
        rank(before),
      );
      if (rank(before) === 3) expect(call.status).toBe(before);
    }
    lastSeen.set(call.sid, call.status);
    checkTimes(call);
  };

  for (const step of commands) {
    if (step.kind === "create") {
      const accountSid = ACCOUNTS[step.account] as string;
      const response = await mock.respond(
        request(
          "createCall",
          { AccountSid: accountSid },
          {
            To: step.to,
            From: "+12125551234",
            Url: "https://example.com/twiml",
            StatusCallback: "http://127.0.0.1:9/status",
            ...(step.events.length > 0 ? { StatusCallbackEvent: step.events } : {}),
            ...(step.timeout === undefined ? {} : { Timeout: step.timeout }),
            ...(step.timeLimit === undefined ? {} : { TimeLimit: step.timeLimit }),
            ...(step.amd ? { MachineDetection: "Enable" } : {}),
          },
        ),
      );
      expect(response.status, response.body).toBe(201);
      const call = JSON.parse(response.body) as CallView;
      expect(call.status).toBe("queued");
      created.push({ sid: call.sid, accountSid });
      see(call);
    } else if (step.kind === "advance") {
      mock.clock.advance(step.ms);
    } else if (step.kind === "list") {
      const accountSid = ACCOUNTS[step.account] as string;
      const query = { PageSize: 1000, ...(step.status ? { Status: step.status } : {}) };
      const response = await mock.respond(request("listCalls", { AccountSid: accountSid }, undefined, query));
      expect(response.status, response.body).toBe(200);
      const calls = (JSON.parse(response.body) as { calls: CallView[] }).calls;
      for (const call of calls) {
        expect(call.account_sid).toBe(accountSid);
        if (step.status) expect(call.status).toBe(step.status);
        see(call);
      }
    } else {
      const target = created[step.call % Math.max(created.length, 1)];
      if (!target) continue;
      const params = { AccountSid: target.accountSid, Sid: target.sid };
      const before = lastSeen.get(target.sid) ?? "queued";
      if (step.kind === "fetch") {
        const response = await mock.respond(request("fetchCall", params));
        if (gone.has(target.sid)) {
          expect(response.status).toBe(404);
          continue;
        }
        expect(response.status, response.body).toBe(200);
        see(JSON.parse(response.body) as CallView);
      } else if (step.kind === "delete") {
        const live = mock.store.get(target.accountSid, target.sid);
        const response = await mock.respond(request("deleteCall", params));
        if (gone.has(target.sid)) expect(response.status).toBe(404);
        else if (live && rank(live.status) < 3) expect(JSON.parse(response.body).code).toBe(20009);
        else {
          expect(response.status).toBe(204);
          gone.add(target.sid);
        }
      } else {
        const form =
          step.change === "redirect" ? { Url: "https://example.com/next" } : { Status: step.change as string };
        const current = mock.store.get(target.accountSid, target.sid)?.status;
        const response = await mock.respond(request("updateCall", params, form));
        if (gone.has(target.sid)) {
          expect(response.status).toBe(404);
          continue;
        }
        if (current === undefined || rank(current) === 3) {
          expect(response.status).toBe(400);
          expect(JSON.parse(response.body).code).toBe(21220);
          continue;
        }
        expect(response.status, response.body).toBe(200);
        const call = JSON.parse(response.body) as CallView;
        if (step.change === "canceled")
          expect(call.status).toBe(current === "in-progress" ? "in-progress" : "canceled");
        if (step.change === "completed") expect(call.status).toBe(current === "in-progress" ? "completed" : "canceled");
        if (step.change === "redirect") expect(call.status).toBe(current);
        expect(rank(call.status)).toBeGreaterThanOrEqual(rank(before));
        see(call);
      }
    }
  }
  await mock.settled();
  checkCallbacks(mock, created, sent, gone);
  mock.stop();
}

const time = (text: unknown) => (text === null ? undefined : Date.parse(String(text)));

/** A call's times agree with its status: dates only where Twilio fills them, in order, duration from them. */
function checkTimes(call: CallView): void {
  const [created, start, end] = [time(call.date_created), time(call.start_time), time(call.end_time)];
  const live = rank(call.status) < 3;
  if (call.status === "queued") expect(start).toBeUndefined();
  if (live) expect(end).toBeUndefined();
  else expect(end).toBeDefined();
  if (created !== undefined && start !== undefined) expect(start).toBeGreaterThanOrEqual(created);
  if (start !== undefined && end !== undefined) expect(end).toBeGreaterThanOrEqual(start);
  if (call.duration !== null) {
    expect(call.status).toBe("completed");
    expect(Number(call.duration)).toBeLessThanOrEqual(((end ?? 0) - (start ?? 0)) / 1000);
  }
  if (call.price !== null) expect(call.status).toBe("completed");
}

/** Every callback matches the call's own history: order, sequence numbers, final status and times. */
function checkCallbacks(
  mock: ReturnType<typeof createStatefulMock>,
  created: Array<{ sid: string; accountSid: string }>,
  sent: Sent[],
  gone: Set<string>,
): void {
  for (const { sid, accountSid } of created) {
    const mine = sent.filter((s) => s.CallSid === sid);
    expect(mine.map((s) => Number(s.SequenceNumber))).toEqual(mine.map((_, i) => i));
    const statuses = mine.map((s) => s.CallStatus);
    const progress = statuses.filter((s) => CALLBACK_ORDER.includes(s));
    expect(progress).toEqual([...progress].sort((a, b) => CALLBACK_ORDER.indexOf(a) - CALLBACK_ORDER.indexOf(b)));
    const stamps = mine.map((s) => Date.parse(s.Timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    const terminal = statuses.filter((s) => !CALLBACK_ORDER.includes(s));
    expect(terminal.length).toBeLessThanOrEqual(1);
    if (gone.has(sid)) continue;
    const call = mock.store.get(accountSid, sid);
    if (!call) continue;
    const last = mine.at(-1);
    if (terminal.length === 1 && last) {
      expect(last.CallStatus).toBe(call.status);
      expect(Date.parse(last.Timestamp)).toBe(Math.floor((call.endTime ?? 0) / 1000) * 1000);
    }
    // A call canceled while queued sends nothing at all.
    if (call.status === "canceled" && call.startTime === undefined) expect(mine).toEqual([]);
  }
}

describe("the stateful mock over random sequences", () => {
  it("keeps fetch, list and callbacks in agreement, and never moves a status back (1,000 sequences)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), (commands) => run(commands)),
      { numRuns: 1000 },
    );
  });
});
