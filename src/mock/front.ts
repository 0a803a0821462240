// The mock's front door: checks every request against the spec with the project's validators (closing Prism's
// gaps: repeated keys, unknown fields, query names with < and >), responds to mistakes the way Twilio does, and
// hands the rest to a responder (Prism's engine or the stateful store; legacy.ts for the retired operations). A
// resource's XML representation (its path without `.json`) is handed on as its JSON operation and the response
// written in XML (xml-representation.ts), so both share one state. Every request gets a response, within limits of
// size and time, and the next one is served whatever the last one held, unless an injected fault (faults/) decides
// otherwise: a delay, a Twilio error in its place, a dropped connection or a spoiled response.
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import { parseBasicAuth } from "../basic-auth.js";
import { shortText } from "../findings/redact.js";
import { harEntry } from "../har/entry.js";
import { redactEntry, shownViolations } from "../har/redact.js";
import { KEEP_ALIVE_MS, SERVER_TIME_LIMITS, serverTimeouts } from "../server-limits.js";
import {
  type OperationId,
  operations,
  type Violation,
  validateBody,
  validatePathParams,
  validateQuery,
} from "../validation/index.js";
import type { Log } from "./callbacks.js";
import { invalidRequest, magicNumberError, sendJson, twilioError } from "./errors.js";
import { actOut, faultError, handledFirst, pause } from "./faults/actions.js";
import type { FaultRegistry, JournalFault, RequestContext, RequestFaults } from "./faults/registry.js";
import { frontServes, respondLegacy } from "./legacy.js";
import { type AcceptedRequest, jsonResponse, type MockResponse, type Responder } from "./responder.js";
import { matchRoute } from "./routes.js";
import { asJsonRequest, asOperationResponse, representedOperation } from "./xml-representation.js";

function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target, "http://mock.invalid");
  } catch {
    return undefined;
  }
}

/** One request as the journal keeps it: no credentials, in its target or its violations (see exchangeRecord). */
export interface ExchangeRecord {
  at: number;
  method: string;
  target: string;
  operationId: OperationId | undefined;
  accountSid: string | undefined;
  /** The status the mock decided (0 when a fault dropped the connection first); a fault may have kept it back. */
  status: number;
  /** The faults that acted on the request, when any did. */
  faults?: JournalFault[];
  violations: Violation[];
  warnings: Violation[];
}

/** What the front layer takes from one request before it responds with 413 or 408, or closes the connection. */
export interface MockLimits {
  /** Largest request body read. Defaults to 1 MiB: Twiml, the largest field, holds 4000 characters. */
  maxBodyBytes: number;
  /** Time for a whole request, headers and body. Defaults to 30 s. */
  requestTimeoutMs: number;
  /** Time for the request's headers. Defaults to 10 s. */
  headersTimeoutMs: number;
}

export const DEFAULT_LIMITS: MockLimits = { maxBodyBytes: 1024 * 1024, ...SERVER_TIME_LIMITS };

export interface FrontOptions {
  host: string;
  port: number;
  respond: Responder;
  /** Requests under /__mock/ go here instead (the admin API and the inspector), when given. */
  admin?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>;
  /** Sees every Calls API request once its response is written. */
  onExchange?: (record: ExchangeRecord) => void;
  /** Faults injected into requests (docs/faults.md); none when left out. */
  faults?: FaultRegistry;
  /** Where the mock reports what it did not do (a callback not sent, a receiver that failed). */
  log: Log;
  limits?: Partial<MockLimits>;
}

export interface RunningFront {
  server: Server;
  port: number;
  close(): Promise<void>;
}

interface Checked {
  /** The front layer's own response, when it turns the request down. */
  refusal?: MockResponse;
  accepted?: AcceptedRequest;
  operationId?: OperationId;
  accountSid?: string;
  violations: Violation[];
  warnings: Violation[];
}

/** The checks of one Calls API request: a refusal when the front layer turns it down, else what to respond to. */
function check(req: IncomingMessage, body: Buffer): Checked {
  const none = { violations: [], warnings: [] };
  const target = req.url ?? "/";
  const url = parseTarget(target);
  if (!url) {
    const message = `The request target ${JSON.stringify(shortText(target))} is not a valid path`;
    return { ...none, refusal: jsonResponse(400, twilioError(400, 20001, message)) };
  }
  const found = matchRoute(req.method ?? "GET", url.pathname);
  if (!found) {
    const message = `The requested resource ${shortText(url.pathname, 200)} was not found`;
    return { ...none, refusal: jsonResponse(404, twilioError(404, 20404, message)) };
  }
  if ("malformed" in found) {
    const message = `The path segment ${JSON.stringify(shortText(found.malformed))} is not valid percent-encoding`;
    return { ...none, refusal: jsonResponse(400, twilioError(400, 20001, message)) };
  }
  if ("allowed" in found) {
    const allowed = found.allowed.join(", ");
    const message = `Method not allowed; ${url.pathname} takes ${allowed}`;
    return { ...none, refusal: jsonResponse(405, twilioError(405, 20004, message), { Allow: allowed }) };
  }
  const { route, params } = found;
  const operationId = route.operationId;
  const accountSid = params.AccountSid;
  // Credentials must be there; what they must be is known only for the accounts registered through the admin API
  // (stateful/account-auth.ts). Callbacks are signed with the token given.
  const credentials = parseBasicAuth(req.headers.authorization);
  if (credentials === undefined) {
    const headers = { "WWW-Authenticate": 'Basic realm="Twilio API"' };
    return {
      ...none,
      operationId,
      accountSid,
      refusal: jsonResponse(401, twilioError(401, 20003, "Authenticate"), headers),
    };
  }
  const checked = [validatePathParams(operationId, params), validateQuery(operationId, url.searchParams)];
  const violations = checked.flatMap((r) => r.violations);
  const warnings = checked.flatMap((r) => r.warnings);
  const query = checked[1]?.value as Record<string, unknown>;
  let form: Record<string, unknown> | undefined;
  if (operations[operationId].validators.body) {
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    // A body the spec lets be left out (an update's: twilio-node sends none) may be empty; anything sent is a form.
    const empty = body.length === 0 && !operations[operationId].bodyRequired;
    if (contentType !== "application/x-www-form-urlencoded" && !empty) {
      const message = `Send the body as application/x-www-form-urlencoded, not "${contentType || "(none)"}"`;
      return { ...none, operationId, accountSid, refusal: jsonResponse(415, twilioError(415, 20001, message)) };
    }
    const result = validateBody(operationId, body.toString("utf8"));
    violations.push(...result.violations);
    warnings.push(...result.warnings);
    form = result.value as Record<string, unknown>;
  }
  const base = { operationId, accountSid, violations, warnings };
  if (violations.length > 0) return { ...base, refusal: jsonResponse(400, invalidRequest(violations)) };
  const creates = (representedOperation(operationId) ?? operationId) === "createCall";
  const magic = creates && form ? magicNumberError(form) : undefined;
  if (magic) return { ...base, refusal: jsonResponse(400, magic) };
  const method = req.method ?? "GET";
  return {
    ...base,
    accepted: {
      operationId,
      method,
      target,
      headers: req.headers,
      body: body.toString("utf8"),
      params,
      query,
      form,
      authToken: credentials.password,
      authUser: credentials.username,
    },
  };
}

/** The base the query of a request target is read against; only the query and the body are redacted by field. */
const RECORD_BASE = "http://mock.invalid/";

/**
 * What the journal keeps of one exchange, redacted by the code that redacts a recorded HAR entry: the value of a
 * secret-named query parameter, the password and query values of a callback URL, and the credentials of the
 * Authorization header are gone from the target and from the violations alike; names, origins and paths stay.
 */
function exchangeRecord(req: IncomingMessage, body: Buffer, checked: Checked, status: number): ExchangeRecord {
  const method = req.method ?? "GET";
  const target = req.url ?? "/";
  const cut = target.indexOf("?");
  const base = { at: Date.now(), method, operationId: checked.operationId, accountSid: checked.accountSid, status };
  const { violations, warnings } = checked;
  // Most requests (every valid create) have no query and no finding: no value of theirs is kept, none to redact.
  if (cut < 0 && violations.length === 0 && warnings.length === 0) {
    return { ...base, target: shortText(target, 2000), violations, warnings };
  }
  // Read against a fixed base, so that a target no URL parser takes (a refused one) still has its query redacted.
  const seen = { method, url: `${RECORD_BASE}${cut < 0 ? "" : target.slice(cut)}`, rawHeaders: req.rawHeaders, body };
  const redacted = redactEntry(harEntry(seen, undefined, { started: new Date(base.at), waitMs: 0, receiveMs: 0 }, {}));
  const url = redacted.entry.request.url;
  const search = url.includes("?") ? url.slice(url.indexOf("?")) : "";
  return {
    ...base,
    target: shortText(`${redacted.scrub(cut < 0 ? target : target.slice(0, cut))}${search}`, 2000),
    violations: shownViolations(violations, redacted),
    warnings: shownViolations(warnings, redacted),
  };
}

function write(res: ServerResponse, response: MockResponse): void {
  if (res.headersSent) return;
  const headers = { ...response.headers, "content-length": String(Buffer.byteLength(response.body)) };
  res.writeHead(response.status, headers);
  res.end(response.body);
}

/** The response to a checked request: the front layer's refusal, or the responder's (legacy.ts's) response. */
async function respondTo(respond: Responder, checked: Checked): Promise<MockResponse> {
  // An XML representation is served by its JSON operation, and its response written in XML.
  const accepted = checked.accepted && asJsonRequest(checked.accepted);
  const served =
    checked.refusal ??
    (frontServes(respond, (accepted as AcceptedRequest).operationId)
      ? respondLegacy(accepted as AcceptedRequest)
      : await respond(accepted as AcceptedRequest));
  return asOperationResponse(checked.operationId, served);
}

/** What a request fault is matched on: its operation, account and (for a create) To. */
function faultContext(req: IncomingMessage, checked: Checked): RequestContext {
  const to = checked.accepted?.form?.To;
  return {
    method: req.method ?? "GET",
    path: shortText((req.url ?? "/").split("?")[0] ?? "/", 2000),
    ...(checked.operationId === undefined ? {} : { operationId: checked.operationId }),
    ...(checked.accountSid === undefined ? {} : { accountSid: checked.accountSid }),
    ...(typeof to === "string" ? { to } : {}),
  };
}

/**
 * Responds to a request the faults act on: handled or not as its fault says, held for its latency, then acted out.
 * Resolves with the status the mock decided, 0 when a reset came first.
 */
async function respondWithFaults(
  respond: Responder,
  res: ServerResponse,
  checked: Checked,
  faults: RequestFaults,
  timing: { arrived: number; signal: AbortSignal },
): Promise<number> {
  const { action } = faults;
  // A fault that acts after the mock handled the request leaves its state changed: a create's call is stored.
  const handled = !action || handledFirst(action) ? await respondTo(respond, checked) : undefined;
  const response = (action && faultError(action)) ?? handled;
  // A latency holds the response until that long after the request arrived, its handling included.
  const wait = faults.delayMs - (performance.now() - timing.arrived);
  if (wait > 0 && !(await pause(wait, timing.signal))) return response?.status ?? 0;
  if (action) await actOut(res, action, response, timing.signal);
  else if (response) write(res, response);
  return response?.status ?? 0;
}

/** Aborted when the response's connection closes or the server closes: a fault's wait ends with either. */
function exchangeSignal(res: ServerResponse, closing: AbortSignal): AbortSignal {
  const closed = new AbortController();
  res.once("close", () => closed.abort());
  return AbortSignal.any([closed.signal, closing]);
}

export async function startFront(options: FrontOptions): Promise<RunningFront> {
  const closing = new AbortController();
  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const arrived = performance.now();
    if (options.admin && (req.url ?? "").startsWith("/__mock/")) return options.admin(req, res, body);
    const checked = check(req, body);
    // Twilio accepts what breaks only an advisory rule, and so does the mock; it says so in its log.
    if (!checked.refusal) for (const w of checked.warnings) options.log(`warning: ${w.message}`);
    const faults = options.faults?.forRequest(faultContext(req, checked));
    if (faults) {
      const timing = { arrived, signal: exchangeSignal(res, closing.signal) };
      const status = await respondWithFaults(options.respond, res, checked, faults, timing);
      options.onExchange?.({ ...exchangeRecord(req, body, checked, status), faults: faults.journal });
      return;
    }
    const response = await respondTo(options.respond, checked);
    write(res, response);
    options.onExchange?.(exchangeRecord(req, body, checked, response.status));
  }

  // Whatever a request holds, it gets a response and the next request is served: a throw becomes a 500.
  function handleSafely(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    handle(req, res, body).catch((error: Error) => {
      options.log(`failed on ${req.method} ${shortText(req.url ?? "")}: ${error.message}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, twilioError(500, 20500, "The mock failed on this request; it keeps serving"));
    });
  }

  const { maxBodyBytes, ...timeLimits } = { ...DEFAULT_LIMITS, ...options.limits };
  const server = createServer(serverTimeouts(timeLimits), (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop buffering at once; respond, and close the connection rather than read the rest.
      req.off("data", onData);
      chunks.length = 0;
      const message = `The request body is larger than ${maxBodyBytes} bytes (Twiml, the largest field, holds 4000 characters)`;
      sendJson(res, 413, twilioError(413, 20001, message), { Connection: "close" });
      res.on("finish", () => req.destroy());
    };
    req.on("data", onData);
    req.on("end", () => {
      if (size <= maxBodyBytes) handleSafely(req, res, Buffer.concat(chunks));
    });
    req.on("error", () => req.destroy());
  });
  // A request the HTTP parser refuses (a bad request line, headers too large) still gets a response.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const text = JSON.stringify(twilioError(status, 20001, "The request could not be read as HTTP"));
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n`;
    socket.end(`${head}Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
