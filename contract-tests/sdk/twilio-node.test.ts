// twilio-node (the devDependency), unchanged, against the stateful mock through its documented extension point: a
// custom `httpClient` (twilio-node-recipe.ts, which docs/sdks.md shows word for word). It creates, fetches, lists,
// updates and deletes calls, gets Twilio's errors as the SDK's own RestException, and an app's status callback
// endpoint checks each signed callback with the SDK's own validateRequest.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { docsBlocks, expectScenario, recipe, type ScenarioResult } from "./scenario.js";
import { twilioOnMock } from "./twilio-node-recipe.js";

const AUTH_TOKEN = "sdk-test-token";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ seed: "twilio-node" });
});
afterAll(() => harness.stop());

/** The app's status callback endpoint: keeps each callback and whether the SDK's validator accepts its signature. */
async function statusCallbacks() {
  const heard: ScenarioResult["callbacks"] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
      const signature = String(req.headers["x-twilio-signature"]);
      heard.push({
        status: params.CallStatus ?? "",
        signed: twilio.validateRequest(AUTH_TOKEN, signature, url, params),
        forgedSigned: twilio.validateRequest(AUTH_TOKEN, signature, url, { ...params, CallStatus: "forged" }),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`;
  return { heard, url, close: () => server.close() };
}

/** The SDK's RestException for a request the mock refuses, as status and code. */
async function refusal(request: Promise<unknown>): Promise<ScenarioResult["gone"]> {
  try {
    await request;
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(twilio.RestException);
    const { status, code } = error as InstanceType<typeof twilio.RestException>;
    return { status, code: code ?? 0 };
  }
}

describe("twilio-node against the stateful mock", () => {
  it("is pointed at the mock by the recipe docs/sdks.md shows, word for word", () => {
    expect(docsBlocks("ts")).toContain(recipe("twilio-node-recipe.ts"));
  });

  it("creates, fetches, lists, updates and deletes calls, and checks each signed status callback", async () => {
    const client = twilioOnMock(freshAccount(), AUTH_TOKEN, harness.mock.baseUrl);
    const app = await statusCallbacks();
    try {
      const placed = await client.calls.create({
        to: "+13105555555",
        from: "+12125551234",
        url: "https://example.com/twiml",
        statusCallback: app.url,
        statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
      });
      const second = await client.calls.create({
        to: "+13105555556",
        from: "+12125551234",
        twiml: "<Response><Say>Hi</Say></Response>",
      });
      const canceled = await client.calls(second.sid).update({ status: "canceled" });
      await harness.admin.advance(60_000);
      await vi.waitFor(() => expect(app.heard).toHaveLength(4));
      const fetched = await client.calls(placed.sid).fetch();
      const listed = await client.calls.list({ pageSize: 1 });
      const deleted = [await client.calls(placed.sid).remove(), await client.calls(second.sid).remove()];
      expectScenario({
        created: { sid: placed.sid, status: placed.status },
        updated: { sid: canceled.sid, status: canceled.status },
        fetched: { sid: fetched.sid, status: fetched.status, duration: fetched.duration },
        listed: listed.map((call) => call.sid),
        deleted,
        callbacks: app.heard,
        gone: await refusal(client.calls(placed.sid).fetch()),
        rejected: await refusal(
          client.calls.create({ to: "+15005550001", from: "+12125551234", url: "https://example.com/twiml" }),
        ),
      });
    } finally {
      app.close();
    }
  });
});
