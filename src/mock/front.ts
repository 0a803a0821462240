// The mock's front door: checks every request against the spec with the project's validators (closing Prism's
// gaps: repeated keys, unknown fields, query names with < and >), answers mistakes the way Twilio does, and
// passes the rest to Prism for the response.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseBasicAuth } from "../basic-auth.js";
import { operations, type Violation, validateBody, validatePathParams, validateQuery } from "../validation/index.js";
import { type Log, sendStatusCallbacks } from "./callbacks.js";
import { invalidRequest, magicNumberError, sendJson, twilioError } from "./errors.js";
import { matchRoute } from "./routes.js";
import { createUpstream } from "./upstream.js";

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
  const forward = upstream.forward;

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const found = matchRoute(req.method ?? "GET", url.pathname);
    if (!found)
      return sendJson(res, 404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
    if ("allowed" in found)
      return sendJson(
        res,
        405,
        twilioError(405, 20004, `Method not allowed; ${url.pathname} takes ${found.allowed.join(", ")}`),
        { Allow: found.allowed.join(", ") },
      );
    const { route, params } = found;
    // The mock checks that credentials are there, not what they are; it signs callbacks with the token given.
    const authToken = parseBasicAuth(req.headers.authorization)?.password;
    if (authToken === undefined)
      return sendJson(res, 401, twilioError(401, 20003, "Authenticate"), {
        "WWW-Authenticate": 'Basic realm="Twilio API"',
      });

    const violations: Violation[] = [
      ...validatePathParams(route.operationId, params).violations,
      ...validateQuery(route.operationId, url.searchParams).violations,
    ];
    let form: Record<string, unknown> | undefined;
    if (operations[route.operationId].validators.body) {
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (contentType !== "application/x-www-form-urlencoded") {
        return sendJson(
          res,
          415,
          twilioError(
            415,
            20001,
            `Send the body as application/x-www-form-urlencoded, not "${contentType || "(none)"}"`,
          ),
        );
      }
      const result = validateBody(route.operationId, body.toString("utf8"));
      violations.push(...result.violations);
      form = result.value as Record<string, unknown>;
    }
    if (violations.length > 0) return sendJson(res, 400, invalidRequest(violations));
    if (route.operationId === "createCall" && form) {
      const magic = magicNumberError(form);
      if (magic) return sendJson(res, 400, magic);
      // Only a create with a StatusCallback needs Prism's answer read back (for the CallSid of its callbacks).
      if (form.StatusCallback === undefined) return forward(req, res, body);
      return forward(req, res, body, (status, call) => {
        if (status === 201) sendStatusCallbacks(form, call as Record<string, unknown>, authToken, options.log);
      });
    }
    forward(req, res, body);
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
