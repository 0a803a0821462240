// Generated from openapi/calls.yaml by `npm run generate`. Do not edit by hand.
export interface paths {
    "/2010-04-01/Accounts/{AccountSid}/Calls.json": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        /**
         * List the calls on the account
         * @description Returns one page of calls, newest first. Follow `next_page_uri` (relative to the API host) until it is
         *     null to read every page. Calls older than thirteen months are not listed.
         */
        get: operations["listCalls"];
        put?: never;
        /**
         * Place an outbound call
         * @description Queues a call to a phone number, a SIP endpoint or a Client identity. Twilio takes calls off the queue at
         *     one per second per account. The call needs instructions: give `Url`, `Twiml` or `ApplicationSid`.
         */
        post: operations["createCall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        /**
         * Read one call, with the response in XML
         * @description fetchCall through the XML representation.
         */
        get: operations["fetchCallXml"];
        put?: never;
        /**
         * Change a call in progress, with the response in XML
         * @description updateCall through the XML representation, with the same form and the same answers to a call that has ended.
         */
        post: operations["updateCallXml"];
        /**
         * Delete the record of a call, through the XML representation
         * @description deleteCall through the XML representation; its errors are XML.
         */
        delete: operations["deleteCallXml"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        /**
         * Read one call
         * @description Returns the call as it is now.
         */
        get: operations["fetchCall"];
        put?: never;
        /**
         * Change a call in progress
         * @description Redirects a live call to new TwiML (`Url` or `Twiml`) or ends it (`Status`). Ending a call that is queued or
         *     ringing needs `canceled`; ending one that is in progress needs `completed`.
         */
        post: operations["updateCall"];
        /**
         * Delete the record of a call
         * @description Removes the call's record from the account's logs. It does not end a live call; use updateCall.
         */
        delete: operations["deleteCall"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2008-08-01/Accounts/{AccountSid}/Calls": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Place an outbound call through the 2008-08-01 API (retired)
         * @deprecated
         * @description The first version of Twilio's REST API placed a call with a form of six fields and answered in XML: a
         *     `<TwilioResponse>` root holding one `<Call>`. Described from Twilio's archived "REST API: Making Calls" page
         *     for 2008-08-01 (kept here as seed 003) and its Calls resource page,
         *     http://www.twilio.com/docs/api/2008-08-01/rest/call. Twilio replaced this version with 2010-04-01
         *     (createCall); it is described so that old integrations and their recorded traffic can still be checked.
         *
         *     Which success status the create answered with is not recorded: the archived request-format page
         *     (http://www.twilio.com/docs/api/2008-08-01/rest/request) lists `200 OK` among the answers to a POST, and the
         *     2010-04-01 API answers a create with `201 Created`. Both are allowed, with the same body.
         */
        post: operations["createLegacyCall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2010-04-01/Accounts/{AccountSid}/SMS/Messages.json": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a text message through the retired SMS/Messages resource
         * @deprecated
         * @description Queues one SMS of at most 160 characters. Twilio's "Sending SMS" reference for 2010-04-01
         *     (http://www.twilio.com/docs/api/rest/sending-sms) documents the fields; its SMS resource page
         *     (https://www.twilio.com/docs/sms/api/sms-messages-deprecated) marks the resource deprecated in favour of
         *     Messages, a superset that takes up to 1600 characters. A third-party report (ericallenpaul/Zabbix-Twilio.sh
         *     pull request 7, 2023, pointing at Twilio support article 223181028) says the endpoint has since been shut
         *     down and answers `410 Gone`: a server may answer any request that way, and 410 is declared for it.
         *
         *     The error codes are Twilio's, each in its field's `x-twilio-error-codes`: 21604 when To is missing, 21603
         *     when From is, 21602 when Body is, 21605 when Body is longer than 160 characters
         *     (https://www.twilio.com/docs/api/errors/21605, which says the limit belongs to this old endpoint), 21211 for
         *     a To that is not a phone number and 21606 for a From that cannot send (seen on SMS/Messages.json,
         *     twilio/twilio-python issue 42).
         */
        post: operations["createSmsMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2010-04-01/Accounts/{AccountSid}/Calls": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        /**
         * List the calls on the account, with the response in XML
         * @description listCalls through the XML representation: the same filters, and the page as `<Calls>` with its paging in
         *     attributes and one `<Call>` per call (CallPageXml).
         */
        get: operations["listCallsXml"];
        put?: never;
        /**
         * Place an outbound call, with the response in XML
         * @description createCall through the resource's XML representation: the path without `.json` takes the same form and
         *     responds with the call as a `<TwilioResponse>` document, as Twilio's 2010-04-01 API did for a URI without
         *     an extension (CallXml says how each key is written).
         */
        post: operations["createCallXml"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2010-04-01/Accounts/{AccountSid}/SMS/Messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a text through SMS/Messages, with the response in XML
         * @deprecated
         * @description createSmsMessage through the XML representation, as seed 004's curl example sends it (`POST
         *     .../2010-04-01/Accounts/{AccountSid}/SMS/Messages`, no extension): the same form, the message as
         *     `<TwilioResponse><SMSMessage>`, and Twilio's codes in `<RestException>`.
         */
        post: operations["createSmsMessageXml"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    callStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call progress event sent to StatusCallback
         * @description Twilio requests the StatusCallback URL once for each requested event (`completed` alone by default), in order,
         *     with a rising SequenceNumber. With StatusCallbackMethod GET the same fields travel in the query string.
         *     Signed with X-Twilio-Signature.
         */
        post: operations["statusCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    recordingStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recording event sent to RecordingStatusCallback
         * @description Sent for each requested recording event (`completed` alone by default). Signed with X-Twilio-Signature.
         */
        post: operations["recordingStatusCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    asyncAmdStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answering machine result sent to AsyncAmdStatusCallback
         * @description Sent once when background answering machine detection (AsyncAmd true) reaches a result.
         */
        post: operations["asyncAmdStatusCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    voiceRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request for TwiML sent to Url when the call connects
         * @description Twilio asks the call's Url (or the application's Voice URL) what to do; the answer is TwiML.
         */
        post: operations["voiceRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    legacyVoiceRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request for TwiML under the 2008-08-01 API, with DialStatus
         * @deprecated
         * @description What the 2008-08-01 API sent to a call's Url: the call's identifiers, CallStatus as text, optional place
         *     names of both numbers, and, for a call placed through the API, how it was answered (DialStatus).
         */
        post: operations["legacyVoiceRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    smsRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request for messaging TwiML sent to a number's SMS URL when a text arrives (the SMS/Messages era)
         * @deprecated
         * @description Seed 004: "Twilio receives the text and makes a request to your application. Your app receives that request
         *     and responds with XML back to Twilio." The fields are those of Twilio's "TwiML for SMS: Twilio's Request"
         *     page for 2010-04-01 (http://www.twilio.com/docs/api/twiml/sms/twilio_request): SmsSid, AccountSid, From, To
         *     and Body, and the place names of both numbers when Twilio knows them. Signed with X-Twilio-Signature, as
         *     every request Twilio makes. The response is messaging TwiML: `<Sms>` was how an app answered a text then
         *     (validateTwiml warns legacy-sms), `<Message>` has been since; `<Redirect>` hands the text to another URL.
         *     Fields Twilio added since are allowed, as text.
         */
        post: operations["smsRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    smsStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Result of a text sent through SMS/Messages, sent to its StatusCallback
         * @deprecated
         * @description Sent once the message is processed, to the StatusCallback of createSmsMessage: "Twilio will POST the SmsSid
         *     as well as SmsStatus=sent or SmsStatus=failed" (Twilio's "Sending SMS" reference for 2010-04-01,
         *     http://www.twilio.com/docs/api/rest/sending-sms). Signed with X-Twilio-Signature. Other fields are allowed,
         *     as text.
         */
        post: operations["smsStatusCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description An account identifier, AC followed by 32 hexadecimal digits. */
        AccountSid: string;
        /** @description A call identifier, CA followed by 32 hexadecimal digits. */
        CallSid: string;
        /** @description A TwiML App identifier, AP followed by 32 hexadecimal digits. */
        ApplicationSid: string;
        /** @description A Bring Your Own Carrier trunk identifier, BY followed by 32 hexadecimal digits. */
        ByocTrunkSid: string;
        /** @description A phone number identifier, PN followed by 32 hexadecimal digits. */
        PhoneNumberSid: string;
        /** @description A call group identifier, GP followed by 32 hexadecimal digits. */
        GroupSid: string;
        /** @description An Elastic SIP Trunk identifier, TK followed by 32 hexadecimal digits. */
        TrunkSid: string;
        /**
         * @description A phone number as Twilio reads it in a request: a plus sign, then the country code and number, E.164 or
         *     with spaces, dashes, dots or brackets between the digits. Twilio stores it in E.164 (a 2014 wire log,
         *     markboydcode/radius-syntax-collab@8982bbe4 TestTwilioCallout.java, shows To=+1801-664-0964 answered 201
         *     with "to": "+18016640964"; Twilio's docs ask for E.164). A number without the plus sign is not read as
         *     one here: no evidence shows Twilio taking it.
         * @example +13105555555
         * @example +1 801-664-0964
         */
        PhoneNumberInput: string;
        /**
         * @description A SIP URI such as `sip:pat@example.com`, optionally with a port, `;name=value` parameters and `?name=value`
         *     headers, under 255 characters (Twilio's "Making SIP Calls" guide; its docs sample
         *     TwilioDevEd/api-snippets rest/making-calls-sip/example-3 sends `sip:kate@example.com?hatchkey=4815162342`).
         * @example sip:pat@example.com
         * @example sip:kate@example.com?hatchkey=4815162342
         */
        SipAddress: string;
        /**
         * @description For a call to a SIP address, `From` may be the name Twilio puts in the user part of the SIP From header
         *     instead of a phone number (Twilio's "Making SIP Calls" guide; TwilioDevEd/api-snippets
         *     rest/making-calls-sip/example-1 to example-3 send `From=Jack`). Letters, digits and the characters a SIP
         *     user part allows.
         * @example Jack
         */
        SipCallerName: string;
        /**
         * @description A Twilio Client identity behind the `client:` scheme, as in `client:joey`.
         * @example client:joey
         */
        ClientIdentifier: string;
        /** @description Where a call goes or comes from, a phone number, a SIP URI or a Client identifier. */
        Address: string | components["schemas"]["PhoneNumberInput"] | components["schemas"]["SipAddress"] | components["schemas"]["ClientIdentifier"];
        /**
         * @description A phone number where Twilio also reads one written for people: digits with an optional leading plus sign and
         *     spaces, dashes, dots or brackets between them; without the plus sign Twilio reads it in the country of the
         *     number that calls or texts. SMS/Messages' To takes it ("Sending SMS", see createSmsMessage), and so does the
         *     text of TwiML's `<Number>`: Twilio's docs and TwilioDevEd/twiml-generator (assets/dial.xml) write
         *     `<Number>415-123-4567</Number>`. Anything but E.164 is a warning.
         */
        DialableNumber: string;
        /**
         * @description Who a call comes from: a phone number, a SIP URI, a Client identifier, or, for a call to a SIP address, a
         *     caller name (see SipCallerName). Which forms a given `To` allows is said by createCall's rules.
         */
        CallerAddress: string | components["schemas"]["PhoneNumberInput"] | components["schemas"]["SipAddress"] | components["schemas"]["ClientIdentifier"] | components["schemas"]["SipCallerName"];
        /**
         * Format: uri
         * @description An absolute http or https URL. Twilio refuses host names with underscores; user information
         *     (`https://user:secret@host/`) is allowed and is used for HTTP Basic authentication of the webhook.
         */
        CallbackUrl: string;
        /**
         * @description How Twilio requests a webhook URL.
         * @default POST
         * @enum {string}
         */
        HttpMethod: "GET" | "POST";
        /**
         * @description Where the call is in its life. `queued`, `ringing` and `in-progress` are live; the rest are final.
         * @enum {string}
         */
        CallStatus: "queued" | "ringing" | "in-progress" | "completed" | "busy" | "failed" | "no-answer" | "canceled";
        /**
         * @description `inbound` for calls to your numbers, `outbound-api` for calls placed through this API, `outbound-dial` for
         *     legs created by `<Dial>`, and the two trunking values for Elastic SIP Trunking traffic.
         * @enum {string}
         */
        CallDirection: "inbound" | "outbound-api" | "outbound-dial" | "trunking-terminating" | "trunking-originating";
        /**
         * @description What answered, when answering machine detection ran.
         * @enum {string}
         */
        AnsweredBy: "human" | "machine_start" | "machine_end_beep" | "machine_end_silence" | "machine_end_other" | "fax" | "unknown";
        /**
         * @description An event name (initiated, ringing, answered or completed), or several in one value separated by spaces.
         *     Twilio documents the spaced form for the `statusCallbackEvent` attribute of TwiML (TwilioDevEd/api-snippets
         *     twiml/voice/number/number-3) and applications send it to createCall; no capture shows Twilio refusing it,
         *     so it is read here, with a warning.
         */
        StatusCallbackEventValue: string;
        /**
         * @description A recording event name (in-progress, completed or absent), or several in one value separated by spaces;
         *     twilio-oai's description of RecordingStatusCallbackEvent says to separate several values with a space.
         *     The spaced form is read here, with a warning.
         */
        RecordingStatusCallbackEventValue: string;
        /**
         * @description A date and time as Twilio writes them, RFC 2822 in UTC with the offset +0000, e.g.
         *     `Tue, 10 Aug 2010 08:02:17 +0000`. Every date in Twilio's SDK fixtures (248 values) and in captured
         *     responses carries +0000, and twilio-node 6.2.0 parses dates with that offset written into its format.
         */
        Rfc2822DateTime: string;
        /**
         * @description A day or a moment to filter on. Twilio's reference asks for a day, YYYY-MM-DD in UTC, while twilio-oai
         *     declares these filters `format: date-time` and twilio-node 6.2.0 sends a Date as `2024-01-02T03:04:05Z`.
         *     twilio-oai's own example requests (readEmptyDateFunDateFormats) pass `06/11/2019 22:05:25 MST` and
         *     `2019-06-11 22:05:25.000` and show a 200 page, so Twilio does not refuse other forms: any text is read,
         *     and a form other than a day or an ISO 8601 date-time is a warning.
         */
        DateFilter: string;
        /**
         * @description The form body of createCall. `To` and `From` are required, and so is at least one of `Url`, `Twiml` and
         *     `ApplicationSid`. When `To` is a phone number, `From` must be one too.
         */
        CreateCallRequest: {
            /** @description Who to call. */
            To: components["schemas"]["Address"];
            /**
             * @description The caller ID: one of your Twilio numbers or a verified caller ID, or a Client identifier. Must be a
             *     phone number when `To` is one; may be a caller name when `To` is a SIP address.
             */
            From: components["schemas"]["CallerAddress"];
            /** @description Where Twilio fetches the call's TwiML when the call connects. Ignored with `ApplicationSid`. */
            Url?: components["schemas"]["CallbackUrl"];
            /**
             * @description The call's TwiML, given inline. Ignored when `Url` is also given. Twilio reads the document only when
             *     the call runs and reports a broken one then (errors 12100 and 12200 in its debugger), so the create
             *     itself succeeds; `x-twiml` has the validators check it as voice TwiML and report what they find as
             *     warnings (rule names `twiml-*`).
             */
            Twiml?: string;
            /**
             * @description A TwiML App that supplies the call's URLs. With it, Twilio ignores Url, Method, FallbackUrl,
             *     FallbackMethod, StatusCallback and StatusCallbackMethod.
             */
            ApplicationSid?: components["schemas"]["ApplicationSid"];
            /** @description How to request `Url`. */
            Method?: components["schemas"]["HttpMethod"];
            /** @description Requested instead of `Url` when fetching or running its TwiML fails. Ignored with ApplicationSid. */
            FallbackUrl?: components["schemas"]["CallbackUrl"];
            /** @description How to request `FallbackUrl`. */
            FallbackMethod?: components["schemas"]["HttpMethod"];
            /** @description Receives call progress events. Ignored with ApplicationSid. */
            StatusCallback?: components["schemas"]["CallbackUrl"];
            /**
             * @description Which progress events reach `StatusCallback`; `completed` alone when omitted. Send one key per value
             *     (`StatusCallbackEvent=initiated&StatusCallbackEvent=ringing`), as Twilio's SDKs and docs samples do.
             * @default [
             *       "completed"
             *     ]
             */
            StatusCallbackEvent?: ("initiated" | "ringing" | "answered" | "completed")[];
            /** @description How to request `StatusCallback`. */
            StatusCallbackMethod?: components["schemas"]["HttpMethod"];
            /**
             * @description Keys to press once the call connects: digits, `A` to `D`, `#`, `*`, `w` for a half-second pause and `W`
             *     for a one-second pause, up to 32 of them, e.g. `W1234#` (twilio-oai's description since 2025-05-05,
             *     twilio-node 6.2.0; Twilio's error 21206 page lists the same alphabet). When given, MachineDetection is
             *     ignored.
             */
            SendDigits?: string;
            /**
             * @description Seconds to let the phone ring before giving up. Twilio may add a few seconds of slack.
             * @default 60
             */
            Timeout?: number;
            /**
             * @description Longest the call may last, in seconds. Twilio's default is four hours; 24 hours is the ceiling.
             * @default 14400
             */
            TimeLimit?: number;
            /**
             * @description Whether to record the whole call: `true` or `false`. Twilio reads them in any case: its own docs sample
             *     for recording an outgoing call posts `Record=True` (twilio/sample-code,
             *     create-record-outgoing-call.json.curl), so another case is read too, with a warning (rule
             *     lower-case-boolean); anything else, such as `1`, is refused.
             * @default false
             */
            Record?: boolean;
            /**
             * @description `mono` mixes both legs into one channel; `dual` gives each leg its own.
             * @default mono
             * @enum {string}
             */
            RecordingChannels?: "mono" | "dual";
            /** @description Receives recording status events. */
            RecordingStatusCallback?: components["schemas"]["CallbackUrl"];
            /** @description How to request `RecordingStatusCallback`. */
            RecordingStatusCallbackMethod?: components["schemas"]["HttpMethod"];
            /**
             * @description Which recording events reach `RecordingStatusCallback`; `completed` alone when omitted.
             * @default [
             *       "completed"
             *     ]
             */
            RecordingStatusCallbackEvent?: ("in-progress" | "completed" | "absent")[];
            /**
             * @description Which audio to record; `inbound` is what Twilio hears, `outbound` what it plays.
             * @default both
             * @enum {string}
             */
            RecordingTrack?: "inbound" | "outbound" | "both";
            /**
             * @description Whether to cut silence from the start and end of the recording.
             * @default trim-silence
             * @enum {string}
             */
            Trim?: "trim-silence" | "do-not-trim";
            /** @description User name for a SIP `To` that asks for digest authentication. */
            SipAuthUsername?: string;
            /**
             * Format: password
             * @description Password that goes with `SipAuthUsername`. Never echoed back by Twilio, and never logged by this project.
             */
            SipAuthPassword?: string;
            /**
             * @description Answering machine detection. `Enable` reports as soon as it knows; `DetectMessageEnd` waits for the
             *     greeting to end, to leave a message. The values are case-sensitive.
             * @enum {string}
             */
            MachineDetection?: "Enable" | "DetectMessageEnd";
            /**
             * @description Seconds to spend detecting before AnsweredBy comes back `unknown`.
             * @default 30
             */
            MachineDetectionTimeout?: number;
            /**
             * @description Milliseconds of speech beyond which the answerer is judged a machine.
             * @default 2400
             */
            MachineDetectionSpeechThreshold?: number;
            /**
             * @description Milliseconds of silence after speech that end the speech.
             * @default 1200
             */
            MachineDetectionSpeechEndThreshold?: number;
            /**
             * @description Milliseconds of silence at the start after which the result is `unknown`.
             * @default 5000
             */
            MachineDetectionSilenceTimeout?: number;
            /**
             * @description Run detection in the background instead of holding the call until it ends. Sent as text.
             * @default false
             * @enum {string}
             */
            AsyncAmd?: "true" | "false";
            /** @description Receives the background detection result. */
            AsyncAmdStatusCallback?: components["schemas"]["CallbackUrl"];
            /** @description How to request `AsyncAmdStatusCallback`. */
            AsyncAmdStatusCallbackMethod?: components["schemas"]["HttpMethod"];
            /** @description A BYOC trunk to route the call through; only used when `To` is a phone number. */
            Byoc?: components["schemas"]["ByocTrunkSid"];
            /** @description The caller ID shown for calls to Client or SIP endpoints. */
            CallerId?: components["schemas"]["Address"];
            /**
             * @description Which recording configuration applies when the call's recording is made and processed. Sent by
             *     twilio-node 6.1.0 and later (CallListInstanceCreateOptions.recordingConfigurationId); its form is not
             *     documented, so any non-empty text is read.
             */
            RecordingConfigurationId?: string;
            /**
             * @description STIR/SHAKEN PASSporTs for the call, base64-encoded, up to five separated by commas (twilio-node 6.1.0
             *     and later, CallListInstanceCreateOptions.passports). Treated as a secret in every report.
             */
            Passports?: string;
            /** @description Why you are calling, shown on the callee's phone by Branded Calls. */
            CallReason?: string;
            /** @description Token of an incoming call, passed on so a forwarded call may keep the original caller ID. */
            CallToken?: string;
            /** @description Where Twilio sends the push-notification payload when calling a Client identity on mobile. */
            ClientNotificationUrl?: components["schemas"]["CallbackUrl"];
        } & (({
            Url: components["schemas"]["CallbackUrl"];
        } | {
            Twiml: string;
        } | {
            ApplicationSid: components["schemas"]["ApplicationSid"];
        }) & unknown & unknown);
        /**
         * @description The form body of updateCall. twilio-node 6.2.0 lets every field be left out, and its generated tests post an
         *     empty form; what Twilio answers to that is not documented, so an empty update is a warning, not an error.
         */
        UpdateCallRequest: {
            /** @description New TwiML location; the call leaves its current TwiML and fetches this. */
            Url?: components["schemas"]["CallbackUrl"];
            /** @description How to request `Url`. */
            Method?: components["schemas"]["HttpMethod"];
            /**
             * @description `canceled` ends a queued or ringing call; `completed` ends one that is in progress.
             * @enum {string}
             */
            Status?: "canceled" | "completed";
            /** @description Requested when fetching or running the TwiML at `Url` fails. */
            FallbackUrl?: components["schemas"]["CallbackUrl"];
            /** @description How to request `FallbackUrl`. */
            FallbackMethod?: components["schemas"]["HttpMethod"];
            /** @description Receives the call's remaining progress events. */
            StatusCallback?: components["schemas"]["CallbackUrl"];
            /** @description How to request `StatusCallback`. */
            StatusCallbackMethod?: components["schemas"]["HttpMethod"];
            /**
             * @description New TwiML given inline. Ignored when `Url` is also given. Checked as voice TwiML, with findings as
             *     warnings, as createCall's `Twiml` is.
             */
            Twiml?: string;
            /** @description New upper bound on the call's length, in seconds. */
            TimeLimit?: number;
        };
        /**
         * @description One call. Every key below but `annotation` is present in today's answers; the keys marked nullable are
         *     `null` until the value is known (for example `end_time` while the call is live) or when it does not apply
         *     (`trunk_sid` off a trunk). Twilio adds keys over time, so a key this document does not know is a warning
         *     (rule undocumented-field), never an error, and the known keys are still checked. Keys Twilio added to the
         *     Call later (to_formatted, from_formatted, price_unit, group_sid, queue_time, trunk_sid) are required only
         *     by the advisory rule added-later: a recording made before Twilio sent one is drift, told as a warning that
         *     names the key and since when, not a failure. The generated types and the mock keep every key.
         */
        Call: {
            sid: components["schemas"]["CallSid"];
            /**
             * @description When the call was created; null in the answer to createCall (captured 201s from 2014 and 2025,
             *     TwilioDevEd/api-snippets rest/answering-machine-detection output), a date afterwards.
             */
            date_created: components["schemas"]["Rfc2822DateTime"] | null;
            /** @description When the call last changed; null in the answer to createCall, like date_created. */
            date_updated: components["schemas"]["Rfc2822DateTime"] | null;
            /** @description The call whose `<Dial>` created this leg; null for a call placed through the API. */
            parent_call_sid: components["schemas"]["CallSid"] | null;
            account_sid: components["schemas"]["AccountSid"];
            /** @description The called address as Twilio received it. */
            to: string;
            /** @description The called address formatted for display. */
            to_formatted: string;
            /** @description The calling address as Twilio received it. */
            from: string;
            /** @description The calling address formatted for display. */
            from_formatted: string;
            /**
             * @description The Twilio number or verified caller ID involved; null for Client and SIP calls today. Twilio has also
             *     sent an empty string there: its docs outputs of 2018-2019 and a 2012 SDK fixture of a real `client:`
             *     call; twilio-python's tests at 029e977f and twilio-node's at 0168eacd give it for SIP and Client calls.
             *     Both are read, the empty string with a warning (rule empty-for-null).
             */
            phone_number_sid: components["schemas"]["PhoneNumberSid"] | null;
            status: components["schemas"]["CallStatus"];
            /** @description When the call was dialled; null while it is queued. */
            start_time: components["schemas"]["Rfc2822DateTime"] | null;
            /** @description When the call ended; null while it is live. */
            end_time: components["schemas"]["Rfc2822DateTime"] | null;
            /** @description Whole seconds the call lasted, as text; null until it ends. */
            duration: string | null;
            /** @description What the call cost, negative, as decimal text; null until Twilio has priced it. */
            price: string | null;
            /** @description ISO 4217 currency of `price`. */
            price_unit: string | null;
            direction: components["schemas"]["CallDirection"];
            /** @description Result of answering machine detection; null when it did not run. */
            answered_by: components["schemas"]["AnsweredBy"] | null;
            /** @description The API version the call was created with. */
            api_version: string;
            /** @description The number that forwarded an inbound call, when the carrier says so. */
            forwarded_from: string | null;
            group_sid: components["schemas"]["GroupSid"] | null;
            /** @description CNAM caller name, when caller ID lookup is on for the number. */
            caller_name: string | null;
            /** @description Milliseconds the call waited in the queue before it was dialled, as text. */
            queue_time: string;
            trunk_sid: components["schemas"]["TrunkSid"] | null;
            /** @description This call's path, relative to the API host. */
            uri: string;
            /**
             * @description Paths of the call's subresources (recordings, events, ...), relative to the API host. The set of keys
             *     changes over time. Most are under the call's own path; some Twilio has listed are account-level, such as
             *     `feedback_summaries` at `/Calls/FeedbackSummary.json` (twilio-java's CallTest fixture, captured bodies).
             */
            subresource_uris: {
                [key: string]: string;
            };
            /**
             * @deprecated
             * @description Deprecated and undocumented, yet still sent: twilio-oai dropped it from the Call schema on 2022-04-06
             *     (commit 0b5591d7, "made private"), but captured responses from 2014 to 2025 carry `"annotation": null`,
             *     and Twilio's SDK fixtures show text such as "billingreferencetag". Not always present.
             */
            annotation?: string | null;
        };
        /**
         * @description The Call as createCall answers it. Twilio answers a create with the call still queued, placed through the
         *     API, and with no dates, times, duration or price yet (captured 201s: markboydcode/radius-syntax-collab
         *     2014 wire log, dixahq/twilio-client 2025-26 sample). Twilio's own SDK test fixtures answer a create with a
         *     completed inbound call, so a server that does the same is warned (rule freshly-queued), not failed.
         */
        CreatedCall: {
            /** @constant */
            status?: "queued";
            /** @constant */
            direction?: "outbound-api";
            date_created?: null;
            date_updated?: null;
            start_time?: null;
            end_time?: null;
            duration?: null;
            price?: null;
        } & components["schemas"]["Call"];
        /**
         * @description One page of a call list, with the paths to its neighbours. As with the Call, a key this document does not
         *     know is a warning: older answers carried last_page_uri, num_pages and total (twilio-node's legacy
         *     fixtures), and Twilio may add keys.
         */
        CallPage: {
            calls: components["schemas"]["Call"][];
            page: number;
            page_size: number;
            /** @description Index of the first call on this page. */
            start: number;
            /** @description Index of the last call on this page. */
            end: number;
            uri: components["schemas"]["PageUri"];
            first_page_uri: components["schemas"]["PageUri"];
            /** @description The following page, or null on the last one. */
            next_page_uri: components["schemas"]["PageUri"] | null;
            /** @description The preceding page, or null on the first one. */
            previous_page_uri: components["schemas"]["PageUri"] | null;
        };
        /** @description A list path with its query, relative to the API host. */
        PageUri: string;
        /** @description Twilio's error body. `code` is looked up at `more_info`. An unknown key is a warning. */
        TwilioError: {
            /** @description Twilio's error code (five digits for REST errors). */
            code: number;
            /** @description What went wrong, for a person to read. */
            message: string;
            /** @description The page that explains `code`. */
            more_info: components["schemas"]["MoreInfoUrl"];
            /** @description The HTTP status, repeated in the body. */
            status: number;
            /** @description Extra facts about the error, when Twilio has any. The mock lists every violation here. */
            details?: {
                [key: string]: unknown;
            };
        };
        /**
         * @description A Call in the XML representation of the 2010-04-01 API: what Twilio answered for a resource URI without an
         *     extension (`.json` answered JSON), both documented on Twilio's 2010-04-01 reference pages (the Call resource,
         *     http://www.twilio.com/docs/api/rest/call; the representations, http://www.twilio.com/docs/api/rest/response)
         *     and the first used by old integrations. Each element is the JSON key in PascalCase (`date_created` is
         *     `<DateCreated>`), with the value the JSON key takes (each property refers to it); an empty element is null;
         *     `<Uri>` and `<SubresourceUris>` name the XML resources, without `.json`. As in JSON, an element this
         *     contract does not know is a warning, and one Twilio added later may be missing with a warning.
         */
        CallXml: {
            Sid: components["schemas"]["Call"]["sid"];
            DateCreated: components["schemas"]["Call"]["date_created"];
            DateUpdated: components["schemas"]["Call"]["date_updated"];
            ParentCallSid: components["schemas"]["Call"]["parent_call_sid"];
            AccountSid: components["schemas"]["Call"]["account_sid"];
            To: components["schemas"]["Call"]["to"];
            ToFormatted: components["schemas"]["Call"]["to_formatted"];
            From: components["schemas"]["Call"]["from"];
            FromFormatted: components["schemas"]["Call"]["from_formatted"];
            PhoneNumberSid: components["schemas"]["Call"]["phone_number_sid"];
            Status: components["schemas"]["Call"]["status"];
            StartTime: components["schemas"]["Call"]["start_time"];
            EndTime: components["schemas"]["Call"]["end_time"];
            Duration: components["schemas"]["Call"]["duration"];
            Price: components["schemas"]["Call"]["price"];
            PriceUnit: components["schemas"]["Call"]["price_unit"];
            Direction: components["schemas"]["Call"]["direction"];
            AnsweredBy: components["schemas"]["Call"]["answered_by"];
            ApiVersion: components["schemas"]["Call"]["api_version"];
            ForwardedFrom: components["schemas"]["Call"]["forwarded_from"];
            GroupSid: components["schemas"]["Call"]["group_sid"];
            CallerName: components["schemas"]["Call"]["caller_name"];
            QueueTime: components["schemas"]["Call"]["queue_time"];
            TrunkSid: components["schemas"]["Call"]["trunk_sid"];
            /** @description This call's path in the XML representation, relative to the API host. */
            Uri: string;
            /** @description The call's subresources, each an element named by its JSON key in PascalCase (`<Recordings>`). */
            SubresourceUris: {
                [key: string]: string;
            };
            Annotation?: components["schemas"]["Call"]["annotation"];
        };
        /** @description One Call in XML, `<TwilioResponse><Call>...</Call></TwilioResponse>`. */
        CallXmlResponse: {
            Call: components["schemas"]["CallXml"];
        };
        /** @description A list path of the XML representation with its query, relative to the API host. */
        PageUriXml: string;
        /**
         * @description One page of calls in XML: `<Calls>` with the page's keys as attributes, each the JSON key without its
         *     underscores (`page_size` is `pagesize`, an empty attribute null), holding one `<Call>` per call. As in JSON,
         *     an attribute this contract does not know (older pages carried numpages, total and lastpageuri) is a warning.
         */
        CallPageXml: {
            page: components["schemas"]["CallPage"]["page"];
            pagesize: components["schemas"]["CallPage"]["page_size"];
            start: components["schemas"]["CallPage"]["start"];
            end: components["schemas"]["CallPage"]["end"];
            uri: components["schemas"]["PageUriXml"];
            firstpageuri: components["schemas"]["PageUriXml"];
            /** @description The following page, empty on the last one. */
            nextpageuri: components["schemas"]["PageUriXml"] | null;
            /** @description The preceding page, empty on the first one. */
            previouspageuri: components["schemas"]["PageUriXml"] | null;
            /** @description The calls of the page, one `<Call>` each. */
            Call: components["schemas"]["CallXml"][];
        };
        /** @description One page of calls in XML, `<TwilioResponse><Calls ...><Call>...</Call></Calls></TwilioResponse>`. */
        CallPageXmlResponse: {
            Calls: components["schemas"]["CallPageXml"];
        };
        /**
         * @description Twilio's error in the XML representation of the 2010-04-01 API: the four keys of the JSON error as elements
         *     (`<Code>`, `<Message>`, `<MoreInfo>`, `<Status>`), under `<RestException>` as in the 2008-08-01 API. The
         *     mock's `details` (the violations it found) are JSON only.
         */
        TwilioErrorXml: {
            Code: components["schemas"]["TwilioError"]["code"];
            Message: components["schemas"]["TwilioError"]["message"];
            MoreInfo: components["schemas"]["MoreInfoUrl"];
            Status: components["schemas"]["TwilioError"]["status"];
        };
        /** @description An error in XML, `<TwilioResponse><RestException>...</RestException></TwilioResponse>`. */
        TwilioErrorXmlResponse: {
            RestException: components["schemas"]["TwilioErrorXml"];
        };
        /**
         * Format: uri
         * @description The page of Twilio's docs that explains an error code, on http or https alike: Twilio's answers of 2010-2012
         *     gave `http://www.twilio.com/docs/errors/...`, in the 2008-08-01 XML errors and the 2010-04-01 JSON ones
         *     alike; today's give https. Both are read wherever an error carries one, XML or JSON.
         */
        MoreInfoUrl: string;
        /**
         * @description A call status as webhooks report it; `initiated` appears here though never on the Call object.
         * @enum {string}
         */
        WebhookCallStatus: "queued" | "initiated" | "ringing" | "in-progress" | "completed" | "busy" | "failed" | "no-answer" | "canceled";
        /** @description The fields Twilio sends with every request about a call. */
        CallWebhookBase: {
            CallSid: components["schemas"]["CallSid"];
            AccountSid: components["schemas"]["AccountSid"];
            /** @description The caller, as Twilio received it. */
            From: string;
            /** @description The called party, as Twilio received it. */
            To: string;
            CallStatus: components["schemas"]["WebhookCallStatus"];
            ApiVersion: string;
            Direction: components["schemas"]["CallDirection"];
            ForwardedFrom?: string;
            CallerName?: string;
            ParentCallSid?: components["schemas"]["CallSid"];
            CallToken?: string;
        };
        /**
         * @description Form body of a call progress event. Twilio adds fields over time (caller location and the like), so unknown
         *     fields are allowed (form values are always text); the ones below are checked.
         */
        StatusCallbackPayload: ({
            /** @enum {string} */
            CallbackSource: "call-progress-events";
            /** @description Counts the events sent for this call, from 0. */
            SequenceNumber: number;
            Timestamp: components["schemas"]["Rfc2822DateTime"];
            /** @description Whole seconds of the call; sent with the completed event. */
            CallDuration?: number;
            /** @description A whole number sent with the completed event in captured callbacks, beside CallDuration. */
            Duration?: number;
            /** @description Sent when answering machine detection ran for the call. */
            AnsweredBy?: components["schemas"]["AnsweredBy"];
            /** @description Milliseconds answering machine detection took, when it ran. */
            MachineDetectionDuration?: number;
            /** @description The called party, the same as To (kept for older applications). */
            Called?: string;
            /** @description The caller, the same as From (kept for older applications). */
            Caller?: string;
            /** @description The final SIP response code, for calls that reached a SIP leg. */
            SipResponseCode?: number;
            /**
             * Format: uri
             * @description Sent on the completed event when the call was recorded.
             */
            RecordingUrl?: string;
            RecordingSid?: components["schemas"]["RecordingSid"];
            RecordingDuration?: number;
        } & {
            [key: string]: unknown;
        }) & components["schemas"]["CallWebhookBase"];
        /** @description A conference identifier, CF followed by 32 hexadecimal digits. */
        ConferenceSid: string;
        /** @description A recording identifier, RE followed by 32 hexadecimal digits. */
        RecordingSid: string;
        /**
         * @description Form body of a recording event. Unknown fields are allowed, as text. A recording of a call names the call
         *     (CallSid); a conference recording names the conference (ConferenceSid) instead.
         */
        RecordingStatusCallbackPayload: ({
            AccountSid: components["schemas"]["AccountSid"];
            CallSid?: components["schemas"]["CallSid"];
            ConferenceSid?: components["schemas"]["ConferenceSid"];
            RecordingSid: components["schemas"]["RecordingSid"];
            /**
             * Format: uri
             * @description Where the recording's media can be fetched (append .mp3 or .wav).
             */
            RecordingUrl: string;
            /**
             * @description Where the recording is: the three events one can ask for, and `failed`, which Twilio sends when
             *     Voice Recording Encryption is on and encrypting fails (support.twilio.com article 360014251313,
             *     "Getting Started with Recording Status Callbacks").
             * @enum {string}
             */
            RecordingStatus: "in-progress" | "completed" | "absent" | "failed";
            /** @description Whole seconds recorded; sent with completed. */
            RecordingDuration?: number;
            /** @enum {integer} */
            RecordingChannels?: 1 | 2;
            /**
             * @description What made the recording. StartCallRecordingTwiML (for `<Start><Recording>`) is missing from
             *     twilio-oai's enum but observed live (wittyreference/twilio-claude-plugin@719dff3e,
             *     skills/recordings/references/test-results.md, 2026-03-24).
             * @enum {string}
             */
            RecordingSource?: "OutboundAPI" | "DialVerb" | "RecordVerb" | "Conference" | "Trunking" | "RecordingAPI" | "StartCallRecordingAPI" | "StartConferenceRecordingAPI" | "StartCallRecordingTwiML";
            RecordingStartTime?: components["schemas"]["Rfc2822DateTime"];
            /** @enum {string} */
            RecordingTrack?: "inbound" | "outbound" | "both";
            /** @description A Twilio error code, present (non-zero) when status is absent. */
            ErrorCode?: number;
        } & {
            [key: string]: unknown;
        }) | {
            CallSid: components["schemas"]["CallSid"];
        } | {
            ConferenceSid: components["schemas"]["ConferenceSid"];
        };
        /** @description Form body of the background answering machine result. */
        AsyncAmdStatusPayload: {
            AccountSid: components["schemas"]["AccountSid"];
            CallSid: components["schemas"]["CallSid"];
            AnsweredBy: components["schemas"]["AnsweredBy"];
            /** @description Milliseconds detection took. */
            MachineDetectionDuration: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Form body of the request for TwiML when the call connects. Unknown fields are allowed, as text. */
        VoiceRequestPayload: ({
            /** @description Sent when synchronous answering machine detection ran. */
            AnsweredBy?: components["schemas"]["AnsweredBy"];
            MachineDetectionDuration?: number;
        } & {
            [key: string]: unknown;
        }) & components["schemas"]["CallWebhookBase"];
        /**
         * @description A number as the 2008-08-01 API wrote it in its answers: digits only, ten for a North American number
         *     (the Calls resource page, http://www.twilio.com/docs/api/2008-08-01/rest/call, says Called and Caller are
         *     always ten digits with no punctuation). Longer digit strings are read too, since the create took numbers
         *     outside North America with a country code.
         */
        LegacyPhoneNumber: string;
        /**
         * @description A date and time as the 2008-08-01 API wrote it: RFC 2822 with the offset of Twilio's local time, e.g.
         *     `Thu, 03 Apr 2008 04:36:33 -0400` (Twilio's own examples), not the +0000 of the 2010-04-01 API.
         */
        LegacyDateTime: string;
        /**
         * @description The form of a 2008-08-01 create. Field names are case-sensitive, as in every Twilio form; an unknown field
         *     is an error, as for createCall.
         */
        LegacyCreateCallRequest: {
            /**
             * @description The caller ID: a Twilio number or a caller ID verified on the account, ten digits. Twilio's own examples
             *     send it with dashes (`866-...`) and answer with the digits alone, so separators are read.
             */
            Caller: string;
            /**
             * @description The number to call. Twilio read almost any way of writing a number (brackets, dashes, an optional
             *     leading 1 or +1 for the US); a number outside the US needs the plus sign and country code.
             */
            Called: string;
            /** @description The absolute URL Twilio requests for the call's TwiML once the call connects. */
            Url: components["schemas"]["CallbackUrl"];
            /** @description How Twilio requests Url; POST unless GET is given. */
            Method?: components["schemas"]["HttpMethod"];
            /**
             * @description Keys to press once the call connects: digits, `#` and `*` (send `#` as `%23` in the form). For an
             *     extension, e.g. `1234#`.
             */
            SendDigits?: string;
            /**
             * @description Ask Twilio to tell a person from an answering machine: `Continue` runs the call after the machine's
             *     beep and reports `answered-machine`, `Hangup` hangs up on a machine and reports `hangup-machine`.
             *     Left out, no detection runs. Twilio's page writes the values capitalised in its table and in lower
             *     case in its prose (`IfMachine=continue`), so both spellings are read; the capitalised one is canonical.
             * @enum {string}
             */
            IfMachine?: "Continue" | "Hangup";
            /**
             * @description Seconds to let the phone ring before giving up with `no-answer`; 60 by default, 999 at most (Twilio's
             *     page). Whether Twilio refused or shortened a larger value is not recorded; the documented bound is
             *     what is checked.
             * @default 60
             */
            Timeout?: number;
        };
        /**
         * @description The 2008-08-01 call status, an integer: 0 not yet dialled, 1 in progress, 2 complete, 3 failed (busy),
         *     4 failed (application error), 5 failed (no answer). From the markdown source of Twilio's 2008-08-01 Calls
         *     page; the community Java client vbest/twilio-java-client (CallStatus.java @ 53fa8697) has the same six.
         */
        LegacyCallStatus: number;
        /**
         * @description A bit field: 1 inbound, 2 placed through the REST API, 4 a leg started by `<Dial>`; the bits are added
         *     (a `<Dial>` leg of an API call is 6). Source as for LegacyCallStatus (CallFlags.java @ b91c59ae). Twilio's
         *     own create examples show 1 for a call the API placed, which by this definition should be 2: every
         *     combination of the three bits is read, since Twilio sent that value.
         */
        LegacyCallFlags: number;
        /**
         * @description A call of the 2008-08-01 API, as one `<Call>` element. Every value is element text; an empty element such
         *     as `<EndTime/>` or `<Price></Price>` means the value is not set and reads as null. Fields from the Calls
         *     resource page (http://www.twilio.com/docs/api/2008-08-01/rest/call); those Twilio's create examples leave
         *     out (DateCreated, DateUpdated, Duration) are optional. An element this contract does not know is a warning.
         */
        LegacyCall: {
            Sid: components["schemas"]["CallSid"];
            /** @description Empty for the call itself; each `<Dial>` leg shares the call's Sid and has a segment SID of its own. */
            CallSegmentSid?: string | null;
            DateCreated?: components["schemas"]["LegacyDateTime"] | null;
            DateUpdated?: components["schemas"]["LegacyDateTime"] | null;
            AccountSid: components["schemas"]["AccountSid"];
            Called: components["schemas"]["LegacyPhoneNumber"];
            Caller: components["schemas"]["LegacyPhoneNumber"];
            /** @description The Twilio number the call used, when it used one. */
            PhoneNumberSid?: components["schemas"]["PhoneNumberSid"] | null;
            Status: components["schemas"]["LegacyCallStatus"];
            /** @description Empty until the call is dialled. */
            StartTime?: components["schemas"]["LegacyDateTime"] | null;
            /** @description Empty unless the call completed. */
            EndTime?: components["schemas"]["LegacyDateTime"] | null;
            /** @description Whole seconds, set only for a call that completed. */
            Duration?: number | null;
            /** @description US dollars, set after the call completed (never on a trial account). */
            Price?: string | null;
            Flags: components["schemas"]["LegacyCallFlags"];
        };
        /** @description The answer to a 2008-08-01 create, `<TwilioResponse><Call>...</Call></TwilioResponse>`. */
        LegacyCallResponse: {
            Call: components["schemas"]["LegacyCall"];
        };
        /**
         * @description An error of the 2008-08-01 API. `Status` repeats the HTTP status; `Code` and `MoreInfo` are filled on a
         *     400 (Twilio's "REST API: Twilio Responses" page, http://www.twilio.com/docs/api/2008-08-01/rest/response).
         */
        LegacyRestException: {
            Status: number;
            Message: string;
            Code?: number;
            MoreInfo?: components["schemas"]["MoreInfoUrl"];
        };
        /** @description The error answer of the 2008-08-01 API, `<TwilioResponse><RestException>...`. */
        LegacyErrorResponse: {
            RestException: components["schemas"]["LegacyRestException"];
        };
        /**
         * @description How the call placed through the 2008-08-01 API was answered, sent to its Url once: `answered` (no
         *     IfMachine), `answered-human`, `answered-machine` (IfMachine=Continue), `hangup-machine` (IfMachine=Hangup;
         *     the answer to that request is ignored), `busy`, `no-answer` (not picked up within Timeout) and `fail`.
         *     Seed 003 lost the list; it is in the markdown source of the same "Making Calls" page and in
         *     vbest/twilio-java-client's DialStatus.java @ 031cf9f5 (whose UNKNOWN is the client's own fallback).
         * @enum {string}
         */
        LegacyDialStatus: "answered" | "answered-human" | "answered-machine" | "hangup-machine" | "busy" | "no-answer" | "fail";
        /**
         * @description What Twilio posted to a call's Url under the 2008-08-01 API (http://www.twilio.com/docs/api/2008-08-01/twiml/twilio_request).
         *     CallStatus is text here although the REST resource counts it as an integer. Unknown fields are allowed.
         */
        LegacyVoiceRequestPayload: {
            CallSid: components["schemas"]["CallSid"];
            AccountSid: components["schemas"]["AccountSid"];
            /** @description Who is calling, as Twilio read the number. */
            Caller: string;
            /** @description The number that was called. */
            Called: string;
            /** @enum {string} */
            CallStatus: "in-progress" | "completed" | "busy" | "failed" | "no-answer";
            /** @description Sent on the first request of a call placed through the API. */
            DialStatus?: components["schemas"]["LegacyDialStatus"];
            CallerCity?: string;
            CallerState?: string;
            CallerZip?: string;
            CallerCountry?: string;
            CalledCity?: string;
            CalledState?: string;
            CalledZip?: string;
            CalledCountry?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A message identifier of the SMS/Messages resource, SM followed by 32 hexadecimal digits. */
        SmsSid: string;
        /** @description The form of an SMS/Messages create ("Sending SMS", 2010-04-01). An unknown field is an error. */
        CreateSmsMessageRequest: {
            /**
             * @description The mobile number to text. E.164 is asked for; Twilio also read unformatted numbers such as
             *     `415-555-1212`, taking the From number's country when there is no plus sign, so digits with
             *     separators are read here, with a warning. Anything else is refused with 21211.
             */
            To: components["schemas"]["DialableNumber"];
            /**
             * @description A Twilio number or short code of the account that can send SMS (a personal mobile number cannot be
             *     used); a short code has no plus sign.
             */
            From: string;
            /** @description The text, at most 160 characters on this endpoint (error 21605); Messages.json takes 1600. */
            Body: string;
            /** @description Where Twilio posts SmsSid and SmsStatus (`sent` or `failed`) once the message is processed. */
            StatusCallback?: components["schemas"]["CallbackUrl"];
            /** @description An application whose SmsStatusCallback is told instead; a StatusCallback given as well takes precedence. */
            ApplicationSid?: components["schemas"]["ApplicationSid"];
        };
        /**
         * @description What Twilio posted to a number's SMS URL when a text arrived (Twilio's "TwiML for SMS: Twilio's Request",
         *     http://www.twilio.com/docs/api/twiml/sms/twilio_request). Unknown fields are allowed, as text: Twilio added
         *     some since (the Messages API's MessageSid and NumMedia among them).
         */
        IncomingSmsPayload: {
            /** @description The message's identifier. */
            SmsSid: components["schemas"]["SmsSid"];
            AccountSid: components["schemas"]["AccountSid"];
            /** @description The number that sent the text. */
            From: string;
            /** @description The Twilio number that received it. */
            To: string;
            /** @description The text, up to 160 characters. */
            Body: string;
            FromCity?: string;
            FromState?: string;
            FromZip?: string;
            FromCountry?: string;
            ToCity?: string;
            ToState?: string;
            ToZip?: string;
            ToCountry?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description What Twilio posted to a message's StatusCallback ("Sending SMS", 2010-04-01): the SmsSid, and SmsStatus `sent`
         *     or `failed`. Unknown fields are allowed, as text.
         */
        SmsStatusCallbackPayload: {
            SmsSid: components["schemas"]["SmsSid"];
            /** @enum {string} */
            SmsStatus: "sent" | "failed";
            AccountSid?: components["schemas"]["AccountSid"];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A message of the SMS/Messages resource in its JSON form (field names of twilio-java's generated SmsMessage
         *     model @ 025582c7, values as the SMS resource page describes them). An unknown key is a warning.
         */
        SmsMessage: {
            sid: components["schemas"]["SmsSid"];
            date_created?: components["schemas"]["Rfc2822DateTime"] | null;
            date_updated?: components["schemas"]["Rfc2822DateTime"] | null;
            /** @description Null until the message has gone out. */
            date_sent?: components["schemas"]["Rfc2822DateTime"] | null;
            account_sid: components["schemas"]["AccountSid"];
            to: string;
            from: string;
            body: string;
            /**
             * @description `queued`, `sending`, `sent` and `failed` for a message you send; `received` for one sent to you (the
             *     earliest version of the page lists only the first four).
             * @enum {string}
             */
            status: "queued" | "sending" | "sent" | "failed" | "received";
            /**
             * @description `outbound-api` for this create, `outbound-call` for `<Sms>` during a call, `outbound-reply` for an
             *     answer to an incoming text, `inbound` for a received one.
             * @enum {string}
             */
            direction: "inbound" | "outbound-api" | "outbound-call" | "outbound-reply";
            /** @description What the message cost, empty until it is known. */
            price?: string | null;
            price_unit?: string | null;
            /**
             * @description The API version the message was created through, which it keeps: 45 of the 50 messages in
             *     twilio-python's 2011 test resources (tests/resources/sms_messages_list.json), listed through 2010-04-01,
             *     say 2008-08-01, as do Twilio's 2016 generated definitions.
             * @enum {string}
             */
            api_version: "2010-04-01" | "2008-08-01";
            uri: string;
        };
        /**
         * @description A message of SMS/Messages in the XML representation, `<SMSMessage>` as Twilio's "Sending SMS" reference for
         *     2010-04-01 showed it: each JSON key in PascalCase with the value the JSON key takes, an empty element null,
         *     `<Uri>` without `.json`.
         */
        SmsMessageXml: {
            Sid: components["schemas"]["SmsMessage"]["sid"];
            DateCreated?: components["schemas"]["SmsMessage"]["date_created"];
            DateUpdated?: components["schemas"]["SmsMessage"]["date_updated"];
            DateSent?: components["schemas"]["SmsMessage"]["date_sent"];
            AccountSid: components["schemas"]["SmsMessage"]["account_sid"];
            To: components["schemas"]["SmsMessage"]["to"];
            From: components["schemas"]["SmsMessage"]["from"];
            Body: components["schemas"]["SmsMessage"]["body"];
            Status: components["schemas"]["SmsMessage"]["status"];
            Direction: components["schemas"]["SmsMessage"]["direction"];
            Price?: components["schemas"]["SmsMessage"]["price"];
            PriceUnit?: components["schemas"]["SmsMessage"]["price_unit"];
            ApiVersion: components["schemas"]["SmsMessage"]["api_version"];
            /** @description The message's path in the XML representation. */
            Uri: string;
        };
        /** @description A message in XML, `<TwilioResponse><SMSMessage>...</SMSMessage></TwilioResponse>`. */
        SmsMessageXmlResponse: {
            SMSMessage: components["schemas"]["SmsMessageXml"];
        };
    };
    responses: {
        /**
         * @description The call was queued, as `<TwilioResponse><Call>` in XML (the 2008-08-01 API's default representation).
         *     Empty elements (`<CallSegmentSid/>`, `<EndTime/>`, `<Price/>`) mean null.
         */
        LegacyCallCreated: {
            headers: {
                /** @description Sent by the mock on every answer of this retired API. */
                Deprecation?: string;
                [name: string]: unknown;
            };
            content: {
                "application/xml": components["schemas"]["LegacyCallResponse"];
            };
        };
        /** @description The form body breaks a rule; `message` says which. */
        InvalidCreateRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description The form body breaks a rule; `message` says which. */
        InvalidUpdateRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description A filter or paging parameter breaks a rule. */
        InvalidListRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description A path identifier is malformed. */
        InvalidPathRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description A path identifier is malformed, or the call is still live. */
        InvalidDeleteRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description No credentials, or credentials Twilio does not accept. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description The account in the path does not exist or is not yours. */
        AccountNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description No call with this Sid on the account. */
        CallNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description Too many requests at once for the account; wait `Retry-After` seconds when it is sent. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before the next attempt. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description The request breaks a rule; `<Code>` and `<Message>` say which, as `code` and `message` do in JSON. */
        XmlInvalidRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/xml": components["schemas"]["TwilioErrorXmlResponse"];
            };
        };
        /** @description No credentials, or credentials Twilio does not accept. */
        XmlUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/xml": components["schemas"]["TwilioErrorXmlResponse"];
            };
        };
        /** @description The account in the path does not exist or is not yours. */
        XmlAccountNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/xml": components["schemas"]["TwilioErrorXmlResponse"];
            };
        };
        /** @description No call with this Sid on the account. */
        XmlCallNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/xml": components["schemas"]["TwilioErrorXmlResponse"];
            };
        };
        /** @description Too many requests at once for the account; wait `Retry-After` seconds when it is sent. */
        XmlTooManyRequests: {
            headers: {
                /** @description Seconds to wait before the next attempt. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/xml": components["schemas"]["TwilioErrorXmlResponse"];
            };
        };
    };
    parameters: {
        /** @description The account that owns the calls. */
        AccountSid: components["schemas"]["AccountSid"];
        /** @description The call to act on. */
        CallSidPath: components["schemas"]["CallSid"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listCalls: {
        parameters: {
            query?: {
                /** @description Only calls placed to this address. */
                To?: components["schemas"]["Address"];
                /** @description Only calls placed from this address. */
                From?: components["schemas"]["Address"];
                /** @description Only the child legs of this call. */
                ParentCallSid?: components["schemas"]["CallSid"];
                /** @description Only calls currently in this status. */
                Status?: components["schemas"]["CallStatus"];
                /** @description Only calls that started on this day (UTC), or at this time. */
                StartTime?: components["schemas"]["DateFilter"];
                /** @description Only calls that started on or before this day or time. */
                "StartTime<"?: components["schemas"]["DateFilter"];
                /** @description Only calls that started on or after this day or time. */
                "StartTime>"?: components["schemas"]["DateFilter"];
                /** @description Only calls that ended on this day (UTC), or at this time. */
                EndTime?: components["schemas"]["DateFilter"];
                /** @description Only calls that ended on or before this day or time. */
                "EndTime<"?: components["schemas"]["DateFilter"];
                /** @description Only calls that ended on or after this day or time. */
                "EndTime>"?: components["schemas"]["DateFilter"];
                /** @description How many calls one page holds. */
                PageSize?: number;
                /** @description Zero-based index of the page. Only meaningful together with the PageToken Twilio handed out. */
                Page?: number;
                /** @description Opaque cursor taken from a `next_page_uri` or `previous_page_uri`. */
                PageToken?: string;
            };
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of calls. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallPage"];
                };
            };
            400: components["responses"]["InvalidListRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["AccountNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["CreateCallRequest"];
            };
        };
        responses: {
            /** @description The call was queued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedCall"];
                };
            };
            400: components["responses"]["InvalidCreateRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["AccountNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    fetchCallXml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The call. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["CallXmlResponse"];
                };
            };
            400: components["responses"]["XmlInvalidRequest"];
            401: components["responses"]["XmlUnauthorized"];
            404: components["responses"]["XmlCallNotFound"];
            429: components["responses"]["XmlTooManyRequests"];
        };
    };
    updateCallXml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["UpdateCallRequest"];
            };
        };
        responses: {
            /** @description The call after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["CallXmlResponse"];
                };
            };
            400: components["responses"]["XmlInvalidRequest"];
            401: components["responses"]["XmlUnauthorized"];
            404: components["responses"]["XmlCallNotFound"];
            429: components["responses"]["XmlTooManyRequests"];
        };
    };
    deleteCallXml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["XmlInvalidRequest"];
            401: components["responses"]["XmlUnauthorized"];
            404: components["responses"]["XmlCallNotFound"];
            429: components["responses"]["XmlTooManyRequests"];
        };
    };
    fetchCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The call. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Call"];
                };
            };
            400: components["responses"]["InvalidPathRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["CallNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["UpdateCallRequest"];
            };
        };
        responses: {
            /** @description The call after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Call"];
                };
            };
            400: components["responses"]["InvalidUpdateRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["CallNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
                /** @description The call to act on. */
                Sid: components["parameters"]["CallSidPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidDeleteRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["CallNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createLegacyCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["LegacyCreateCallRequest"];
            };
        };
        responses: {
            200: components["responses"]["LegacyCallCreated"];
            201: components["responses"]["LegacyCallCreated"];
            /** @description The form breaks a rule; `<Code>` and `<MoreInfo>` say which. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["LegacyErrorResponse"];
                };
            };
            /** @description No credentials, or credentials Twilio does not accept. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["LegacyErrorResponse"];
                };
            };
            /** @description The account in the path is unknown. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["LegacyErrorResponse"];
                };
            };
        };
    };
    createSmsMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["CreateSmsMessageRequest"];
            };
        };
        responses: {
            /** @description The message was queued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SmsMessage"];
                };
            };
            /** @description The form breaks a rule; `code` says which (21602, 21603, 21604, 21605, 21211, ...). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwilioError"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["AccountNotFound"];
            /**
             * @description The resource is gone: reported for this endpoint since its shutdown (see the operation's description).
             *     The body Twilio sends with it is not recorded, so any JSON error body of Twilio's shape is read here.
             */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwilioError"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listCallsXml: {
        parameters: {
            query?: {
                /** @description Only calls placed to this address. */
                To?: components["schemas"]["Address"];
                /** @description Only calls placed from this address. */
                From?: components["schemas"]["Address"];
                /** @description Only the child legs of this call. */
                ParentCallSid?: components["schemas"]["CallSid"];
                /** @description Only calls currently in this status. */
                Status?: components["schemas"]["CallStatus"];
                /** @description Only calls that started on this day (UTC), or at this time. */
                StartTime?: components["schemas"]["DateFilter"];
                /** @description Only calls that started on or before this day or time. */
                "StartTime<"?: components["schemas"]["DateFilter"];
                /** @description Only calls that started on or after this day or time. */
                "StartTime>"?: components["schemas"]["DateFilter"];
                /** @description Only calls that ended on this day (UTC), or at this time. */
                EndTime?: components["schemas"]["DateFilter"];
                /** @description Only calls that ended on or before this day or time. */
                "EndTime<"?: components["schemas"]["DateFilter"];
                /** @description Only calls that ended on or after this day or time. */
                "EndTime>"?: components["schemas"]["DateFilter"];
                /** @description How many calls one page holds. */
                PageSize?: number;
                /** @description Zero-based index of the page. Only meaningful together with the PageToken Twilio handed out. */
                Page?: number;
                /** @description Opaque cursor taken from a `next_page_uri` or `previous_page_uri`. */
                PageToken?: string;
            };
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of calls. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["CallPageXmlResponse"];
                };
            };
            400: components["responses"]["XmlInvalidRequest"];
            401: components["responses"]["XmlUnauthorized"];
            404: components["responses"]["XmlAccountNotFound"];
            429: components["responses"]["XmlTooManyRequests"];
        };
    };
    createCallXml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["CreateCallRequest"];
            };
        };
        responses: {
            /** @description The call was queued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["CallXmlResponse"];
                };
            };
            400: components["responses"]["XmlInvalidRequest"];
            401: components["responses"]["XmlUnauthorized"];
            404: components["responses"]["XmlAccountNotFound"];
            429: components["responses"]["XmlTooManyRequests"];
        };
    };
    createSmsMessageXml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account that owns the calls. */
                AccountSid: components["parameters"]["AccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["CreateSmsMessageRequest"];
            };
        };
        responses: {
            /** @description The message was queued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["SmsMessageXmlResponse"];
                };
            };
            /** @description The form breaks a rule; `<Code>` says which (21602, 21603, 21604, 21605, 21211, ...). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["TwilioErrorXmlResponse"];
                };
            };
            401: components["responses"]["XmlUnauthorized"];
            404: components["responses"]["XmlAccountNotFound"];
            /** @description The resource is gone, as createSmsMessage's 410 says. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": components["schemas"]["TwilioErrorXmlResponse"];
                };
            };
            429: components["responses"]["XmlTooManyRequests"];
        };
    };
    statusCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["StatusCallbackPayload"];
            };
        };
        responses: {
            /** @description Any 2xx tells Twilio the event arrived; the body is ignored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    recordingStatusCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["RecordingStatusCallbackPayload"];
            };
        };
        responses: {
            /** @description Any 2xx tells Twilio the event arrived. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    asyncAmdStatusCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["AsyncAmdStatusPayload"];
            };
        };
        responses: {
            /** @description Any 2xx tells Twilio the result arrived. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    voiceRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["VoiceRequestPayload"];
            };
        };
        responses: {
            /** @description TwiML for the call. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
        };
    };
    legacyVoiceRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["LegacyVoiceRequestPayload"];
            };
        };
        responses: {
            /** @description TwiML for the call. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
        };
    };
    smsRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["IncomingSmsPayload"];
            };
        };
        responses: {
            /** @description Messaging TwiML for the text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
        };
    };
    smsStatusCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SmsStatusCallbackPayload"];
            };
        };
        responses: {
            /** @description Any 2xx tells Twilio the result arrived; the body is ignored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
