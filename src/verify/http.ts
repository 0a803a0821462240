// Sends one corpus case to a server as a real client would, and reads the answer without judging it.
import { basicAuthHeader } from "../basic-auth.js";
import { operations } from "../validation/index.js";
import { type RequestCase, VALID_CALL_SID } from "./corpus.js";

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
}

export function caseTarget(testCase: RequestCase, accountSid: string): string {
  const manifest = operations[testCase.operation];
  const params: Record<string, string> = { AccountSid: accountSid, Sid: VALID_CALL_SID, ...testCase.path };
  const path = manifest.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const query = testCase.query && testCase.query.length > 0 ? `?${new URLSearchParams(testCase.query)}` : "";
  return `${path}${query}`;
}

export function writesSomething(testCase: RequestCase): boolean {
  return operations[testCase.operation].method !== "GET";
}

export async function send(
  baseUrl: string,
  credentials: Credentials | undefined,
  testCase: RequestCase,
): Promise<Exchange> {
  const { method } = operations[testCase.operation];
  const target = caseTarget(testCase, credentials?.accountSid ?? "AC00000000000000000000000000000000");
  const headers: Record<string, string> = { Accept: "application/json" };
  if (credentials) headers.Authorization = basicAuthHeader(credentials.accountSid, credentials.authToken);
  let body: string | undefined;
  if (testCase.body) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(testCase.body).toString();
  }
  const response = await fetch(`${baseUrl.replace(/\/+$/, "")}${target}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const contentType = response.headers.get("content-type") ?? "";
  const text = await response.text();
  let parsed: unknown = text;
  if (/json/.test(contentType) && text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { method, target, status: response.status, contentType, body: parsed };
}
