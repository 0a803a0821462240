// The requests of a stateful sequence, sent through the run's session (so the exchange checks apply to each) as the
// run's account or the second one, and logged as sent so that a failure can be printed as curl lines and replayed.
import { operations } from "../../validation/index.js";
import type { CheckName, CheckOutcome } from "../checks.js";
import type { FormEntries, RequestCase } from "../corpus.js";
import type { GeneratedOperation } from "../generate/cases.js";
import { WRONG_TOKEN } from "../generate/curl.js";
import type { Credentials, Exchange } from "../http.js";
import type { Session } from "../session.js";

/**
 * Who sends a step: the run's account, the second account, the run's account SID with a wrong token, or the second
 * account's credentials on the run's account's path.
 */
export type Who = "main" | "second" | "wrong-token" | "second-on-main-path";

/** One request of a sequence as it was sent. */
export interface StepLog {
  operation: GeneratedOperation;
  method: string;
  /** Path and query as sent, with the account SID of `who` in the path. */
  target: string;
  body?: string;
  who: Who;
}

export interface SequenceContext {
  session: Session;
  main: Credentials;
  second?: Credentials;
}

export interface StepRequest {
  sid?: string;
  body?: FormEntries;
  /** Query entries, or the query text of a next_page_uri as it came. */
  query?: FormEntries | string;
}

/** A sequence's log of steps and the outcomes of its own checks. */
export class Sequence {
  readonly log: StepLog[] = [];
  readonly outcomes: CheckOutcome[] = [];
  /** For each outcome, how many steps had been sent when it was judged: the steps that show it. */
  readonly judgedAt: number[] = [];

  constructor(private readonly context: SequenceContext) {}

  get second(): Credentials | undefined {
    return this.context.second;
  }

  get main(): Credentials {
    return this.context.main;
  }

  /** Sends one step; undefined when it got no response (the session has already reported that). */
  async run(who: Who, operation: GeneratedOperation, name: string, request: StepRequest = {}) {
    const { main, second } = this.context;
    const credentials = {
      main,
      second,
      "wrong-token": { accountSid: main.accountSid, authToken: WRONG_TOKEN },
      "second-on-main-path": second,
    }[who];
    const path = {
      ...(who === "second-on-main-path" ? { AccountSid: main.accountSid } : {}),
      ...(request.sid ? { Sid: request.sid } : {}),
    };
    const query =
      typeof request.query === "string" ? request.query : new URLSearchParams(request.query ?? []).toString();
    const body = request.body ? new URLSearchParams(request.body).toString() : undefined;
    const testCase: RequestCase = {
      name,
      operation,
      expect: "accept",
      phase: "stateful",
      ...(Object.keys(path).length > 0 ? { path } : {}),
      wire: { ...(query ? { query } : {}), ...(body !== undefined ? { body } : {}) },
    };
    const sent = await this.context.session.send({ testCase, authenticated: true }, credentials);
    const method = operations[operation].method;
    const target = sent.exchange?.target ?? "";
    this.log.push({ operation, method, target, ...(body !== undefined ? { body } : {}), who });
    return sent.exchange;
  }

  /** Records the outcome of one of the sequence's checks, about the last step sent. */
  judge(check: CheckName, subject: string, passed: boolean, expected: string, actual: string, details: string[] = []) {
    const last = this.log.at(-1);
    const outcome: CheckOutcome = {
      check,
      severity: "error",
      operation: last?.operation ?? "createCall",
      subject,
      request: last ? `${last.method} ${last.target}` : "",
      passed,
      expected,
      actual,
      details,
    };
    this.outcomes.push(outcome);
    this.judgedAt.push(this.log.length);
    this.context.session.record(outcome);
  }
}

/** A response in words for a sequence check: its status and, for an error, Twilio's code. */
export function described(exchange: Exchange | undefined): string {
  if (!exchange) return "no response";
  const body = exchange.body as { code?: unknown } | undefined;
  return body && typeof body === "object" && "code" in body
    ? `${exchange.status} (code ${String(body.code)})`
    : String(exchange.status);
}

/** A Call's fields from a response body, when it holds one. */
export function callOf(exchange: Exchange | undefined): Record<string, unknown> | undefined {
  const body = exchange?.body;
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** The Calls of a list page's body. */
export function pageCalls(exchange: Exchange | undefined): Array<Record<string, unknown>> {
  const calls = callOf(exchange)?.calls;
  return Array.isArray(calls)
    ? calls.filter((c): c is Record<string, unknown> => typeof c === "object" && c !== null)
    : [];
}
