// The call queue, on fake timers: order, rate and exactly-once, with a stand-in client that records each create.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Call, CallsError, type CreateCallParams, createCallQueue } from "../../src/client/index.js";
import { queuedCall } from "../support/fixtures.js";

interface Sent {
  to: string;
  at: number;
}

function recordingClient(fail: (to: string) => boolean = () => false) {
  const sent: Sent[] = [];
  return {
    sent,
    create: vi.fn(async (params: CreateCallParams): Promise<Call> => {
      sent.push({ to: params.To, at: Date.now() });
      if (fail(params.To)) throw new CallsError("api", `refused ${params.To}`);
      return queuedCall({ to: params.To });
    }),
  };
}

const request = (n: number): CreateCallParams => ({
  To: `+1310555${String(n).padStart(4, "0")}`,
  From: "+12125551234",
  Url: "https://example.com/t",
});

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createCallQueue", () => {
  it("sends one create per second by default, in the order they were queued", async () => {
    const client = recordingClient();
    const queue = createCallQueue({ client });
    const results = [1, 2, 3, 4, 5].map((n) => queue.enqueue(request(n)));
    expect(queue.length).toBe(5);
    await vi.advanceTimersByTimeAsync(0);
    expect(client.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(client.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(client.sent.map((s) => s.at)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(client.sent.map((s) => s.to)).toEqual([1, 2, 3, 4, 5].map((n) => request(n).To));
    const calls = await Promise.all(results);
    expect(calls.map((c) => c.to)).toEqual(client.sent.map((s) => s.to));
  });

  it("honours a higher rate", async () => {
    const client = recordingClient();
    const queue = createCallQueue({ client, callsPerSecond: 4 });
    for (let n = 0; n < 8; n++) void queue.enqueue(request(n));
    await vi.advanceTimersByTimeAsync(2000);
    expect(client.sent.map((s) => s.at)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750]);
  });

  it("sends every create exactly once, and settles each with its own result or error", async () => {
    const client = recordingClient((to) => to.endsWith("0003"));
    const queue = createCallQueue({ client, callsPerSecond: 10 });
    const results = Array.from({ length: 20 }, (_, n) =>
      queue.enqueue(request(n)).then(
        (c) => c.to,
        (e: CallsError) => `error: ${e.message}`,
      ),
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(client.create).toHaveBeenCalledTimes(20);
    expect(new Set(client.sent.map((s) => s.to)).size).toBe(20);
    const settled = await Promise.all(results);
    expect(settled[3]).toBe(`error: refused ${request(3).To}`);
    expect(settled.filter((s) => s.startsWith("+"))).toHaveLength(19);
  });

  it("keeps the pace when creates are queued while others wait", async () => {
    const client = recordingClient();
    const queue = createCallQueue({ client });
    void queue.enqueue(request(1));
    await vi.advanceTimersByTimeAsync(400);
    void queue.enqueue(request(2));
    await vi.advanceTimersByTimeAsync(2000);
    expect(client.sent.map((s) => s.at)).toEqual([0, 1000]);
  });

  it("drains: resolves once every create is sent and settled", async () => {
    const client = recordingClient();
    const queue = createCallQueue({ client, callsPerSecond: 2 });
    for (let n = 0; n < 4; n++) void queue.enqueue(request(n));
    let drained = false;
    void queue.drain().then(() => (drained = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(drained).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(drained).toBe(true);
    expect(client.sent).toHaveLength(4);
    expect(queue.length).toBe(0);
  });

  it("cancels: waiting creates reject with the reason and are never sent", async () => {
    const client = recordingClient();
    const queue = createCallQueue({ client });
    const results = [1, 2, 3].map((n) =>
      queue.enqueue(request(n)).then(
        () => "sent",
        (e: CallsError) => `${e.kind}: ${e.message}`,
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    queue.cancel("shutting down");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await Promise.all(results)).toEqual([
      "sent",
      "cancelled: not sent: the call queue was cancelled (shutting down) before this create's turn",
      "cancelled: not sent: the call queue was cancelled (shutting down) before this create's turn",
    ]);
    expect(client.sent).toHaveLength(1);
    await expect(queue.enqueue(request(4))).rejects.toMatchObject({ kind: "cancelled" });
  });

  it("rejects a rate that is not a positive number", () => {
    expect(() => createCallQueue({ client: recordingClient(), callsPerSecond: 0 })).toThrow(
      "callsPerSecond must be a positive number, got 0",
    );
  });
});
