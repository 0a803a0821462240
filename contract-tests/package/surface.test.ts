// What the package offers, name by name: each entry point's exports as the type checker sees them (values and
// types). A change to the surface must show here as a diff, so that adding or dropping a public name is a decision.
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const ENTRIES = {
  "calls-contract": "src/index.ts",
  "calls-contract/client": "src/client/index.ts",
  "calls-contract/mock": "src/mock/index.ts",
  "calls-contract/verify": "src/verify/index.ts",
  "calls-contract/verify-app": "src/verify-app/index.ts",
} as const;

const program = ts.createProgram(
  Object.values(ENTRIES).map((file) => `${root}${file}`),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
);
const checker = program.getTypeChecker();

function exportsOf(entry: keyof typeof ENTRIES): ts.Symbol[] {
  const source = program.getSourceFile(`${root}${ENTRIES[entry]}`);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${ENTRIES[entry]} could not be read`);
  return checker.getExportsOfModule(module);
}

/** An entry's exported names, types written `type Name`, sorted. */
function surfaceOf(entry: keyof typeof ENTRIES): string[] {
  return exportsOf(entry)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.flags & ts.SymbolFlags.Value ? symbol.name : `type ${symbol.name}`;
    })
    .sort();
}

/** The property names of an exported interface or type alias. */
function propertiesOf(entry: keyof typeof ENTRIES, name: string): string[] {
  const symbol = exportsOf(entry).find((s) => s.name === name);
  if (!symbol) throw new Error(`${entry} exports no ${name}`);
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return checker
    .getDeclaredTypeOfSymbol(target)
    .getProperties()
    .map((p) => p.name)
    .sort();
}

const CLIENT = [
  "CallsError",
  "TWILIO_API_BASE_URL",
  "TwilioApiError",
  "createCallQueue",
  "createCallsClient",
  "createHttpTransport",
  "encodeForm",
  "isTwilioError",
  "type AnsweredBy",
  "type Call",
  "type CallDirection",
  "type CallPage",
  "type CallQueue",
  "type CallQueueOptions",
  "type CallStatus",
  "type CallsClient",
  "type CallsClientOptions",
  "type CallsErrorKind",
  "type CreateCallParams",
  "type CreateSmsMessageParams",
  "type Fetch",
  "type HttpTransportOptions",
  "type ListCallsFilters",
  "type OperationError",
  "type RequestOptions",
  "type RetryOptions",
  "type SmsMessage",
  "type TransportKind",
  "type TwilioErrorBody",
  "type TwilioErrorCode",
  "type TwilioErrorWithCode",
  "type UpdateCallParams",
  "type components",
  "type operations",
  "type paths",
];

const VALIDATORS_TWIML_WEBHOOKS = [
  "IDEMPOTENCY_TOKEN_HEADER",
  "SIGNATURE_SETTINGS_HEADER",
  "WebhookError",
  "computeSignature",
  "deliverWebhook",
  "isValidSignature",
  "parseWebhook",
  "readConnectionOverrides",
  "type AsyncAmdStatusPayload",
  "type ConnectionOverrides",
  "type DeliveryAttempt",
  "type DeliveryOptions",
  "type DeliveryOutcome",
  "type DeliveryVariation",
  "type SharedKey",
  "type SignatureAlgorithm",
  "type WebhookRequest",
  "type IncomingSmsPayload",
  "type FormInput",
  "type IncomingWebhook",
  "type LegacyVoiceRequestPayload",
  "type Location",
  "type OperationId",
  "type RecordingStatusCallbackPayload",
  "type SmsStatusCallbackPayload",
  "type Severity",
  "type StatusCallbackPayload",
  "type TwimlKind",
  "type TwimlOptions",
  "type TwimlResult",
  "type TwimlViolation",
  "type ValidationResult",
  "type Violation",
  "type VoiceRequestPayload",
  "type WebhookId",
  "type WebhookPayloads",
  "validateBody",
  "validateCall",
  "validateCallPage",
  "validateCreateCallRequest",
  "validateLegacyCall",
  "validateLegacyError",
  "validateListCallsQuery",
  "validatePathParams",
  "validateQuery",
  "validateResponse",
  "validateSmsMessage",
  "validateTwilioError",
  "validateTwiml",
  "validateUpdateCallRequest",
  "validateWebhook",
];

describe("the package's public surface", () => {
  it("calls-contract: the client, the spec's types, the validators, TwiML and webhooks", () => {
    expect(surfaceOf("calls-contract")).toEqual([...CLIENT, ...VALIDATORS_TWIML_WEBHOOKS].sort());
  });

  it("calls-contract/client: the client and the spec's types, without the validators", () => {
    expect(surfaceOf("calls-contract/client")).toEqual([...CLIENT].sort());
  });

  it("calls-contract/mock: starting the mock and driving the stateful one, nothing of its store", () => {
    expect(surfaceOf("calls-contract/mock")).toEqual([
      "MOCK_SPEC_PATH",
      "MockAdminError",
      "MockStartError",
      "SCENARIO_NUMBERS",
      "createAdminClient",
      "startMock",
      "type AdminApplication",
      "type AdminApplicationConfig",
      "type AdminClient",
      "type AdminClock",
      "type AdminConversationEntry",
      "type AdminFault",
      "type AdminFaultList",
      "type AdminFaultSpec",
      "type AdminJournal",
      "type AdminNumber",
      "type AdminNumberConfig",
      "type AdminOutcomeChange",
      "type AdminScenario",
      "type AdminState",
      "type AdminTextTimeline",
      "type AdminTimeline",
      "type MockOptions",
      "type RunningMock",
    ]);
  });

  it("calls-contract/verify: the run, its checks and its corpus", () => {
    expect(surfaceOf("calls-contract/verify")).toEqual([
      "CHECKS",
      "DEFAULT_FAILURES_FILE",
      "NO_RESPONSE_STREAK",
      "planRequests",
      "readFailuresFile",
      "replayFailures",
      "requestCorpus",
      "runVerify",
      "type CheckName",
      "type CheckOutcome",
      "type Credentials",
      "type FailuresFile",
      "type GenerateOptions",
      "type PlannedRequest",
      "type ReplayFailuresOptions",
      "type ReplayFailuresResult",
      "type ReplayOutcome",
      "type ReplayableFailure",
      "type RequestCase",
      "type VerifyOptions",
      "type VerifyResult",
      "writeFailuresFile",
    ]);
  });

  it("calls-contract/verify-app: the run, its checks and the menu map", () => {
    expect(surfaceOf("calls-contract/verify-app")).toEqual([
      "APP_CHECKS",
      "NO_RESPONSE_STREAK",
      "renderMenuMap",
      "runVerifyApp",
      "type AppCheckName",
      "type AppEndpoints",
      "type AppOutcome",
      "type AppWebhook",
      "type MenuNode",
      "type VerifyAppOptions",
      "type VerifyAppResult",
    ]);
  });

  it("keeps the running mock's store out of its public type", () => {
    expect(propertiesOf("calls-contract/mock", "RunningMock")).toEqual([
      "adminUrl",
      "baseUrl",
      "exited",
      "logTail",
      "pid",
      "settled",
      "stop",
    ]);
  });
});
