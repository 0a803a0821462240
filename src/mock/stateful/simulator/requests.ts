// The requests the simulator sends an app: for a document (the call's Url, an action, a <Redirect>, the fallback),
// signed with the account's auth token and delivered through the shared webhook delivery (the URL's connection
// overrides, retries, one idempotency token per request) and judged as Twilio judges the
// response (requestTwiml: 11200, 11205, 12300; readDocument: 12100; text/plain said and audio played, then the
// call hangs up), and the ones whose response runs nothing (a
// recording status callback, an action after the call ended). Only URLs on this machine are requested. Each
// request and each response is an entry of the call's conversation.
import { isLoopbackUrl } from "../../../loopback.js";
import type { TwimlNode } from "../../../twiml/tree.js";
import {
  deliverSigned,
  mediaTypeOf,
  NOT_TWIML,
  requestTwiml,
  signWebhook,
  type TwimlFetched,
  type WebhookSender,
} from "../../../webhook-delivery.js";
import type { Purpose, Session, Target } from "./context.js";
import type { EntryInput } from "./conversation.js";
import { MAX_DOCUMENTS_PER_CALL } from "./defaults.js";
import { readDocument, shownFindings } from "./document.js";
import { legacyVoiceParams, voiceParams } from "./params.js";
import type { SimCall } from "./ports.js";
import { shownWebhookUrl } from "./shown-url.js";

const USER_AGENT = "calls-contract-mock";
// A document's verbs as its response entry lists them.
const VERBS_SHOWN = 50;

type TwimlFailure = Extract<TwimlFetched, { ok: false }>;

/** What came of a request for a document (or of reading inline TwiML). */
export type DocumentOutcome =
  | { kind: "document"; verbs: TwimlNode[]; url: string | undefined }
  | { kind: "failed"; code: number; url: string | undefined }
  | { kind: "off-machine" }
  | { kind: "limit" };

export interface RequestsParts {
  send: WebhookSender;
  tokenFor(accountSid: string): string | undefined;
  note(call: SimCall, entry: EntryInput): void;
}

/**
 * A response Twilio says or plays rather than runs, as a document of one <Say> (its text) or one <Play> (the URL
 * requested), whose end hangs up as Twilio does after it.
 */
function spokenOrPlayed(fetched: Extract<TwimlFetched, { ok: true }>, url: string): TwimlNode[] {
  const media = mediaTypeOf(fetched.contentType);
  const text = fetched.use === "say" ? fetched.body.replace(/\s+/g, " ").trim() : shownWebhookUrl(url);
  return [{ tag: fetched.use === "say" ? "Say" : "Play", attributes: {}, text, children: [], path: media }];
}

const requestEntry = (target: Target, purpose: Purpose, text: string): EntryInput => ({
  side: "mock",
  kind: "request",
  purpose,
  method: target.method,
  url: shownWebhookUrl(target.url),
  text,
});

/** A request Twilio would send for the call, signed with its account's token. */
function signedFor(
  parts: RequestsParts,
  call: Pick<SimCall, "accountSid">,
  target: Target,
  params: Record<string, string>,
) {
  // A call is simulated only once its account's token is known (a Calls API request, or the admin API's).
  const authToken = parts.tokenFor(call.accountSid) ?? "";
  return signWebhook({ url: target.url, method: target.method, params, authToken, userAgent: USER_AGENT });
}

/** Reads a document's text as Twilio runs it; the conversation says what the app gave. */
function read(parts: RequestsParts, call: SimCall, xml: string, url: string | undefined, said: EntryInput) {
  const { note } = parts;
  const document = readDocument(xml);
  const verbs = document.ok ? document.verbs.slice(0, VERBS_SHOWN).map((v) => v.tag) : [];
  const count = document.ok ? document.verbs.length : 0;
  const what = document.ok ? `a document of ${count} verb${count === 1 ? "" : "s"}` : "a document Twilio cannot parse";
  note(call, { ...said, text: `${said.text} ${what}`, verbs, ...shownFindings(document.findings) });
  if (!document.ok) {
    note(call, { side: "mock", kind: "error", code: 12100, text: `error 12100: ${document.reason}` });
    return { kind: "failed", code: 12100, url } satisfies DocumentOutcome;
  }
  if (document.errors > 0) {
    const text = `warning 12200: the document breaks TwiML's schema in ${document.errors} places (see its findings)`;
    note(call, { side: "mock", kind: "error", code: 12200, text });
  }
  return { kind: "document", verbs: document.verbs, url } satisfies DocumentOutcome;
}

/** Whether the call may request another document, at its bound and on this machine; the outcome when not. */
function refused(
  parts: RequestsParts,
  session: Session,
  target: Target,
  purpose: Purpose,
): DocumentOutcome | undefined {
  if (session.documents >= MAX_DOCUMENTS_PER_CALL) {
    const text = `the simulator requests at most ${MAX_DOCUMENTS_PER_CALL} documents a call; the call hangs up`;
    parts.note(session.call, { side: "mock", kind: "limit", text });
    return { kind: "limit" };
  }
  if (isLoopbackUrl(target.url)) return undefined;
  const text = `does not request ${shownWebhookUrl(target.url)}: only URLs on this machine are; the call follows its scenario from here`;
  parts.note(session.call, requestEntry(target, purpose, text));
  return { kind: "off-machine" };
}

/** What Twilio makes of a response that brought no document: the app's status if any, and the error code. */
function failed(parts: RequestsParts, call: SimCall, target: Target, purpose: Purpose, fetched: TwimlFailure) {
  if (fetched.status !== undefined) {
    const text = `responded ${fetched.status}`;
    parts.note(call, { side: "app", kind: "response", purpose, status: fetched.status, text });
  }
  const text = `error ${fetched.code}: ${fetched.reason}`;
  parts.note(call, { side: "mock", kind: "error", code: fetched.code, url: shownWebhookUrl(target.url), text });
  return { kind: "failed", code: fetched.code, url: target.url } satisfies DocumentOutcome;
}

/** Requests a document for the call, within its bound of documents, on this machine only. */
async function requestDocument(
  parts: RequestsParts,
  session: Session,
  target: Target,
  purpose: Purpose,
  extra: Record<string, string> = {},
): Promise<DocumentOutcome> {
  const { call } = session;
  const refusal = refused(parts, session, target, purpose);
  if (refusal) return refusal;
  session.documents += 1;
  parts.note(call, requestEntry(target, purpose, `${target.method} ${shownWebhookUrl(target.url)} (${purpose})`));
  const params = session.legacy ? legacyVoiceParams(call, extra) : voiceParams(call, extra);
  const fetched = await requestTwiml(signedFor(parts, call, target, params), parts.send);
  // A call forgotten meanwhile (a reset) keeps no conversation.
  if (session.forgotten) return { kind: "limit" };
  if (!fetched.ok) return failed(parts, call, target, purpose, fetched);
  const said = { side: "app" as const, kind: "response" as const, purpose, status: fetched.status };
  if (fetched.use !== "twiml") {
    const text = `responded ${fetched.status} with ${mediaTypeOf(fetched.contentType)}: ${NOT_TWIML[fetched.use]}`;
    parts.note(call, { ...said, text });
    return { kind: "document", verbs: spokenOrPlayed(fetched, target.url), url: target.url };
  }
  return read(parts, call, fetched.body, target.url, { ...said, text: `responded ${fetched.status} with` });
}

/** Sends a request whose response runs nothing, and notes how the app responded. */
async function tell(
  parts: RequestsParts,
  session: Session,
  target: Target,
  purpose: Purpose,
  params: Record<string, string>,
) {
  const { call } = session;
  const shown = shownWebhookUrl(target.url);
  if (!isLoopbackUrl(target.url)) {
    parts.note(call, requestEntry(target, purpose, `does not request ${shown}: only URLs on this machine are`));
    return;
  }
  parts.note(call, requestEntry(target, purpose, `${target.method} ${shown} (${purpose})`));
  // Delivered as Twilio delivers any webhook: the URL's overrides, retries, one idempotency token.
  const outcome = await deliverSigned(signedFor(parts, call, target, params), {
    send: parts.send,
    maxResponseBytes: 0,
  });
  if (session.forgotten) return;
  const { response } = outcome;
  if (response) {
    const text = `responded ${response.status}; nothing of it runs`;
    parts.note(call, { side: "app", kind: "response", purpose, status: response.status, text });
    return;
  }
  const cause =
    outcome.code === undefined
      ? ((outcome.error as { code?: string }).code ?? String(outcome.error))
      : `error ${outcome.code}`;
  parts.note(call, { side: "mock", kind: "error", url: shown, text: `no response (${cause})` });
}

/** The simulator's requests to the app, over the shared delivery and the conversation it notes them in. */
export function createRequests(parts: RequestsParts) {
  return {
    document: (session: Session, target: Target, purpose: Purpose, extra?: Record<string, string>) =>
      requestDocument(parts, session, target, purpose, extra),
    /** Reads a call's inline TwiML (a create's or an update's Twiml). */
    inline: (session: Session, twiml: string): DocumentOutcome =>
      read(parts, session.call, twiml, undefined, { side: "app", kind: "document", text: "inline Twiml:" }),
    tell: (session: Session, target: Target, purpose: Purpose, params: Record<string, string>) =>
      tell(parts, session, target, purpose, params),
    signed: (call: Pick<SimCall, "accountSid">, target: Target, params: Record<string, string>) =>
      signedFor(parts, call, target, params),
  };
}

export type Requests = ReturnType<typeof createRequests>;
