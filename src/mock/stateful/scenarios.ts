// How a call placed on the stateful mock ends, decided without code: by the number called (the mock's own
// scenario numbers, or an outcome set for a To through the admin API), or set for one call. Twilio's own test
// numbers (+15005550001 to +15005550004) answer the create with an error before any of this, in both modes.

import type { components } from "../../../generated/calls.js";

export type Outcome = "completed" | "busy" | "no-answer" | "failed";
export type AnsweredBy = components["schemas"]["AnsweredBy"];

// A record, so that the type check fails on a value the Calls spec lacks or lacks one it has.
const EACH_ANSWERED_BY: Record<AnsweredBy, true> = {
  human: true,
  machine_start: true,
  machine_end_beep: true,
  machine_end_silence: true,
  machine_end_other: true,
  fax: true,
  unknown: true,
};
/** Every AnsweredBy value of the Calls spec, in its order. */
export const ANSWERED_BY = Object.keys(EACH_ANSWERED_BY) as AnsweredBy[];

export interface Scenario {
  outcome: Outcome;
  /** How long the phone rings before it is answered (or before busy); no-answer rings until Timeout. */
  ringSeconds: number;
  /** How long an answered call lasts before the callee hangs up. */
  talkSeconds: number;
  /** What answering machine detection reports, when the create asked for it. */
  answeredBy: AnsweredBy;
}

export const DEFAULT_SCENARIO: Scenario = {
  outcome: "completed",
  ringSeconds: 5,
  talkSeconds: 30,
  answeredBy: "human",
};

/**
 * Numbers of the mock's own, in a range Twilio leaves unused next to its test numbers: calling one gives its
 * outcome. They are this project's convention, not Twilio's.
 */
export const SCENARIO_NUMBERS: Record<string, Scenario & { says: string }> = {
  "+15005550100": { ...DEFAULT_SCENARIO, says: "answered by a person, ends after 30 s" },
  "+15005550101": { ...DEFAULT_SCENARIO, outcome: "busy", ringSeconds: 2, says: "busy after 2 s of ringing" },
  "+15005550102": { ...DEFAULT_SCENARIO, outcome: "no-answer", says: "rings until Timeout, then no-answer" },
  "+15005550103": { ...DEFAULT_SCENARIO, outcome: "failed", ringSeconds: 0, says: "fails when it is dialled" },
  "+15005550104": {
    ...DEFAULT_SCENARIO,
    answeredBy: "machine_end_beep",
    talkSeconds: 20,
    says: "answered by a voicemail (machine_end_beep when MachineDetection is on)",
  },
};

export const OUTCOMES: Outcome[] = ["completed", "busy", "no-answer", "failed"];
