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
        /**
         * Forget every call, or one account's
         * @description Forgets the calls with their callbacks and conversations, the journal's requests, what the call
         *     simulator was told of the accounts (auth tokens, numbers, TwiML Apps and conference rooms), and the faults
         *     in place (with an accountSid: those whose match names that account).
         */
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
         *     responded, `conversation` for every entry of a call's conversation (with its callSid and accountSid),
         *     `clock` for every move of the clock, and `faults` with the faults in place whenever one is added or deleted;
         *     each event's data is JSON. It takes at most 32 watchers
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
    "/accounts/{AccountSid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Set the account's auth token, which signs its requests and authenticates its Calls API requests
         * @description The call simulator signs every request it sends for this account (requests for TwiML, actions, recording
         *     callbacks) and the status callbacks of its calls with this token; without one, with the password of the
         *     account's last Calls API request. The token is never shown again.
         *
         *     From then on the Calls API authenticates the account as Twilio does: a request to its path with another
         *     token gets 401 with code 20003 (https://www.twilio.com/docs/errors/20003), and one authenticated as another
         *     account SID gets 404 with code 20404 (the account is not the caller's). An API key user (`SK...`) is let in,
         *     since the mock cannot check a key's secret; a parent account's credentials on a subaccount's path, which
         *     Twilio allows, are not modelled. An account never given a token takes any credentials.
         */
        put: operations["setAccount"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/numbers/{PhoneNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The number in E.164, percent-encoded (`%2B13105555555`). */
                PhoneNumber: components["schemas"]["PhoneNumber"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Give the account a number, as Twilio's IncomingPhoneNumber holds it
         * @description A call placed to the number (POST /accounts/{AccountSid}/calls) requests its voiceUrl; a failure there
         *     requests voiceFallbackUrl; its status callbacks go to statusCallback. A text to it (POST
         *     /accounts/{AccountSid}/messages) requests its smsUrl. It needs a voiceUrl or an smsUrl (a 400 names both when
         *     it has neither). Putting the number again replaces it.
         */
        put: operations["setNumber"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/applications/{ApplicationSid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                ApplicationSid: components["schemas"]["ApplicationSid"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Give the account a TwiML App, for creates that name its ApplicationSid
         * @description A createCall with this ApplicationSid runs the app's voiceUrl when the call is answered (Twilio then ignores
         *     the create's Url, Method, FallbackUrl and StatusCallback); its status callbacks go to the app's
         *     statusCallback. Putting the app again replaces it.
         */
        put: operations["setApplication"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call one of the account's numbers, as a caller would
         * @description The call rings at once and the simulator requests the number's voiceUrl (CallStatus ringing, Direction
         *     inbound); its first verb decides whether the call is answered: `<Reject>` leaves it unanswered, a first
         *     `<Pause>` waits before answering, anything else answers it. A voiceUrl off this machine is not requested: the
         *     call is answered at once and ends after its scenario's talk time. A number with no voiceUrl (one that only
         *     takes texts) is refused with 409.
         */
        post: operations["placeInboundCall"];
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
    "/accounts/{AccountSid}/calls/{Sid}/digits": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["parameters"]["CallSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The caller presses keys
         * @description Heard by the running `<Gather>` (or `<Record>`, whose finishOnKey ends it; a `*` ends a `<Dial>` with
         *     hangupOnStar), one key after the other; keys no verb listens for are kept for the next `<Gather>`. Responds
         *     once the simulator has done what the keys lead to (an action requested, its document started).
         */
        post: operations["pressDigits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/calls/{Sid}/speech": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["parameters"]["CallSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The caller speaks
         * @description Heard by the running `<Gather>` whose input takes speech (SpeechResult and Confidence to its action), or
         *     recorded by the running `<Record>`; kept for the next `<Gather>` when neither runs.
         */
        post: operations["saySpeech"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/calls/{Sid}/hangup": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["parameters"]["CallSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The far end hangs up
         * @description The caller of an inbound call, the person an API call reached, or the party a `<Dial>` leg reached hangs
         *     up: the call completes (a `<Record>` running sends its action with Digits `hangup`; a `<Dial>` running
         *     ends its legs). The call must be in progress.
         */
        post: operations["hangUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Text one of the account's numbers, as a mobile phone would
         * @description The simulator requests the number's smsUrl with the spec's smsRequest webhook (SmsSid, AccountSid, From, To,
         *     Body), signed with the account's auth token, and runs the messaging TwiML it gets back: each `<Sms>` or
         *     `<Message>` is a reply kept in the text's conversation (kind `message`), and `<Redirect>` requests another
         *     document with the same fields. An smsUrl off this machine is not requested. Responds once the app has
         *     responded and its documents have run.
         */
        post: operations["receiveText"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{AccountSid}/messages/{Sid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["schemas"]["SmsSid"];
            };
            cookie?: never;
        };
        /** A text's timeline, its replies among them */
        get: operations["getText"];
        put?: never;
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
    "/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The faults in place, and the last ones that fired
         * @description Every fault added and not deleted, in the order they were added, each with how often it has fired; and the
         *     last 1000 firings, newest first (docs/faults.md).
         */
        get: operations["listFaults"];
        put?: never;
        /**
         * Make the mock fail the way Twilio fails, for the requests (or callbacks) a fault matches
         * @description Adds one fault. Request faults act on Calls API requests the fault's `match` fits: a latency kind holds the
         *     response until that long after the request arrived (the mock handles the request at once: a create's call is
         *     placed even when the client gives up first), and at most one other kind acts on the request (faults are
         *     tried in the order they were added). Callback faults (duplicate-callback, out-of-order-callback) act on the status callbacks of
         *     calls the match fits. A fault fires with `probability`, drawn from a random source seeded by `seed`, at most
         *     `times` times. Each kind, with what Twilio does and the source, is in docs/faults.md.
         */
        post: operations["addFault"];
        /**
         * Delete every fault
         * @description The mock serves every request as it would with no fault; the record of firings is kept.
         */
        delete: operations["clearFaults"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/faults/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["FaultId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one fault */
        delete: operations["deleteFault"];
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
        /** @description A phone number in E.164, a plus sign and up to 15 digits. */
        PhoneNumber: string;
        /** @description SM and 32 hexadecimal digits. */
        SmsSid: string;
        /** @description AP and 32 hexadecimal digits. */
        ApplicationSid: string;
        /** @description an absolute http(s) URL; the simulator requests it only on this machine. */
        WebhookUrl: string;
        /** @enum {string} */
        HttpMethod: "GET" | "POST";
        /**
         * @description What Twilio's IncomingPhoneNumber holds about voice and texts; methods are POST when left out. A number takes
         *     calls (voiceUrl), texts (smsUrl) or both, so it needs at least one of the two. smsUrl (IncomingPhoneNumber's
         *     SmsUrl) is where a text to the number is sent (POST /accounts/{AccountSid}/messages), as the spec's smsRequest
         *     webhook.
         */
        NumberConfig: {
            voiceUrl?: components["schemas"]["WebhookUrl"];
            voiceMethod?: components["schemas"]["HttpMethod"];
            voiceFallbackUrl?: components["schemas"]["WebhookUrl"];
            statusCallback?: components["schemas"]["WebhookUrl"];
            statusCallbackMethod?: components["schemas"]["HttpMethod"];
            smsUrl?: components["schemas"]["WebhookUrl"];
            smsMethod?: components["schemas"]["HttpMethod"];
        } & ({
            voiceUrl: components["schemas"]["WebhookUrl"];
        } | {
            smsUrl: components["schemas"]["WebhookUrl"];
        });
        Number: {
            phoneNumber: string;
            /** @description Shown only when the number has one; without user information, and with each query value redacted. */
            voiceUrl?: string;
            /** @description Shown only when the number has a voiceUrl. */
            voiceMethod?: string;
            voiceFallbackUrl: string | null;
            statusCallback: string | null;
            statusCallbackMethod: string;
            /** @description Shown only when the number has one; without user information, and with each query value redacted. */
            smsUrl?: string;
            /** @description Shown only when the number has an smsUrl. */
            smsMethod?: string;
        };
        /** @description What a TwiML App holds about voice; voiceMethod is POST when left out. */
        ApplicationConfig: {
            voiceUrl: components["schemas"]["WebhookUrl"];
            voiceMethod?: components["schemas"]["HttpMethod"];
            voiceFallbackUrl?: components["schemas"]["WebhookUrl"];
            statusCallback?: components["schemas"]["WebhookUrl"];
        };
        Application: {
            applicationSid: string;
            /** @description Without user information, and with each query value redacted. */
            voiceUrl: string;
            voiceMethod: string;
            voiceFallbackUrl: string | null;
            statusCallback: string | null;
        };
        /** @description One finding of validateTwiml on a document the app returned. */
        Finding: {
            /** @enum {string} */
            severity: "error" | "warning";
            rule: string;
            message: string;
            line: number;
            column: number;
            path: string;
        };
        /**
         * @description One step of a simulated call, placed on the side that took it so that a page can draw the call as a
         *     conversation: `app` (what the app responded and the documents it gave), `mock` (what the simulator sent,
         *     ran and decided) and `caller` (what the person on the line did). `text` says it in one sentence; the other
         *     fields give its parts.
         */
        ConversationEntry: {
            /** @description Mock time, in RFC 2822. */
            at: string;
            atMs: number;
            /** @enum {string} */
            side: "app" | "mock" | "caller";
            /**
             * @description `request` (sent to the app), `response` (the app's), `document` (inline TwiML read, with its findings),
             *     `answer` (the call was answered), `verb` (a verb run), `input` (keys, speech or a hang-up), `leg` (a
             *     call a `<Dial>` placed),
             *     `conference`, `recording`, `error` (a Twilio error code), `not-simulated` (a verb the simulator does not
             *     run, which ends the call), `end` (the call ended), `limit` (a bound of the simulator reached) and
             *     `message` (a reply an app's `<Sms>` or `<Message>` sent to a text).
             * @enum {string}
             */
            kind: "request" | "response" | "document" | "answer" | "verb" | "input" | "leg" | "conference" | "recording" | "error" | "not-simulated" | "end" | "limit" | "message";
            text: string;
            /** @description The verb's tag, for a verb, a document's first verbs aside. */
            verb?: string;
            /** @description Where the verb stands in its document, as validateTwiml names places. */
            path?: string;
            /**
             * @description What a request was for.
             * @enum {string}
             */
            purpose?: "voice-url" | "fallback" | "action" | "redirect" | "update" | "recording-status" | "sms-url";
            method?: string;
            /** @description The URL without user information, and with each query value redacted. */
            url?: string;
            /** @description The HTTP status the app responded with. */
            status?: number;
            /** @description A Twilio error code (11200, 12100, ...). */
            code?: number;
            /** @description How long the verb takes on the mock's clock. */
            durationMs?: number;
            digits?: string;
            /** @description A reply's text. */
            body?: string;
            /** @description Where a reply goes. */
            to?: string;
            speech?: string;
            confidence?: number;
            /** @description Another call the entry is about (a leg, a participant). */
            callSid?: string;
            /** @description The conference room's name. */
            conference?: string;
            /** @description The calls in the room after this entry. */
            participants?: string[];
            /** @description The verbs of a document, in order. */
            verbs?: string[];
            /** @description validateTwiml's findings on a document, the first 20 of them. */
            findings?: components["schemas"]["Finding"][];
            /** @description How many findings past the first 20 are not listed. */
            more?: number;
        };
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
            /**
             * @description What the call simulator did with the call, in order: each request it sent and how the app responded,
             *     each document and its findings, each verb run, each thing the caller did, each error. Empty for a call
             *     whose instructions are off this machine.
             */
            conversation: components["schemas"]["ConversationEntry"][];
        };
        TextTimeline: {
            /** @description The text as it arrived. */
            message: {
                sid: string;
                accountSid: string;
                from: string;
                to: string;
                body: string;
                /** @enum {string} */
                direction: "inbound";
            };
            /**
             * @description Each request sent to the app and how it responded, each document and its findings (validateTwiml's, as
             *     messaging TwiML), each reply (kind `message`), each error.
             */
            conversation: components["schemas"]["ConversationEntry"][];
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
            /**
             * @description The status the mock decided; a fault (see `faults`) may have kept it from the client, and it is 0 when a
             *     fault reset the connection before the mock decided one.
             */
            status: number;
            /** @description The faults that acted on the request (a latency, then at most one other), when any did. */
            faults?: components["schemas"]["JournalFault"][];
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
            /** @description The faults in place, with how often each has fired (GET /faults has their firings). */
            faults: components["schemas"]["Fault"][];
            /** @description The path of the next page of calls (older ones), or null when this page is the last. */
            nextPage: string | null;
        };
        /** @description fault- and a whole number, as addFault gives it. */
        FaultId: string;
        /**
         * @description What the fault does. Request faults: latency-fixed, latency-uniform, latency-lognormal, rate-limit,
         *     server-error, service-unavailable, reset-before-response, reset-after-store, empty-body, truncated-body,
         *     malformed-json, slow-headers, dribbled-body. Callback faults: duplicate-callback, out-of-order-callback.
         * @enum {string}
         */
        FaultKind: "latency-fixed" | "latency-uniform" | "latency-lognormal" | "rate-limit" | "server-error" | "service-unavailable" | "reset-before-response" | "reset-after-store" | "empty-body" | "truncated-body" | "malformed-json" | "slow-headers" | "dribbled-body" | "duplicate-callback" | "out-of-order-callback";
        /**
         * @description Which requests (or callbacks) the fault acts on; every field given must fit, and an empty match fits all.
         *     `operation` is for request faults, `event` for callback faults.
         */
        FaultMatch: {
            /**
             * @description The Calls API operation, as openapi/calls.yaml names it.
             * @enum {string}
             */
            operation?: "createCall" | "fetchCall" | "listCalls" | "updateCall" | "deleteCall" | "createCallXml" | "fetchCallXml" | "listCallsXml" | "updateCallXml" | "deleteCallXml" | "createLegacyCall" | "createSmsMessage" | "createSmsMessageXml";
            /** @description The To of a create (or of the call a callback is about), exactly as sent. */
            to?: string;
            accountSid?: components["schemas"]["AccountSid"];
            /**
             * @description The status callback event (callback faults only).
             * @enum {string}
             */
            event?: "initiated" | "ringing" | "answered" | "completed";
        };
        /**
         * @description One fault to add. Only the parameters of its kind may be given: `ms` (latency-fixed, slow-headers),
         *     `minMs` and `maxMs` (latency-uniform), `medianMs`, `sigma` and `maxMs` (latency-lognormal),
         *     `retryAfterSeconds` (rate-limit, service-unavailable), `afterStore` (server-error), `chunkBytes` and
         *     `intervalMs` (dribbled-body), `copies` (duplicate-callback), `holdMs` (out-of-order-callback).
         */
        FaultSpec: {
            kind: components["schemas"]["FaultKind"];
            match?: components["schemas"]["FaultMatch"];
            /** @description The chance that a matching request (or callback) gets the fault; 1 when left out. */
            probability?: number;
            /** @description Seeds the fault's random source, so that the same requests get the same faults; its id when left out. */
            seed?: string;
            /** @description The most times the fault fires; no limit when left out. */
            times?: number;
            /** @description The delay (latency-fixed), or the time over which the status line and headers arrive (slow-headers). */
            ms?: number;
            /** @description The shortest delay of latency-uniform. */
            minMs?: number;
            /** @description The longest delay of latency-uniform; the cap of latency-lognormal (60000 when left out). */
            maxMs?: number;
            /** @description The median delay of latency-lognormal. */
            medianMs?: number;
            /** @description The spread of latency-lognormal, the standard deviation of the delay's logarithm. */
            sigma?: number;
            /** @description The Retry-After of rate-limit (1 when left out) and of service-unavailable (none when left out). */
            retryAfterSeconds?: number;
            /** @description server-error only; true stores what the request asked for (a create places its call) before the 500. */
            afterStore?: boolean;
            /** @description How many bytes of the body dribbled-body sends at a time (16 when left out). */
            chunkBytes?: number;
            /** @description The pause between chunks of dribbled-body (10 when left out). */
            intervalMs?: number;
            /** @description How many extra deliveries duplicate-callback makes of one callback (1 when left out). */
            copies?: number;
            /** @description How long out-of-order-callback holds a callback back on the mock's clock, so that the call's callbacks due meanwhile go first (5000 when left out). */
            holdMs?: number;
        } & (unknown & unknown & unknown & unknown);
        /** @description A fault as the mock keeps it, its defaults filled in, with how often it has fired. */
        Fault: {
            id: components["schemas"]["FaultId"];
            kind: components["schemas"]["FaultKind"];
            match: components["schemas"]["FaultMatch"];
            probability: components["schemas"]["FaultSpec"]["probability"];
            seed: string;
            /** @description The most times it fires, or null for no limit. */
            times: number | null;
            /** @description How many times it has fired. */
            fired: number;
            ms?: number;
            minMs?: number;
            maxMs?: number;
            medianMs?: number;
            sigma?: number;
            retryAfterSeconds?: number;
            afterStore?: boolean;
            chunkBytes?: number;
            intervalMs?: number;
            copies?: number;
            holdMs?: number;
        };
        /** @description One time a fault fired, on a request or on a callback. */
        FaultFiring: {
            /** @description Real time in milliseconds since the epoch. */
            at: number;
            faultId: components["schemas"]["FaultId"];
            kind: components["schemas"]["FaultKind"];
            /** @description The delay a latency kind drew. */
            delayMs?: number;
            /** @description The request it fired on; `target` is its path, without the query. */
            request?: {
                method: string;
                target: string;
                operationId?: string;
                accountSid?: string;
            };
            /** @description The callback it fired on. */
            callback?: {
                /** @description The call's account; POST /reset with this accountSid forgets the firing. */
                accountSid: string;
                callSid: string;
                event: string;
                sequence?: number;
            };
        };
        FaultList: {
            faults: components["schemas"]["Fault"][];
            /** @description The last 1000 firings, newest first. */
            fired: components["schemas"]["FaultFiring"][];
        };
        /** @description The fault that acted on a request, when one did. */
        JournalFault: {
            id: components["schemas"]["FaultId"];
            kind: components["schemas"]["FaultKind"];
            /** @description The delay a latency kind added. */
            delayMs?: number;
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
        /** @description No such call (or number) on the account. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminError"];
            };
        };
        /**
         * @description The request does not fit the mock's state (a clock that is not manual, a call already ringing, a call not in
         *     progress, an account with no auth token to sign with).
         */
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
        /** @description A bound of the mock is reached (calls kept, numbers or TwiML Apps); `error` names it. */
        TooMany: {
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
    parameters: {
        AccountSid: components["schemas"]["AccountSid"];
        CallSid: string;
    };
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
                /** @description `only` keeps the requests a fault acted on. */
                faults?: "only";
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
    setAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The account's auth token, as the app validates X-Twilio-Signature with it. */
                    authToken: string;
                };
            };
        };
        responses: {
            /** @description Kept. */
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
    setNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The number in E.164, percent-encoded (`%2B13105555555`). */
                PhoneNumber: components["schemas"]["PhoneNumber"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NumberConfig"];
            };
        };
        responses: {
            /** @description The number as the simulator keeps it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Number"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooMany"];
        };
    };
    setApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                ApplicationSid: components["schemas"]["ApplicationSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationConfig"];
            };
        };
        responses: {
            /** @description The app as the simulator keeps it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooMany"];
        };
    };
    placeInboundCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Who calls, as Twilio sends it in From (E.164, `client:name` or a SIP URI). */
                    from: string;
                    to: components["schemas"]["PhoneNumber"];
                };
            };
        };
        responses: {
            /** @description The call, as the Calls API shows it (the Call schema of openapi/calls.yaml), direction inbound. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooMany"];
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
    pressDigits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["parameters"]["CallSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Keys 0 to 9, `*` and `#`, from 1 to 64 of them. */
                    digits: string;
                };
            };
        };
        responses: {
            /** @description The call's timeline after the keys. */
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
    saySpeech: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["parameters"]["CallSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What the caller says, as the speech recognizer would write it. */
                    text: string;
                    /** @description The recognizer's confidence, sent as Confidence; 1 when left out. */
                    confidence?: number;
                };
            };
        };
        responses: {
            /** @description The call's timeline after the speech. */
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
    hangUp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["parameters"]["CallSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The call's timeline after it ended. */
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
        };
    };
    receiveText: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Who texts, as Twilio sends it in From. */
                    from: string;
                    to: components["schemas"]["PhoneNumber"];
                    /** @description The text, up to 1600 characters (Twilio's limit for an incoming message). */
                    body: string;
                };
            };
        };
        responses: {
            /** @description The text and what the simulator did with it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TextTimeline"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooMany"];
        };
    };
    getText: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                AccountSid: components["parameters"]["AccountSid"];
                Sid: components["schemas"]["SmsSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The text and what the simulator did with it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TextTimeline"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
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
    listFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The faults and their firings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FaultList"];
                };
            };
            403: components["responses"]["Forbidden"];
        };
    };
    addFault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FaultSpec"];
            };
        };
        responses: {
            /** @description The fault as the mock keeps it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooMany"];
        };
    };
    clearFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["Forbidden"];
        };
    };
    deleteFault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["FaultId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
}
