// Small voice apps for verify-app to check, each an in-process server on 127.0.0.1: a faithful one (a menu with a
// Gather, a Dial and a Record, every handler checking X-Twilio-Signature with twilio-node's validateRequest, as an
// app built on the SDK does) and the same app with exactly one known fault. The menu's first sentence carries markup
// as text, for the map's page to show as text.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";

const require = createRequire(import.meta.url);
const { validateRequest } = require("twilio/lib/webhooks/webhooks.js") as {
  validateRequest(token: string, signature: string, url: string, params: Record<string, string>): boolean;
};

export const APP_TOKEN = "verify-app-test-token-5c4b3a";

export type Fault =
  | "no-signature-check"
  | "500-on-canceled"
  | "rejects-unknown-field"
  | "malformed-twiml-behind-2"
  | "slow-action"
  | "unreachable-action";

export interface AppOptions {
  fault?: Fault;
  /** How long the slow action takes, for "slow-action". */
  slowMs?: number;
  /** Where the unreachable action points, for "unreachable-action": a port nothing listens on. */
  unreachableUrl?: string;
  /** What the voice URL responds with in place of the menu: another media type (text/html, text/plain, audio). */
  voice?: { contentType: string; body: string };
}

/** What the app received, as it received it. */
export interface Received {
  method: string;
  url: string;
  path: string;
  signature: string | undefined;
  params: Record<string, string>;
  /** Whether twilio-node's validateRequest accepted the signature. */
  signedByTwilio: boolean;
}

// The fields the faulty app knows, as a handler validated with a closed schema would: anything else is refused.
const KNOWN = new Set([
  ..."CallSid AccountSid From To CallStatus ApiVersion Direction ForwardedFrom CallerName ParentCallSid".split(" "),
  ..."CallToken AnsweredBy MachineDetectionDuration CallbackSource SequenceNumber Timestamp CallDuration".split(" "),
  ..."Duration Called Caller SipResponseCode RecordingUrl RecordingSid RecordingDuration RecordingStatus".split(" "),
  ..."RecordingChannels RecordingSource RecordingStartTime RecordingTrack ErrorCode ConferenceSid Digits".split(" "),
  ..."DialCallStatus DialCallSid DialCallDuration".split(" "),
]);

/** The menu the voice URL responds with. */
export const MENU = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Gather numDigits="1" action="/menu" method="POST">
    <Say>Press 1 for sales, 2 for support, 3 to leave a message. &lt;img src=x onerror=window.injected=1&gt;</Say>
  </Gather>
  <Say>We did not get your choice.</Say>
  <Redirect>/voice</Redirect>
</Response>`;

function menuChoice(digits: string | undefined, options: AppOptions): string {
  const afterDial = options.fault === "unreachable-action" ? (options.unreachableUrl ?? "") : "/after-dial";
  switch (digits) {
    case "1":
      return `<Response><Dial action="${afterDial}" timeout="20"><Number>+13105555555</Number></Dial></Response>`;
    case "2":
      return options.fault === "malformed-twiml-behind-2"
        ? "<Response><Say>Support is closed.</Response>"
        : "<Response><Say>Support is closed today.</Say><Hangup/></Response>";
    case "3":
      return '<Response><Say>Leave a message after the beep.</Say><Record action="/recorded" maxLength="30"/></Response>';
    default:
      return "<Response><Say>That is not an option.</Say><Redirect>/voice</Redirect></Response>";
  }
}

const twiml = (res: ServerResponse, xml: string) => {
  res.writeHead(200, { "Content-Type": "text/xml" });
  res.end(xml);
};

async function route(path: string, params: Record<string, string>, res: ServerResponse, options: AppOptions) {
  if (options.fault === "rejects-unknown-field" && Object.keys(params).some((k) => !KNOWN.has(k))) {
    res.writeHead(400).end("unknown field");
    return;
  }
  if (path === "/voice" && options.voice) {
    res.writeHead(200, { "Content-Type": options.voice.contentType });
    res.end(options.voice.body);
    return;
  }
  if (path === "/voice") return twiml(res, MENU);
  if (path === "/menu") return twiml(res, menuChoice(params.Digits, options));
  if (path === "/after-dial" || path === "/recorded") {
    if (path === "/recorded" && options.fault === "slow-action")
      await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 1000));
    return twiml(res, "<Response><Say>Goodbye.</Say><Hangup/></Response>");
  }
  if (path === "/status" && options.fault === "500-on-canceled" && params.CallStatus === "canceled") {
    res.writeHead(500).end("no handler for canceled");
    return;
  }
  if (path === "/status" || path === "/recording" || path === "/amd") {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(404).end();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Starts the app on 127.0.0.1; `received` lists every request it got. */
export async function startApp(options: AppOptions = {}) {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = `http://${req.headers.host}${req.url}`;
    const parsed = new URL(url);
    // As Twilio's SDK is used: a POST's parameters are the body's, a GET's are in the URL that was signed.
    const form = req.method === "POST" ? Object.fromEntries(new URLSearchParams(body)) : {};
    const params = req.method === "POST" ? form : Object.fromEntries(parsed.searchParams);
    const signature = req.headers["x-twilio-signature"] as string | undefined;
    const signedByTwilio = validateRequest(APP_TOKEN, signature ?? "", url, form);
    received.push({ method: req.method ?? "", url, path: parsed.pathname, signature, params, signedByTwilio });
    if (!signedByTwilio && options.fault !== "no-signature-check") {
      res.writeHead(403).end("invalid signature");
      return;
    }
    await route(parsed.pathname, params, res, options);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    endpoints: {
      voiceRequest: `${base}/voice`,
      statusCallback: `${base}/status`,
      recordingStatusCallback: `${base}/recording`,
      asyncAmdStatusCallback: `${base}/amd`,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
