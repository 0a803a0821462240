// Form bodies shaped to hurt a validator: a 10 MB key, 50,000 keys, one key 100,000 times, and the names of
// Object.prototype's members. Each gets a quick 400 whose body stays small (values and lists shortened, with a
// count of what was left out) and names the field; the prototype of every object stays as it was.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockOptions, type RunningMock, startMock } from "../../src/mock/index.js";
import { AUTHORIZATION } from "../support/fixtures.js";
import {
  CREATE_PATH,
  HANG_MS,
  KiB,
  listedViolations,
  MiB,
  openFds,
  postForm,
  rssKb,
  twilioErrorProblems,
  VALID_CREATE,
  validCreateStatus,
} from "./harness.js";

let mock: RunningMock;
let startRss = 0;
let startFds = 0;

beforeAll(async () => {
  // Above the 1 MiB default, so that a 10 MB field reaches the validators instead of drawing a 413.
  const options: MockOptions = { log: () => undefined, maxBodyBytes: 16 * MiB };
  mock = await startMock(options);
  expect(await validCreateStatus(mock.baseUrl)).toBe(201);
  startRss = rssKb(process.pid);
  startFds = openFds(process.pid);
});
afterAll(() => mock?.stop());

async function expectStillServing(): Promise<void> {
  expect(await validCreateStatus(mock.baseUrl)).toBe(201);
}

describe("the mock, given a huge field", () => {
  it("responds to a 10 MB key with a quick 400 that shows the key shortened", async () => {
    const response = await postForm(mock.baseUrl, `${"a".repeat(10_000_000)}=1&${VALID_CREATE}`);
    expect(response.status).toBe(400);
    expect(response.ms).toBeLessThan(HANG_MS);
    expect(response.text.length).toBeLessThan(64 * KiB);
    expect(twilioErrorProblems(response.text)).toEqual([]);
    expect(response.text).toContain("aaaaaaaaaaaaaaaa"); // the key is named, shortened
    await expectStillServing();
  });

  it("responds to a 10 MB value of To with a quick 400 that shows the value shortened", async () => {
    const response = await postForm(
      mock.baseUrl,
      `To=${"9".repeat(10_000_000)}&From=%2B12125551234&Url=https%3A%2F%2Fa.b`,
    );
    expect(response.status).toBe(400);
    expect(response.ms).toBeLessThan(HANG_MS);
    expect(response.text.length).toBeLessThan(64 * KiB);
    expect(listedViolations(response.text).map((v) => v.field)).toContain("To");
    await expectStillServing();
  });
});

describe("the mock, given very many fields", () => {
  it("responds to 50,000 unknown keys with a 400 under 64 KB that lists some and says how many more", async () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}=1`).join("&");
    const response = await postForm(mock.baseUrl, `${keys}&${VALID_CREATE}`);
    expect(response.status).toBe(400);
    expect(response.ms).toBeLessThan(HANG_MS);
    expect(response.text.length).toBeLessThan(64 * KiB);
    expect(twilioErrorProblems(response.text)).toEqual([]);
    const listed = listedViolations(response.text);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(1000);
    expect(response.text).toMatch(/\bmore\b/);
    await expectStillServing();
  });

  it("responds to one key sent 100,000 times with a 400 (or 413 past the limit) and a small body", async () => {
    const response = await postForm(mock.baseUrl, `${"Timeout=1&".repeat(100_000)}${VALID_CREATE}`);
    expect(response.status).toBeOneOf([400, 413]);
    expect(response.ms).toBeLessThan(HANG_MS);
    expect(response.text.length).toBeLessThan(64 * KiB);
    expect(twilioErrorProblems(response.text)).toEqual([]);
    await expectStillServing();
  });

  it("responds to one array key (StatusCallbackEvent) sent 100,000 times with a small body", async () => {
    const response = await postForm(mock.baseUrl, `${"StatusCallbackEvent=ringing&".repeat(100_000)}${VALID_CREATE}`);
    expect(response.status).toBeOneOf([400, 413]);
    expect(response.text.length).toBeLessThan(64 * KiB);
    await expectStillServing();
  });
});

describe("the mock, given the names of Object.prototype's members", () => {
  it("responds to __proto__=x with a 400 naming __proto__ as an unknown field", async () => {
    const response = await postForm(mock.baseUrl, `__proto__=x&${VALID_CREATE}`);
    expect(response.status).toBe(400);
    expect(listedViolations(response.text)).toContainEqual(
      expect.objectContaining({ field: "__proto__", rule: "additionalProperties" }),
    );
    await expectStillServing();
  });

  it.each(["constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"])(
    "responds to %s=1 with a Twilio error that names the key",
    async (key) => {
      const response = await postForm(mock.baseUrl, `${key}=1&${VALID_CREATE}`);
      expect(response.status).toBe(400);
      expect(twilioErrorProblems(response.text)).toEqual([]);
      expect(listedViolations(response.text)).toContainEqual(expect.objectContaining({ field: key }));
      await expectStillServing();
    },
  );

  it("leaves Object.prototype alone after __proto__[polluted]=1 and constructor[prototype][polluted]=1", async () => {
    const body = `__proto__%5Bpolluted%5D=1&constructor%5Bprototype%5D%5Bpolluted%5D=1&${VALID_CREATE}`;
    const response = await postForm(mock.baseUrl, body);
    expect(response.status).toBe(400);
    // The front layer runs in this process: a polluted prototype would show on every object here.
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectStillServing();
  });

  it("responds to a query parameter named __proto__ on listCalls with a 400 naming it", async () => {
    const response = await fetch(`${mock.baseUrl}${CREATE_PATH}?__proto__=1`, {
      headers: { Authorization: AUTHORIZATION },
      signal: AbortSignal.timeout(2 * HANG_MS),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("__proto__");
    await expectStillServing();
  });
});

describe("after all of the above", () => {
  it("holds its memory and file descriptors, and still creates", async () => {
    await vi.waitFor(() => expect(openFds(process.pid)).toBeLessThanOrEqual(startFds + 20), { timeout: 5000 });
    expect(rssKb(process.pid) - startRss).toBeLessThan(200 * 1024);
    await expectStillServing();
  });
});
