// The stateful mock's admin API under /__mock/ (described by openapi/mock-admin.yaml): the inspector page, the
// clock, resets, one call's timeline, outcomes set without code, the request journal, and a server-sent event
// stream. It never shows a credential: callback URLs lose their user information, and the journal holds none.
import type { IncomingMessage, ServerResponse } from "node:http";
import { rfc2822 } from "../callbacks.js";
import { INSPECTOR_PAGE } from "./inspector-page.js";
import { renderCall } from "./render.js";
import type { StatefulMock } from "./runtime.js";
import { ANSWERED_BY, type AnsweredBy, OUTCOMES, type Outcome, SCENARIO_NUMBERS, type Scenario } from "./scenarios.js";
import { isStoreError } from "./store.js";

export const ADMIN_PREFIX = "/__mock";
const SID = /^AC[0-9a-fA-F]{32}$/;
const MAX_UNREAD_EVENT_BYTES = 1024 * 1024;

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AdminError(400, "the body must be a JSON object");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AdminError(400, "the body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AdminError(400, `the path segment ${JSON.stringify(segment.slice(0, 40))} is not valid percent-encoding`);
  }
}

function accountOf(sid: string): string {
  if (!SID.test(sid))
    throw new AdminError(400, `an AccountSid is AC and 32 hexadecimal digits, got "${sid.slice(0, 40)}"`);
  return sid;
}

/** Reads an outcome from a request body, naming the field and the rule it breaks. */
export function scenarioFrom(body: Record<string, unknown>): Partial<Scenario> {
  const known = ["outcome", "ringSeconds", "talkSeconds", "answeredBy"];
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw new AdminError(400, `unknown field ${unknown[0]}; an outcome takes ${known.join(", ")}`);
  const scenario: Partial<Scenario> = {};
  if (body.outcome !== undefined) {
    if (!OUTCOMES.includes(body.outcome as Outcome)) {
      throw new AdminError(400, `outcome must be one of ${OUTCOMES.join(", ")}, got ${JSON.stringify(body.outcome)}`);
    }
    scenario.outcome = body.outcome as Outcome;
  }
  for (const field of ["ringSeconds", "talkSeconds"] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 86_400) {
      throw new AdminError(
        400,
        `${field} must be a whole number of seconds from 0 to 86400, got ${JSON.stringify(value)}`,
      );
    }
    scenario[field] = value;
  }
  if (body.answeredBy !== undefined) {
    if (!ANSWERED_BY.includes(body.answeredBy as AnsweredBy)) {
      throw new AdminError(
        400,
        `answeredBy must be one of ${ANSWERED_BY.join(", ")}, got ${JSON.stringify(body.answeredBy)}`,
      );
    }
    scenario.answeredBy = body.answeredBy as AnsweredBy;
  }
  return scenario;
}

export function createAdmin(mock: StatefulMock) {
  const clockState = () => {
    const now = mock.clock.now();
    return { mode: mock.clock.mode, scale: mock.clock.scale, now: rfc2822(now), nowMs: now };
  };

  function timeline(accountSid: string, sid: string) {
    const call = mock.store.get(accountSid, sid);
    if (!call) throw new AdminError(404, `no call ${sid} on account ${accountSid}`);
    return {
      call: renderCall(call),
      scenario: call.scenario,
      transitions: call.timeline.map((t) => ({ ...t, from: t.from ?? null, at: rfc2822(t.at), atMs: t.at })),
      callbacks: mock.callbacksOf(sid),
    };
  }

  function state() {
    return {
      clock: clockState(),
      scenarioNumbers: Object.fromEntries(Object.entries(SCENARIO_NUMBERS).map(([number, s]) => [number, s.says])),
      accounts: mock.store.accountSids().map((accountSid) => ({
        accountSid,
        calls: mock.store.list(accountSid).map((call) => ({
          ...renderCall(call),
          transitions: call.timeline.map((t) => ({ from: t.from ?? null, to: t.to, atMs: t.at, note: t.note ?? null })),
          callbacks: mock.callbacksOf(call.sid),
        })),
      })),
      requests: mock.journal.list().slice(0, 200),
    };
  }

  function events(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(`event: hello\ndata: ${JSON.stringify(clockState())}\n\n`);
    const stop = mock.hub.subscribe((event) => {
      // A watcher that stops reading is let go rather than buffered for without end.
      if (res.writableLength > MAX_UNREAD_EVENT_BYTES) {
        stop();
        res.destroy();
        return;
      }
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    });
    // The response closes when the watcher goes away; the request closes as soon as its (empty) body is read.
    res.on("close", stop);
  }

  async function route(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const path = url.pathname.slice(ADMIN_PREFIX.length);
    const method = req.method ?? "GET";
    if (path === "/" && method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(INSPECTOR_PAGE);
      return;
    }
    if (path === "/api/events" && method === "GET") return events(res);
    if (path === "/api/state" && method === "GET") return send(res, 200, state());
    if (path === "/api/clock" && method === "GET") return send(res, 200, clockState());
    if (path === "/api/clock/advance" && method === "POST") {
      if (mock.clock.mode !== "manual") {
        throw new AdminError(
          409,
          `the clock runs on ${mock.clock.mode} time; start the mock with a manual clock to advance it`,
        );
      }
      const { ms } = jsonBody(body);
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 31_536_000_000) {
        throw new AdminError(400, `ms must be a number of milliseconds from 0 to one year, got ${JSON.stringify(ms)}`);
      }
      mock.clock.advance(ms);
      mock.hub.publish("clock", clockState);
      return send(res, 200, clockState());
    }
    if (path === "/api/reset" && method === "POST") {
      const { accountSid } = jsonBody(body);
      if (accountSid !== undefined && typeof accountSid !== "string")
        throw new AdminError(400, "accountSid must be text");
      mock.reset(accountSid === undefined ? undefined : accountOf(accountSid));
      return send(res, 204);
    }
    if (path === "/api/journal" && method === "GET") {
      const unknown = [...url.searchParams.keys()].find((k) => !["accountSid", "violations", "warnings"].includes(k));
      if (unknown !== undefined) {
        throw new AdminError(
          400,
          `unknown query parameter ${unknown.slice(0, 40)}; the journal takes accountSid, violations, warnings`,
        );
      }
      const violations = url.searchParams.get("violations");
      if (violations !== null && violations !== "only" && violations !== "none") {
        throw new AdminError(400, `violations must be only or none, got "${violations.slice(0, 40)}"`);
      }
      const warnings = url.searchParams.get("warnings");
      if (warnings !== null && warnings !== "only") {
        throw new AdminError(400, `warnings must be only, got "${warnings.slice(0, 40)}"`);
      }
      const accountSid = url.searchParams.get("accountSid") ?? undefined;
      const requests = mock.journal.list({
        ...(accountSid === undefined ? {} : { accountSid: accountOf(accountSid) }),
        ...(violations === null ? {} : { violations }),
        ...(warnings === null ? {} : { warnings }),
      });
      return send(res, 200, { requests });
    }
    const call = /^\/api\/accounts\/([^/]+)\/calls\/([^/]+)(\/outcome)?$/.exec(path);
    if (call && method === "GET" && !call[3]) return send(res, 200, timeline(accountOf(call[1] ?? ""), call[2] ?? ""));
    if (call && method === "PUT" && call[3]) {
      const accountSid = accountOf(call[1] ?? "");
      const updated = mock.store.setOutcomeForCall(accountSid, call[2] ?? "", scenarioFrom(jsonBody(body)));
      if (isStoreError(updated)) throw new AdminError(updated.status, updated.message);
      return send(res, 200, timeline(accountSid, updated.sid));
    }
    const outcome = /^\/api\/accounts\/([^/]+)\/outcomes\/([^/]+)$/.exec(path);
    if (outcome && method === "PUT") {
      const to = decoded(outcome[2] ?? "");
      const scenario = mock.store.setOutcomeForTo(accountOf(outcome[1] ?? ""), to, scenarioFrom(jsonBody(body)));
      return send(res, 200, { to, scenario });
    }
    throw new AdminError(404, `no admin route ${method} ${path.slice(0, 200)}; see openapi/mock-admin.yaml`);
  }

  return async function admin(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    try {
      await route(req, res, body);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      send(res, error.status, { error: error.message });
    }
  };
}
