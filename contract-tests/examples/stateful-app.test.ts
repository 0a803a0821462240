import { createServer } from "node:http";
import { parseWebhook } from "calls-contract";
import { createCallsClient } from "calls-contract/client";
import { createAdminClient, startMock } from "calls-contract/mock";
import { expect, test, vi } from "vitest";

test("an app places a call, hears its progress, sees it completed, and cancels another", async () => {
  const mock = await startMock({ stateful: true, clock: "manual" });
  const admin = createAdminClient(mock.adminUrl as string);
  const accountSid = "AC0123456789abcdef0123456789abcdef"; // one account per test keeps tests apart
  const authToken = "test-token";

  // Your app's status callback endpoint; here it only keeps what Twilio (the mock) tells it.
  const heard: string[] = [];
  const app = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const url = `http://127.0.0.1:${port}${req.url}`;
      const signature = String(req.headers["x-twilio-signature"]);
      heard.push(parseWebhook("statusCallback", { url, body, signature, authToken }).CallStatus);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const port = (app.address() as { port: number }).port;

  try {
    const calls = createCallsClient({ accountSid, authToken, baseUrl: mock.baseUrl });
    const call = await calls.create({
      To: "+13105555555",
      From: "+12125551234",
      Url: "https://example.com/twiml",
      StatusCallback: `http://127.0.0.1:${port}/status`,
      StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    });
    expect(call.status).toBe("queued");

    await admin.advance(60_000); // rings 5 s, talks 30 s, hangs up
    await vi.waitFor(() => expect(heard).toEqual(["initiated", "ringing", "in-progress", "completed"]));
    expect(await calls.fetch(call.sid)).toMatchObject({ status: "completed", duration: "30" });

    const second = await calls.create({ To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" });
    expect((await calls.update(second.sid, { Status: "canceled" })).status).toBe("canceled");
  } finally {
    app.close();
    await mock.stop();
  }
});
