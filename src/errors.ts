import type { TwilioErrorBody } from "./types.js";

export type CallsErrorKind = "api" | "rate-limited" | "validation" | "network" | "timeout";

/** Every error this package throws. `kind` says what failed; the Twilio fields are set when Twilio answered. */
export class CallsError extends Error {
  override name = "CallsError";
  readonly kind: CallsErrorKind;
  constructor(kind: CallsErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

/** Twilio (or a server standing in for it) answered with an HTTP error. */
export class TwilioApiError extends CallsError {
  override name = "TwilioApiError";
  /** Twilio's error code, such as 21201; undefined when the body was not Twilio-shaped. */
  readonly code: number | undefined;
  /** The page that explains the code. */
  readonly moreInfo: string | undefined;
  /** The HTTP status of the response. */
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: Partial<TwilioErrorBody> | undefined, fallbackMessage: string) {
    const message = typeof body?.message === "string" && body.message !== "" ? body.message : fallbackMessage;
    super(status === 429 ? "rate-limited" : "api", message);
    this.status = status;
    this.code = typeof body?.code === "number" ? body.code : undefined;
    this.moreInfo = typeof body?.more_info === "string" ? body.more_info : undefined;
    this.details = body?.details;
  }
}
