// Generated from openapi/mock-admin.yaml by `npm run generate`. Do not edit by hand.
export interface paths {
    "/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the mock's clock */
        get: operations["getClock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a manual clock forward
         * @description Runs every transition that falls due, in time order, and the status callbacks they fire.
         */
        post: operations["advanceClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forget every call, or one account's */
        post: operations["reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything the inspector shows, a page of calls at a time
         * @description The calls of all accounts, newest first, a page at a time (100 calls when `pageSize` is left out), grouped
         *     by account; `nextPage` is the path of the next page, or null on the last one. A page holds each call once
         *     however calls come and go between pages.
         */
        get: operations["getState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/journal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The requests the mock answered, newest first */
        get: operations["getJournal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow the mock as it changes
         * @description A server-sent event stream: `hello` with the clock first, then `call` for every transition of a call,
         *     `request` for every request the mock responded to, `callback` for every status callback once its receiver
         *     responded, and `clock` for every move of the clock; each event's data is JSON. It takes at most 32 watchers
         *     at once (a 503 past that, until one leaves). A watcher that leaves more than 1 MiB unread is let go: its
         *     stream ends with a `dropped` event whose `error` says so, and is closed 5 s later if still unread.
         */
        get: operations["getEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/calls/{Sid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["schemas"]["AccountSid"];
                Sid: string;
            };
            cookie?: never;
        };
        /** One call with its transitions and callbacks */
        get: operations["getTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/calls/{Sid}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["schemas"]["AccountSid"];
                Sid: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Decide how a queued call ends */
        put: operations["setCallOutcome"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/outcomes/{To}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["schemas"]["AccountSid"];
                /** @description The called address, percent-encoded (`%2B13105555555`). */
                To: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Decide how calls to a number end, from now on */
        put: operations["setOutcomeForTo"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description AC and 32 hexadecimal digits. */
        AccountSid: string;
        Clock: {
            /** @enum {string} */
            mode: "real" | "accelerated" | "manual";
            /** @description Mock milliseconds per real millisecond (0 for a manual clock). */
            scale: number;
            /** @description Mock time in RFC 2822, as Twilio writes dates. */
            now: string;
            /** @description Mock time in milliseconds since the epoch. */
            nowMs: number;
        };
        /**
         * @description How the call ends.
         * @enum {string}
         */
        Outcome: "completed" | "busy" | "no-answer" | "failed";
        /**
         * @description What answering machine detection reports, when the create asked for it: the AnsweredBy values of
         *     openapi/calls.yaml, which the mock's type check holds this list to.
         * @enum {string}
         */
        AnsweredBy: "human" | "machine_start" | "machine_end_beep" | "machine_end_silence" | "machine_end_other" | "fax" | "unknown";
        /** @description How a call ends, decided without code. */
        Scenario: {
            outcome: components["schemas"]["Outcome"];
            /** @description How long the phone rings before it is answered (or before busy); no-answer rings until Timeout. */
            ringSeconds: number;
            /** @description How long an answered call lasts before the callee hangs up. */
            talkSeconds: number;
            answeredBy: components["schemas"]["AnsweredBy"];
        };
        /** @description Any of a scenario's fields; the others stay as they were. */
        OutcomeChange: {
            outcome?: components["schemas"]["Scenario"]["outcome"];
            ringSeconds?: components["schemas"]["Scenario"]["ringSeconds"];
            talkSeconds?: components["schemas"]["Scenario"]["talkSeconds"];
            answeredBy?: components["schemas"]["Scenario"]["answeredBy"];
        };
        Transition: {
            at: string;
            atMs: number;
            from: string | null;
            to: string;
            /** @description The progress events the transition fired, with the CallStatus each callback carries. */
            events: {
                /** @enum {string} */
                name: "initiated" | "ringing" | "answered" | "completed";
                callStatus: string;
            }[];
            note?: string;
        };
        Callback: {
            event: string;
            callStatus: string;
            sequence: number;
            /** @description Mock time of the transition that fired it, in milliseconds. */
            at: number;
            /** @description The callback URL without user information, and with the value of each query parameter redacted. */
            url: string;
            /** @description What the receiver answered, once it has. */
            status?: number;
            /** @description Why there was no answer (ECONNREFUSED, ETIMEDOUT, ...). */
            error?: string;
        };
        Timeline: {
            /** @description The call as the Calls API shows it (the Call schema of openapi/calls.yaml). */
            call: Record<string, never>;
            scenario: components["schemas"]["Scenario"];
            transitions: components["schemas"]["Transition"][];
            callbacks: components["schemas"]["Callback"][];
        };
        JournalEntry: {
            id: number;
            at: number;
            method: string;
            /**
             * @description The request target as sent, with the value of each secret-named query parameter (and the password and
             *     query values of a URL in the query) replaced by [redacted].
             */
            target: string;
            operationId?: string;
            accountSid?: string;
            status: number;
            violations: Record<string, never>[];
            warnings: Record<string, never>[];
        };
        Journal: {
            requests: components["schemas"]["JournalEntry"][];
        };
        OutcomeForTo: {
            to: string;
            scenario: components["schemas"]["Scenario"];
        };
        State: {
            clock: components["schemas"]["Clock"];
            /** @description The mock's own numbers and what calling each does. */
            scenarioNumbers: {
                [key: string]: string;
            };
            /** @description The accounts of this page's calls, in the order of their newest call on it. */
            accounts: {
                accountSid: string;
                calls: Record<string, never>[];
            }[];
            requests: components["schemas"]["JournalEntry"][];
            /** @description The path of the next page of calls (older ones), or null when this page is the last. */
            nextPage: string | null;
        };
        AdminError: {
            /** @description What was wrong, naming the field and the rule. */
            error: string;
        };
    };
    responses: {
        /** @description A field breaks a rule; `error` names it. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminError"];
            };
        };
        /** @description No such call on the account. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminError"];
            };
        };
        /** @description The request does not fit the mock's state (a clock that is not manual, a call already ringing). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminError"];
            };
        };
        /**
         * @description The request came from where the admin API does not serve: a Host that is not the mock's own address or
         *     localhost on its port (a page on another name that resolves to loopback), or a page of another origin (an
         *     Origin header, `null` included, or a browser's `Sec-Fetch-Site` other than a link followed).
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminError"];
            };
        };
        /** @description The body was not sent as application/json (a page of another origin can send text/plain unasked). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminError"];
            };
        };
        /** @description The event stream already has as many watchers as it takes; one must leave first. */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminError"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Clock"];
                };
            };
            403: components["responses"]["Forbidden"];
        };
    };
    advanceClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How far to move, in milliseconds (up to a year). */
                    ms: number;
                };
            };
        };
        responses: {
            /** @description The clock after the move. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Clock"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    accountSid?: components["schemas"]["AccountSid"];
                };
            };
        };
        responses: {
            /** @description Forgotten. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    getState: {
        parameters: {
            query?: {
                /** @description How many calls the page holds at most; 100 when left out. */
                pageSize?: string;
                /** @description Where the page starts, as the previous page's `nextPage` gives it; the newest call when left out. */
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clock, a page of calls with their transitions and callbacks (grouped by account), the latest requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["State"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
        };
    };
    getJournal: {
        parameters: {
            query?: {
                accountSid?: components["schemas"]["AccountSid"];
                /** @description `only` keeps the requests that broke a rule; `none` those that did not. */
                violations?: "only" | "none";
                /** @description `only` keeps the requests that drew a warning. */
                warnings?: "only";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The journal. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Journal"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
        };
    };
    getEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream, open until the watcher goes away. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTimeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["schemas"]["AccountSid"];
                Sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The call's timeline. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    setCallOutcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["schemas"]["AccountSid"];
                Sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OutcomeChange"];
            };
        };
        responses: {
            /** @description The call's timeline, with its new scenario. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    setOutcomeForTo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["schemas"]["AccountSid"];
                /** @description The called address, percent-encoded (`%2B13105555555`). */
                To: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OutcomeChange"];
            };
        };
        responses: {
            /** @description The scenario that calls to this number now follow. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutcomeForTo"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
}
