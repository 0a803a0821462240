// Generated from openapi/calls.yaml and src/mock/errors.ts by `npm run generate`. Do not edit by hand.
/**
 * Each operation's declared error responses whose body is Twilio's JSON error, by status, with the Twilio codes
 * documented for each status. Beside each code, where it is documented: an example of the response, a field's
 * `x-twilio-error-codes` (the field, then missing, invalid or the rule), or the mock (src/mock/errors.ts).
 */
export interface DeclaredErrors {
  /** List the calls on the account */
  listCalls: {
    /**
     * - 20001: a broken field without a code of its own (the mock)
     * - 20007: example "badPageSize"
     * - 21211: To: invalid
     * - 21212: From: invalid
     */
    400: 20001 | 20007 | 21211 | 21212;
    /**
     * - 20003: example "authenticate"
     */
    401: 20003;
    /**
     * - 20404: example "notFound"
     */
    404: 20404;
    /**
     * - 20429: example "tooMany"
     */
    429: 20429;
  };
  /** Place an outbound call */
  createCall: {
    /**
     * - 20001: a broken field without a code of its own (the mock)
     * - 21201: example "missingTo"; To: missing
     * - 21205: Url: invalid; Url|Twiml|ApplicationSid: anyOf
     * - 21206: SendDigits: invalid
     * - 21208: Timeout: invalid
     * - 21209: Method: invalid
     * - 21211: To: invalid
     * - 21212: From: invalid; From +15005550001 (a test number of the mock)
     * - 21213: From: missing
     * - 21214: To +15005550002 (a test number of the mock)
     * - 21215: To +15005550003 (a test number of the mock)
     * - 21216: To +15005550004 (a test number of the mock)
     * - 21217: To +15005550001 (a test number of the mock)
     * - 21218: ApplicationSid: invalid
     */
    400: 20001 | 21201 | 21205 | 21206 | 21208 | 21209 | 21211 | 21212 | 21213 | 21214 | 21215 | 21216 | 21217 | 21218;
    /**
     * - 20003: example "authenticate"
     */
    401: 20003;
    /**
     * - 20404: example "notFound"
     */
    404: 20404;
    /**
     * - 20429: example "tooMany"
     */
    429: 20429;
  };
  /** Read one call */
  fetchCall: {
    /**
     * - 20001: a broken field without a code of its own (the mock)
     * - 20404: example "badSid"
     */
    400: 20001 | 20404;
    /**
     * - 20003: example "authenticate"
     */
    401: 20003;
    /**
     * - 20404: example "notFound"
     */
    404: 20404;
    /**
     * - 20429: example "tooMany"
     */
    429: 20429;
  };
  /** Change a call in progress */
  updateCall: {
    /**
     * - 20001: example "badStatus"; a broken field without a code of its own (the mock)
     * - 21205: Url: invalid
     * - 21220: example "callEnded"
     */
    400: 20001 | 21205 | 21220;
    /**
     * - 20003: example "authenticate"
     */
    401: 20003;
    /**
     * - 20404: example "notFound"
     */
    404: 20404;
    /**
     * - 20429: example "tooMany"
     */
    429: 20429;
  };
  /** Delete the record of a call */
  deleteCall: {
    /**
     * - 20001: a broken field without a code of its own (the mock)
     * - 20009: example "callLive"
     * - 20404: example "badSid"
     */
    400: 20001 | 20009 | 20404;
    /**
     * - 20003: example "authenticate"
     */
    401: 20003;
    /**
     * - 20404: example "notFound"
     */
    404: 20404;
    /**
     * - 20429: example "tooMany"
     */
    429: 20429;
  };
  /** Send a text message through the retired SMS/Messages resource */
  createSmsMessage: {
    /**
     * - 20001: a broken field without a code of its own (the mock)
     * - 21211: To: invalid
     * - 21602: Body: missing; Body: minLength
     * - 21603: From: missing
     * - 21604: To: missing
     * - 21605: example "bodyTooLong"; Body: maxLength
     * - 21606: From: invalid
     */
    400: 20001 | 21211 | 21602 | 21603 | 21604 | 21605 | 21606;
    /**
     * - 20003: example "authenticate"
     */
    401: 20003;
    /**
     * - 20404: example "notFound"
     */
    404: 20404;
    /**
     * - 20404: example "gone"
     */
    410: 20404;
    /**
     * - 20429: example "tooMany"
     */
    429: 20429;
  };
}

/** The same operations by path and method, as the generated `paths` holds them. */
export interface DeclaredErrorPaths {
  "/2010-04-01/Accounts/{AccountSid}/Calls.json": { get: "listCalls"; post: "createCall" };
  "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json": { get: "fetchCall"; post: "updateCall"; delete: "deleteCall" };
  "/2010-04-01/Accounts/{AccountSid}/SMS/Messages.json": { post: "createSmsMessage" };
}

/** DeclaredErrors as data: each status's codes, in ascending order (empty: any code). */
export declare const declaredErrors: {
  readonly [Op in keyof DeclaredErrors]: { readonly [Status in keyof DeclaredErrors[Op]]: readonly number[] };
};
