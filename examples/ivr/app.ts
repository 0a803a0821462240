// A small IVR, as a Twilio developer writes one: a menu, a transfer to sales, and voicemail when nobody picks up.
// It builds its TwiML with the twilio SDK's builder and refuses any request whose X-Twilio-Signature is not
// Twilio's, so the test that drives it through the simulator (contract-tests/examples/ivr.test.ts) shows that the
// simulator signs as Twilio does. Plain node:http, to keep the example free of a web framework.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

const { VoiceResponse } = twilio.twiml;

export interface IvrOptions {
  /** The account's auth token, which signs every request Twilio sends. */
  authToken: string;
  /** Where "press 1 for sales" is transferred. */
  salesNumber: string;
}

export interface Ivr {
  /** The URL to give a number as its voiceUrl. */
  voiceUrl: string;
  /** The recordings left, as the action of the <Record> heard them. */
  messages: { from: string; url: string; seconds: number }[];
  close: () => Promise<void>;
}

type Params = Record<string, string>;

/** Each path's document, from the request's parameters. */
function route(path: string, params: Params, options: IvrOptions, ivr: Ivr): string | undefined {
  const twiml = new VoiceResponse();
  if (path === "/voice") {
    const menu = twiml.gather({ numDigits: 1, action: "/menu", timeout: 5 });
    menu.say("Thanks for calling Owl Books. Press 1 for sales, or 2 to leave a message.");
    twiml.say("We did not hear a choice. Goodbye.");
  } else if (path === "/menu" && params.Digits === "1") {
    twiml.say("Connecting you to sales.");
    twiml.dial({ action: "/after-dial", timeout: 20 }).number(options.salesNumber);
  } else if (path === "/menu" || path === "/after-dial") {
    if (path === "/after-dial" && params.DialCallStatus === "completed") return twiml.toString(); // hangs up
    twiml.say("Please leave a message after the beep, then press the pound key.");
    twiml.record({ maxLength: 60, finishOnKey: "#", action: "/message" });
    twiml.say("We did not get a message. Goodbye.");
  } else if (path === "/message") {
    ivr.messages.push({
      from: params.From ?? "",
      url: params.RecordingUrl ?? "",
      seconds: Number(params.RecordingDuration),
    });
    twiml.say("Thank you. Goodbye.");
    twiml.hangup();
  } else {
    return undefined;
  }
  return twiml.toString();
}

function respond(req: IncomingMessage, res: ServerResponse, body: string, options: IvrOptions, ivr: Ivr): void {
  const url = `${new URL(ivr.voiceUrl).origin}${req.url}`;
  const params = Object.fromEntries(new URLSearchParams(body)) as Params;
  const signature = String(req.headers["x-twilio-signature"] ?? "");
  if (!twilio.validateRequest(options.authToken, signature, url, params)) {
    res.writeHead(403).end();
    return;
  }
  const document = route(new URL(url).pathname, params, options, ivr);
  if (document === undefined) res.writeHead(404).end();
  else res.writeHead(200, { "Content-Type": "text/xml" }).end(document);
}

/** Starts the IVR on a free port of this machine. */
export async function startIvr(options: IvrOptions): Promise<Ivr> {
  const ivr: Ivr = { voiceUrl: "", messages: [], close: async () => undefined };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => respond(req, res, body, options, ivr));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ivr.voiceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/voice`;
  ivr.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return ivr;
}
