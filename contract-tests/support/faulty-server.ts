// A seeded-fault server: the stateful mock (in this process, on a manual clock) behind a small HTTP server on
// loopback that passes every request on and lets one fault change the request, the response, or keep a little
// state of its own. The catalogue (faulty-catalogue.ts) names one fault per server; verify is scored on finding it.
//
// The mock checks that credentials are there, not what they are (src/mock/front.ts). Twilio also refuses the wrong
// token (401 with code 20003: "using the wrong combination of Account SID and Auth Token",
// https://www.twilio.com/docs/errors/20003) and an account path that is not the caller's (the spec's
// AccountNotFound: 404, "does not exist or is not yours"). So the server in front holds the tokens of the accounts it
// is started with and applies both rules itself, unless the fault is the one that breaks them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basicAuthHeader, parseBasicAuth } from "../../src/basic-auth.js";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import type { Credentials } from "../../src/verify/index.js";

export interface WireRequest {
  method: string;
  /** The path alone, without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a fault makes of a request: a response, a dropped connection, or no response at all. */
export type Outcome = WireResponse | "drop" | "stall";

export type CallsOperation = "createCall" | "listCalls" | "fetchCall" | "updateCall" | "deleteCall";

export interface Route {
  operation: CallsOperation;
  accountSid: string;
  sid?: string;
}

/** The JSON Calls operation a request is for (the XML representations and retired APIs pass through untouched). */
export function routeOf(method: string, path: string): Route | undefined {
  const list = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/.exec(path);
  if (list?.[1]) {
    if (method === "POST") return { operation: "createCall", accountSid: list[1] };
    if (method === "GET") return { operation: "listCalls", accountSid: list[1] };
    return undefined;
  }
  const one = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/.exec(path);
  if (!one?.[1] || !one[2]) return undefined;
  const operation = ({ GET: "fetchCall", POST: "updateCall", DELETE: "deleteCall" } as const)[method as "GET"];
  return operation ? { operation, accountSid: one[1], sid: one[2] } : undefined;
}

/** The two rules the server in front applies for Twilio; a fault may pass a request on without one of them. */
export type Guard = "token" | "path-account";

export interface FaultContext {
  request: WireRequest;
  route: Route | undefined;
  accounts: Credentials[];
  /** State the fault keeps between requests. */
  memory: Map<string, unknown>;
  /** Twilio's refusal of the request by the guards (all but those skipped), or undefined when they let it in. */
  refusal(request: WireRequest, skip?: Guard[]): WireResponse | undefined;
  /** Whether the request carries credentials the guards take: the caller is who it says. */
  authenticated(request: WireRequest): boolean;
  /** Applies the guards (all but those skipped), then forwards to the mock. */
  pass(request: WireRequest, skip?: Guard[]): Promise<WireResponse>;
  /** Sends a request to the mock as one of the accounts, past the guards: the fault's own look at the state. */
  asAccount(account: Credentials, method: string, path: string, body?: string): Promise<WireResponse>;
}

export type Fault = (context: FaultContext) => Promise<Outcome>;

/** The faithful server: every request passed on under Twilio's rules. */
export const faithful: Fault = (context) => context.pass(context.request);

export interface FaultyServer {
  baseUrl: string;
  mock: RunningMock;
  /** What the mock logged (a broken response it refused to send, for instance). */
  logged: string[];
  stop(): Promise<void>;
}

const json = (status: number, body: unknown): WireResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const twilioError = (status: number, code: number, message: string) =>
  json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

function guardResponse(request: WireRequest, accounts: Credentials[], skip: Guard[]): WireResponse | undefined {
  const given = parseBasicAuth(request.headers.authorization);
  // Without credentials the mock itself responds with 401.
  if (!given) return undefined;
  const known = accounts.find((a) => a.accountSid === given.username);
  if (!skip.includes("token") && known?.authToken !== given.password) return twilioError(401, 20003, "Authenticate");
  const pathAccount = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})[/.]/.exec(request.path)?.[1];
  if (!skip.includes("path-account") && pathAccount !== undefined && pathAccount !== given.username)
    return twilioError(404, 20404, "The requested resource was not found");
  return undefined;
}

// Headers of the connection to this server, not of the request: fetch sets its own.
const HOP_BY_HOP = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding"]);

async function forward(mockUrl: string, request: WireRequest): Promise<WireResponse> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
  const query = request.query.size > 0 ? `?${request.query}` : "";
  const hasBody = request.method !== "GET" && request.method !== "DELETE" && request.method !== "HEAD";
  const response = await fetch(`${mockUrl}${request.path}${query}`, {
    method: request.method,
    headers,
    ...(hasBody ? { body: request.body } : {}),
  });
  // fetch has already undone any content encoding: the body passed back is the plain text.
  const kept = [...response.headers].filter(([name]) => !HOP_BY_HOP.has(name) && name !== "content-encoding");
  return {
    status: response.status,
    headers: Object.fromEntries(kept),
    body: await response.text(),
  };
}

function readRequest(req: IncomingMessage): Promise<WireRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", reject);
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://faulty.invalid");
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string"),
      );
      const body = Buffer.concat(chunks).toString("utf8");
      resolve({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body });
    });
  });
}

function respond(res: ServerResponse, outcome: Outcome): void {
  if (outcome === "stall") return;
  if (outcome === "drop") {
    res.socket?.destroy();
    return;
  }
  res.writeHead(outcome.status, { ...outcome.headers, "content-length": String(Buffer.byteLength(outcome.body)) });
  res.end(outcome.body);
}

export interface FaultyServerOptions {
  /** The accounts whose tokens the server knows; verify's credentials and second credentials. */
  accounts: Credentials[];
}

/** Starts the mock and the server in front of it with one fault; resolves once both listen. */
export async function startFaultyServer(fault: Fault, options: FaultyServerOptions): Promise<FaultyServer> {
  const logged: string[] = [];
  const mock = await startMock({ stateful: true, clock: "manual", checkResponses: true, log: (l) => logged.push(l) });
  const memory = new Map<string, unknown>();
  const { accounts } = options;
  const refusal = (request: WireRequest, skip: Guard[] = []) => guardResponse(request, accounts, skip);
  const authenticated = (request: WireRequest) =>
    parseBasicAuth(request.headers.authorization) !== undefined && refusal(request) === undefined;
  const pass = async (request: WireRequest, skip: Guard[] = []) =>
    refusal(request, skip) ?? forward(mock.baseUrl, request);
  const asAccount = (account: Credentials, method: string, path: string, body = "") =>
    forward(mock.baseUrl, {
      method,
      path,
      query: new URLSearchParams(),
      headers: {
        authorization: basicAuthHeader(account.accountSid, account.authToken),
        accept: "application/json",
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body,
    });
  const server = createServer(async (req, res) => {
    try {
      const request = await readRequest(req);
      const route = routeOf(request.method, request.path);
      respond(res, await fault({ request, route, accounts, memory, refusal, authenticated, pass, asAccount }));
    } catch (error) {
      // A fault that throws is a broken catalogue, not a defect of the server: say so loudly.
      logged.push(`fault threw: ${(error as Error).stack ?? String(error)}`);
      respond(res, json(599, { message: `the fault threw: ${(error as Error).message}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    mock,
    logged,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.stop();
    },
  };
}
