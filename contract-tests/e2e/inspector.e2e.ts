// The stateful mock's inspector page in a real headless browser: Debian's chromium, driven by playwright-core
// (no browser download). It must work with no network beyond the mock, follow the event stream live, and show
// every value as text. Run by `npm run test:e2e`; CHROMIUM_PATH overrides where the browser is.
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
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
    args: ["--no-sandbox"],
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

  it("shows markup sent in a request as text, and runs none of it", async () => {
    const markup = "<img src=x onerror=window.injected=1>";
    await fetch(`${mock.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json?To=${encodeURIComponent(markup)}`, {
      headers: { Authorization: AUTHORIZATION },
    });
    await expect.poll(() => page.locator("#requests").textContent(), { timeout: 10_000 }).toContain(markup);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    expect(await page.locator("#requests img").count()).toBe(0);
  });

  it("asked nothing of any host but the mock, and logged no error", () => {
    expect(offMachine).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
