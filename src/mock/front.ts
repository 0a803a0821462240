// The mock's front door: checks every request against the spec with the project's validators (closing Prism's
// gaps: repeated keys, unknown fields, query names with < and >), answers mistakes the way Twilio does, and
// passes the rest to Prism for the response.
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import { parseBasicAuth } from "../basic-auth.js";
import {
  type OperationId,
  operations,
  type Violation,
  validateBody,
  validatePathParams,
  validateQuery,
} from "../validation/index.js";
import { shortText } from "../validation/redact.js";
import { type Log, sendStatusCallbacks } from "./callbacks.js";
import { invalidRequest, magicNumberError, sendJson, twilioError } from "./errors.js";
import { matchRoute } from "./routes.js";
import { createUpstream } from "./upstream.js";

function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target, "http://mock.invalid");
  } catch {
    return undefined;
  }
}

interface Refusal {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Accepted {
  accepted: true;
  operationId: OperationId;
  /** The decoded form body, for operations that take one. */
  form: Record<string, unknown> | undefined;
  authToken: string;
}

/** What the front layer takes from one request before it answers 413, 408 or closes the connection. */
export interface MockLimits {
  /** Largest request body read. Defaults to 1 MiB: Twiml, the largest field, holds 4000 characters. */
  maxBodyBytes: number;
  /** Time for a whole request, headers and body. Defaults to 30 s. */
  requestTimeoutMs: number;
  /** Time for the request's headers. Defaults to 10 s. */
  headersTimeoutMs: number;
}

export const DEFAULT_LIMITS: MockLimits = {
  maxBodyBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
};

export interface FrontOptions {
  host: string;
  port: number;
  /** Where Prism listens. */
  upstream: { host: string; port: number };
  /** Where the mock reports what it did not do (a callback not sent, a receiver that failed). */
  log: Log;
  limits?: Partial<MockLimits>;
}

export interface RunningFront {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startFront(options: FrontOptions): Promise<RunningFront> {
  const upstream = createUpstream(options.upstream);

  /** The answer to a request the front layer turns down itself, or what Prism needs to answer an accepted one. */
  function refusal(req: IncomingMessage, body: Buffer): Refusal | Accepted {
    const url = parseTarget(req.url ?? "/");
    if (!url) {
      const message = `The request target ${JSON.stringify(shortText(req.url ?? ""))} is not a valid path`;
      return { status: 400, body: twilioError(400, 20001, message) };
    }
    const found = matchRoute(req.method ?? "GET", url.pathname);
    if (!found) {
      const message = `The requested resource ${shortText(url.pathname, 200)} was not found`;
      return { status: 404, body: twilioError(404, 20404, message) };
    }
    if ("malformed" in found) {
      const message = `The path segment ${JSON.stringify(shortText(found.malformed))} is not valid percent-encoding`;
      return { status: 400, body: twilioError(400, 20001, message) };
    }
    if ("allowed" in found) {
      const allowed = found.allowed.join(", ");
      const message = `Method not allowed; ${url.pathname} takes ${allowed}`;
      return { status: 405, body: twilioError(405, 20004, message), headers: { Allow: allowed } };
    }
    const { route, params } = found;
    // The mock checks that credentials are there, not what they are; it signs callbacks with the token given.
    const authToken = parseBasicAuth(req.headers.authorization)?.password;
    if (authToken === undefined) {
      const headers = { "WWW-Authenticate": 'Basic realm="Twilio API"' };
      return { status: 401, body: twilioError(401, 20003, "Authenticate"), headers };
    }
    const checked = [validatePathParams(route.operationId, params), validateQuery(route.operationId, url.searchParams)];
    const violations: Violation[] = checked.flatMap((r) => r.violations);
    const warnings: Violation[] = checked.flatMap((r) => r.warnings);
    let form: Record<string, unknown> | undefined;
    if (operations[route.operationId].validators.body) {
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (contentType !== "application/x-www-form-urlencoded") {
        const message = `Send the body as application/x-www-form-urlencoded, not "${contentType || "(none)"}"`;
        return { status: 415, body: twilioError(415, 20001, message) };
      }
      const result = validateBody(route.operationId, body.toString("utf8"));
      violations.push(...result.violations);
      warnings.push(...result.warnings);
      form = result.value as Record<string, unknown>;
    }
    if (violations.length > 0) return { status: 400, body: invalidRequest(violations) };
    // Twilio accepts what breaks only an advisory rule, and so does the mock; it says so in its log.
    for (const w of warnings) options.log(`warning: ${w.message}`);
    if (route.operationId === "createCall" && form) {
      const magic = magicNumberError(form);
      if (magic) return { status: 400, body: magic };
    }
    return { accepted: true, operationId: route.operationId, form, authToken };
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const verdict = refusal(req, body);
    if (!("accepted" in verdict)) {
      sendJson(res, verdict.status, verdict.body, verdict.headers);
      return;
    }
    const { operationId, form, authToken } = verdict;
    // Only a create with a StatusCallback needs Prism's answer read back (for the CallSid of its callbacks).
    if (operationId !== "createCall" || form?.StatusCallback === undefined) {
      upstream.forward(req, res, body);
      return;
    }
    upstream.forward(req, res, body, (status, call) => {
      if (status === 201) sendStatusCallbacks(form, call as Record<string, unknown>, authToken, options.log);
    });
  }

  // Whatever a request holds, it gets an answer and the next request is served: a throw becomes a 500.
  function handleSafely(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    try {
      handle(req, res, body);
    } catch (error) {
      options.log(`failed on ${req.method} ${shortText(req.url ?? "")}: ${(error as Error).message}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, twilioError(500, 20500, "The mock failed on this request; it keeps serving"));
    }
  }

  const { maxBodyBytes, requestTimeoutMs, headersTimeoutMs } = { ...DEFAULT_LIMITS, ...options.limits };
  // Node checks these time limits on an interval (30 s by default); check often enough for them to mean something.
  const connectionsCheckingInterval = Math.max(100, Math.min(1000, headersTimeoutMs / 4, requestTimeoutMs / 4));
  const timeouts = { requestTimeout: requestTimeoutMs, headersTimeout: headersTimeoutMs, connectionsCheckingInterval };
  const server = createServer(timeouts, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop buffering at once; answer, and close the connection rather than read the rest.
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
  // A request the HTTP parser refuses (a bad request line, headers too large) still gets an answer.
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
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        upstream.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
