// The errors the package throws: one class with a `kind`, and its subclass for HTTP errors, whose operation, status and
// code the declared errors of the spec narrow (declared-errors.ts).
import type { OperationId } from "../../generated/manifest.js";
import type { Violation } from "../validation/index.js";
import type { TwilioErrorBody } from "./types.js";

/**
 * - api: Twilio responded with an HTTP error; rate-limited: it responded with 429 (after any retries)
 * - validation: the request breaks the spec and was not sent
 * - network: no usable response (connection refused or dropped); timeout: no response in time
 * - aborted: the caller's AbortSignal fired; cancelled: a call queue was cancelled before sending it
 */
export type CallsErrorKind = "api" | "rate-limited" | "validation" | "network" | "timeout" | "aborted" | "cancelled";

export interface CallsErrorDetails {
  cause?: unknown;
  status?: number;
  code?: number;
  moreInfo?: string;
  details?: Record<string, unknown>;
  violations?: Violation[];
  mayHaveBeenPlaced?: boolean;
  attempts?: number;
}

/** Every error this package throws. `kind` says what failed; the Twilio fields are set when Twilio responded. */
export class CallsError extends Error {
  override name = "CallsError";
  readonly kind: CallsErrorKind;
  /** HTTP status, when a server responded. */
  readonly status: number | undefined;
  /** Twilio's error code, such as 21201; undefined when the body was not Twilio-shaped. */
  readonly code: number | undefined;
  /** The page that explains the code. */
  readonly moreInfo: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  /** For kind validation: every rule the request breaks. */
  readonly violations: Violation[];
  /**
   * For a createCall that failed without a usable response, or with a 5xx other than 503: true when the request may
   * have reached Twilio and been processed, so the call may exist. The client never retries such a create; look the call up instead: listCalls by To, then its
   * date_created, since a queued call has no start_time (docs/faults.md has the recipe).
   */
  readonly mayHaveBeenPlaced: boolean | undefined;
  /** How many times the request was sent. */
  readonly attempts: number;

  constructor(kind: CallsErrorKind, message: string, details: CallsErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.moreInfo = details.moreInfo;
    this.details = details.details;
    this.violations = details.violations ?? [];
    this.mayHaveBeenPlaced = details.mayHaveBeenPlaced;
    this.attempts = details.attempts ?? 0;
  }
}

/**
 * Whether a create that got this status may still have placed its call. Twilio's 20500 page: a 500 means an error or
 * a timeout while processing, and retrying a create after one may call the customer twice; a gateway's 502 or 504
 * says no more. 503 and 429 are refusals to try again later (the 20503 page, and 20429's "never processed"), which
 * the client retries.
 */
function mayHavePlacedOnStatus(status: number): boolean {
  return status >= 500 && status !== 503;
}

/**
 * Twilio (or a server standing in for it) responded with an HTTP error. `isTwilioError(error, operation)` narrows it to
 * the statuses and codes the spec declares for the operation.
 */
export class TwilioApiError extends CallsError {
  override name = "TwilioApiError";
  declare readonly status: number;
  /** The operation that got the response, when the client sent it. */
  readonly operation: OperationId | undefined;

  constructor(
    status: number,
    body: Partial<TwilioErrorBody> | undefined,
    fallbackMessage: string,
    attempts = 1,
    operation?: OperationId,
  ) {
    const message = typeof body?.message === "string" && body.message !== "" ? body.message : fallbackMessage;
    super(status === 429 ? "rate-limited" : "api", message, {
      status,
      code: typeof body?.code === "number" ? body.code : undefined,
      moreInfo: typeof body?.more_info === "string" ? body.more_info : undefined,
      details: body?.details,
      attempts,
      ...(operation === "createCall" && mayHavePlacedOnStatus(status) ? { mayHaveBeenPlaced: true } : {}),
    });
    this.operation = operation;
  }
}
