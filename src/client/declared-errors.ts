// The errors the spec declares, as types a user can narrow: per operation, a union over its declared statuses, each
// with the Twilio codes documented for it (generated/twilio-errors.d.ts, from the spec's responses and the mock's
// codes; scripts/error-types.ts). `isTwilioError` checks a thrown error against the same table at run time, so the
// narrowing holds: an error whose status or code the operation does not declare is never narrowed to it.
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/calls.js";
import { type DeclaredErrorPaths, type DeclaredErrors, declaredErrors } from "../../generated/twilio-errors.js";
import { TwilioApiError } from "./errors.js";
import type { TwilioErrorBody } from "./types.js";

/** The operations whose errors are declared: the five Calls operations and the retired SMS/Messages create. */
export type ErrorOperation = keyof DeclaredErrors;

type StatusOf<Op extends ErrorOperation> = keyof DeclaredErrors[Op] & number;
type CodeOf<Op extends ErrorOperation, Status> = DeclaredErrors[Op][Status & keyof DeclaredErrors[Op]];

/**
 * The errors an operation declares, one member per status: switch on `error.status`, then on `error.code`.
 * `OperationError<"createCall">` is `{ status: 400; code: 20001 | 21201 | ... } | { status: 401; code: 20003 } | ...`,
 * each member a TwilioApiError.
 */
export type OperationError<Op extends ErrorOperation> = {
  [Status in StatusOf<Op>]: TwilioApiError & {
    readonly operation: Op;
    readonly status: Status;
    readonly code: CodeOf<Op, Status>;
  };
}[StatusOf<Op>];

/** Every Twilio code the client's operations declare. */
export type TwilioErrorCode = { [Op in ErrorOperation]: CodeOf<Op, StatusOf<Op>> }[ErrorOperation];

/** The declared errors that carry `Code`, with `code` narrowed to it. */
export type TwilioErrorWithCode<Code extends TwilioErrorCode> = {
  [Op in ErrorOperation]: OperationError<Op> extends infer E
    ? E extends { readonly code: infer Codes }
      ? Code extends Codes
        ? E & { readonly code: Code }
        : never
      : never
    : never;
}[ErrorOperation];

/** Whether the error is one the operation that got it declares: its status, and its code among the documented. */
function declared(error: TwilioApiError): boolean {
  const operation = error.operation;
  if (operation === undefined || !Object.hasOwn(declaredErrors, operation)) return false;
  const statuses = declaredErrors[operation as ErrorOperation] as Record<number, readonly number[]>;
  if (!Object.hasOwn(statuses, error.status)) return false;
  const codes = statuses[error.status] as readonly number[];
  return codes.length === 0 || (error.code !== undefined && codes.includes(error.code));
}

/** Whether `error` is a TwilioApiError (an HTTP error the server responded with). */
export function isTwilioError(error: unknown): error is TwilioApiError;
/** Whether `error` is an error `operation` declares: narrow it with `switch (error.status)` and on `error.code`. */
export function isTwilioError<Op extends ErrorOperation>(error: unknown, operation: Op): error is OperationError<Op>;
/** Whether `error` is a declared error with Twilio's code `code` (`isTwilioError(error, 21217)`). */
export function isTwilioError<Code extends TwilioErrorCode>(
  error: unknown,
  code: Code,
): error is TwilioErrorWithCode<Code>;
export function isTwilioError(error: unknown, which?: ErrorOperation | TwilioErrorCode): boolean {
  if (!(error instanceof TwilioApiError)) return false;
  if (which === undefined) return true;
  const matches = typeof which === "number" ? error.code === which : error.operation === which;
  return matches && declared(error);
}

/** The body of one declared error response: Twilio's error body with its status and code narrowed. */
type DeclaredErrorBody<Op extends ErrorOperation, Status> = Omit<TwilioErrorBody, "status" | "code"> & {
  status: Status;
  code: CodeOf<Op, Status>;
};

type WithDeclaredErrors<Operation, Op extends ErrorOperation> = Operation extends { responses: infer Responses }
  ? Omit<Operation, "responses"> & {
      responses: {
        [Status in keyof Responses]: Status extends StatusOf<Op>
          ? Omit<Responses[Status], "content"> & { content: { "application/json": DeclaredErrorBody<Op, Status> } }
          : Responses[Status];
      };
    }
  : Operation;

/** The generated `paths`, with each declared error response's body narrowed: what `calls.raw` is typed with. */
export type DeclaredErrorsPaths = {
  [Path in keyof paths]: Path extends keyof DeclaredErrorPaths
    ? {
        [Method in keyof paths[Path]]: Method extends keyof DeclaredErrorPaths[Path]
          ? WithDeclaredErrors<paths[Path][Method], DeclaredErrorPaths[Path][Method] & ErrorOperation>
          : paths[Path][Method];
      }
    : paths[Path];
};

/** The openapi-fetch client behind `calls.raw`: its `error` is the declared error body of the response's status. */
export type RawCallsClient = Client<DeclaredErrorsPaths>;
