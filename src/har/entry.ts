// A HAR entry from what a proxy saw of one exchange: headers in the order and case they were sent, the query and
// a form body as name/value lists (repeated keys stay repeated), and the response's body as text.
import type { EntryNotes, HarEntry, HarNameValue } from "./types.js";

export interface SeenRequest {
  method: string;
  /** The full URL the request went to. */
  url: string;
  /** Alternating names and values, as node gives them in rawHeaders. */
  rawHeaders: string[];
  body: Buffer;
}

export interface SeenResponse {
  status: number;
  statusText: string;
  rawHeaders: string[];
  /** What was read of the body (all of it unless `notes.unread` says otherwise). */
  body: Buffer;
}

export interface SeenTimes {
  started: Date;
  /** From the request's end to the response's first byte. */
  waitMs: number;
  /** Reading the response's body. */
  receiveMs: number;
}

export function headerList(rawHeaders: string[]): HarNameValue[] {
  const list: HarNameValue[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) list.push({ name: rawHeaders[i]!, value: rawHeaders[i + 1]! });
  return list;
}

export function headerValue(headers: HarNameValue[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

const isForm = (mimeType: string) => /^application\/x-www-form-urlencoded\b/i.test(mimeType);
const isText = (mimeType: string) => /json|xml|text\/|x-www-form-urlencoded|javascript/i.test(mimeType);

export function harEntry(
  request: SeenRequest,
  response: SeenResponse | undefined,
  times: SeenTimes,
  notes: EntryNotes,
): HarEntry {
  const headers = headerList(request.rawHeaders);
  const requestType = headerValue(headers, "content-type") ?? "";
  const text = request.body.toString("utf8");
  // HAR 1.2 holds a body as params or as text, not both: a form as its ordered list of parameters.
  const postData =
    notes.requestUnread !== undefined
      ? { mimeType: requestType, comment: `not recorded: ${notes.requestUnread}` }
      : request.body.length === 0
        ? undefined
        : isForm(requestType)
          ? { mimeType: requestType, params: [...new URLSearchParams(text)].map(([name, value]) => ({ name, value })) }
          : { mimeType: requestType, text };
  const responseHeaders = response ? headerList(response.rawHeaders) : [];
  const responseType = headerValue(responseHeaders, "content-type") ?? "";
  const body = response?.body ?? Buffer.alloc(0);
  const content =
    notes.unread !== undefined
      ? { size: body.length, mimeType: responseType, comment: `not recorded: ${notes.unread}` }
      : body.length === 0
        ? { size: 0, mimeType: responseType }
        : isText(responseType)
          ? { size: body.length, mimeType: responseType, text: body.toString("utf8") }
          : { size: body.length, mimeType: responseType, text: body.toString("base64"), encoding: "base64" };
  const hasNotes = Object.keys(notes).length > 0;
  return {
    startedDateTime: times.started.toISOString(),
    time: times.waitMs + times.receiveMs,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers,
      queryString: [...new URL(request.url).searchParams].map(([name, value]) => ({ name, value })),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: notes.requestUnread === undefined ? request.body.length : -1,
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusText ?? "",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: responseHeaders,
      content,
      redirectURL: headerValue(responseHeaders, "location") ?? "",
      headersSize: -1,
      bodySize: response ? body.length : -1,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: times.waitMs, receive: times.receiveMs, ssl: -1 },
    ...(hasNotes ? { _callsContract: notes } : {}),
  };
}
