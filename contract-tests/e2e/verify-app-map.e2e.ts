// The page `verify-app --map` writes, in a real headless browser (Debian's chromium, driven by playwright-core, as
// the inspector's suite does): the walked menu of an app whose digit 2 leads to malformed TwiML, read from a file with
// nothing else to load. It must show each document and where each key leads, mark the branch that failed with the
// check it failed, and show what the app sent as text. Run by `npm run test:e2e`.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMenuMap, runVerifyApp } from "../../src/verify-app/index.js";
import { APP_TOKEN, startApp } from "../verify-app/apps.js";

let browser: Browser;
let page: Page;
let dir: string;
const elsewhere: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const app = await startApp({ fault: "malformed-twiml-behind-2" });
  const result = await runVerifyApp({ endpoints: { voiceRequest: app.endpoints.voiceRequest }, authToken: APP_TOKEN });
  await app.close();
  dir = await mkdtemp(join(tmpdir(), "verify-app-map-"));
  const file = join(dir, "menu.html");
  await writeFile(file, renderMenuMap(result.map!));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  page = await browser.newPage();
  const address = pathToFileURL(file).href;
  // Anything the page asks for besides itself is refused and remembered: it must need nothing.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === address) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  await page.goto(address);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const branch = (via: string) => page.locator(`details[data-via="${via}"]`);

describe("the menu map", () => {
  it("shows the voice URL's document with its verbs, and a branch for each key", async () => {
    const root = branch("the voice URL");
    await expect.poll(() => root.locator("> summary").textContent()).toMatch(/the voice URL\s*POST http:\/\/127/);
    const verbs = await root.locator("> ol.verbs li").allTextContents();
    expect(verbs[0]).toBe('Gather numDigits="1" action="/menu" method="POST"');
    expect(verbs).toContain("Redirect: /voice");
    const keys = await root.locator("> details").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-via")));
    expect(keys).toEqual([..."1234567890*"].map((key) => `Digits=${key}`));
  });

  it("marks the branch behind digit 2 as failed, with the check and the TwiML error, in red", async () => {
    const two = branch("Digits=2");
    expect(await two.getAttribute("data-state")).toBe("failed");
    const failure = two.locator('> ul.failures li[data-check="follows-actions"]');
    expect(await failure.textContent()).toMatch(/\[follows-actions\] error: .*unclosed at line 1, column 11/);
    const color = await two.evaluate((node) => getComputedStyle(node).borderLeftColor);
    expect(color).toBe("rgb(204, 51, 51)");
    expect(await branch("Digits=3").getAttribute("data-state")).toBe("passed");
    expect(await page.locator("#summary").textContent()).toMatch(/^\d+ documents requested, 1 failed a check$/);
  });

  it("shows where a key leads further: the Dial's outcomes and the Record's endings under their digit", async () => {
    const dial = branch("Digits=1").locator('> details[data-via="Digits=1 → DialCallStatus=no-answer"]');
    expect(await dial.locator("> summary").textContent()).toContain("/after-dial");
    expect(await branch("Digits=3").locator('> details[data-via="Digits=3 → Digits=hangup"]').count()).toBe(1);
  });

  it("folds a repeated document, and folds a document away on a click, with no script of its own", async () => {
    const repeated = branch("Digits=1 → DialCallStatus=busy");
    expect(await repeated.evaluate((node) => (node as HTMLDetailsElement).open)).toBe(false);
    expect(await repeated.locator("> p.note").textContent()).toBe("the same document as another branch, walked there");
    const one = branch("Digits=1");
    await one.locator("> summary").click();
    expect(await one.evaluate((node) => (node as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator("script").count()).toBe(0);
  });

  it("shows markup the app sent as text, and runs none of it", async () => {
    const say = branch("the voice URL").locator("> ol.verbs li").nth(1);
    expect(await say.textContent()).toContain("<img src=x onerror=window.injected=1>");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
  });

  it("asked for nothing but itself, and logged no error", () => {
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
