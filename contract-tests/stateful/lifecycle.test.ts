// The stateful mock's calls follow Twilio's documented lifecycle on a manual clock: queued, paced at one call per
// second per account; ringing; in-progress when answered; then completed, or busy, no-answer after Timeout,
// failed, canceled. Sources: Twilio's Call resource reference (statuses, Timeout default 60 and maximum 600,
// start_time/end_time/duration/price filled when the call has them) and its "Making Calls" guide (1 CPS queue).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CreateCallParams } from "../../src/client/index.js";
import { TwilioApiError } from "../../src/client/index.js";
import { startMock } from "../../src/mock/index.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ seed: "lifecycle" });
});
afterAll(() => harness.stop());
afterEach(() => harness.admin.reset());

const place = (overrides: Partial<CreateCallParams> = {}): CreateCallParams => ({
  To: "+13105555555",
  From: "+12125551234",
  Url: "https://example.com/twiml",
  ...overrides,
});
const seconds = (s: number) => harness.admin.advance(s * 1000);

async function apiError(promise: Promise<unknown>): Promise<TwilioApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TwilioApiError);
  return error as TwilioApiError;
}

describe("a call placed on the stateful mock", () => {
  it("is queued with no dates in the create's response, and can be fetched by its SID", async () => {
    const client = harness.client(freshAccount());
    const created = await client.create(place());
    expect(created).toMatchObject({ status: "queued", date_created: null, start_time: null, end_time: null });
    const fetched = await client.fetch(created.sid);
    expect(fetched).toMatchObject({ sid: created.sid, status: "queued", start_time: null, duration: null });
    expect(fetched.date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  });

  it("rings when it leaves the queue, is answered after 5 s and completes after 30 s of talk, by default", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place());
    await seconds(0);
    expect((await client.fetch(sid)).status).toBe("ringing");
    await seconds(5);
    const answered = await client.fetch(sid);
    expect(answered).toMatchObject({ status: "in-progress", end_time: null, duration: null, price: null });
    expect(answered.start_time).not.toBeNull();
    await seconds(30);
    const done = await client.fetch(sid);
    expect(done).toMatchObject({ status: "completed", duration: "30", price_unit: "USD" });
    expect(done.price).toMatch(/^-\d+\.\d+$/);
    expect(Date.parse(done.end_time ?? "") - Date.parse(done.start_time ?? "")).toBe(35_000);
  });

  it("leaves the queue at one call per second per account, and says how long it waited in queue_time", async () => {
    const client = harness.client(freshAccount());
    const sids = [];
    for (let i = 0; i < 3; i++) sids.push((await client.create(place())).sid);
    await seconds(0);
    expect(await Promise.all(sids.map(async (sid) => (await client.fetch(sid)).status))).toEqual([
      "ringing",
      "queued",
      "queued",
    ]);
    await seconds(2);
    const calls = await Promise.all(sids.map((sid) => client.fetch(sid)));
    expect(calls.map((c) => c.status)).toEqual(["ringing", "ringing", "ringing"]);
    expect(calls.map((c) => c.queue_time)).toEqual(["0", "1000", "2000"]);
  });

  it("paces each account's queue on its own", async () => {
    const first = harness.client(freshAccount());
    const second = harness.client(freshAccount());
    const a = await first.create(place());
    await first.create(place());
    const b = await second.create(place());
    await seconds(0);
    expect((await first.fetch(a.sid)).status).toBe("ringing");
    expect((await second.fetch(b.sid)).status).toBe("ringing");
  });

  it("ends no-answer when nobody answers within Timeout", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place({ To: "+15005550102", Timeout: 15 }));
    await seconds(14);
    expect((await client.fetch(sid)).status).toBe("ringing");
    await seconds(1);
    expect(await client.fetch(sid)).toMatchObject({ status: "no-answer", duration: null, price: null });
  });

  it("ends no-answer after the default Timeout of 60 s", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place({ To: "+15005550102" }));
    await seconds(59);
    expect((await client.fetch(sid)).status).toBe("ringing");
    await seconds(1);
    expect((await client.fetch(sid)).status).toBe("no-answer");
  });

  it("ends busy when the scenario number +15005550101 is called", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place({ To: "+15005550101" }));
    await seconds(2);
    expect(await client.fetch(sid)).toMatchObject({ status: "busy", duration: null, price: null });
  });

  it("ends failed when the scenario number +15005550103 is called", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place({ To: "+15005550103" }));
    await seconds(0);
    expect((await client.fetch(sid)).status).toBe("failed");
  });

  it("fills answered_by only when MachineDetection was asked for", async () => {
    const client = harness.client(freshAccount());
    const detected = await client.create(place({ To: "+15005550104", MachineDetection: "DetectMessageEnd" }));
    const plain = await client.create(place({ To: "+15005550104" }));
    await seconds(10);
    expect((await client.fetch(detected.sid)).answered_by).toBe("machine_end_beep");
    expect((await client.fetch(plain.sid)).answered_by).toBeNull();
  });

  it("hangs up at TimeLimit when the talk would last longer", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place({ TimeLimit: 10 }));
    await seconds(5 + 10);
    expect(await client.fetch(sid)).toMatchObject({ status: "completed", duration: "10" });
  });

  it("follows an outcome set for its To number through the admin API", async () => {
    const accountSid = freshAccount();
    const client = harness.client(accountSid);
    await harness.admin.setOutcomeForTo(accountSid, "+13105550000", { outcome: "busy", ringSeconds: 3 });
    const { sid } = await client.create(place({ To: "+13105550000" }));
    await seconds(3);
    expect((await client.fetch(sid)).status).toBe("busy");
  });

  it("follows an outcome set for the call itself while it is queued", async () => {
    const accountSid = freshAccount();
    const client = harness.client(accountSid);
    const { sid } = await client.create(place());
    await harness.admin.setCallOutcome(accountSid, sid, { outcome: "no-answer" });
    await seconds(60);
    expect((await client.fetch(sid)).status).toBe("no-answer");
  });
});

describe("updating a call on the stateful mock", () => {
  it("cancels a queued call with Status=canceled", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place());
    const canceled = await client.update(sid, { Status: "canceled" });
    expect(canceled).toMatchObject({ status: "canceled", duration: null, price: null });
    await seconds(60);
    expect((await client.fetch(sid)).status).toBe("canceled");
  });

  it("cancels a ringing call with Status=canceled", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place());
    await seconds(1);
    expect((await client.update(sid, { Status: "canceled" })).status).toBe("canceled");
  });

  it("leaves an in-progress call alone on Status=canceled", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place());
    await seconds(6);
    expect((await client.update(sid, { Status: "canceled" })).status).toBe("in-progress");
    await seconds(30);
    expect((await client.fetch(sid)).status).toBe("completed");
  });

  it("ends an in-progress call with Status=completed, with its duration so far", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place());
    await seconds(5 + 12);
    expect(await client.update(sid, { Status: "completed" })).toMatchObject({ status: "completed", duration: "12" });
  });

  it("redirects a live call with Url and keeps it live", async () => {
    const accountSid = freshAccount();
    const client = harness.client(accountSid);
    const { sid } = await client.create(place());
    await seconds(6);
    expect((await client.update(sid, { Url: "https://example.com/next" })).status).toBe("in-progress");
    const timeline = await harness.admin.timeline(accountSid, sid);
    expect(timeline.transitions.map((t) => t.note ?? t.to)).toContain("redirected");
  });

  it("refuses to redirect a call that has ended, with 400 and code 21220", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place({ To: "+15005550101" }));
    await seconds(2);
    const error = await apiError(client.update(sid, { Twiml: "<Response><Say>late</Say></Response>" }));
    expect(error.status).toBe(400);
    expect(error.code).toBe(21220);
    expect((await client.fetch(sid)).status).toBe("busy");
  });

  it("responds 404 with code 20404 for a call of another account", async () => {
    const owner = harness.client(freshAccount());
    const stranger = harness.client(freshAccount());
    const { sid } = await owner.create(place());
    const error = await apiError(stranger.update(sid, { Status: "canceled" }));
    expect([error.status, error.code]).toEqual([404, 20404]);
    expect((await owner.fetch(sid)).status).toBe("queued");
  });
});

describe("deleting a call on the stateful mock", () => {
  it("deletes a finished call, which is then gone", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place({ To: "+15005550103" }));
    await seconds(0);
    await client.remove(sid);
    const error = await apiError(client.fetch(sid));
    expect([error.status, error.code]).toEqual([404, 20404]);
  });

  it("refuses to delete a live call, with 400 and code 20009, and keeps it", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place());
    const error = await apiError(client.remove(sid));
    expect([error.status, error.code]).toEqual([400, 20009]);
    expect((await client.fetch(sid)).status).toBe("queued");
  });
});

describe("listing calls on the stateful mock", () => {
  it("lists an account's own calls, newest first, and none of another account's", async () => {
    const mine = harness.client(freshAccount());
    const theirs = harness.client(freshAccount());
    const first = await mine.create(place());
    const second = await mine.create(place());
    await theirs.create(place());
    const page = await mine.list();
    expect(page.calls.map((c) => c.sid)).toEqual([second.sid, first.sid]);
  });

  it("filters by Status and To", async () => {
    const client = harness.client(freshAccount());
    const busy = await client.create(place({ To: "+15005550101" }));
    await client.create(place());
    await seconds(3);
    expect((await client.list({ Status: "busy" })).calls.map((c) => c.sid)).toEqual([busy.sid]);
    expect((await client.list({ To: "+15005550101" })).calls.map((c) => c.sid)).toEqual([busy.sid]);
  });

  it("pages with PageSize and next_page_uri, and each() reads every page", async () => {
    const client = harness.client(freshAccount());
    for (let i = 0; i < 5; i++) await client.create(place());
    const first = await client.list({ PageSize: 2 });
    expect(first.calls).toHaveLength(2);
    expect(first.next_page_uri).toContain("Page=1");
    const all = [];
    for await (const call of client.each({ PageSize: 2 })) all.push(call.sid);
    expect(new Set(all).size).toBe(5);
  });

  it("keeps a list's filters in its page URIs, so that next_page_uri pages through the filtered list", async () => {
    const client = harness.client(freshAccount());
    const to = "+13105550177";
    for (let i = 0; i < 3; i++) await client.create(place({ To: to }));
    await client.create(place({ To: "+13105550178" }));
    const first = await client.list({ To: to, Status: "queued", PageSize: 2 });
    // Twilio's Call resource read example: `Calls.json?To=...&Status=busy&PageSize=2&Page=0`.
    expect(first.next_page_uri).toContain(`To=${encodeURIComponent(to)}&Status=queued&PageSize=2&Page=1`);
    expect(first.first_page_uri).toContain("To=%2B13105550177&Status=queued&PageSize=2&Page=0");
    const all = [];
    for await (const call of client.each({ To: to, PageSize: 2 })) all.push(call.to);
    expect(all).toEqual([to, to, to]);
  });
});

describe("SIDs on the stateful mock", () => {
  it("gives every call its own SID", async () => {
    const client = harness.client(freshAccount());
    const sids = new Set<string>();
    for (let i = 0; i < 20; i++) sids.add((await client.create(place())).sid);
    expect(sids.size).toBe(20);
  });

  it("gives the same SIDs in the same order under the same seed", async () => {
    const accountSid = freshAccount();
    const sidsOf = async () => {
      const other = await startStatefulHarness({ seed: "same" });
      try {
        const client = other.client(accountSid);
        return [(await client.create(place())).sid, (await client.create(place())).sid];
      } finally {
        await other.stop();
      }
    };
    const [run1, run2] = [await sidsOf(), await sidsOf()];
    expect(run1).toEqual(run2);
    expect(run1[0]).not.toBe(run1[1]);
  });
});

describe("the stateful mock's memory bound", () => {
  it("forgets the oldest finished call to make room for a new one", async () => {
    const small = await startStatefulHarness({ maxCallsPerAccount: 2 });
    try {
      const client = small.client(freshAccount());
      const finished = await client.create(place({ To: "+15005550103" }));
      const live = await client.create(place());
      await small.admin.advance(0);
      const newest = await client.create(place());
      expect((await apiError(client.fetch(finished.sid))).status).toBe(404);
      expect((await client.fetch(live.sid)).sid).toBe(live.sid);
      expect((await client.fetch(newest.sid)).status).toBe("queued");
    } finally {
      await small.stop();
    }
  });

  it("refuses a create with 429 when every kept call is live, and keeps them all", async () => {
    const small = await startStatefulHarness({ maxCallsPerAccount: 2 });
    try {
      const client = small.client(freshAccount());
      await client.create(place());
      await client.create(place());
      const error = await apiError(client.create(place()));
      expect([error.status, error.code]).toEqual([429, 20429]);
      expect(error.message).toContain("at most 2 calls per account");
      expect((await client.list()).calls).toHaveLength(2);
    } finally {
      await small.stop();
    }
  });

  it("refuses to start with a bound that is not a whole number of calls of at least 1", async () => {
    await expect(startMock({ stateful: true, maxCalls: 0 })).rejects.toThrow(
      "maxCalls must be a whole number of calls of at least 1, not 0",
    );
    await expect(startMock({ stateful: true, maxCallsPerAccount: 2.5 })).rejects.toThrow(/maxCallsPerAccount/);
  });
});

describe("SIDs of an unseeded stateful mock", () => {
  // The SIDs come from a pool refilled every 512: more calls than that cross a refill.
  it("gives each of 600 calls a SID of its own, CA and 32 hex digits", async () => {
    const mock = await startStatefulHarness({ clock: "manual" });
    try {
      const client = mock.client(freshAccount());
      const sids: string[] = [];
      for (let i = 0; i < 600; i++) sids.push((await client.create(place())).sid);
      expect(sids.every((sid) => /^CA[0-9a-f]{32}$/.test(sid))).toBe(true);
      expect(new Set(sids).size).toBe(sids.length);
    } finally {
      await mock.stop();
    }
  });
});
