// Sends one corpus case to a server as a real client would, and reads the response without judging it.
import { basicAuthHeader } from "../basic-auth.js";
import { type ExchangeResponse, exchange, ResponseTooLargeError } from "../http-exchange.js";
import { operations } from "../validation/index.js";
import { type RequestCase, VALID_CALL_SID } from "./corpus.js";
import { DEFAULT_SEND_LIMITS, type SendLimits } from "./limits.js";

export interface Credentials {
  accountSid: string;
  authToken: string;
}

export interface Exchange {
  method: string;
  /** Path and query, for reports; the form body is summarised separately. */
  target: string;
  status: number;
  contentType: string;
  /** Parsed JSON when the body is JSON, else the text ("" when empty). */
  body: unknown;
  /** Set when the body was not read, and why (it was larger than verify reads). */
  unread?: string;
}

export function caseTarget(testCase: RequestCase, accountSid: string): string {
  const manifest = operations[testCase.operation];
  const params: Record<string, string> = { AccountSid: accountSid, Sid: VALID_CALL_SID, ...testCase.path };
  const path = manifest.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const text = testCase.wire ? (testCase.wire.query ?? "") : new URLSearchParams(testCase.query ?? []).toString();
  const query = text.length > 0 ? `?${text}` : "";
  return `${path}${query}`;
}

export function writesSomething(testCase: RequestCase): boolean {
  return operations[testCase.operation].method !== "GET";
}

export { DEFAULT_SEND_LIMITS, type SendLimits } from "./limits.js";

export async function send(
  baseUrl: string,
  credentials: Credentials | undefined,
  testCase: RequestCase,
  limits: SendLimits = DEFAULT_SEND_LIMITS,
): Promise<Exchange> {
  const { method } = operations[testCase.operation];
  const target = caseTarget(testCase, credentials?.accountSid ?? "AC00000000000000000000000000000000");
  // The 2008-08-01 API responds in XML only; a server asked for JSON there may rightly respond with 406.
  const accept = operations[testCase.operation].xmlResponses ? "application/xml" : "application/json";
  const headers: Record<string, string> = { Accept: accept };
  if (credentials) headers.Authorization = basicAuthHeader(credentials.accountSid, credentials.authToken);
  const body = testCase.wire ? testCase.wire.body : testCase.body && new URLSearchParams(testCase.body).toString();
  if (body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  let response: ExchangeResponse;
  try {
    response = await exchange(new URL(`${baseUrl.replace(/\/+$/, "")}${target}`), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      timeoutMs: limits.timeoutMs,
      maxResponseBytes: limits.maxResponseBytes,
    });
  } catch (error) {
    // A response too large to read is still a response: its status is judged, its body reported unread.
    if (!(error instanceof ResponseTooLargeError)) throw error;
    const contentType = String(error.headers["content-type"] ?? "");
    return { method, target, status: error.status, contentType, body: undefined, unread: error.message };
  }
  const contentType = String(response.headers["content-type"] ?? "");
  const text = response.body.toString("utf8");
  let parsed: unknown = text;
  if (/json/.test(contentType) && text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON after all: the text itself is what the response checks judge.
      parsed = text;
    }
  }
  return { method, target, status: response.status, contentType, body: parsed };
}
