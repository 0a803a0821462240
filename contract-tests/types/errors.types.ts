// Compile-time contract of the typed errors, checked by `tsc --noEmit` in the test command: each operation's declared
// statuses narrow with `switch (error.status)` and its Twilio codes on `error.code`; an undeclared status or code,
// and a missing case of an exhaustive switch, fail to compile (every @ts-expect-error line must fail, or tsc reports
// the directive as unused). The codes come from generated/twilio-errors.d.ts (scripts/error-types.ts).
import {
  createCallsClient,
  isTwilioError,
  type OperationError,
  TwilioApiError,
  type TwilioErrorCode,
} from "../../src/index.js";

const unreachable = (never: never): string => String(never);
const ACCOUNT = { AccountSid: "AC0123456789abcdef0123456789abcdef" };
const CALL = { ...ACCOUNT, Sid: "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b" };

// Every declared status of each of the five Calls operations, each narrowed to its codes.

export function createCallError(error: OperationError<"createCall">): string {
  switch (error.status) {
    case 400:
      switch (error.code) {
        case 20001: // a broken field with no code of its own
        case 21201: // To missing
        case 21205: // Url invalid, or none of Url, Twiml, ApplicationSid
        case 21206: // SendDigits invalid
        case 21208: // Timeout invalid
        case 21209: // Method invalid
        case 21211: // To invalid
        case 21212: // From invalid (also the test number From +15005550001)
        case 21213: // From missing
        case 21214: // test number To +15005550002
        case 21215: // test number To +15005550003
        case 21216: // test number To +15005550004
        case 21217: // test number To +15005550001
        case 21218: // ApplicationSid invalid
          return "fix the request";
        // @ts-expect-error 21220 is updateCall's (the call has ended), never createCall's
        case 21220:
          return "";
        default:
          return unreachable(error);
      }
    case 401: {
      const code: 20003 = error.code;
      return String(code);
    }
    case 404: {
      const code: 20404 = error.code;
      return String(code);
    }
    case 429: {
      const code: 20429 = error.code;
      return String(code);
    }
    // @ts-expect-error createCall declares no 500: an undeclared status is not a case
    case 500:
      return "";
    default:
      return unreachable(error);
  }
}

export function listCallsError(error: OperationError<"listCalls">): string {
  switch (error.status) {
    case 400:
      switch (error.code) {
        case 20001:
        case 20007: // PageSize out of range
        case 21211: // To filter invalid
        case 21212: // From filter invalid
          return "fix the filter";
        default:
          return unreachable(error);
      }
    case 401:
    case 404:
    case 429:
      return error.message;
    // @ts-expect-error listCalls declares no 403
    case 403:
      return "";
    default:
      return unreachable(error);
  }
}

export function fetchCallError(error: OperationError<"fetchCall">): string {
  switch (error.status) {
    case 400: {
      const code: 20001 | 20404 = error.code;
      // @ts-expect-error fetchCall's 400 has no code 21201
      if (error.code === 21201) return "";
      return String(code);
    }
    case 401:
      return "check the credentials";
    case 404:
      return `no such call (${error.code})`;
    case 429:
      return "slow down";
    // @ts-expect-error fetchCall declares no 410 (the retired SMS/Messages create does)
    case 410:
      return "";
    default:
      return unreachable(error);
  }
}

export function updateCallError(error: OperationError<"updateCall">): string {
  switch (error.status) {
    case 400:
      switch (error.code) {
        case 20001: // e.g. Status "cancelled"
        case 21205: // Url invalid
          return "fix the request";
        case 21220: // the call has ended
          return "too late";
        default:
          return unreachable(error);
      }
    case 401:
    case 404:
    case 429:
      return String(error.code);
    // @ts-expect-error updateCall declares no 409
    case 409:
      return "";
    default:
      return unreachable(error);
  }
}

export function deleteCallError(error: OperationError<"deleteCall">): string {
  switch (error.status) {
    case 400:
      switch (error.code) {
        case 20001:
        case 20404: // a malformed Sid
          return "fix the Sid";
        case 20009: // the call is still live
          return "end it first";
        default:
          return unreachable(error);
      }
    case 401:
    case 404:
    case 429:
      return String(error.code);
    // @ts-expect-error deleteCall declares no 500
    case 500:
      return "";
    default:
      return unreachable(error);
  }
}

// A missing case of an exhaustive switch fails to compile, per status and per code.

export function missingStatus(error: OperationError<"createCall">): string {
  switch (error.status) {
    case 400:
    case 401:
    case 404:
      return "";
    default:
      // @ts-expect-error 429 is not handled, so the error is not `never` here
      return unreachable(error);
  }
}

export function missingCode(error: OperationError<"deleteCall">): string {
  if (error.status !== 400) return "";
  switch (error.code) {
    case 20001:
    case 20404:
      return "";
    default:
      // @ts-expect-error 20009 (the call is still live) is not handled
      return unreachable(error);
  }
}

export function missingStatusOfList(error: OperationError<"listCalls">): string {
  switch (error.status) {
    case 400:
    case 404:
    case 429:
      return "";
    default:
      // @ts-expect-error 401 is not handled
      return unreachable(error);
  }
}

// The guard by code, for every code declared: each narrows the status to the ones that carry it.

export function byCode(error: unknown): void {
  if (isTwilioError(error, 20001)) void (error.status satisfies 400);
  if (isTwilioError(error, 20003)) void (error.status satisfies 401);
  if (isTwilioError(error, 20007)) void ([error.status, error.operation] satisfies [400, "listCalls"]);
  if (isTwilioError(error, 20009)) void ([error.status, error.operation] satisfies [400, "deleteCall"]);
  if (isTwilioError(error, 20404)) void (error.status satisfies 400 | 404 | 410);
  if (isTwilioError(error, 20429)) void (error.status satisfies 429);
  if (isTwilioError(error, 21201)) void ([error.status, error.operation] satisfies [400, "createCall"]);
  if (isTwilioError(error, 21205)) void ([error.status, error.operation] satisfies [400, "createCall" | "updateCall"]);
  if (isTwilioError(error, 21206)) void ([error.status, error.operation] satisfies [400, "createCall"]);
  if (isTwilioError(error, 21208)) void ([error.status, error.operation] satisfies [400, "createCall"]);
  if (isTwilioError(error, 21209)) void ([error.status, error.operation] satisfies [400, "createCall"]);
  if (isTwilioError(error, 21211)) void (error.operation satisfies "createCall" | "listCalls" | "createSmsMessage");
  if (isTwilioError(error, 21212)) void (error.operation satisfies "createCall" | "listCalls");
  if (isTwilioError(error, 21213)) void (error.operation satisfies "createCall");
  if (isTwilioError(error, 21214)) void (error.operation satisfies "createCall");
  if (isTwilioError(error, 21215)) void (error.operation satisfies "createCall");
  if (isTwilioError(error, 21216)) void (error.operation satisfies "createCall");
  if (isTwilioError(error, 21217))
    void ([error.status, error.code, error.operation] satisfies [400, 21217, "createCall"]);
  if (isTwilioError(error, 21218)) void (error.operation satisfies "createCall");
  if (isTwilioError(error, 21220)) void ([error.status, error.operation] satisfies [400, "updateCall"]);
  if (isTwilioError(error, 21602)) void (error.operation satisfies "createSmsMessage");
  if (isTwilioError(error, 21603)) void (error.operation satisfies "createSmsMessage");
  if (isTwilioError(error, 21604)) void (error.operation satisfies "createSmsMessage");
  if (isTwilioError(error, 21605)) void (error.operation satisfies "createSmsMessage");
  if (isTwilioError(error, 21606)) void (error.operation satisfies "createSmsMessage");

  // @ts-expect-error 20500 (the mock's own failure) is no code an operation declares
  isTwilioError(error, 20500);
  // @ts-expect-error 30001 is a Messaging code, not the Calls API's
  isTwilioError(error, 30001);
  // @ts-expect-error 21207 (IfMachine) is the 2008 create's, whose errors are XML: no JSON operation declares it
  isTwilioError(error, 21207);
  // @ts-expect-error createLegacyCall's errors are XML: the client never throws them
  isTwilioError(error, "createLegacyCall");
  // @ts-expect-error a status is not a code
  const notACode: TwilioErrorCode = 400;
  void notACode;
}

// The guard by operation, and today's class: instanceof and its fields still work.

export function byOperation(error: unknown): string {
  if (isTwilioError(error, "updateCall") && error.status === 400 && error.code === 21220) return "the call has ended";
  if (isTwilioError(error, "createSmsMessage") && error.status === 410) return "SMS/Messages is gone";
  if (isTwilioError(error)) {
    const status: number = error.status;
    const code: number | undefined = error.code;
    return `${status} ${code}`;
  }
  if (error instanceof TwilioApiError) {
    const fields: [number, number | undefined, string | undefined, number] = [
      error.status,
      error.code,
      error.moreInfo,
      error.attempts,
    ];
    return fields.join(" ");
  }
  return "";
}

// `calls.raw`: openapi-fetch's `error` is the declared error body of the response's status.

export async function rawErrors(): Promise<string> {
  const calls = createCallsClient({ ...ACCOUNT, accountSid: ACCOUNT.AccountSid, authToken: "token" });
  const created = await calls.raw.POST("/2010-04-01/Accounts/{AccountSid}/Calls.json", {
    params: { path: ACCOUNT },
    body: { To: "+15005550001", From: "+12125551234", Url: "https://example.com/twiml" },
  });
  if (created.error) {
    switch (created.error.status) {
      case 400:
        if (created.error.code === 21217) return created.error.message;
        return created.error.more_info;
      case 401:
      case 404:
      case 429:
        return String(created.error.code);
      // @ts-expect-error createCall declares no 500
      case 500:
        return "";
      default:
        return unreachable(created.error);
    }
  }
  const removed = await calls.raw.DELETE("/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", {
    params: { path: CALL },
  });
  // @ts-expect-error deleteCall's 400 has no code 21220
  if (removed.error?.status === 400 && removed.error.code === 21220) return "";
  return removed.error?.status === 400 && removed.error.code === 20009 ? "end the call first" : "";
}
