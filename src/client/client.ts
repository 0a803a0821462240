// The typed client: openapi-fetch over the generated paths, Twilio's form encoding and Basic auth, runtime
// validation before anything is sent, and the retry loop that decides from retry.ts and failures.ts.
import createClient, { type Client, createQuerySerializer } from "openapi-fetch";
import type { paths } from "../../generated/calls.js";
import { basicAuthHeader } from "../basic-auth.js";
import { encodeForm } from "../form.js";
import { credentialForms, isSecretName, scrubValue, secretScrubber } from "../secrets.js";
import type { OperationId, Violation } from "../validation/index.js";
import { type AttemptLimit, attemptLimit } from "./attempt.js";
import { directSend } from "./direct.js";
import { CallsError, TwilioApiError } from "./errors.js";
import { failureError, mayHaveReachedServer, unusableAnswer } from "./failures.js";
import { backoffMs, mayTryAgain, RETRIED_STATUSES, type RetryOptions, retryAfterMs, retryPolicy } from "./retry.js";
import { createRoundTrip, type Fetch, fetchOver, LiteRequest, type TransportKind } from "./transport.js";
import type {
  Call,
  CallPage,
  CreateCallParams,
  CreateSmsMessageParams,
  ListCallsFilters,
  SmsMessage,
  UpdateCallParams,
} from "./types.js";

export type { RetryOptions };
export const TWILIO_API_BASE_URL = "https://api.twilio.com";

export interface CallsClientOptions {
  /** AC followed by 32 hex digits; also the user name of HTTP Basic auth. */
  accountSid: string;
  /** The account's auth token. Sent only in the Authorization header; never part of an error or log line. */
  authToken: string;
  /** Defaults to https://api.twilio.com. Point it at the local mock or a recording proxy. */
  baseUrl?: string;
  /** A fetch-compatible function of your own, in place of the built-in transport. */
  fetch?: Fetch;
  /**
   * The built-in transport: "undici" (default; loaded on the first request) or "node" (node:http and node:https).
   * Both keep connections alive, read at most maxResponseBytes, follow no redirect and inflate nothing.
   */
  transport?: TransportKind;
  /** Check every request against the spec before sending it (default true): a request it rejects never leaves. */
  validate?: boolean;
  /**
   * Receives the warnings of a request that is sent anyway: what Twilio accepts but the contract's advisory rules
   * advise against (a number with separators, several events in one value). Warnings never block a request.
   */
  onWarning?: (warnings: Violation[]) => void;
  /** Per-attempt time limit. Defaults to 30 s. */
  timeoutMs?: number;
  /** The most of one answer's body the built-in transport reads; a larger answer fails. Defaults to 10 MiB. */
  maxResponseBytes?: number;
  /** Retries of 429 and 503 answers, and of reads that failed on the network. */
  retry?: RetryOptions;
}

/** Per request: a signal to abort it and a time limit that overrides the client's. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** A typed client for the Calls resource. Every method throws a CallsError (TwilioApiError for HTTP errors). */
export interface CallsClient {
  /** The underlying openapi-fetch client, for anything the methods below do not cover. */
  readonly raw: Client<paths>;
  /** Places a call (createCall). Never retried once the request may have reached the server. */
  create(params: CreateCallParams, options?: RequestOptions): Promise<Call>;
  /** Reads one call (fetchCall). */
  fetch(sid: string, options?: RequestOptions): Promise<Call>;
  /** Redirects or ends a live call (updateCall). */
  update(sid: string, params: UpdateCallParams, options?: RequestOptions): Promise<Call>;
  /** Deletes the record of a call (deleteCall). */
  remove(sid: string, options?: RequestOptions): Promise<void>;
  /** One page of calls (listCalls). */
  list(filters?: ListCallsFilters, options?: RequestOptions): Promise<CallPage>;
  /** Every page, following next_page_uri until it is null. */
  pages(filters?: ListCallsFilters, options?: RequestOptions): AsyncGenerator<CallPage, void, undefined>;
  /** Every call on every page, in order. */
  each(filters?: ListCallsFilters, options?: RequestOptions): AsyncGenerator<Call, void, undefined>;
  /**
   * Sends an SMS through the retired SMS/Messages resource (createSmsMessage): Body at most 160 characters. Never
   * retried once the request may have reached the server.
   * @deprecated Twilio replaced SMS/Messages with Messages and is reported to answer it with 410 Gone; kept for
   * integrations and mocks that still speak it.
   */
  sendSms(params: CreateSmsMessageParams, options?: RequestOptions): Promise<SmsMessage>;
}

const LIST_PATH = "/2010-04-01/Accounts/{AccountSid}/Calls.json";
const CALL_PATH = "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json";
const SMS_PATH = "/2010-04-01/Accounts/{AccountSid}/SMS/Messages.json";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" } as const;

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

type Validators = typeof import("../validation/index.js");
let validators: Promise<Validators> | undefined;
let loadedValidators: Validators | undefined;
// Loaded on the first request, not at import: keeps `import "calls-contract/client"` cheap. Once loaded they are
// used without awaiting the import again.
const loadValidators = () => {
  validators ??= import("../validation/index.js").then((v) => (loadedValidators = v));
  return validators;
};

export function createCallsClient(options: CallsClientOptions): CallsClient {
  const { accountSid } = options;
  const baseUrl = (options.baseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, "");
  if (options.fetch && options.transport) throw new TypeError("pass either fetch or transport, not both");
  const builtIn = options.fetch === undefined;
  const roundTrip = builtIn
    ? createRoundTrip({ transport: options.transport, maxResponseBytes: options.maxResponseBytes })
    : undefined;
  // identity: an answer is read as sent, never inflated past the size limit.
  const headers = {
    accept: "application/json",
    "accept-encoding": "identity",
    authorization: basicAuthHeader(accountSid, options.authToken),
  };
  // openapi-fetch's default, made once: without it openapi-fetch builds the same serializer on every request.
  const querySerializer = createQuerySerializer();
  const raw = createClient<paths>({
    baseUrl,
    fetch: options.fetch ?? fetchOver(roundTrip!),
    // With the built-in transport, skip the WHATWG Request and its body stream (measured: README, Performance).
    ...(builtIn ? { Request: LiteRequest as unknown as typeof Request } : {}),
    headers,
    bodySerializer: (body: unknown) => encodeForm(body as Record<string, unknown>),
    querySerializer,
  });
  // Over a built-in transport the methods skip openapi-fetch (direct.ts), until middleware is added to raw: it runs
  // only inside openapi-fetch, so from then on every method goes through it.
  const sendDirect = roundTrip && directSend(roundTrip, baseUrl, headers, querySerializer);
  let middleware = false;
  const use = raw.use.bind(raw);
  raw.use = (...added) => {
    middleware = true;
    use(...added);
  };
  const direct = () => (middleware ? undefined : sendDirect);
  const account = { AccountSid: accountSid };
  const policy = retryPolicy(options.retry);
  const credentials = credentialForms(accountSid, options.authToken);
  const scrub = secretScrubber(credentials);
  const scrubFor = (secrets: string[]) => (secrets.length === 0 ? scrub : secretScrubber([...credentials, ...secrets]));
  /** The values of a request's secret parameters (SipAuthPassword, Passports, ...), to keep out of its errors. */
  const secretsOf = (params: object) =>
    Object.entries(params)
      .filter(([key, value]) => isSecretName(key) && typeof value === "string")
      .map(([, value]) => value as string);

  // The account's own path ({AccountSid}) is the same on every create and list: checked once per operation.
  const accountResults = new Map<OperationId, ReturnType<Validators["validatePathParams"]>>();
  const accountChecked = (v: Validators, operation: OperationId) => {
    const known = accountResults.get(operation);
    if (known) return known;
    const result = v.validatePathParams(operation, account);
    accountResults.set(operation, result);
    return result;
  };

  /** Throws a validation error for a request the spec forbids; undefined once the validators are loaded. */
  function check(
    operation: OperationId,
    parts: { path: Record<string, string>; query?: object; body?: object },
  ): Promise<void> | undefined {
    if (options.validate === false) return;
    const v = loadedValidators;
    if (!v) return loadValidators().then(() => check(operation, parts));
    const results = [
      parts.path === account ? accountChecked(v, operation) : v.validatePathParams(operation, parts.path),
      ...(parts.query ? [v.validateQuery(operation, parts.query as Record<string, unknown>)] : []),
      ...(parts.body ? [v.validateBody(operation, parts.body as Record<string, unknown>)] : []),
    ];
    const violations = results.flatMap((r) => r.violations);
    const warnings = results.flatMap((r) => r.warnings);
    if (violations.length === 0 && warnings.length > 0) options.onWarning?.(warnings);
    if (violations.length > 0) {
      const list = violations.map(v.violationSentence).join("; ");
      throw new CallsError("validation", `${operation}: not sent, the request breaks the spec: ${list}`, {
        violations,
      });
    }
  }

  /** Sends with timeouts and retries; `idempotent` requests are also retried after network failures. */
  async function execute<T>(
    operation: OperationId,
    idempotent: boolean,
    perCall: RequestOptions,
    attempt: (init: AttemptLimit["init"]) => Promise<Outcome<T>>,
    secrets: string[] = [],
  ): Promise<T> {
    const started = Date.now();
    const timeoutMs = perCall.timeoutMs ?? options.timeoutMs ?? 30_000;
    for (let n = 1; ; n++) {
      const current = attemptLimit(builtIn, timeoutMs, perCall.signal);
      let outcome: Outcome<T>;
      try {
        outcome = await attempt(current.init);
      } catch (cause) {
        current.settle();
        const unusable = unusableAnswer(cause);
        if (unusable) {
          const placed = operation === "createCall" ? true : undefined;
          const message = scrub(`${operation}: ${baseUrl}: ${unusable}`);
          throw new CallsError("api", message, { cause, attempts: n, mayHaveBeenPlaced: placed });
        }
        const aborted = perCall.signal?.aborted === true;
        const wait = backoffMs(policy, n);
        const retryable = idempotent || !mayHaveReachedServer(cause);
        if (!aborted && retryable && mayTryAgain(policy, n, Date.now() - started, wait)) {
          await policy.sleep(wait);
          continue;
        }
        throw failureError({
          operation,
          baseUrl,
          cause,
          attempts: n,
          timeoutMs,
          aborted,
          timedOut: current.timedOut(cause),
        });
      }
      current.settle();
      const { response } = outcome;
      if (RETRIED_STATUSES.has(response.status)) {
        const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoffMs(policy, n);
        if (mayTryAgain(policy, n, Date.now() - started, wait)) {
          await policy.sleep(wait);
          continue;
        }
      }
      if (response.ok) return outcome.data as T;
      // The server's words may repeat what it was sent: no credential or secret parameter leaves in an error.
      const said = scrubValue(outcome.error, scrubFor(secrets));
      const body = typeof said === "object" && said !== null ? said : undefined;
      const text = typeof said === "string" && said !== "" ? `: ${said.slice(0, 200)}` : "";
      const fallback = scrubFor(secrets)(`HTTP ${response.status} ${response.statusText}${text}`);
      throw new TwilioApiError(response.status, body, fallback, n);
    }
  }

  async function list(filters: ListCallsFilters = {}, perCall: RequestOptions = {}): Promise<CallPage> {
    await check("listCalls", { path: account, query: filters });
    return execute(
      "listCalls",
      true,
      perCall,
      (init) =>
        (direct()?.("GET", LIST_PATH, { path: account, query: filters }, undefined, init) ??
          raw.GET(LIST_PATH, { params: { path: account, query: filters }, ...init })) as Promise<Outcome<CallPage>>,
    );
  }

  async function* pages(filters: ListCallsFilters = {}, perCall: RequestOptions = {}) {
    let page = await list(filters, perCall);
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const next = page.next_page_uri;
      if (next === null) return;
      if (seen.has(next)) {
        throw new CallsError("api", `the server sent next_page_uri ${next} twice; stopping to avoid a loop`);
      }
      seen.add(next);
      const url = new URL(next, "http://next-page.invalid");
      if (url.pathname !== LIST_PATH.replace("{AccountSid}", accountSid)) {
        throw new CallsError("api", `next_page_uri ${url.pathname} is not this account's call list`);
      }
      page = await list(Object.fromEntries(url.searchParams) as ListCallsFilters, perCall);
    }
  }

  return {
    raw,
    async create(params, perCall = {}) {
      await check("createCall", { path: account, body: params });
      // The 201's type is the canonical CreatedCall (queued, no dates yet), narrower than openapi-fetch can carry
      // through its response mapping; the method promises the Call it is.
      return execute(
        "createCall",
        false,
        perCall,
        (init) =>
          (direct()?.("POST", LIST_PATH, { path: account }, params, init) ??
            raw.POST(LIST_PATH, { params: { path: account }, body: params, headers: FORM, ...init })) as Promise<
            Outcome<Call>
          >,
        secretsOf(params),
      );
    },
    async fetch(sid, perCall = {}) {
      const path = { ...account, Sid: sid };
      await check("fetchCall", { path });
      return execute(
        "fetchCall",
        true,
        perCall,
        (init) =>
          (direct()?.("GET", CALL_PATH, { path }, undefined, init) ??
            raw.GET(CALL_PATH, { params: { path }, ...init })) as Promise<Outcome<Call>>,
      );
    },
    async update(sid, params, perCall = {}) {
      const path = { ...account, Sid: sid };
      await check("updateCall", { path, body: params });
      return execute(
        "updateCall",
        false,
        perCall,
        (init) =>
          (direct()?.("POST", CALL_PATH, { path }, params, init) ??
            raw.POST(CALL_PATH, { params: { path }, body: params, headers: FORM, ...init })) as Promise<Outcome<Call>>,
        secretsOf(params),
      );
    },
    async remove(sid, perCall = {}) {
      const path = { ...account, Sid: sid };
      await check("deleteCall", { path });
      await execute(
        "deleteCall",
        true,
        perCall,
        (init) =>
          direct()?.("DELETE", CALL_PATH, { path }, undefined, init) ??
          raw.DELETE(CALL_PATH, { params: { path }, ...init }),
      );
    },
    async sendSms(params, perCall = {}) {
      await check("createSmsMessage", { path: account, body: params });
      return execute(
        "createSmsMessage",
        false,
        perCall,
        (init) =>
          (direct()?.("POST", SMS_PATH, { path: account }, params, init) ??
            raw.POST(SMS_PATH, { params: { path: account }, body: params, headers: FORM, ...init })) as Promise<
            Outcome<SmsMessage>
          >,
      );
    },
    list,
    pages,
    async *each(filters = {}, perCall = {}) {
      for await (const page of pages(filters, perCall)) yield* page.calls;
    },
  };
}
