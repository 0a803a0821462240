// A few plain requests to a catalogue server, for showing by hand that its defect is there (and that the faithful
// server does not have it). Responses are returned as they came, never judged here.
import { basicAuthHeader } from "../../src/basic-auth.js";
import type { Credentials } from "../../src/verify/index.js";
import { callPath, listPath } from "./faulty-faults.js";

export interface Seen {
  /** 0 when no response came (the connection dropped, or nothing came within the probe's time limit). */
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: a probe reads whatever the server sent
  body: any;
}

/** Who sends a request: credentials (null for none) and the account in the path. */
export interface Sender {
  credentials?: Credentials | null;
  pathAccount?: string;
}

export type Fields = Record<string, string | string[]>;

const formText = (fields: Fields) =>
  new URLSearchParams(
    Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((one) => [k, one]) : [[k, v]])),
  ).toString();

/** Long enough for the in-process mock under load; a server silent this long is not going to respond. */
const PROBE_TIMEOUT_MS = 500;

export const PHONE_CALL = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };

export function probeApi(baseUrl: string, accounts: [Credentials, Credentials]) {
  const [first, second] = accounts;
  async function send(method: string, path: string, options: { query?: Fields; form?: Fields; as?: Sender } = {}) {
    const credentials = options.as?.credentials === undefined ? first : options.as.credentials;
    const headers: Record<string, string> = { accept: "application/json" };
    if (credentials) headers.authorization = basicAuthHeader(credentials.accountSid, credentials.authToken);
    if (options.form) headers["content-type"] = "application/x-www-form-urlencoded";
    const query = options.query ? `?${formText(options.query)}` : "";
    try {
      const response = await fetch(`${baseUrl}${path}${query}`, {
        method,
        headers,
        ...(options.form ? { body: formText(options.form) } : {}),
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      const contentType = response.headers.get("content-type") ?? "";
      const text = await response.text();
      const body = /json/.test(contentType) && text ? JSON.parse(text) : text;
      const seen: Seen = { status: response.status, contentType, body };
      return seen;
    } catch {
      const silent: Seen = { status: 0, contentType: "", body: undefined };
      return silent;
    }
  }
  const accountOf = (as?: Sender) => as?.pathAccount ?? (as?.credentials ?? first).accountSid;
  const api = {
    first,
    second,
    send,
    create: (fields: Fields = {}, as?: Sender) =>
      send("POST", listPath(accountOf(as)), { form: { ...PHONE_CALL, ...fields }, ...(as ? { as } : {}) }),
    /** A create with exactly these fields, nothing added. */
    createExactly: (fields: Fields, as?: Sender) =>
      send("POST", listPath(accountOf(as)), { form: fields, ...(as ? { as } : {}) }),
    fetch: (sid: string, as?: Sender) => send("GET", callPath(accountOf(as), sid), as ? { as } : {}),
    update: (sid: string, fields: Fields, as?: Sender) =>
      send("POST", callPath(accountOf(as), sid), { form: fields, ...(as ? { as } : {}) }),
    remove: (sid: string, as?: Sender) => send("DELETE", callPath(accountOf(as), sid), as ? { as } : {}),
    list: (query: Fields = {}, as?: Sender) => send("GET", listPath(accountOf(as)), { query, ...(as ? { as } : {}) }),
    /** A call created and canceled, so that it has ended. */
    async endedCall(as?: Sender): Promise<string> {
      const sid = (await api.create({}, as)).body.sid as string;
      await api.update(sid, { Status: "canceled" }, as);
      return sid;
    },
  };
  return api;
}

export type ProbeApi = ReturnType<typeof probeApi>;
