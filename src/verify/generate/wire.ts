// Form entries as the bytes a client puts on the wire. Twilio's SDKs send `%2B` for a plus sign; a raw `+` is a
// space in application/x-www-form-urlencoded (WHATWG URL standard, urlencoded parser), so the raw form of an E.164
// number is another value, which the judge reads as the server will.
import type { FormEntries } from "../corpus.js";

export interface WireOptions {
  /** Send `+` unencoded, as a hand-written form or a careless client does. */
  rawPlus?: boolean;
}

export function encodeEntries(entries: FormEntries, options: WireOptions = {}): string {
  const text = new URLSearchParams(entries).toString();
  return options.rawPlus ? text.replaceAll("%2B", "+") : text;
}

/** What a server reads from the bytes: the key and value of each pair, in order. */
export const decodeWire = (text: string): FormEntries => [...new URLSearchParams(text)];
