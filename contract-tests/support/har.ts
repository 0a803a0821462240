// HAR entries made by hand, as the proxy or another tool would record them, for the replay and coverage tests.
import { harEntry } from "../../src/har/entry.js";
import type { EntryNotes, HarEntry } from "../../src/har/types.js";
import { ACCOUNT_SID, AUTHORIZATION } from "./fixtures.js";

export const CALLS_URL = `https://api.twilio.invalid/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;
export const callUrl = (sid: string) =>
  `https://api.twilio.invalid/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}.json`;

/** A Twilio error body, as a server responds to an invalid request. */
export const INVALID_PARAMETER = {
  code: 20001,
  message: "Invalid parameter",
  more_info: "https://www.twilio.com/docs/errors/20001",
  status: 400,
};

export interface Made {
  method?: string;
  url?: string;
  form?: string;
  contentType?: string;
  status?: number;
  /** The response's body, sent as JSON. */
  json?: unknown;
  /** The response's body, sent as XML (the XML representation), instead of `json`. */
  xml?: string;
  notes?: EntryNotes;
}

/** One exchange: a request (a form body when `form` is given) and a JSON response (none when `status` is 0). */
export function made(options: Made = {}): HarEntry {
  const { method = "GET", url = CALLS_URL, form, status = 200, json, xml, notes = {} } = options;
  const contentType = options.contentType ?? "application/x-www-form-urlencoded";
  const rawHeaders = ["Authorization", AUTHORIZATION, ...(form === undefined ? [] : ["Content-Type", contentType])];
  const text = xml ?? (json === undefined ? "" : JSON.stringify(json));
  const media = xml === undefined ? "application/json" : "application/xml";
  const response =
    status === 0 ? undefined : { status, statusText: "", rawHeaders: ["Content-Type", media], body: Buffer.from(text) };
  return harEntry(
    { method, url, rawHeaders, body: Buffer.from(form ?? "") },
    response,
    { started: new Date("2026-11-24T17:40:02Z"), waitMs: 2, receiveMs: 1 },
    notes,
  );
}

export function harDocument(entries: HarEntry[]): string {
  return JSON.stringify({ log: { version: "1.2", creator: { name: "test", version: "1" }, entries } });
}
