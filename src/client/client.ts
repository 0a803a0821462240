import createClient from "openapi-fetch";
import type { paths } from "../../generated/calls.js";
import { encodeForm } from "../form.js";
import type { OperationId, Violation } from "../validation/index.js";
import { CallsError, TwilioApiError } from "./errors.js";
import { createHttpTransport, type Fetch, LiteRequest, MAY_HAVE_REACHED_SERVER } from "./transport.js";
import type { Call, CallPage, CreateCallParams, ListCallsFilters, UpdateCallParams } from "./types.js";

export const TWILIO_API_BASE_URL = "https://api.twilio.com";

export interface RetryOptions {
  /** Attempts in all, the first included. Defaults to 3; 1 turns retries off. */
  maxAttempts?: number;
  /** First backoff step; doubles each attempt, with jitter. Defaults to 500 ms. */
  baseDelayMs?: number;
  /** Longest single wait. Defaults to 8 s. */
  maxDelayMs?: number;
  /** No retry starts once this much time has passed since the first attempt. Defaults to 30 s. */
  maxTotalMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
  /** For tests: a number in [0, 1) for the jitter. */
  random?: () => number;
}

export interface CallsClientOptions {
  /** AC followed by 32 hex digits; also the user name of HTTP Basic auth. */
  accountSid: string;
  /** The account's auth token. Sent only in the Authorization header; never part of an error or log line. */
  authToken: string;
  /** Defaults to https://api.twilio.com. Point it at the local mock or a recording proxy. */
  baseUrl?: string;
  /** A fetch-compatible function. Defaults to a keep-alive transport over node:http(s). */
  fetch?: Fetch;
  /** Check every request against the spec before sending it (default true): a request it rejects never leaves. */
  validate?: boolean;
  /** Per-attempt time limit. Defaults to 30 s. */
  timeoutMs?: number;
  /** Retries of 429 and 503 answers, and of reads that failed on the network. */
  retry?: RetryOptions;
}

/** Per request: a signal to abort it and a time limit that overrides the client's. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

const LIST_PATH = "/2010-04-01/Accounts/{AccountSid}/Calls.json";
const CALL_PATH = "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" } as const;
// Error codes that mean no connection was made, so nothing reached the server (for fetches other than ours).
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const RETRIED_STATUSES = new Set([429, 503]);

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

type Validators = typeof import("../validation/index.js");
let validators: Promise<Validators> | undefined;
// Loaded on the first request, not at import: keeps `import "calls-contract/client"` cheap.
const loadValidators = () => (validators ??= import("../validation/index.js"));

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string }; name?: string };
  return e?.cause?.code ?? e?.code ?? e?.name;
}

export type CallsClient = ReturnType<typeof createCallsClient>;

/** A typed client for the Calls resource. Every method throws a CallsError (TwilioApiError for HTTP errors). */
export function createCallsClient(options: CallsClientOptions) {
  const { accountSid } = options;
  const baseUrl = (options.baseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, "");
  const credentials = Buffer.from(`${accountSid}:${options.authToken}`).toString("base64");
  const raw = createClient<paths>({
    baseUrl,
    fetch: options.fetch ?? createHttpTransport(),
    // With the built-in transport, skip the WHATWG Request and its body stream (measured: README, Performance).
    ...(options.fetch ? {} : { Request: LiteRequest as unknown as typeof Request }),
    headers: { Authorization: `Basic ${credentials}`, Accept: "application/json" },
    bodySerializer: (body: unknown) => encodeForm(body as Record<string, unknown>),
  });
  const account = { AccountSid: accountSid };
  const retry = {
    maxAttempts: Math.max(1, options.retry?.maxAttempts ?? 3),
    baseDelayMs: options.retry?.baseDelayMs ?? 500,
    maxDelayMs: options.retry?.maxDelayMs ?? 8000,
    maxTotalMs: options.retry?.maxTotalMs ?? 30_000,
    sleep: options.retry?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    random: options.retry?.random ?? Math.random,
  };

  const backoffMs = (attempt: number) => {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (retry.random() * ceiling) / 2);
  };

  async function check(
    operation: OperationId,
    parts: { path: Record<string, string>; query?: object; body?: object },
  ): Promise<void> {
    if (options.validate === false) return;
    const v = await loadValidators();
    const violations: Violation[] = [
      ...v.validatePathParams(operation, parts.path).violations,
      ...(parts.query ? v.validateQuery(operation, parts.query as Record<string, unknown>).violations : []),
      ...(parts.body ? v.validateBody(operation, parts.body as Record<string, unknown>).violations : []),
    ];
    if (violations.length > 0) {
      const list = violations.map(
        (x) => `${x.field} breaks ${x.rule}: ${x.expected}${"value" in x ? `, got ${JSON.stringify(x.value)}` : ""}`,
      );
      throw new CallsError("validation", `${operation}: not sent, the request breaks the spec: ${list.join("; ")}`, {
        violations,
      });
    }
  }

  /** Sends with timeouts and retries; `idempotent` requests are also retried after network failures. */
  async function execute<T>(
    operation: OperationId,
    idempotent: boolean,
    perCall: RequestOptions,
    attempt: (signal: AbortSignal) => Promise<Outcome<T>>,
  ): Promise<T> {
    const started = Date.now();
    const timeoutMs = perCall.timeoutMs ?? options.timeoutMs ?? 30_000;
    for (let n = 1; ; n++) {
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError")),
        timeoutMs,
      );
      const timedOut = () => controller.signal.aborted && !perCall.signal?.aborted;
      const relay = () => controller.abort(perCall.signal!.reason);
      perCall.signal?.addEventListener("abort", relay, { once: true });
      if (perCall.signal?.aborted) relay();
      const signal = controller.signal;
      const settle = () => {
        clearTimeout(timer);
        perCall.signal?.removeEventListener("abort", relay);
      };
      const budgetLeft = (wait: number) => n < retry.maxAttempts && Date.now() - started + wait <= retry.maxTotalMs;
      let outcome: Outcome<T>;
      try {
        outcome = await attempt(signal);
      } catch (cause) {
        settle();
        const code = errorCode(cause);
        const tagged = (cause as Record<symbol, unknown>)?.[MAY_HAVE_REACHED_SERVER];
        const reached = typeof tagged === "boolean" ? tagged : !NOT_SENT.has(code ?? "");
        const placed = operation === "createCall" ? reached : undefined;
        if (perCall.signal?.aborted) {
          throw new CallsError(
            "aborted",
            `${operation}: aborted by the caller${placed ? "; the call may or may not have been placed" : ""}`,
            { cause, attempts: n, mayHaveBeenPlaced: placed },
          );
        }
        const wait = backoffMs(n);
        if ((idempotent || !reached) && budgetLeft(wait)) {
          await retry.sleep(wait);
          continue;
        }
        const what = timedOut()
          ? `no answer from ${baseUrl} within ${timeoutMs} ms`
          : `no answer from ${baseUrl} (${code ?? "network error"})`;
        const advice = placed
          ? "; the request may have reached Twilio, so the call may or may not have been placed. It was not retried: look for it with listCalls (To, StartTime) before placing it again"
          : "";
        throw new CallsError(
          timedOut() ? "timeout" : "network",
          `${operation}: ${what} after ${n} attempt${n > 1 ? "s" : ""}${advice}`,
          { cause, attempts: n, mayHaveBeenPlaced: placed },
        );
      }
      settle();
      const { response } = outcome;
      if (RETRIED_STATUSES.has(response.status)) {
        const wait = retryAfterMs(response) ?? backoffMs(n);
        if (budgetLeft(wait)) {
          await retry.sleep(wait);
          continue;
        }
      }
      if (response.ok) return outcome.data as T;
      const body = typeof outcome.error === "object" && outcome.error !== null ? outcome.error : undefined;
      const text = typeof outcome.error === "string" && outcome.error !== "" ? `: ${outcome.error.slice(0, 200)}` : "";
      throw new TwilioApiError(response.status, body, `HTTP ${response.status} ${response.statusText}${text}`, n);
    }
  }

  async function list(filters: ListCallsFilters = {}, perCall: RequestOptions = {}): Promise<CallPage> {
    await check("listCalls", { path: account, query: filters });
    return execute("listCalls", true, perCall, (signal) =>
      raw.GET(LIST_PATH, { params: { path: account, query: filters }, signal }),
    );
  }

  async function* pages(
    filters: ListCallsFilters = {},
    perCall: RequestOptions = {},
  ): AsyncGenerator<CallPage, void, undefined> {
    let page = await list(filters, perCall);
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const next = page.next_page_uri;
      if (next === null) return;
      if (seen.has(next))
        throw new CallsError("api", `the server sent next_page_uri ${next} twice; stopping to avoid a loop`);
      seen.add(next);
      const url = new URL(next, "http://next-page.invalid");
      if (url.pathname !== LIST_PATH.replace("{AccountSid}", accountSid)) {
        throw new CallsError("api", `next_page_uri ${url.pathname} is not this account's call list`);
      }
      page = await list(Object.fromEntries(url.searchParams) as ListCallsFilters, perCall);
    }
  }

  return {
    /** The underlying openapi-fetch client, for anything the methods below do not cover. */
    raw,
    /** Places a call (createCall). Never retried once the request may have reached the server. */
    async create(params: CreateCallParams, perCall: RequestOptions = {}): Promise<Call> {
      await check("createCall", { path: account, body: params });
      return execute("createCall", false, perCall, (signal) =>
        raw.POST(LIST_PATH, { params: { path: account }, body: params, headers: FORM, signal }),
      );
    },
    /** Reads one call (fetchCall). */
    async fetch(sid: string, perCall: RequestOptions = {}): Promise<Call> {
      const path = { ...account, Sid: sid };
      await check("fetchCall", { path });
      return execute("fetchCall", true, perCall, (signal) => raw.GET(CALL_PATH, { params: { path }, signal }));
    },
    /** Redirects or ends a live call (updateCall). */
    async update(sid: string, params: UpdateCallParams, perCall: RequestOptions = {}): Promise<Call> {
      const path = { ...account, Sid: sid };
      await check("updateCall", { path, body: params });
      return execute("updateCall", false, perCall, (signal) =>
        raw.POST(CALL_PATH, { params: { path }, body: params, headers: FORM, signal }),
      );
    },
    /** Deletes the record of a call (deleteCall). */
    async remove(sid: string, perCall: RequestOptions = {}): Promise<void> {
      const path = { ...account, Sid: sid };
      await check("deleteCall", { path });
      await execute("deleteCall", true, perCall, (signal) => raw.DELETE(CALL_PATH, { params: { path }, signal }));
    },
    /** One page of calls (listCalls). */
    list,
    /** Every page, following next_page_uri until it is null. */
    pages,
    /** Every call on every page, in order. */
    async *each(filters: ListCallsFilters = {}, perCall: RequestOptions = {}): AsyncGenerator<Call, void, undefined> {
      for await (const page of pages(filters, perCall)) yield* page.calls;
    },
  };
}
