// Compile-time contract, checked by `tsc --noEmit` in the test command: every @ts-expect-error line must fail to
// compile, or tsc reports the directive as unused.
import { type Call, type CreateCallParams, createCallsClient } from "../../src/index.js";

const client = createCallsClient({ accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "token" });
const sid = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

export async function compileTimeContract(call: Call): Promise<void> {
  // The valid forms compile.
  await client.create({ To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" });
  await client.create({ To: "client:joey", From: "+12125551234", Twiml: "<Response/>", MachineDetection: "Enable" });
  await client.create({
    To: "+13105555555",
    From: "+12125551234",
    ApplicationSid: "AP0123456789abcdef0123456789abcdef",
  });
  await client.update(sid, { Status: "canceled" });

  // @ts-expect-error To is required
  await client.create({ From: "+12125551234", Url: "https://example.com/twiml" });

  // @ts-expect-error one of Url, Twiml or ApplicationSid is required
  await client.create({ To: "+13105555555", From: "+12125551234" });

  await client.create({
    To: "+13105555555",
    From: "+12125551234",
    Url: "https://example.com/t",
    // @ts-expect-error StatusCallbackEvents is not a parameter (StatusCallbackEvent is)
    StatusCallbackEvents: ["ringing"],
  });

  await client.create({
    To: "+13105555555",
    From: "+12125551234",
    Url: "https://example.com/t",
    // @ts-expect-error MachineDetection values are case-sensitive: "Enable"
    MachineDetection: "enable",
  });

  await client.create({
    To: "+13105555555",
    From: "+12125551234",
    Url: "https://example.com/t",
    // @ts-expect-error StatusCallbackEvent "queued" is not an event
    StatusCallbackEvent: ["queued"],
  });

  // @ts-expect-error update Status is spelt "canceled"
  await client.update(sid, { Status: "cancelled" });

  const textTimeout: CreateCallParams = {
    To: "+13105555555",
    From: "+12125551234",
    Url: "https://example.com/t",
    // @ts-expect-error Timeout is a number, not text
    Timeout: "30",
  };
  void textTimeout;

  // @ts-expect-error a Call has no `duration_seconds` field
  void call.duration_seconds;

  // @ts-expect-error status is a union of the spec's values, not any string
  const status: "answered" = call.status;
  void status;

  // Nullable fields must be narrowed before use.
  // @ts-expect-error end_time may be null
  call.end_time.length;

  // The retired SMS/Messages create: To, From and Body are all required.
  await client.sendSms({ To: "+13105550162", From: "+12125550198", Body: "hi" });
  // @ts-expect-error Body is required
  await client.sendSms({ To: "+13105550162", From: "+12125550198" });
  // @ts-expect-error MediaUrl belongs to Messages, not SMS/Messages
  await client.sendSms({ To: "+13105550162", From: "+12125550198", Body: "hi", MediaUrl: "https://example.com/a.png" });
}
