// A request for the target: judged against the spec, refused under --enforce when it breaks the contract, else
// passed on with the target's base URL before its path, and recorded with the headers as they were sent.
import type { ServerResponse } from "node:http";
import { harEntry, type SeenRequest, type SeenResponse } from "../har/entry.js";
import { shownViolations } from "../har/redact.js";
import type { HarEntry } from "../har/types.js";
import { invalidRequest, twilioError } from "../mock/errors.js";
import { jsonResponse } from "../mock/responder.js";
import { asOperationResponse } from "../mock/xml-representation.js";
import type { OperationId } from "../validation/index.js";
import type { RequestVerdict } from "../verify/checks.js";
import { requestFindings } from "../verify/observe.js";
import { type Arrival, passOn, type Route, type RouteTools, recordForwarded, unsent } from "./route.js";

export interface TargetRouteOptions {
  /** Where requests go: a base URL, its path (if any) put before each request's path. */
  target: URL;
  /** Refuse a request that breaks the contract instead of passing it on. */
  enforce: boolean;
  /** The proxy's read limit, named in the refusal of a body larger than it. */
  maxBodyBytes: number;
}

export function targetUrl(target: URL, requestTarget: string): URL {
  const path = requestTarget.startsWith("/") ? requestTarget : `/${requestTarget}`;
  return new URL(`${target.origin}${target.pathname.replace(/\/+$/, "")}${path}`);
}

/**
 * Sends the proxy's own error, as the operation's clients read one (XML for a resource's XML representation and the
 * 2008-08-01 API, JSON otherwise), and returns it as the record shows a response.
 */
function refuse(res: ServerResponse, operation: OperationId | undefined, status: number, body: unknown): SeenResponse {
  const response = asOperationResponse(operation, jsonResponse(status, body));
  const length = String(Buffer.byteLength(response.body));
  const headers = { ...response.headers, "content-length": length };
  res.writeHead(status, headers);
  res.end(response.body);
  const rawHeaders = Object.entries(headers).flat();
  return {
    status,
    statusText: status === 413 ? "Payload Too Large" : "Bad Request",
    rawHeaders,
    body: Buffer.from(response.body),
  };
}

/** A request as the proxy judged it, before it went anywhere. */
interface Judged {
  seen: SeenRequest;
  /** Its entry with no response yet: what the checks and a refusal look at. */
  draft: HarEntry;
  verdict: RequestVerdict;
  operation: OperationId;
}

/** Refused here, so that a call that would fail costs nothing: the target never sees it. */
function refuseRequest(tools: RouteTools, options: TargetRouteOptions, arrival: Arrival, judged: Judged): void {
  const { req, res, read, notes, started } = arrival;
  const { seen, draft, verdict, operation } = judged;
  notes.blocked = true;
  const redacted = tools.recorder.redactRequest(draft);
  const refusal = read.overflow
    ? refuse(
        res,
        operation,
        413,
        twilioError(413, 20001, `The request body is larger than ${options.maxBodyBytes} bytes`),
      )
    : refuse(res, operation, 400, invalidRequest(shownViolations(verdict.violations, redacted)));
  // The rest of a body too large to read is not waited for: the connection closes once the refusal is out.
  if (read.overflow) res.on("finish", () => req.destroy());
  tools.recorder.record({ raw: harEntry(seen, refusal, unsent(started), notes), rawVerdict: verdict });
}

export function createTargetRoute(tools: RouteTools, options: TargetRouteOptions): Route {
  return async (arrival) => {
    const { req, read, notes, started } = arrival;
    const method = req.method ?? "GET";
    const url = targetUrl(options.target, req.url ?? "/");
    const seen = { method, url: url.href, rawHeaders: req.rawHeaders, body: read.body };
    const draft = harEntry(seen, undefined, unsent(started), notes);
    const findings = requestFindings(draft);
    if (options.enforce && findings && (read.overflow || findings.verdict.violations.length > 0)) {
      refuseRequest(tools, options, arrival, { seen, draft, verdict: findings.verdict, operation: findings.operation });
      return;
    }
    const outgoing = { method, url, rawHeaders: req.rawHeaders, body: read.body };
    const forwarded = await passOn(tools.forwarder, arrival, outgoing);
    const sent = { ...seen, rawHeaders: forwarded.sentHeaders };
    recordForwarded(tools.recorder, arrival, { seen: sent, forwarded, rawVerdict: findings?.verdict });
  };
}
