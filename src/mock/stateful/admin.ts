// The stateful mock's admin API under /__mock/ (described by openapi/mock-admin.yaml): the inspector page at
// /__mock/, and under /__mock/api the clock, resets, one call's timeline, outcomes set without code, the request
// journal, a server-sent event stream, and the call simulator's accounts, numbers, apps and caller. Each request is routed and checked by code generated from the document
// (admin-request.ts), then served by its operation's handler (admin-handlers.ts). It never shows a credential:
// callback URLs lose their user information, and the journal holds none.
//
// It serves this machine's tests and the inspector, never a web page the developer happens to have open: a request
// whose Host is not the mock's own address (DNS rebinding: a page on another name that resolves to 127.0.0.1) and a
// request a page of another origin makes are refused with 403 before anything is read or changed.
import type { IncomingMessage, ServerResponse } from "node:http";
import { shortText } from "../../findings/redact.js";
import { ADMIN_HANDLERS } from "./admin-handlers.js";
import { type AdminInput, type AdminOperationId, readAdminRequest } from "./admin-request.js";
import { AdminError, sendAdmin } from "./admin-response.js";
import { INSPECTOR_PAGE } from "./inspector-page.js";
import type { StatefulMock } from "./runtime.js";

const ADMIN_PREFIX = "/__mock";

/** The address a request reached, as a Host header names it: `127.0.0.1`, `[::1]`. */
function reachedAddress(req: IncomingMessage): string {
  const address = (req.socket.localAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return address.includes(":") ? `[${address}]` : address;
}

/** Whether `host` (`name:port`) names this mock: the address the request reached, or localhost, on its port. */
function isOwnHost(req: IncomingMessage, host: string): boolean {
  // Only the plain spellings: no user information, no path, no 0x7f.1 that a resolver would read as 127.0.0.1.
  const [, name = "", port = "80"] = /^(\[[\da-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host) ?? [];
  const own = ["localhost", reachedAddress(req)];
  return name !== "" && own.includes(name.toLowerCase()) && Number(port) === req.socket.localPort;
}

/** A request made by a page of another origin: its Origin (`null` included), or the browser's Sec-Fetch-Site. */
function foreignOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const own = /^http:\/\/([^/]+)$/.exec(origin)?.[1];
    return own !== undefined && isOwnHost(req, own) ? undefined : `Origin ${JSON.stringify(shortText(origin))}`;
  }
  // A page's <img> or no-cors fetch sends no Origin; a link followed to the inspector is a navigation, and welcome.
  const site = req.headers["sec-fetch-site"];
  const crossSite = site === "cross-site" || site === "same-site";
  return crossSite && req.headers["sec-fetch-mode"] !== "navigate" ? `Sec-Fetch-Site ${site}` : undefined;
}

/** Refuses what a web page could send: a Host that is not the mock's own (DNS rebinding), another origin. */
function refuseForeign(req: IncomingMessage): void {
  const host = req.headers.host ?? "";
  if (!isOwnHost(req, host)) {
    const own = `${reachedAddress(req)}:${req.socket.localPort} or localhost:${req.socket.localPort}`;
    const shown = JSON.stringify(shortText(host));
    throw new AdminError(
      403,
      `the admin API serves only requests to the mock's own address (Host ${own}), not Host ${shown}`,
    );
  }
  const foreign = foreignOrigin(req);
  if (foreign) {
    const message = `the admin API refuses requests from a page of another origin (${foreign}); steer the mock from the test's own process or from the inspector at ${ADMIN_PREFIX}/`;
    throw new AdminError(403, message);
  }
}

async function serve(mock: StatefulMock, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  refuseForeign(req);
  const url = new URL(req.url ?? "/", "http://mock.invalid");
  const method = req.method ?? "GET";
  if (url.pathname === `${ADMIN_PREFIX}/` && method === "GET") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(INSPECTOR_PAGE);
    return;
  }
  const request = readAdminRequest(method, url, req.headers["content-type"], body);
  if (!request) {
    const path = url.pathname.slice(ADMIN_PREFIX.length, ADMIN_PREFIX.length + 200);
    throw new AdminError(404, `no admin route ${method} ${path}; see openapi/mock-admin.yaml`);
  }
  // Each handler takes the input of its own operation, which readAdminRequest checked against the document.
  const handler = ADMIN_HANDLERS[request.id] as (
    m: StatefulMock,
    i: AdminInput<AdminOperationId>,
    r: ServerResponse,
  ) => void | Promise<void>;
  await handler(mock, request.input, res);
}

export function createAdmin(mock: StatefulMock) {
  return async function admin(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    try {
      await serve(mock, req, res, body);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      sendAdmin(res, error.status, { error: error.message });
    }
  };
}
