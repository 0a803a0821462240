// The CLI's help, one text for every command: `calls-contract --help` and `calls-contract COMMAND --help` alike.
import { TWILIO_WEBHOOK_TIMEOUT_MS } from "../delivery/overrides.js";
import { DEFAULT_SEND_LIMITS, NO_RESPONSE_STREAK } from "../verify/limits.js";
import { DEFAULT_MENU_DEPTH, SLOW_RESPONSE_MS } from "../verify-app/limits.js";
import {
  DEFAULT_FAILURES_FILE,
  DEFAULT_MAX_CASES,
  DEFAULT_MOCK_PORT,
  DEFAULT_PROXY_PORT,
  DEFAULT_VERIFY_SECONDS,
} from "./command-flags.js";

export const HELP = `calls-contract: Twilio's Calls API as a strict contract

Usage:
  calls-contract mock   [--host 127.0.0.1] [--port ${DEFAULT_MOCK_PORT}] [--dynamic] [--seed N] [--prism-only]
  calls-contract mock   --stateful [--clock real|manual] [--time-scale N] [--calls-per-second N]
                        [--max-calls N] [--max-calls-per-account N] [--check-responses] [--seed N]
                        [--host H] [--port P]
  calls-contract verify [--base-url URL] [--junit FILE] [--json FILE] [--allow-writes] [--strict]
                        [--timeout SECONDS] [--failures FILE]
  calls-contract verify --generate [--seed N] [--max-cases K] [--failures FILE] [--min-coverage PERCENT]
                        [--base-url URL] [--junit FILE] [--json FILE] [--allow-writes] [--strict]
  calls-contract verify --replay FILE [--base-url URL] [--allow-writes] [--junit FILE] [--json FILE]
  calls-contract verify --har FILE [--junit FILE] [--json FILE] [--strict] [--min-coverage PERCENT]
  calls-contract proxy  --target URL [--host 127.0.0.1] [--port ${DEFAULT_PROXY_PORT}] [--har FILE] [--junit FILE]
                        [--json FILE] [--enforce] [--strict] [--min-coverage PERCENT]
                        [--callbacks-to URL [--public-url URL]]
  calls-contract twiml  <file | URL | -> [--kind voice|messaging] [--method GET|POST] [--data FORM]
                        [--format text|json] [--json FILE]
  calls-contract verify-app [--voice-url URL] [--status-callback URL] [--recording-status-callback URL]
                        [--amd-status-callback URL] [--sms-url URL] [--auth-token TOKEN] [--allow-remote]
                        [--junit FILE] [--json FILE] [--strict] [--timeout SECONDS] [--map FILE] [--max-depth N]

Flags that mean the same wherever they are taken:
  --json FILE, --junit FILE  write a report file (creating its folder): verify, verify-app, proxy, twiml
                             (JSON only).
  --har FILE                 a HAR 1.2 recording: verify --har reads one, proxy --har writes one.
  --strict                   warnings fail the run too.
  --min-coverage PERCENT     recorded traffic must cover at least this much of the spec.

mock     serves the spec on loopback until Ctrl-C: Prism's engine behind strict request checks.
         --stateful keeps calls, which move through Twilio's lifecycle on a clock (real, sped up
         by --time-scale, or manual: moved by the admin API); inspector page at /__mock/.
         --max-calls and --max-calls-per-account bound the calls it keeps, in all and per account;
         past a bound the oldest finished call goes, and a create is refused with 429 when every
         call kept is live.
         --prism-only serves bare Prism, without the checks, for comparison.
verify   checks a server against the spec; without --base-url it starts the mock itself.
         Credentials: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (test values for the mock).
         --timeout limits the whole run (default ${DEFAULT_VERIFY_SECONDS} s); each request waits at most ${DEFAULT_SEND_LIMITS.timeoutMs / 1000} s,
         and after ${NO_RESPONSE_STREAK} requests in a row without a response the rest are not sent.
         With --har it sends nothing: it reads the exchanges recorded in FILE (from proxy --har
         or any other tool), judges them with the same checks (one per exchange and check) and
         prints what of the spec they covered.
         --min-coverage fails the run when the mean of the four coverage shares (operations,
         parameters, enum values, status codes) is below PERCENT.
         --generate adds, after the fixed corpus, up to --max-cases requests (default ${DEFAULT_MAX_CASES}):
         coverage cases from the spec (each enum value, bound and one past it, keys missing,
         twice, unknown), fuzz cases drawn with --seed N (printed; the same seed sends the same
         cases), each judged by the project's validators on its bytes before it is sent, and
         stateful sequences through createCall's links (fetch, list, filters, paging, ending
         rules, delete, another account). Without --base-url it starts the mock stateful, on a
         manual clock, with a made-up second account; against another server the isolation
         checks need TWILIO_SECOND_ACCOUNT_SID and TWILIO_SECOND_AUTH_TOKEN. It prints what it
         covered and each failure shrunk, with a curl line, and keeps them in --failures FILE
         (default ${DEFAULT_FAILURES_FILE}).
         --replay FILE sends exactly those failures again and says which now pass (exit 1
         while any fails); writes go to a server off loopback only with --allow-writes.
         Exits 0 when no check fails (warnings alone pass), 1 on an error, or on a warning
         with --strict, or below --min-coverage, 2 on a usage or start-up error.
proxy    passes every request on to --target and every response back unchanged, checking both
         against the spec and writing each exchange (secrets redacted) to the --har file. It never
         blocks unless --enforce, which refuses a request that breaks the contract with
         Twilio's 400 and does not pass it on. With --callbacks-to (and TWILIO_AUTH_TOKEN) it
         also takes Twilio's callbacks under /callbacks/status, /recording, /amd and /voice,
         checks their signature and fields, and passes them on to the app's URL. On Ctrl-C or
         SIGTERM it prints the table and the coverage, writes the reports, and exits as verify.
twiml    checks a TwiML document: a file, standard input (-), or what a URL on this machine
         responds with (asked for as Twilio asks, by POST unless --method GET, with --data as
         its form fields; redirects are not followed). Prints each error and warning with its
         line, column and element path, or with --format json the same as one JSON report.
         Exits 0 when there is no error (warnings alone pass), 1 on an error, 2 on a usage
         error or a source it cannot read.
verify-app  holds a voice app's webhook handlers to the spec. Each URL given gets the requests
         Twilio sends it, made from the spec's webhooks (the examples, every enum value, each
         optional field left out, fields the spec does not name, SIP and Client addresses, GET),
         signed with --auth-token or TWILIO_AUTH_TOKEN, and forged ones it must refuse with 401
         or 403. The voice URL's menu is walked through the action URLs of its Gather, Record
         and Dial, --max-depth requests deep (default ${DEFAULT_MENU_DEPTH}); --map FILE draws it as a page.
         --sms-url gets the request a text makes to a number's SMS URL (the spec's smsRequest).
         Only URLs on this machine are requested unless --allow-remote. Each response waits at
         most ${TWILIO_WEBHOOK_TIMEOUT_MS / 1000} s, as on Twilio (over ${SLOW_RESPONSE_MS / 1000} s is a warning); --timeout limits the
         whole run (default ${DEFAULT_VERIFY_SECONDS} s). Reports and exit codes as verify's.
`;
