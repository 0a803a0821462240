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
import { requestTwiml, type WebhookSender } from "../../../webhook-delivery.js";
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

export function createTexts({ accounts, conversations, requests, send }: TextsParts) {
  const texts = new Map<string, Text>();
  let counter = 0;

  function keep(text: Text): void {
    texts.set(text.sid, text);
    if (texts.size <= MAX_TEXTS) return;
    const oldest = texts.keys().next().value as string;
    texts.delete(oldest);
    conversations.forget(oldest);
  }

  /** Requests one document for the text and runs it; the next target, when it redirects. */
  async function exchange(text: Text, target: Target, purpose: "sms-url" | "redirect"): Promise<Target | undefined> {
    const shown = shownWebhookUrl(target.url);
    const request = { side: "mock" as const, kind: "request" as const, purpose, method: target.method, url: shown };
    if (!isLoopbackUrl(target.url)) {
      conversations.add(text, { ...request, text: `does not request ${shown}: only URLs on this machine are` });
      return undefined;
    }
    conversations.add(text, { ...request, text: `${target.method} ${shown} (${purpose})` });
    const params = { SmsSid: text.sid, AccountSid: text.accountSid, From: text.from, To: text.to, Body: text.body };
    const fetched = await requestTwiml(requests.signed(text, target, params), send);
    if (!fetched.ok) {
      const said = `error ${fetched.code}: ${fetched.reason}`;
      conversations.add(text, { side: "mock", kind: "error", code: fetched.code, url: shown, text: said });
      return undefined;
    }
    const document = readDocument(fetched.body);
    const findings = messagingFindings(fetched.body);
    const verbs = document.ok ? document.verbs.map((v) => v.tag) : [];
    const said = `responded ${fetched.status} with a messaging document of ${verbs.length} verbs`;
    const response = { side: "app" as const, kind: "response" as const, purpose, status: fetched.status };
    conversations.add(text, { ...response, verbs, text: said, ...shownFindings(findings) });
    if (!document.ok) {
      conversations.add(text, { side: "mock", kind: "error", code: 12100, text: `error 12100: ${document.reason}` });
      return undefined;
    }
    return run(conversations, text, document.verbs, target.url);
  }

  return {
    /** A text arrives at one of the account's numbers; resolves once its documents have run. */
    async receive(
      accountSid: string,
      fields: { from: string; to: string; body: string },
    ): Promise<Refusal | TextTimeline> {
      const number = accounts.number(accountSid, fields.to);
      if (!number) return { status: 404, code: 20404, message: `${fields.to} is no number of account ${accountSid}` };
      if (!number.smsUrl) return { status: 409, code: 20409, message: `${fields.to} has no smsUrl` };
      if (accounts.tokenFor(accountSid) === undefined) {
        const message = "no auth token is known for the account (PUT /accounts/{AccountSid}) to sign the request";
        return { status: 409, code: 20409, message };
      }
      counter += 1;
      const digest = createHash("sha256")
        .update(`SM ${accountSid} ${counter} ${fields.from} ${fields.to}`)
        .digest("hex");
      const text: Text = { sid: `SM${digest.slice(0, 32)}`, accountSid, ...fields, direction: "inbound" };
      keep(text);
      let target: Target | undefined = { url: number.smsUrl, method: number.smsMethod ?? REQUEST_METHOD };
      for (let n = 0; target !== undefined; n += 1) {
        if (n >= MAX_DOCUMENTS_PER_CALL) {
          const said = `the simulator requests at most ${MAX_DOCUMENTS_PER_CALL} documents a text`;
          conversations.add(text, { side: "mock", kind: "limit", text: said });
          break;
        }
        target = await exchange(text, target, n === 0 ? "sms-url" : "redirect");
      }
      return { message: text, conversation: conversations.of(text.sid) };
    },
    timeline(accountSid: string, sid: string): Refusal | TextTimeline {
      const text = texts.get(sid);
      if (!text || text.accountSid !== accountSid) {
        return { status: 404, code: 20404, message: `no text ${sid} on account ${accountSid}` };
      }
      return { message: text, conversation: conversations.of(sid) };
    },
    /** Forgets the texts of one account, or of all. */
    reset(accountSid?: string): void {
      for (const [sid, text] of texts) {
        if (accountSid !== undefined && text.accountSid !== accountSid) continue;
        texts.delete(sid);
        conversations.forget(sid);
      }
    },
  };
}

export type Texts = ReturnType<typeof createTexts>;
