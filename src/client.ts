import createClient from "openapi-fetch";
import type { paths } from "../generated/calls.js";
import { CallsError, TwilioApiError } from "./errors.js";
import { encodeForm } from "./form.js";
import type { Call, CallPage, CreateCallParams, ListCallsFilters, UpdateCallParams } from "./types.js";

export const TWILIO_API_BASE_URL = "https://api.twilio.com";

export interface CallsClientOptions {
  /** AC followed by 32 hex digits; also the user name of HTTP Basic auth. */
  accountSid: string;
  /** The account's auth token. Sent only in the Authorization header; never part of an error or log line. */
  authToken: string;
  /** Defaults to https://api.twilio.com. Point it at the local mock or a recording proxy. */
  baseUrl?: string;
  /** A fetch-compatible function, e.g. one over an undici keep-alive agent. Defaults to the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
}

const LIST_PATH = "/2010-04-01/Accounts/{AccountSid}/Calls.json";
const CALL_PATH = "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" } as const;

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function unwrap<T>(outcome: Outcome<T>): T {
  const { response } = outcome;
  if (response.ok) return outcome.data as T;
  const body = typeof outcome.error === "object" && outcome.error !== null ? outcome.error : undefined;
  const text = typeof outcome.error === "string" && outcome.error !== "" ? `: ${outcome.error.slice(0, 200)}` : "";
  throw new TwilioApiError(response.status, body, `HTTP ${response.status} ${response.statusText}${text}`);
}

async function send<T>(request: () => Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await request();
  } catch (cause) {
    throw new CallsError("network", `the request did not complete: ${(cause as Error).message}`, { cause });
  }
  return unwrap(outcome);
}

export type CallsClient = ReturnType<typeof createCallsClient>;

/** A typed client for the Calls resource. Every method throws a CallsError (TwilioApiError for HTTP errors). */
export function createCallsClient(options: CallsClientOptions) {
  const { accountSid } = options;
  const credentials = Buffer.from(`${accountSid}:${options.authToken}`).toString("base64");
  const raw = createClient<paths>({
    baseUrl: (options.baseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, ""),
    fetch: options.fetch,
    headers: { Authorization: `Basic ${credentials}`, Accept: "application/json" },
    bodySerializer: (body: unknown) => encodeForm(body as Record<string, unknown>),
  });
  const account = { AccountSid: accountSid };

  function list(filters: ListCallsFilters = {}): Promise<CallPage> {
    return send(() => raw.GET(LIST_PATH, { params: { path: account, query: filters } }));
  }

  async function* pages(filters: ListCallsFilters = {}): AsyncGenerator<CallPage, void, undefined> {
    let page = await list(filters);
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const next = page.next_page_uri;
      if (next === null) return;
      if (seen.has(next)) throw new CallsError("api", `the server sent next_page_uri ${next} twice; stopping to avoid a loop`);
      seen.add(next);
      const url = new URL(next, "http://next-page.invalid");
      if (url.pathname !== LIST_PATH.replace("{AccountSid}", accountSid)) {
        throw new CallsError("api", `next_page_uri ${url.pathname} is not this account's call list`);
      }
      const query = Object.fromEntries(url.searchParams) as ListCallsFilters;
      page = await list(query);
    }
  }

  return {
    /** The underlying openapi-fetch client, for anything the methods below do not cover. */
    raw,
    /** Places a call (createCall). */
    create(params: CreateCallParams): Promise<Call> {
      return send(() => raw.POST(LIST_PATH, { params: { path: account }, body: params, headers: FORM }));
    },
    /** Reads one call (fetchCall). */
    fetch(sid: string): Promise<Call> {
      return send(() => raw.GET(CALL_PATH, { params: { path: { ...account, Sid: sid } } }));
    },
    /** Redirects or ends a live call (updateCall). */
    update(sid: string, params: UpdateCallParams): Promise<Call> {
      return send(() => raw.POST(CALL_PATH, { params: { path: { ...account, Sid: sid } }, body: params, headers: FORM }));
    },
    /** Deletes the record of a call (deleteCall). */
    async remove(sid: string): Promise<void> {
      await send(() => raw.DELETE(CALL_PATH, { params: { path: { ...account, Sid: sid } } }));
    },
    /** One page of calls (listCalls). */
    list,
    /** Every page, following next_page_uri until it is null. */
    pages,
    /** Every call on every page, in order. */
    async *each(filters: ListCallsFilters = {}): AsyncGenerator<Call, void, undefined> {
      for await (const page of pages(filters)) yield* page.calls;
    },
  };
}
