// The flags each command takes, in one place: main parses with these tables, each command's flag type is derived
// from them, and the help text and the commands read the defaults from here.

/** Where `mock` listens without --port. */
export const DEFAULT_MOCK_PORT = 4010;
/** Where `proxy` listens without --port. */
export const DEFAULT_PROXY_PORT = 4011;
/** `verify --timeout`: the whole run's limit, in seconds. */
export const DEFAULT_VERIFY_SECONDS = 300;

export const MOCK_FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  dynamic: { type: "boolean" },
  seed: { type: "string" },
  stateful: { type: "boolean" },
  clock: { type: "string" },
  "time-scale": { type: "string" },
  "calls-per-second": { type: "string" },
  /** The most calls the stateful mock keeps across all accounts (startMock's maxCalls). */
  "max-calls": { type: "string" },
  /** The most calls the stateful mock keeps per account (startMock's maxCallsPerAccount). */
  "max-calls-per-account": { type: "string" },
  "check-responses": { type: "boolean" },
  "prism-only": { type: "boolean" },
} as const;

/** One table for `verify` and `verify --har`: the replay refuses the flags that only a live run takes. */
export const VERIFY_FLAGS = {
  "base-url": { type: "string" },
  junit: { type: "string" },
  json: { type: "string" },
  "allow-writes": { type: "boolean" },
  /** Fail on warnings too. */
  strict: { type: "boolean" },
  /** The whole run's time limit, in seconds. */
  timeout: { type: "string" },
  /** A HAR file to read and judge instead of sending requests. */
  har: { type: "string" },
  "min-coverage": { type: "string" },
  /** After the fixed corpus, the coverage, fuzz and stateful phases. */
  generate: { type: "boolean" },
  seed: { type: "string" },
  "max-cases": { type: "string" },
  /** Where the failures of the run are kept for --replay. */
  failures: { type: "string" },
  /** A failures file to send again instead of running the phases. */
  replay: { type: "string" },
} as const;

export { DEFAULT_FAILURES_FILE, DEFAULT_MAX_CASES } from "../verify/generate/defaults.js";
/** The most `verify --max-cases` takes. */
export const MOST_CASES = 1_000_000;

export const PROXY_FLAGS = {
  target: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  /** The HAR file the proxy writes its recording to. */
  har: { type: "string" },
  junit: { type: "string" },
  json: { type: "string" },
  enforce: { type: "boolean" },
  strict: { type: "boolean" },
  "min-coverage": { type: "string" },
  "callbacks-to": { type: "string" },
  "public-url": { type: "string" },
} as const;

export const TWIML_FLAGS = {
  kind: { type: "string" },
  method: { type: "string" },
  data: { type: "string" },
  /** What goes to standard output: text (the default) or json. */
  format: { type: "string" },
  /** A file to write the JSON report to, as verify and proxy do. */
  json: { type: "string" },
} as const;

/** `verify-app`: the app's endpoints, the token its signatures use, and verify's reports and limits. */
export const VERIFY_APP_FLAGS = {
  "voice-url": { type: "string" },
  "status-callback": { type: "string" },
  "recording-status-callback": { type: "string" },
  "amd-status-callback": { type: "string" },
  /** A number's SMS URL: the request a text makes (the spec's smsRequest). */
  "sms-url": { type: "string" },
  "auth-token": { type: "string" },
  /** Send requests to an app that is not on this machine. */
  "allow-remote": { type: "boolean" },
  junit: { type: "string" },
  json: { type: "string" },
  strict: { type: "boolean" },
  /** The whole run's time limit, in seconds. */
  timeout: { type: "string" },
  /** The page the walked menu is drawn on. */
  map: { type: "string" },
  "max-depth": { type: "string" },
} as const;

type FlagTable = Record<string, { type: "string" | "boolean" }>;

/** What parsing a table gives: each flag optional, a string or a boolean as its type says. */
export type FlagValues<T extends FlagTable> = { [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string };

export type MockFlags = FlagValues<typeof MOCK_FLAGS>;
export type VerifyFlags = FlagValues<typeof VERIFY_FLAGS>;
export type ProxyFlags = FlagValues<typeof PROXY_FLAGS>;
export type TwimlFlags = FlagValues<typeof TWIML_FLAGS>;
export type VerifyAppFlags = FlagValues<typeof VERIFY_APP_FLAGS>;
