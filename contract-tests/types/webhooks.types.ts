// Compile-time contract of the webhook helpers and the queue (checked by `tsc --noEmit` in the test command).
import { createCallQueue, createCallsClient } from "../../src/client/index.js";
import { parseWebhook, validateWebhook } from "../../src/index.js";

export function webhookTypes(body: string, signature: string | undefined): void {
  const event = parseWebhook("statusCallback", { url: "https://example.com/status", body, signature, authToken: "t" });
  const status:
    | "queued"
    | "initiated"
    | "ringing"
    | "in-progress"
    | "completed"
    | "busy"
    | "failed"
    | "no-answer"
    | "canceled" = event.CallStatus;
  const sequence: number = event.SequenceNumber;
  void [status, sequence];

  // @ts-expect-error a status callback's SequenceNumber is a number once parsed, not text
  const asText: string = event.SequenceNumber;
  void asText;

  const amd = parseWebhook("asyncAmdStatusCallback", {
    url: "https://example.com/amd",
    body,
    signature,
    authToken: "t",
  });
  // @ts-expect-error AnsweredBy is one of the detection results, not any string
  const answered: "machine" = amd.AnsweredBy;
  void answered;

  // @ts-expect-error "status" is not a webhook this spec describes (it is statusCallback)
  validateWebhook("status", body);
}

export async function queueTypes(): Promise<void> {
  const queue = createCallQueue({
    client: createCallsClient({ accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "t" }),
  });
  const call = await queue.enqueue({ To: "+13105555555", From: "+12125551234", Url: "https://example.com/t" });
  void call.sid;
  // @ts-expect-error the queue takes the same create parameters as the client: one of Url, Twiml or ApplicationSid
  await queue.enqueue({ To: "+13105555555", From: "+12125551234" });
}
