// What the delivery tests send: status callbacks of one call as Twilio writes them (valid by the spec's
// statusCallback webhook), signed with the fixtures' auth token, and receivers on loopback that answer as told.
import type { ServerResponse } from "node:http";
import type { WebhookRequest } from "../../src/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { empty, type RecordedRequest, startHttpServer } from "../support/http-server.js";

const STATUSES = ["initiated", "ringing", "in-progress", "completed"];

/** The status callback with this SequenceNumber of one call, as a request to `url`. */
export function statusEvent(url: string, sequence = 3): WebhookRequest {
  return {
    url,
    method: "POST",
    authToken: AUTH_TOKEN,
    userAgent: "TwilioProxy/1.1",
    params: {
      CallSid: "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
      AccountSid: "AC0123456789abcdef0123456789abcdef",
      From: "+12125551234",
      To: "+13105555555",
      CallStatus: STATUSES[sequence] ?? "completed",
      ApiVersion: "2010-04-01",
      Direction: "outbound-api",
      CallbackSource: "call-progress-events",
      SequenceNumber: String(sequence),
      Timestamp: "Tue, 24 Nov 2026 17:42:45 +0000",
    },
  };
}

/** A receiver that answers each request with the next of `statuses` (the last one from then on). */
export function answering(...statuses: number[]) {
  let n = 0;
  return (_: RecordedRequest, res: ServerResponse) => empty(res, statuses[Math.min(n++, statuses.length - 1)] ?? 200);
}

/** A receiver that never answers. */
export const silent = () => undefined;

/** A URL of a port nothing listens on: every connection is refused. */
export async function refusingUrl(): Promise<string> {
  const server = await startHttpServer(silent);
  await server.close();
  return `${server.baseUrl}/status`;
}

/** A request's header, as the receiver got it. */
export const header = (request: RecordedRequest | undefined, name: string) =>
  request?.headers[name.toLowerCase()] as string | undefined;
