// The mock's front door: checks every request against the spec with the project's validators (closing Prism's
// gaps: repeated keys, unknown fields, query names with < and >), answers mistakes the way Twilio does, and
// passes the rest to Prism for the response.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
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
import { type Log, sendStatusCallbacks } from "./callbacks.js";
import { invalidRequest, magicNumberError, sendJson, twilioError } from "./errors.js";
import { matchRoute } from "./routes.js";
import { createUpstream } from "./upstream.js";

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

export interface FrontOptions {
  host: string;
  port: number;
  /** Where Prism listens. */
  upstream: { host: string; port: number };
  /** Where the mock reports what it did not do (a callback not sent, a receiver that failed). */
  log: Log;
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
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const found = matchRoute(req.method ?? "GET", url.pathname);
    if (!found)
      return { status: 404, body: twilioError(404, 20404, `The requested resource ${url.pathname} was not found`) };
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

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks)));
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
