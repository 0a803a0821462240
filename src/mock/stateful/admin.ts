// The stateful mock's admin API under /__mock/ (described by openapi/mock-admin.yaml): the inspector page at
// /__mock/, and under /__mock/api the clock, resets, one call's timeline, outcomes set without code, the request
// journal and a server-sent event stream. Each request is routed and checked by code generated from the document
// (admin-request.ts), then served by its operation's handler (admin-handlers.ts). It never shows a credential:
// callback URLs lose their user information, and the journal holds none.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ADMIN_HANDLERS } from "./admin-handlers.js";
import { type AdminInput, type AdminOperationId, readAdminRequest } from "./admin-request.js";
import { AdminError, sendAdmin } from "./admin-response.js";
import { INSPECTOR_PAGE } from "./inspector-page.js";
import type { StatefulMock } from "./runtime.js";

const ADMIN_PREFIX = "/__mock";

function serve(mock: StatefulMock, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(req.url ?? "/", "http://mock.invalid");
  const method = req.method ?? "GET";
  if (url.pathname === `${ADMIN_PREFIX}/` && method === "GET") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(INSPECTOR_PAGE);
    return;
  }
  const request = readAdminRequest(method, url, body);
  if (!request) {
    const path = url.pathname.slice(ADMIN_PREFIX.length, ADMIN_PREFIX.length + 200);
    throw new AdminError(404, `no admin route ${method} ${path}; see openapi/mock-admin.yaml`);
  }
  // Each handler takes the input of its own operation, which readAdminRequest checked against the document.
  const handler = ADMIN_HANDLERS[request.id] as (
    m: StatefulMock,
    i: AdminInput<AdminOperationId>,
    r: ServerResponse,
  ) => void;
  handler(mock, request.input, res);
}

export function createAdmin(mock: StatefulMock) {
  return async function admin(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    try {
      serve(mock, req, res, body);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      sendAdmin(res, error.status, { error: error.message });
    }
  };
}
