// The stateful mock slowed down (`--time-scale` below 1) keeps every timer: one whose real delay passes node's
// setTimeout limit (2^31-1 ms, about 24.8 days) fires when it is due, not after 1 ms. At a scale of 0.01, a call
// that talks for a day (86,400 s: the longest an outcome and a TimeLimit may set) hangs up 100 days of real time
// later.
import { describe, expect, it, onTestFinished } from "vitest";
import { createAdminClient, startMock } from "../../src/mock/index.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";
import { CREATE_PATH, postForm, sleep } from "./harness.js";

const TO = "+13105550123";

describe("the stateful mock on a clock slowed below real time", () => {
  it("keeps a call that talks for a day in progress at --time-scale 0.01", async () => {
    const mock = await startMock({ stateful: true, clock: { timeScale: 0.01 }, log: () => undefined });
    onTestFinished(() => mock.stop());
    const admin = createAdminClient(mock.adminUrl!);
    await admin.setOutcomeForTo(ACCOUNT_SID, TO, { outcome: "completed", ringSeconds: 0, talkSeconds: 86_400 });
    const created = await postForm(
      mock.baseUrl,
      `To=${encodeURIComponent(TO)}&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft&TimeLimit=86400`,
    );
    expect(created.status, created.text).toBe(201);
    const { sid } = JSON.parse(created.text) as { sid: string };
    // Dequeued and answered at once (no queue, no ringing); the hang-up is 8.64e9 real ms away.
    await sleep(300);
    const fetched = await fetch(`${mock.baseUrl}${CREATE_PATH.replace(".json", `/${sid}.json`)}`, {
      headers: { Authorization: AUTHORIZATION },
    });
    expect(((await fetched.json()) as { status: string }).status).toBe("in-progress");
  });
});
