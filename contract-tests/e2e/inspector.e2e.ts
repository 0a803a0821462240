// The stateful mock's inspector page in a real headless browser: Debian's chromium, driven by playwright-core
// (no browser download). It must work with no network beyond the mock, follow the event stream live, and show
// every value as text; draw a simulated call as a conversation between the app, the mock and the caller; and no
// other page in the same browser may read or steer the mock, whether it is on another origin or on a name that
// resolves to the mock. Run by `npm run test:e2e`; CHROMIUM_PATH overrides where the
// browser is.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type RunningMock, startMock } from "../../src/mock/index.js";
import { AUTHORIZATION } from "../support/fixtures.js";

const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
let browser: Browser;
let mock: RunningMock;
let page: Page;
const offMachine: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // A name that resolves to the mock, as a hostile page's own DNS name would after a rebinding.
    args: ["--no-sandbox", "--host-resolver-rules=MAP rebound.test 127.0.0.1"],
  });
  page = await browser.newPage();
  // Anything the page asks of a host other than the mock is refused and remembered: the page must need none.
  const origin = new URL(mock.baseUrl).origin;
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    offMachine.push(url);
    return route.abort();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  await page.goto(`${mock.baseUrl}/__mock/`);
  await page.locator("#clock").getByText("clock: manual").waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await mock?.stop();
});

async function createCall(to: string, extra: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${mock.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
    method: "POST",
    headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ To: to, From: "+12125551234", Url: "https://example.com/twiml", ...extra }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { sid: string }).sid;
}

/** A voice app on this machine: each path's TwiML, as text/xml. */
async function startApp(documents: Record<string, string>) {
  const server = createServer((req, res) => {
    req.resume();
    const document = documents[new URL(req.url ?? "/", "http://app").pathname];
    if (document === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "text/xml" }).end(document);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const statusOf = (sid: string) => page.locator(`tr[data-sid="${sid}"] .status`);

describe("the inspector page", () => {
  it("shows a new call as queued, without a reload", async () => {
    const sid = await createCall("+13105555555");
    await expect.poll(() => statusOf(sid).textContent(), { timeout: 10_000 }).toBe("queued");
  });

  it("moves the manual clock with its buttons and shows the call answered, then completed", async () => {
    const sid = await createCall("+13105555555");
    await page.getByRole("button", { name: "+10 s" }).click();
    await expect.poll(() => statusOf(sid).textContent(), { timeout: 10_000 }).toBe("in-progress");
    await page.getByRole("button", { name: "+1 min" }).click();
    await expect.poll(() => statusOf(sid).textContent(), { timeout: 10_000 }).toBe("completed");
    const timeline = await page.locator(`tr[data-sid="${sid}"] td:nth-child(5)`).textContent();
    expect(timeline).toContain("ringing → in-progress");
    expect(timeline).toContain("in-progress → completed");
  });

  it("shows each callback with the status code its receiver responded with", async () => {
    const sid = await createCall("+15005550101", { StatusCallback: `${mock.baseUrl}/no-such-receiver` });
    await page.getByRole("button", { name: "+10 s" }).click();
    const callbacks = page.locator(`tr[data-sid="${sid}"] td:nth-child(6)`);
    await expect.poll(() => callbacks.textContent(), { timeout: 10_000 }).toBe("completed → 404");
  });

  it("lists a request that broke a rule, with the rule it broke", async () => {
    await fetch(`${mock.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json?PageSize=0`, {
      headers: { Authorization: AUTHORIZATION },
    });
    const row = page.locator('#requests tr[data-status="400"]').first();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/GET .*PageSize=0[\s\S]*error: .*PageSize/);
  });

  it("shows the faults in place and the fault that acted on a request, with the call it stored", async () => {
    const admin = createAdminClient(mock.adminUrl as string);
    const fault = await admin.addFault({ kind: "reset-after-store", match: { to: "+13105550042" }, times: 1 });
    try {
      // The page hears of the fault itself (a faults event), before any request.
      const row = page.locator('#faults tr[data-fault="reset-after-store"]');
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("0 of 1");
      await createCall("+13105550042").catch(() => undefined); // the connection is reset: no response to read
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("1 of 1");
      const request = page.locator('#requests tr[data-fault="reset-after-store"]').first();
      await expect.poll(() => request.textContent(), { timeout: 10_000 }).toContain(`reset-after-store (${fault.id})`);
      await expect.poll(() => page.locator("#calls").textContent()).toContain("+13105550042");
    } finally {
      await admin.clearFaults();
    }
  });

  it("shows markup sent in a request as text, and runs none of it", async () => {
    const markup = "<img src=x onerror=window.injected=1>";
    await fetch(`${mock.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json?To=${encodeURIComponent(markup)}`, {
      headers: { Authorization: AUTHORIZATION },
    });
    await expect.poll(() => page.locator("#requests").textContent(), { timeout: 10_000 }).toContain(markup);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    expect(await page.locator("#requests img").count()).toBe(0);
  });

  it("draws a simulated call as a conversation: app, mock and caller side by side, with the TwiML findings", async () => {
    // The app's menu breaks TwiML's schema (a loop that is no number) and says markup, escaped as XML asks.
    const said = "<img src=x onerror=window.injected=2>";
    const app = await startApp({
      "/voice": `<Response><Gather numDigits="1" action="/menu"><Say loop="often">Press 1 ${said.replace("<", "&lt;").replace(">", "&gt;")}</Say></Gather></Response>`,
      "/menu": "<Response><Say>Goodbye.</Say><Hangup/></Response>",
    });
    try {
      const admin = createAdminClient(mock.adminUrl as string);
      await admin.setNumber(ACCOUNT_SID, "+13105550000", { voiceUrl: `${app.url}/voice` });
      const call = await admin.placeInboundCall(ACCOUNT_SID, { from: "+12125551234", to: "+13105550000" });
      await admin.pressDigits(ACCOUNT_SID, call.sid, "1");
      await admin.advance(10_000); // "Goodbye.", then <Hangup>
      await page.locator(`tr[data-sid="${call.sid}"] button`).click();
      const steps = page.locator("#steps tr");
      await expect.poll(() => steps.last().getAttribute("data-kind"), { timeout: 10_000 }).toBe("end");
      const sides = await steps.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.side));
      expect(sides.slice(0, 3)).toEqual(["mock", "app", "mock"]); // the request, the app's document, the answer
      expect(sides).toContain("caller");
      // Each step stands in its own side's column, the others left empty.
      const caller = page.locator('#steps tr[data-side="caller"]').first();
      expect(await caller.locator("td").allTextContents()).toEqual([
        expect.stringMatching(/^\+\d/),
        "",
        "",
        "presses 1",
      ]);
      const document = page.locator('#steps tr[data-side="app"]').first();
      expect(await document.locator("td.app li.error").textContent()).toMatch(
        /^error 1:\d+ type: .*loop: a whole number/,
      );
      expect(await document.locator("td.app code").textContent()).toBe("Gather");
      await page.screenshot({ path: "/tmp/inspector-conversation.png", fullPage: true });
      // What the app said is text on the page, and nothing of it ran.
      expect(await page.locator("#steps").textContent()).toContain(said);
      expect(await page.locator("#conversation img").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    } finally {
      app.close();
    }
  });

  it("asked nothing of any host but the mock, and logged no error", () => {
    expect(offMachine).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe("other pages in the same browser", () => {
  const clockNow = async () => ((await (await fetch(`${mock.adminUrl}/clock`)).json()) as { nowMs: number }).nowMs;
  /** What a page's script can do to the clock: a JSON write and a text/plain one (no preflight), their statuses. */
  const advanceFrom = (other: Page, url: string) =>
    other.evaluate(async (target) => {
      const statuses: Array<number | string> = [];
      for (const type of ["application/json", "text/plain"]) {
        const sent = fetch(target, { method: "POST", headers: { "content-type": type }, body: '{"ms":60000}' });
        statuses.push(
          await sent.then(
            (r) => r.status,
            (e: Error) => e.name,
          ),
        );
      }
      return statuses;
    }, url);

  it("refuses a page on a name that resolves to the mock (DNS rebinding): its page and its writes", async () => {
    const port = new URL(mock.baseUrl).port;
    const rebound = await browser.newPage();
    try {
      const before = await clockNow();
      expect((await rebound.goto(`http://rebound.test:${port}/__mock/`))?.status()).toBe(403);
      // Same origin as far as the browser knows: the page reads every status, and each one is a refusal.
      expect(await advanceFrom(rebound, "/__mock/api/clock/advance")).toEqual([403, 403]);
      expect(await clockNow()).toBe(before);
    } finally {
      await rebound.close();
    }
  });

  it("refuses the writes of a page of another origin on this machine", async () => {
    const server = createServer((_req, res) => res.end("<!doctype html><title>another app</title>"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const other = await browser.newPage();
    try {
      const before = await clockNow();
      await other.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // The browser hides the statuses of a cross-origin response; the clock says whether a write got through.
      await advanceFrom(other, `${mock.adminUrl}/clock/advance`);
      expect(await clockNow()).toBe(before);
    } finally {
      await other.close();
      server.close();
    }
  });
});
