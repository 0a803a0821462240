// What the call simulator needs of the stateful mock, stated here so that the simulator imports nothing of the
// folder above it (which builds it): the calls (the store fits CallsPort), the clock, where status callbacks go and
// who watches. The stateful mock's own parts fit these shapes; tests may hand it others.
import type { components } from "../../../../generated/calls.js";

export type CallStatus = components["schemas"]["CallStatus"];
export type CallDirection = components["schemas"]["CallDirection"];

/** A call as the simulator reads it; the store's record fits. */
export interface SimCall {
  readonly sid: string;
  readonly accountSid: string;
  readonly to: string;
  readonly from: string;
  readonly status: CallStatus;
  readonly direction: CallDirection;
  readonly parentCallSid: string | null;
  readonly answeredAt?: number;
  readonly endTime?: number;
  readonly answeredBy?: string;
  readonly machineDetection: boolean;
  /** True while the simulator runs the call's TwiML. */
  simulated: boolean;
}

/** Why the store did not place a call (a bound reached): a status, a Twilio code and a sentence. */
export interface Refusal {
  status: number;
  code: number;
  message: string;
}

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && "code" in value && "status" in value && "message" in value;

/** The calls: the stateful mock's store. `prepare` sees a new call before its first transition is told. */
export interface CallsPort {
  get(accountSid: string, sid: string): SimCall | undefined;
  createInbound(
    accountSid: string,
    fields: { from: string; to: string },
    prepare?: (call: SimCall) => void,
  ): SimCall | Refusal;
  createLeg(
    parent: SimCall,
    fields: { to: string; from: string; timeoutSeconds: number },
    prepare?: (call: SimCall) => void,
  ): SimCall | Refusal;
  answer(call: SimCall): void;
  finish(call: SimCall, to: CallStatus, note?: string): void;
  /** The call's TwiML ends it from now on (its TimeLimit aside), not its scenario's talk time. */
  simulate(call: SimCall): void;
  /** The call's scenario's talk time ends it from now on. */
  followScenario(call: SimCall): void;
}

export interface ClockPort {
  now(): number;
  /** Runs `fn` when mock time reaches `time`; returns a function that cancels it. */
  at(time: number, fn: () => void): () => void;
}

/** Where a call's status callbacks go, planned from a form as a create's. */
export interface CallbacksPort {
  plan(sid: string, form: Record<string, unknown>, authToken: string): void;
}

/** Who watches the mock: each conversation entry is told as a `conversation` event. */
export interface EventsPort {
  publish(type: "conversation", data: () => unknown): void;
}

/** A transition of a call, as the simulator hears of it. */
export interface TransitionSeen {
  to: CallStatus;
  note?: string;
}

export const LIVE: ReadonlySet<CallStatus> = new Set(["queued", "ringing", "in-progress"]);
