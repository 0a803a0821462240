// Seed 004's flow: a text to one of the account's numbers. The simulator requests the number's smsUrl with the
// spec's smsRequest fields (twilio.com/docs/api/twiml/sms/twilio_request: SmsSid, AccountSid, From, To, Body),
// signed with the account's token, reads the response as messaging TwiML (validateTwiml's findings, `<Sms>` a
// legacy-sms warning) and runs it: each `<Sms>` or `<Message>` is a reply kept in the text's conversation, and
// `<Redirect>` requests another document with the same fields. Only URLs on this machine are requested; the texts
// kept are bounded, the oldest forgotten first.
import { createHash } from "node:crypto";
import { isLoopbackUrl } from "../../../loopback.js";
import { validateTwiml } from "../../../twiml/index.js";
import type { TwimlNode } from "../../../twiml/tree.js";
import { requestTwiml, type TwimlFetched, type WebhookSender } from "../../../webhook-delivery.js";
import type { AccountRegistry } from "./accounts.js";
import { quoted, type Target } from "./context.js";
import type { ConversationEntry, Conversations } from "./conversation.js";
import { MAX_DOCUMENTS_PER_CALL, REDIRECT_METHOD, REQUEST_METHOD } from "./defaults.js";
import { allText, type Finding, findingsOf, readDocument, resolveUrl, shownFindings } from "./document.js";
import type { Refusal } from "./ports.js";
import type { Requests } from "./requests.js";
import { shownWebhookUrl } from "./shown-url.js";

/** The most texts kept across all accounts; the oldest is forgotten first. */
export const MAX_TEXTS = 10_000;

export interface Text {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  direction: "inbound";
}

export interface TextTimeline {
  message: Text;
  conversation: ConversationEntry[];
}

export interface TextsParts {
  accounts: AccountRegistry;
  conversations: Conversations;
  requests: Pick<Requests, "signed">;
  send: WebhookSender;
}

type TextPurpose = "sms-url" | "redirect";
type FetchedDocument = Extract<TwimlFetched, { ok: true }>;

/** validateTwiml's findings on a document read as messaging TwiML (<Sms> a legacy-sms warning). */
function messagingFindings(xml: string): Finding[] {
  return findingsOf(validateTwiml(xml, { kind: "messaging" }));
}

/** Runs one document's verbs; the next document to request, when a <Redirect> names one. */
function run(conversations: Conversations, text: Text, verbs: TwimlNode[], url: string): Target | undefined {
  for (const node of verbs) {
    if (node.tag === "Sms" || node.tag === "Message") {
      const to = node.attributes.to ?? text.from;
      const body = allText(node);
      const said = `sends the reply ${quoted(body)} to ${to} (<${node.tag}>)`;
      conversations.add(text, {
        side: "mock",
        kind: "message",
        verb: node.tag,
        path: node.path,
        to,
        body,
        text: said,
      });
    } else if (node.tag === "Redirect") {
      const next = resolveUrl(node.text, url);
      const entry = { side: "mock" as const, kind: "verb" as const, verb: node.tag, path: node.path };
      conversations.add(text, { ...entry, text: `goes to ${quoted(next ?? node.text)}` });
      return next === undefined ? undefined : { url: next, method: node.attributes.method ?? REDIRECT_METHOD };
    } else {
      const said = `<${node.tag}> is not simulated in messaging TwiML: the text's document ends here`;
      conversations.add(text, { side: "mock", kind: "not-simulated", verb: node.tag, path: node.path, text: said });
      return undefined;
    }
  }
  return undefined;
}

interface TextsState extends TextsParts {
  texts: Map<string, Text>;
  counter: number;
}

function keep(state: TextsState, text: Text): void {
  state.texts.set(text.sid, text);
  if (state.texts.size <= MAX_TEXTS) return;
  const oldest = state.texts.keys().next().value as string;
  state.texts.delete(oldest);
  state.conversations.forget(oldest);
}

/**
 * A response that is not TwiML, as Twilio's "TwiML Message: Your Response" treats it: plain text is texted back as
 * it is; audio cannot be, and is error 12300 (as verify-app judges a reply to a text).
 */
function notTwiml(conversations: Conversations, text: Text, fetched: FetchedDocument, purpose: TextPurpose): void {
  const response = { side: "app" as const, kind: "response" as const, purpose, status: fetched.status };
  conversations.add(text, { ...response, text: `responded ${fetched.status} with ${fetched.contentType}` });
  if (fetched.use === "say") {
    const body = fetched.body.trim();
    conversations.add(text, {
      side: "mock",
      kind: "message",
      to: text.from,
      body,
      text: `sends the reply ${quoted(body)}`,
    });
    return;
  }
  const said = `error 12300: Twilio does not text audio back (${fetched.contentType})`;
  conversations.add(text, { side: "mock", kind: "error", code: 12300, text: said });
}

/** Reads a messaging document the app returned and runs it; the next target, when it redirects. */
function runResponse(
  conversations: Conversations,
  text: Text,
  fetched: FetchedDocument,
  purpose: TextPurpose,
  url: string,
) {
  if (fetched.use !== "twiml") {
    notTwiml(conversations, text, fetched, purpose);
    return undefined;
  }
  const document = readDocument(fetched.body);
  const verbs = document.ok ? document.verbs.map((v) => v.tag) : [];
  const said = `responded ${fetched.status} with a messaging document of ${verbs.length} verbs`;
  const response = { side: "app" as const, kind: "response" as const, purpose, status: fetched.status };
  conversations.add(text, { ...response, verbs, text: said, ...shownFindings(messagingFindings(fetched.body)) });
  if (!document.ok) {
    conversations.add(text, { side: "mock", kind: "error", code: 12100, text: `error 12100: ${document.reason}` });
    return undefined;
  }
  return run(conversations, text, document.verbs, url);
}

/** Requests one document for the text and runs it; the next target, when it redirects. */
async function exchange(
  state: TextsState,
  text: Text,
  target: Target,
  purpose: TextPurpose,
): Promise<Target | undefined> {
  const { conversations } = state;
  const shown = shownWebhookUrl(target.url);
  const request = { side: "mock" as const, kind: "request" as const, purpose, method: target.method, url: shown };
  if (!isLoopbackUrl(target.url)) {
    conversations.add(text, { ...request, text: `does not request ${shown}: only URLs on this machine are` });
    return undefined;
  }
  conversations.add(text, { ...request, text: `${target.method} ${shown} (${purpose})` });
  const params = { SmsSid: text.sid, AccountSid: text.accountSid, From: text.from, To: text.to, Body: text.body };
  const fetched = await requestTwiml(state.requests.signed(text, target, params), state.send);
  if (fetched.ok) return runResponse(conversations, text, fetched, purpose, target.url);
  const said = `error ${fetched.code}: ${fetched.reason}`;
  conversations.add(text, { side: "mock", kind: "error", code: fetched.code, url: shown, text: said });
  return undefined;
}

/** Why a text to this number cannot be simulated, or the URL it is sent to. */
function numberFor(state: TextsState, accountSid: string, to: string): Refusal | Target {
  const number = state.accounts.number(accountSid, to);
  if (!number) return { status: 404, code: 20404, message: `${to} is no number of account ${accountSid}` };
  if (!number.smsUrl) return { status: 409, code: 20409, message: `${to} has no smsUrl` };
  if (state.accounts.tokenFor(accountSid) === undefined) {
    const message = "no auth token is known for the account (PUT /accounts/{AccountSid}) to sign the request";
    return { status: 409, code: 20409, message };
  }
  return { url: number.smsUrl, method: number.smsMethod ?? REQUEST_METHOD };
}

/** A text arrives at one of the account's numbers; resolves once its documents have run. */
async function receive(state: TextsState, accountSid: string, fields: { from: string; to: string; body: string }) {
  const first = numberFor(state, accountSid, fields.to);
  if ("status" in first) return first;
  state.counter += 1;
  const digest = createHash("sha256")
    .update(`SM ${accountSid} ${state.counter} ${fields.from} ${fields.to}`)
    .digest("hex");
  const text: Text = { sid: `SM${digest.slice(0, 32)}`, accountSid, ...fields, direction: "inbound" };
  keep(state, text);
  let target: Target | undefined = first;
  for (let n = 0; target !== undefined; n += 1) {
    if (n >= MAX_DOCUMENTS_PER_CALL) {
      const said = `the simulator requests at most ${MAX_DOCUMENTS_PER_CALL} documents a text`;
      state.conversations.add(text, { side: "mock", kind: "limit", text: said });
      break;
    }
    target = await exchange(state, text, target, n === 0 ? "sms-url" : "redirect");
  }
  return { message: text, conversation: state.conversations.of(text.sid) } satisfies TextTimeline;
}

export function createTexts(parts: TextsParts) {
  const state: TextsState = { ...parts, texts: new Map(), counter: 0 };
  return {
    receive: (
      accountSid: string,
      fields: { from: string; to: string; body: string },
    ): Promise<Refusal | TextTimeline> => receive(state, accountSid, fields),
    timeline(accountSid: string, sid: string): Refusal | TextTimeline {
      const text = state.texts.get(sid);
      if (!text || text.accountSid !== accountSid) {
        return { status: 404, code: 20404, message: `no text ${sid} on account ${accountSid}` };
      }
      return { message: text, conversation: state.conversations.of(sid) };
    },
    /** Forgets the texts of one account, or of all. */
    reset(accountSid?: string): void {
      for (const [sid, text] of state.texts) {
        if (accountSid !== undefined && text.accountSid !== accountSid) continue;
        state.texts.delete(sid);
        state.conversations.forget(sid);
      }
    },
  };
}

export type Texts = ReturnType<typeof createTexts>;
