// The requests that only look like Twilio's, for `signature-enforced`: each is signed as Twilio signs (the shared
// webhook delivery), then made wrong in one way an attacker could. The body and query stay ones the spec allows, so
// that only the signature tells them from Twilio's.
import { type SignedWebhook, signWebhook, type WebhookRequest } from "../webhook-delivery.js";

export const FORGERIES = {
  unsigned: "no X-Twilio-Signature",
  "other-token": "a signature made with another auth token",
  "other-url": "a signature made for another URL",
  tampered: "CallSid changed after signing",
} as const;
export type Forgery = keyof typeof FORGERIES;

/** Where the "another URL" signature was made for: the same server, another path. */
const OTHER_PATH = "/calls-contract/another-url";

/** The same SID with its last hex digit changed: still a SID the spec allows, not the one signed. */
function changedSid(sid: string): string {
  const last = sid.at(-1) === "0" ? "1" : "0";
  return `${sid.slice(0, -1)}${last}`;
}

function withSignature(signed: SignedWebhook, signature: string | undefined): SignedWebhook {
  const headers = { ...signed.headers };
  if (signature === undefined) delete headers["X-Twilio-Signature"];
  else headers["X-Twilio-Signature"] = signature;
  return { ...signed, headers };
}

/** A signature for another URL: what a request to one endpoint of the app, replayed to this one, carries. */
function signedElsewhere(request: WebhookRequest): string | undefined {
  const elsewhere = new URL(request.url);
  elsewhere.pathname = OTHER_PATH;
  return signWebhook({ ...request, url: elsewhere.toString() }).headers["X-Twilio-Signature"];
}

/** Changes CallSid in the body of a POST or the query of a GET, after the signature was made. */
function tampered(signed: SignedWebhook): SignedWebhook {
  if (signed.body !== undefined) {
    const form = new URLSearchParams(signed.body);
    form.set("CallSid", changedSid(form.get("CallSid") ?? ""));
    return { ...signed, body: form.toString() };
  }
  const target = new URL(signed.target);
  target.searchParams.set("CallSid", changedSid(target.searchParams.get("CallSid") ?? ""));
  return { ...signed, target };
}

/** The request as sent: signed as Twilio would sign it, then made wrong in the one way `forgery` names. */
export function forgedRequest(request: WebhookRequest, forgery: Forgery): SignedWebhook {
  const signed = signWebhook(request);
  switch (forgery) {
    case "unsigned":
      return withSignature(signed, undefined);
    case "other-token": {
      const token = `${request.authToken}-not-this-one`;
      return withSignature(signed, signWebhook({ ...request, authToken: token }).headers["X-Twilio-Signature"]);
    }
    case "other-url":
      return withSignature(signed, signedElsewhere(request));
    case "tampered":
      return tampered(signed);
  }
}
