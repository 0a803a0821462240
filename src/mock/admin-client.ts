// A typed client for the stateful mock's admin API (openapi/mock-admin.yaml), for tests that steer the mock:
// move the clock, decide outcomes, read a call's timeline and the request journal; and for the call simulator, give
// an account its auth token, numbers and TwiML Apps, place an inbound call, and be the caller who presses keys,
// speaks and hangs up, and text a number; and put faults in place. Errors throw with the mock's own message, which
// names the field and the rule.
import createClient from "openapi-fetch";
import type { components, paths } from "../../generated/mock-admin.js";
import type { Call } from "../client/types.js";

type Schemas = components["schemas"];
export type AdminClock = Schemas["Clock"];
export type AdminScenario = Schemas["Scenario"];
export type AdminOutcomeChange = Schemas["OutcomeChange"];
export type AdminTimeline = Schemas["Timeline"];
export type AdminJournal = Schemas["Journal"];
export type AdminState = Schemas["State"];
export type AdminConversationEntry = Schemas["ConversationEntry"];
export type AdminNumberConfig = Schemas["NumberConfig"];
export type AdminNumber = Schemas["Number"];
export type AdminApplicationConfig = Schemas["ApplicationConfig"];
export type AdminApplication = Schemas["Application"];
export type AdminTextTimeline = Schemas["TextTimeline"];
export type AdminFaultSpec = Schemas["FaultSpec"];
export type AdminFault = Schemas["Fault"];
export type AdminFaultList = Schemas["FaultList"];

export class MockAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "MockAdminError";
  }
}

interface AdminResponse<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function unwrap<T>(operation: string, outcome: AdminResponse<T>): T {
  if (outcome.response.ok) return outcome.data as T;
  const error = outcome.error as { error?: unknown } | undefined;
  const message = typeof error?.error === "string" ? error.error : `HTTP ${outcome.response.status}`;
  throw new MockAdminError(outcome.response.status, `mock admin ${operation}: ${message}`);
}

export interface AdminClient {
  clock(): Promise<AdminClock>;
  /** Moves a manual clock forward, running every transition (and callback) that falls due. */
  advance(ms: number): Promise<AdminClock>;
  /** Forgets every call, or one account's. */
  reset(accountSid?: string): Promise<void>;
  state(): Promise<AdminState>;
  timeline(accountSid: string, callSid: string): Promise<AdminTimeline>;
  setCallOutcome(accountSid: string, callSid: string, change: AdminOutcomeChange): Promise<AdminTimeline>;
  setOutcomeForTo(accountSid: string, to: string, change: AdminOutcomeChange): Promise<AdminScenario>;
  journal(filter?: {
    accountSid?: string;
    violations?: "only" | "none";
    warnings?: "only";
    faults?: "only";
  }): Promise<AdminJournal>;
  /** The auth token that signs the simulator's requests for this account. */
  setAuthToken(accountSid: string, authToken: string): Promise<void>;
  /** Gives the account a number whose voiceUrl an inbound call requests. */
  setNumber(accountSid: string, phoneNumber: string, config: AdminNumberConfig): Promise<AdminNumber>;
  /** Gives the account a TwiML App, for creates that name its ApplicationSid. */
  setApplication(accountSid: string, applicationSid: string, config: AdminApplicationConfig): Promise<AdminApplication>;
  /** Calls one of the account's numbers; resolves once its first document ran as far as it goes on its own. */
  placeInboundCall(accountSid: string, call: { from: string; to: string }): Promise<Call>;
  /** The caller presses keys; resolves with the call's timeline once what they led to is done. */
  pressDigits(accountSid: string, callSid: string, digits: string): Promise<AdminTimeline>;
  /** The caller speaks (confidence 1 when left out). */
  saySpeech(accountSid: string, callSid: string, text: string, confidence?: number): Promise<AdminTimeline>;
  /** The far end hangs up. */
  hangUp(accountSid: string, callSid: string): Promise<AdminTimeline>;
  /** Texts one of the account's numbers; resolves once the smsUrl responded and its replies ran. */
  sendText(accountSid: string, text: { from: string; to: string; body: string }): Promise<AdminTextTimeline>;
  /** A text's timeline, its replies among them. */
  textTimeline(accountSid: string, smsSid: string): Promise<AdminTextTimeline>;
  /** Puts a fault in place (docs/faults.md); resolves with it as the mock keeps it. */
  addFault(spec: AdminFaultSpec): Promise<AdminFault>;
  /** The faults in place, and the last firings, newest first. */
  faults(): Promise<AdminFaultList>;
  deleteFault(id: string): Promise<void>;
  /** Deletes every fault. */
  clearFaults(): Promise<void>;
}

/** `adminUrl` is a running stateful mock's `adminUrl` (its base URL followed by /__mock/api). */
export function createAdminClient(adminUrl: string): AdminClient {
  const api = createClient<paths>({ baseUrl: adminUrl });
  const call = (accountSid: string, callSid: string) => ({ path: { AccountSid: accountSid, Sid: callSid } });
  return {
    clock: async () => unwrap("getClock", await api.GET("/clock")),
    advance: async (ms) => unwrap("advanceClock", await api.POST("/clock/advance", { body: { ms } })),
    reset: async (accountSid) => {
      unwrap("reset", await api.POST("/reset", { body: accountSid === undefined ? {} : { accountSid } }));
    },
    state: async () => unwrap("getState", await api.GET("/state")),
    timeline: async (accountSid, callSid) =>
      unwrap("getTimeline", await api.GET("/accounts/{AccountSid}/calls/{Sid}", { params: call(accountSid, callSid) })),
    setCallOutcome: async (accountSid, callSid, change) =>
      unwrap(
        "setCallOutcome",
        await api.PUT("/accounts/{AccountSid}/calls/{Sid}/outcome", {
          params: call(accountSid, callSid),
          body: change,
        }),
      ),
    setOutcomeForTo: async (accountSid, to, change) =>
      unwrap(
        "setOutcomeForTo",
        await api.PUT("/accounts/{AccountSid}/outcomes/{To}", {
          params: { path: { AccountSid: accountSid, To: to } },
          body: change,
        }),
      ).scenario,
    journal: async (filter = {}) => unwrap("getJournal", await api.GET("/journal", { params: { query: filter } })),
    ...simulatorCalls(api, call),
    ...faultCalls(api),
  };
}

/** The fault operations of the client. */
function faultCalls(api: Api) {
  return {
    addFault: async (spec: AdminFaultSpec) => unwrap("addFault", await api.POST("/faults", { body: spec })),
    faults: async () => unwrap("listFaults", await api.GET("/faults")),
    deleteFault: async (id: string) => {
      unwrap("deleteFault", await api.DELETE("/faults/{id}", { params: { path: { id } } }));
    },
    clearFaults: async () => {
      unwrap("clearFaults", await api.DELETE("/faults"));
    },
  };
}

type Api = ReturnType<typeof createClient<paths>>;
type CallPath = (accountSid: string, callSid: string) => { path: { AccountSid: string; Sid: string } };

/** The call simulator's operations of the client. */
function simulatorCalls(api: Api, call: CallPath) {
  const account = (accountSid: string) => ({ path: { AccountSid: accountSid } });
  return {
    setAuthToken: async (accountSid: string, authToken: string) => {
      unwrap(
        "setAccount",
        await api.PUT("/accounts/{AccountSid}", { params: account(accountSid), body: { authToken } }),
      );
    },
    setNumber: async (accountSid: string, phoneNumber: string, config: AdminNumberConfig) =>
      unwrap(
        "setNumber",
        await api.PUT("/accounts/{AccountSid}/numbers/{PhoneNumber}", {
          params: { path: { AccountSid: accountSid, PhoneNumber: phoneNumber } },
          body: config,
        }),
      ),
    setApplication: async (accountSid: string, applicationSid: string, config: AdminApplicationConfig) =>
      unwrap(
        "setApplication",
        await api.PUT("/accounts/{AccountSid}/applications/{ApplicationSid}", {
          params: { path: { AccountSid: accountSid, ApplicationSid: applicationSid } },
          body: config,
        }),
      ),
    placeInboundCall: async (accountSid: string, body: { from: string; to: string }) =>
      unwrap(
        "placeInboundCall",
        await api.POST("/accounts/{AccountSid}/calls", { params: account(accountSid), body }),
      ) as Call,
    pressDigits: async (accountSid: string, callSid: string, digits: string) =>
      unwrap(
        "pressDigits",
        await api.POST("/accounts/{AccountSid}/calls/{Sid}/digits", {
          params: call(accountSid, callSid),
          body: { digits },
        }),
      ),
    saySpeech: async (accountSid: string, callSid: string, text: string, confidence?: number) =>
      unwrap(
        "saySpeech",
        await api.POST("/accounts/{AccountSid}/calls/{Sid}/speech", {
          params: call(accountSid, callSid),
          body: { text, ...(confidence === undefined ? {} : { confidence }) },
        }),
      ),
    hangUp: async (accountSid: string, callSid: string) =>
      unwrap(
        "hangUp",
        await api.POST("/accounts/{AccountSid}/calls/{Sid}/hangup", { params: call(accountSid, callSid) }),
      ),
    sendText: async (accountSid: string, body: { from: string; to: string; body: string }) =>
      unwrap("receiveText", await api.POST("/accounts/{AccountSid}/messages", { params: account(accountSid), body })),
    textTimeline: async (accountSid: string, smsSid: string) =>
      unwrap(
        "getText",
        await api.GET("/accounts/{AccountSid}/messages/{Sid}", {
          params: { path: { AccountSid: accountSid, Sid: smsSid } },
        }),
      ),
  };
}
