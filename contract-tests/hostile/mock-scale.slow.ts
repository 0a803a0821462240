// The stateful mock at the scale of the findings: 80,000 calls over 80 accounts, the state endpoint read
// three times at once, and 300 watchers of the event stream that stop reading. The mock runs as a user runs it (a
// process of its own, whose memory is read from /proc). Slow by nature (80,000 creates are about 30 s of CPU for
// the mock and this process together), so they run with `npm run test:package` (vitest.package.config.ts), not
// `npm test`; each is bounded by a deadline.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { alive, descendants, startCli, waitForOutput } from "../support/cli.js";
import { AUTHORIZATION } from "../support/fixtures.js";
import { rawConnection, rssKb, sampleRss } from "./harness.js";

/** The default bound on calls across all accounts that the fix sets (and the Limits page names). */
const MAX_CALLS = 20_000;
const ACCOUNTS = 80;
const CALLS_PER_ACCOUNT = 1000;
const MiB_KB = 1024;

/** `calls-contract mock --stateful` in a process of its own, stopped (with anything it started) in `stops`. */
async function startStatefulCli(stops: Array<() => void>) {
  // Real time, with queues fast enough that a call to the failing number ends as soon as it is placed.
  const child = startCli(["mock", "--port", "0", "--stateful", "--calls-per-second", "10000"]);
  stops.push(() => {
    for (const pid of [...descendants(child.pid!), child.pid!].filter(alive)) process.kill(pid, "SIGKILL");
  });
  const [, baseUrl] = await waitForOutput(child, /listening on (\S+)/);
  return { baseUrl: baseUrl!, pid: child.pid! };
}

// Calls to this number fail as soon as they are dialled: finished calls, which a bound may let go.
const createBody = "To=%2B15005550103&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";

async function create(baseUrl: string, account: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/2010-04-01/Accounts/${account}/Calls.json`, {
    method: "POST",
    headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
    body: createBody,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe(`the stateful mock with ${(ACCOUNTS * CALLS_PER_ACCOUNT).toLocaleString("en")} calls over ${ACCOUNTS} accounts`, () => {
  const stops: Array<() => void> = [];
  let mock: { baseUrl: string; pid: number };
  let statuses: Map<number, number>;
  let peakKb = 0;

  beforeAll(async () => {
    mock = await startStatefulCli(stops);
    const memory = sampleRss(mock.pid, (fn) => void stops.push(fn as () => void));
    const accounts = Array.from({ length: ACCOUNTS }, () => `AC${randomBytes(16).toString("hex")}`);
    const work = accounts.flatMap((account) => Array<string>(CALLS_PER_ACCOUNT).fill(account));
    statuses = new Map();
    // Sixteen at a time: the mock is the one being measured, not the client.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let account = work.pop(); account; account = work.pop()) {
          const { status } = await create(mock.baseUrl, account);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    memory.stop();
    peakKb = memory.peak();
  }, 200_000);
  afterAll(() => {
    for (const stop of stops) stop();
  });

  it(`creates every call but keeps at most ${MAX_CALLS.toLocaleString("en")}, in under 400 MiB`, async () => {
    // The oldest finished calls make room for new ones: no create is refused.
    expect(Object.fromEntries(statuses)).toEqual({ 201: ACCOUNTS * CALLS_PER_ACCOUNT });
    let next: string | null | undefined = "/__mock/api/state";
    let kept = 0;
    for (let pages = 0; next && pages < 1000; pages++) {
      const page = (await (await fetch(`${mock.baseUrl}${next}`)).json()) as {
        accounts: Array<{ calls: unknown[] }>;
        nextPage?: string | null;
      };
      kept += page.accounts.reduce((n, a) => n + a.calls.length, 0);
      next = page.nextPage;
    }
    expect(next, "the state was not paged").toBeNull();
    expect(kept).toBeLessThanOrEqual(MAX_CALLS);
    expect(peakKb).toBeLessThan(400 * MiB_KB);
  });

  it("responds to three state requests at once in under 1 MiB each, and a create meanwhile within 1 s", async () => {
    const before = rssKb(mock.pid);
    const memory = sampleRss(mock.pid, (fn) => void stops.push(fn as () => void));
    const states = Array.from({ length: 3 }, async () => (await fetch(`${mock.baseUrl}/__mock/api/state`)).text());
    const meanwhile = create(mock.baseUrl, `AC${randomBytes(16).toString("hex")}`);
    const [texts, created] = await Promise.all([Promise.all(states), meanwhile]);
    memory.stop();
    for (const text of texts) expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
    expect(created.status).toBe(201);
    expect(created.ms).toBeLessThan(1000);
    expect(memory.peak() - before).toBeLessThan(64 * MiB_KB);
  });
});

describe("the stateful mock with 300 watchers of its event stream that stop reading", () => {
  it("admits at most 32 and holds its memory while calls are created", { timeout: 120_000 }, async () => {
    const stops: Array<() => void> = [];
    onTestFinished(() => {
      for (const stop of stops) stop();
    });
    const mock = await startStatefulCli(stops);
    const host = new URL(mock.baseUrl).host;
    const watchers = Array.from({ length: 300 }, () => {
      const watcher = rawConnection(mock.baseUrl);
      watcher.socket.write(`GET /__mock/api/events HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
      // Reads the response's head, then nothing more: the mock's writes pile up in its buffers.
      watcher.socket.once("data", () => watcher.socket.pause());
      return watcher;
    });
    await new Promise((r) => setTimeout(r, 500));
    const before = rssKb(mock.pid);
    const memory = sampleRss(mock.pid);
    const account = `AC${randomBytes(16).toString("hex")}`;
    // Each create sends four events (the request, queued, and the failure's two transitions) of about 1.5 KiB to
    // every watcher: 3,000 creates are 18 MiB per watcher, past any socket buffer.
    for (let i = 0; i < 3000; i += 10)
      await Promise.all(Array.from({ length: 10 }, () => create(mock.baseUrl, account)));
    memory.stop();
    const responses = await Promise.all(watchers.map((w) => w.within(100)));
    expect(responses.filter((response) => response.status === 503)).toHaveLength(300 - 32);
    expect(memory.peak() - before).toBeLessThan(128 * MiB_KB);
  });
});
