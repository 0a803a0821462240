// Twilio's connection overrides: settings for one webhook written in its URL's fragment (`#ct=1000&rc=3&rp=all`),
// read here as Twilio reads them. Source: "Webhook connection overrides",
// https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides (bounds and defaults of ct, rt, tt and
// rc; rp's default `ct`), and the error dictionary: 11243 "HTTP retry policy is invalid" for an rp Twilio does not
// know (https://www.twilio.com/docs/api/errors/11243). The fragment is never sent: a client does not put it on the
// request line, and the signature is computed over the URL without it (webhook-delivery.ts).

/** What a failed attempt may be retried for: connect failure, read failure, a 4xx or a 5xx response. */
export type RetryOn = "ct" | "rt" | "4xx" | "5xx";

export interface ConnectionOverrides {
  /** How long to wait for the TCP connection (ct). */
  connectTimeoutMs: number;
  /** How long to wait for the response's first bytes, and between its packets, once connected (rt). */
  readTimeoutMs: number;
  /** The time allowed for every attempt together, retries included (tt). */
  totalTimeoutMs: number;
  /** How many times a failed attempt is tried again (rc). */
  retryCount: number;
  /** Which failures are retried (rp). */
  retryPolicy: ReadonlySet<RetryOn>;
  /** Whether the URL set tt: only then is running out of it Twilio's 11203 rather than 11205. */
  totalTimeoutGiven: boolean;
}

interface NumericRule {
  key: "ct" | "rt" | "tt" | "rc";
  field: "connectTimeoutMs" | "readTimeoutMs" | "totalTimeoutMs" | "retryCount";
  min: number;
  max: number;
  default: number;
}

/** Each numeric override with Twilio's bounds and default, as its connection overrides page gives them. */
export const NUMERIC_OVERRIDES: readonly NumericRule[] = [
  { key: "ct", field: "connectTimeoutMs", min: 100, max: 10_000, default: 5_000 },
  { key: "rt", field: "readTimeoutMs", min: 100, max: 15_000, default: 15_000 },
  { key: "tt", field: "totalTimeoutMs", min: 100, max: 15_000, default: 15_000 },
  { key: "rc", field: "retryCount", min: 0, max: 5, default: 1 },
];

const RETRY_VALUES: ReadonlySet<string> = new Set(["ct", "rt", "4xx", "5xx", "all"]);
/** rp when the URL names none: a failed connection only (the page's default). */
export const DEFAULT_RETRY_POLICY: readonly RetryOn[] = ["ct"];
// Keys the page lists that choose where a request leaves Twilio (edge, region, SNI): nothing to choose on loopback.
const NO_MEANING_HERE: ReadonlySet<string> = new Set(["e", "r", "sni", "edge", "region"]);

const defaultOf = (key: NumericRule["key"]) => NUMERIC_OVERRIDES.find((rule) => rule.key === key)?.default ?? 0;

export const DEFAULT_OVERRIDES: ConnectionOverrides = {
  connectTimeoutMs: defaultOf("ct"),
  readTimeoutMs: defaultOf("rt"),
  totalTimeoutMs: defaultOf("tt"),
  retryCount: defaultOf("rc"),
  retryPolicy: new Set(DEFAULT_RETRY_POLICY),
  totalTimeoutGiven: false,
};

/** How long Twilio waits for an app's response to a webhook unless the URL says otherwise: tt's default, 15 s. */
export const TWILIO_WEBHOOK_TIMEOUT_MS = DEFAULT_OVERRIDES.totalTimeoutMs;

export interface ReadOverrides {
  /** The URL as it is requested and signed: without its fragment. */
  url: string;
  overrides: ConnectionOverrides;
  /** What was adjusted or ignored, in words (a value out of bounds, a malformed one, an unknown key). */
  notes: string[];
  /** Set when Twilio would not send the request at all: an rp it does not know is its error 11243. */
  refused?: { code: 11243; reason: string };
}

function readNumber(rule: NumericRule, raw: string, notes: string[]): number {
  if (!/^\d+$/.test(raw)) {
    notes.push(`${rule.key}=${JSON.stringify(raw)} is not a whole number; the default ${rule.default} applies`);
    return rule.default;
  }
  const value = Number(raw);
  // The page gives bounds but no rule for a value past them: the mock keeps the nearest bound, and says so.
  if (value < rule.min || value > rule.max) {
    const bounded = Math.min(rule.max, Math.max(rule.min, value));
    notes.push(`${rule.key}=${value} is outside ${rule.min}..${rule.max}; ${bounded} applies`);
    return bounded;
  }
  return value;
}

function readPolicy(raw: string): Set<RetryOn> | string {
  const names = raw.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !RETRY_VALUES.has(name));
  if (unknown.length > 0 || raw === "") return `rp names ${JSON.stringify(raw)}; it takes ct, rt, 4xx, 5xx or all`;
  if (names.includes("all")) return new Set<RetryOn>(["ct", "rt", "4xx", "5xx"]);
  return new Set(names as RetryOn[]);
}

/** The overrides a webhook URL's fragment sets, Twilio's defaults for the rest, and the URL without the fragment. */
export function readConnectionOverrides(url: string): ReadOverrides {
  const parsed = new URL(url);
  const fragment = parsed.hash.slice(1);
  parsed.hash = "";
  const overrides: ConnectionOverrides = { ...DEFAULT_OVERRIDES };
  const notes: string[] = [];
  for (const [key, value] of new URLSearchParams(fragment)) {
    const rule = NUMERIC_OVERRIDES.find((r) => r.key === key);
    if (rule) {
      overrides[rule.field] = readNumber(rule, value, notes);
      if (rule.key === "tt") overrides.totalTimeoutGiven = true;
    } else if (key === "rp") {
      const policy = readPolicy(value);
      if (typeof policy === "string")
        return { url: parsed.toString(), overrides, notes, refused: { code: 11243, reason: policy } };
      overrides.retryPolicy = policy;
    } else if (NO_MEANING_HERE.has(key))
      notes.push(`${key} chooses how Twilio's request leaves its network; ignored here`);
    else notes.push(`${key} is not a connection override; ignored`);
  }
  return { url: parsed.toString(), overrides, notes };
}
