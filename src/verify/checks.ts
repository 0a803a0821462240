// The catalogue of named checks `calls-contract verify` runs against a server, and the loop that runs them.
import { isLoopbackUrl } from "../loopback.js";
import { operations, validateResponse } from "../validation/index.js";
import { type RequestCase, requestCorpus } from "./corpus.js";
import { type Credentials, type Exchange, send, writesSomething } from "./http.js";

export const CHECKS = {
  "accepts-valid-request": "a request the spec allows gets the operation's success status (or 404 for an unknown call)",
  "rejects-invalid-request": "a request the spec forbids gets 400",
  "status-declared": "every status code the server answers with is declared for the operation",
  "response-schema": "every response body matches the schema declared for its status, with no extra keys",
  "requires-auth": "a request without credentials gets 401",
} as const;
export type CheckName = keyof typeof CHECKS;

export interface CheckOutcome {
  check: CheckName;
  operation: string;
  /** What was sent, in words: "rejects Timeout 601". */
  subject: string;
  request: string;
  passed: boolean;
  expected: string;
  actual: string;
  /** One line per schema violation, for response-schema failures. */
  details: string[];
}

export interface VerifyOptions {
  baseUrl: string;
  credentials: Credentials;
  /** Send createCall, updateCall and deleteCall cases even when the server is not on loopback. */
  allowWrites?: boolean;
  onOutcome?: (outcome: CheckOutcome, index: number, total: number) => void;
}

export interface VerifyResult {
  outcomes: CheckOutcome[];
  /** Cases not sent, with why. */
  skipped: Array<{ operation: string; subject: string; reason: string }>;
}

function describeAnswer(exchange: Exchange): string {
  const body = exchange.body as { code?: unknown; message?: unknown } | undefined;
  const twilio =
    body && typeof body === "object" && "message" in body
      ? ` (code ${String(body.code)}: ${String(body.message)})`
      : "";
  return `${exchange.status}${twilio}`;
}

function responseOutcomes(
  operation: RequestCase["operation"],
  subject: string,
  request: string,
  exchange: Exchange,
): CheckOutcome[] {
  const declared = Object.keys(operations[operation].validators.responses);
  const isDeclared = declared.includes(String(exchange.status));
  const outcomes: CheckOutcome[] = [
    {
      check: "status-declared",
      operation,
      subject,
      request,
      passed: isDeclared,
      expected: `one of ${declared.join(", ")}`,
      actual: String(exchange.status),
      details: [],
    },
  ];
  if (isDeclared) {
    const result = validateResponse(operation, exchange.status, exchange.body);
    outcomes.push({
      check: "response-schema",
      operation,
      subject,
      request,
      passed: result.valid,
      expected: `the ${exchange.status} body declared by the spec`,
      actual: result.valid ? "conforming body" : `${result.violations.length} violation(s)`,
      details: result.violations.map((v) => v.message),
    });
  }
  return outcomes;
}

function verdictOutcome(testCase: RequestCase, request: string, exchange: Exchange): CheckOutcome {
  const manifest = operations[testCase.operation];
  const subject = `${testCase.expect}s ${testCase.name}`;
  if (testCase.expect === "accept") {
    const allowed = [manifest.successStatus, ...(manifest.pathParams.includes("Sid") ? [404] : [])];
    return {
      check: "accepts-valid-request",
      operation: testCase.operation,
      subject,
      request,
      passed: allowed.includes(exchange.status),
      expected: allowed.join(" or "),
      actual: describeAnswer(exchange),
      details: [],
    };
  }
  const breaks = testCase.breaks ? ` (breaks ${testCase.breaks.rule} on ${testCase.breaks.field})` : "";
  return {
    check: "rejects-invalid-request",
    operation: testCase.operation,
    subject,
    request,
    passed: exchange.status === 400,
    expected: `400${breaks}`,
    actual: describeAnswer(exchange),
    details: [],
  };
}

const AUTH_CASES: RequestCase[] = [
  { name: "without credentials", operation: "listCalls", expect: "reject" },
  { name: "without credentials", operation: "fetchCall", expect: "reject" },
  {
    name: "without credentials",
    operation: "createCall",
    expect: "reject",
    body: [
      ["To", "+13105555555"],
      ["From", "+12125551234"],
      ["Url", "https://example.com/twiml"],
    ],
  },
];

/** Which requests verify sends to this server, and which it holds back (writes to a server not on loopback). */
export function planRequests(baseUrl: string, allowWrites = false) {
  const mayWrite = allowWrites || isLoopbackUrl(baseUrl);
  const skipped: VerifyResult["skipped"] = [];
  const plan = [
    ...requestCorpus.map((testCase) => ({ testCase, auth: true })),
    ...AUTH_CASES.map((testCase) => ({ testCase, auth: false })),
  ];
  const runnable = plan.filter(({ testCase }) => {
    if (mayWrite || !writesSomething(testCase)) return true;
    skipped.push({
      operation: testCase.operation,
      subject: testCase.name,
      reason: "could place or change a call on a server that is not on loopback; pass --allow-writes to send it",
    });
    return false;
  });
  return { runnable, skipped };
}

async function exchangeOrFailure(
  baseUrl: string,
  credentials: Credentials | undefined,
  testCase: RequestCase,
): Promise<Exchange | string> {
  try {
    return await send(baseUrl, credentials, testCase);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `no answer (${cause?.code ?? cause?.message ?? (error as Error).message})`;
  }
}

export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const { runnable, skipped } = planRequests(options.baseUrl, options.allowWrites);
  const outcomes: CheckOutcome[] = [];
  let index = 0;
  for (const { testCase, auth } of runnable) {
    index += 1;
    const exchange = await exchangeOrFailure(options.baseUrl, auth ? options.credentials : undefined, testCase);
    let produced: CheckOutcome[];
    if (typeof exchange === "string") {
      const subject = auth ? `${testCase.expect}s ${testCase.name}` : testCase.name;
      produced = [
        {
          check: "status-declared",
          operation: testCase.operation,
          subject,
          request: `${operations[testCase.operation].method} ${testCase.operation}`,
          passed: false,
          expected: "an HTTP answer",
          actual: exchange,
          details: [],
        },
      ];
    } else {
      const request = `${exchange.method} ${exchange.target}`;
      produced = auth
        ? [
            verdictOutcome(testCase, request, exchange),
            ...responseOutcomes(testCase.operation, `${testCase.expect}s ${testCase.name}`, request, exchange),
          ]
        : [
            {
              check: "requires-auth" as const,
              operation: testCase.operation,
              subject: testCase.name,
              request,
              passed: exchange.status === 401,
              expected: "401",
              actual: describeAnswer(exchange),
              details: [],
            },
            ...responseOutcomes(testCase.operation, testCase.name, request, exchange),
          ];
    }
    for (const outcome of produced) {
      outcomes.push(outcome);
      options.onOutcome?.(outcome, index, runnable.length);
    }
  }
  return { outcomes, skipped };
}
