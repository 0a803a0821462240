// The mock's front door: checks every request against the spec with the project's validators (closing Prism's
// gaps: repeated keys, unknown fields, query names with < and >), answers mistakes the way Twilio does, and
// passes the rest to Prism for the response.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import {
  type OperationId,
  operations,
  type Violation,
  validateBody,
  validatePathParams,
  validateQuery,
} from "../validation/index.js";
import { type Log, sendStatusCallbacks } from "./callbacks.js";
import { invalidRequest, magicNumberError, twilioError } from "./errors.js";

interface Route {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  params: string[];
}

const routes: Route[] = Object.values(operations).map((op) => ({
  operationId: op.operationId,
  method: op.method,
  params: op.pathParams,
  pattern: new RegExp(`^${op.path.replace(/\./g, "\\.").replace(/\{(\w+)\}/g, "([^/]+)")}$`),
}));

function match(
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
  const onPath = routes.filter((r) => r.pattern.test(pathname));
  if (onPath.length === 0) return undefined;
  const route = onPath.find((r) => r.method === method);
  if (!route) return { allowed: onPath.map((r) => r.method) };
  const values = route.pattern.exec(pathname)!.slice(1).map(decodeURIComponent);
  return { route, params: Object.fromEntries(route.params.map((name, i) => [name, values[i]!])) };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The password of a well-formed Basic Authorization header; the mock signs callbacks with it. */
function basicAuthToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? "";
  const [scheme, encoded] = header.split(" ");
  if (scheme?.toLowerCase() !== "basic" || !encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon > 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined;
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
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    inspect?: (status: number, json: unknown) => void,
  ): void {
    const upstream = httpRequest(
      {
        host: options.upstream.host,
        port: options.upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `${options.upstream.host}:${options.upstream.port}` },
        agent,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const payload = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          delete headers["transfer-encoding"];
          delete headers.connection;
          headers["content-length"] = String(payload.length);
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(payload);
          if (inspect && payload.length > 0) {
            try {
              inspect(answer.statusCode ?? 0, JSON.parse(payload.toString("utf8")));
            } catch {
              // Prism answered with something that is not JSON: nothing to inspect.
            }
          }
        });
      },
    );
    upstream.on("error", (error) => {
      if (res.headersSent) res.destroy(error);
      else send(res, 502, twilioError(502, 20500, `the mock's Prism process did not answer: ${error.message}`));
    });
    upstream.end(body);
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const found = match(req.method ?? "GET", url.pathname);
    if (!found) return send(res, 404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
    if ("allowed" in found)
      return send(
        res,
        405,
        twilioError(405, 20004, `Method not allowed; ${url.pathname} takes ${found.allowed.join(", ")}`),
        { Allow: found.allowed.join(", ") },
      );
    const { route, params } = found;
    const authToken = basicAuthToken(req);
    if (authToken === undefined)
      return send(res, 401, twilioError(401, 20003, "Authenticate"), {
        "WWW-Authenticate": 'Basic realm="Twilio API"',
      });

    const violations: Violation[] = [
      ...validatePathParams(route.operationId, params).violations,
      ...validateQuery(route.operationId, url.searchParams).violations,
    ];
    let form: Record<string, unknown> | undefined;
    if (operations[route.operationId].validators.body) {
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (contentType !== "application/x-www-form-urlencoded") {
        return send(
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
    if (violations.length > 0) return send(res, 400, invalidRequest(violations));
    if (route.operationId === "createCall" && form) {
      const magic = magicNumberError(form);
      if (magic) return send(res, 400, magic);
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
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
