// A typed client for the stateful mock's admin API (openapi/mock-admin.yaml), for tests that steer the mock:
// move the clock, decide outcomes, read a call's timeline and the request journal. Errors throw with the
// mock's own message, which names the field and the rule.
import createClient from "openapi-fetch";
import type { components, paths } from "../../generated/mock-admin.js";

type Schemas = components["schemas"];
export type AdminClock = Schemas["Clock"];
export type AdminScenario = Schemas["Scenario"];
export type AdminOutcomeChange = Schemas["OutcomeChange"];
export type AdminTimeline = Schemas["Timeline"];
export type AdminJournal = Schemas["Journal"];
export type AdminState = Schemas["State"];

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
  journal(filter?: { accountSid?: string; violations?: "only" | "none"; warnings?: "only" }): Promise<AdminJournal>;
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
  };
}
