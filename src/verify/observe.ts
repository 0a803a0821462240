// Judges one recorded exchange (a HAR entry) with the same named checks verify runs: the request against the
// request validators (request-valid, request-advisory), the response with every check that needs nothing but the
// response (checks.ts RESPONSE_CHECKS), and a callback against its webhook's schema and the signature verdict
// recorded when it arrived. The proxy judges each exchange through here as it records it, and `verify --har`
// judges a file through here again, so that both give the same verdicts.
import { violation } from "../findings/violation.js";
import { baseField } from "../har/redact.js";
import type { EntryNotes, HarEntry, HarNameValue } from "../har/types.js";
import { matchRoute } from "../mock/routes.js";
import {
  type OperationId,
  operations,
  type Violation,
  validateBody,
  validatePathParams,
  validateQuery,
  validateWebhook,
  type WebhookId,
  webhooks,
} from "../validation/index.js";
import {
  type CheckOutcome,
  callbackSchema,
  callbackSignature,
  RESPONSE_CHECKS,
  type RequestVerdict,
  requestOutcomes,
  type Subject,
} from "./checks.js";
import type { CoverageSample } from "./coverage.js";
import type { Exchange } from "./http.js";

/** Where the proxy takes Twilio's callbacks, and which webhook each path under it is. */
export const CALLBACK_PREFIX = "/callbacks/";
export const CALLBACK_PATHS: Record<string, WebhookId> = {
  status: "statusCallback",
  recording: "recordingStatusCallback",
  amd: "asyncAmdStatusCallback",
  voice: "voiceRequest",
  // The SMS/Messages era: a text arriving at a number's SMS URL, and a message's StatusCallback.
  sms: "smsRequest",
  "sms-status": "smsStatusCallback",
};

/** The webhook a path under /callbacks/ names (`/callbacks/status/anything` is statusCallback), if any. */
export function webhookForPath(pathname: string): WebhookId | undefined {
  if (!pathname.startsWith(CALLBACK_PREFIX)) return undefined;
  const name = pathname.slice(CALLBACK_PREFIX.length).split("/")[0] ?? "";
  return Object.hasOwn(CALLBACK_PATHS, name) ? CALLBACK_PATHS[name] : undefined;
}

/** The operation a method and path call; a path under a prefix (a staging server's /api) still names it. */
function routeOf(method: string, pathname: string) {
  const at = pathname.indexOf("/2010-04-01/");
  return matchRoute(method, at > 0 ? pathname.slice(at) : pathname);
}

const isForm = (mimeType: string) => /^application\/x-www-form-urlencoded\b/i.test(mimeType);

/** The request's body as form pairs, or the media type it was sent as instead. */
function bodyOf(entry: HarEntry): { pairs: Array<[string, string]> } | { mimeType: string } | undefined {
  const postData = entry.request.postData;
  if (!postData) return undefined;
  if (postData.params) return { pairs: postData.params.map((p) => [p.name, p.value]) };
  if (postData.text === undefined || postData.text === "") return undefined;
  if (isForm(postData.mimeType)) return { pairs: [...new URLSearchParams(postData.text)] };
  return { mimeType: postData.mimeType };
}

const pairsOf = (list: HarNameValue[] | undefined): Array<[string, string]> =>
  (list ?? []).map((p) => [p.name, p.value]);

/** Checks a request's path, query and form body as the mock's front layer would. */
function checkRequest(
  operation: OperationId,
  pathParams: Record<string, string>,
  query: Array<[string, string]>,
  body: ReturnType<typeof bodyOf>,
): RequestVerdict {
  const results = [validatePathParams(operation, pathParams), validateQuery(operation, query)];
  if (operations[operation].validators.body) {
    if (body && "mimeType" in body) {
      const expected = "a body sent as application/x-www-form-urlencoded";
      const wrongType = violation(operation, "body", "(content-type)", "content-type", expected, body.mimeType);
      results.push({ valid: false, violations: [wrongType], warnings: [], value: undefined });
    } else {
      results.push(validateBody(operation, body?.pairs ?? []));
    }
  } else if (body) {
    const expected = `no body (${operation} takes none)`;
    const extra = violation(operation, "body", "(body)", "no-body", expected);
    results.push({ valid: false, violations: [extra], warnings: [], value: undefined });
  }
  return { violations: results.flatMap((r) => r.violations), warnings: results.flatMap((r) => r.warnings) };
}

/**
 * A redacted field cannot be judged from the HAR (its value is gone): its fresh findings are dropped and the ones
 * recorded before redaction stand in, in the same order the proxy saw them.
 */
export function withRecordedVerdicts(fresh: RequestVerdict, notes: EntryNotes | undefined): RequestVerdict {
  const redacted = notes?.redacted;
  if (!redacted || redacted.fields.length === 0) return fresh;
  const kept = (v: Violation) => !redacted.fields.includes(baseField(v.field));
  return {
    violations: [...fresh.violations.filter(kept), ...redacted.violations],
    warnings: [...fresh.warnings.filter(kept), ...redacted.warnings],
  };
}

/** The response as the response checks read it: parsed JSON when it is JSON, the text otherwise. */
function exchangeOf(entry: HarEntry, target: string): Exchange {
  const { response } = entry;
  const notes = entry._callsContract ?? {};
  const contentType = response.content.mimeType ?? "";
  const base = { method: entry.request.method, target, status: response.status, contentType };
  if (notes.unread !== undefined) return { ...base, body: undefined, unread: notes.unread };
  const raw = response.content.text ?? "";
  const text = response.content.encoding === "base64" ? Buffer.from(raw, "base64").toString("utf8") : raw;
  let body: unknown = text;
  if (/json/.test(contentType) && text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON after all: response-schema judges the text itself.
    }
  }
  return { ...base, body };
}

export type EntryVerdict =
  | {
      kind: "checked";
      operation: string;
      outcomes: CheckOutcome[];
      /** For Calls API exchanges the target responded to: what they add to the coverage. */
      sample?: CoverageSample;
    }
  | { kind: "skipped"; operation: string; subject: string; reason: string };

/** The name under which exchanges that are not Calls API calls are listed as skipped. */
export const OTHER_TRAFFIC = "(not the Calls API)";

/** The findings on a callback's fields: from the body of a POST, from the query of a GET (its own keys only). */
export function callbackFindings(entry: HarEntry, webhook: WebhookId): RequestVerdict {
  const unread = entry._callsContract?.requestUnread;
  if (unread) return { violations: [unreadBody(webhook, unread)], warnings: [] };
  let fields: Array<[string, string]>;
  if (entry.request.method === "GET") {
    // An app's own keys on the callback URL are not part of the payload.
    const known = new Set(Object.keys(webhooks[webhook].bodyFields));
    fields = pairsOf(entry.request.queryString).filter(([name]) => known.has(name));
  } else {
    const body = bodyOf(entry);
    fields = body && "pairs" in body ? body.pairs : [];
  }
  return { violations: validateWebhook(webhook, fields).violations, warnings: [] };
}

function checkCallback(entry: HarEntry, webhook: WebhookId, subject: Subject): EntryVerdict {
  const notes = entry._callsContract;
  const checked = withRecordedVerdicts(callbackFindings(entry, webhook), notes);
  const outcomes: CheckOutcome[] = [];
  if (notes?.signature) outcomes.push(callbackSignature(subject, notes.signature));
  outcomes.push(callbackSchema(subject, checked.violations));
  return { kind: "checked", operation: webhook, outcomes };
}

const unreadBody = (operation: string, why: string) =>
  violation(operation, "body", "(body)", "unread", `a body the proxy could read (${why})`);

/** The operation an entry's request calls, or why it calls none. */
function operationOf(entry: HarEntry, url: URL) {
  const method = entry.request.method;
  const route = routeOf(method, url.pathname);
  if (route && "route" in route) return route;
  const reason =
    route && "allowed" in route
      ? `the Calls API takes ${route.allowed.join(", ")} on ${url.pathname}, not ${method}`
      : `${method} ${url.pathname} is not an operation of the Calls API`;
  return { reason };
}

/**
 * The findings on a Calls API request as the entry holds it, or undefined when it is not one. The proxy runs this
 * on the entry before redaction (for --enforce and for the verdicts of redacted fields); a replay on the HAR's.
 */
export function requestFindings(entry: HarEntry): { operation: OperationId; verdict: RequestVerdict } | undefined {
  const url = new URL(entry.request.url);
  const found = operationOf(entry, url);
  if ("reason" in found) return undefined;
  const operation = found.route.operationId;
  const unread = entry._callsContract?.requestUnread;
  if (unread) return { operation, verdict: { violations: [unreadBody(operation, unread)], warnings: [] } };
  const query = entry.request.queryString ? pairsOf(entry.request.queryString) : [...url.searchParams];
  return { operation, verdict: checkRequest(operation, found.params, query, bodyOf(entry)) };
}

/** Every outcome for one recorded exchange, or why it is not one this project can judge. */
export function observeEntry(entry: HarEntry, index: number): EntryVerdict {
  const subject = `exchange #${index + 1}`;
  let url: URL;
  try {
    url = new URL(entry.request.url);
  } catch {
    return { kind: "skipped", operation: OTHER_TRAFFIC, subject, reason: "its URL cannot be read" };
  }
  const method = entry.request.method;
  const target = `${url.pathname}${url.search}`;
  const notes = entry._callsContract;
  const webhook = notes?.webhook ?? webhookForPath(url.pathname);
  if (webhook) {
    return checkCallback(entry, webhook, { operation: webhook, subject, request: `${method} ${target}` });
  }
  const found = operationOf(entry, url);
  if ("reason" in found) return { kind: "skipped", operation: OTHER_TRAFFIC, subject, reason: found.reason };
  const operation = found.route.operationId;
  const about: Subject = { operation, subject, request: `${method} ${target}` };
  const findings = requestFindings(entry);
  const verdict = withRecordedVerdicts(findings?.verdict ?? { violations: [], warnings: [] }, notes);
  const outcomes = requestOutcomes(about, verdict);
  // A request the proxy refused under --enforce never reached the server: there is no response of its to judge.
  if (notes?.blocked) return { kind: "checked", operation, outcomes };
  const body = bodyOf(entry);
  const query = entry.request.queryString ? pairsOf(entry.request.queryString) : [...url.searchParams];
  const params = [...query, ...(body && "pairs" in body ? body.pairs : [])];
  if (entry.response.status === 0) {
    const failure: CheckOutcome = {
      check: "status-declared",
      severity: "error",
      ...about,
      passed: false,
      expected: "an HTTP response",
      // noAnswer: the note's old name, in files recorded before it was renamed.
      actual: `no response (${notes?.noResponse ?? notes?.noAnswer ?? "none was recorded"})`,
      details: [],
    };
    return { kind: "checked", operation, outcomes: [...outcomes, failure], sample: { operation, params } };
  }
  const exchange = exchangeOf(entry, target);
  const observed = { ...about, operation, exchange };
  for (const check of RESPONSE_CHECKS) {
    const outcome = check(observed);
    if (outcome) outcomes.push(outcome);
  }
  return {
    kind: "checked",
    operation,
    outcomes,
    sample: { operation, params, status: exchange.status, body: exchange.body },
  };
}
