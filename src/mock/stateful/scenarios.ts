// How a call placed on the stateful mock ends, decided without code: by the number called (the mock's own
// scenario numbers, or an outcome set for a To through the admin API), or set for one call. Twilio's own test
// numbers (+15005550001 to +15005550004) refuse the create with an error before any of this, in both modes.
// What a scenario holds, and the limits of each field, are stated once: in openapi/mock-admin.yaml.

import type { components as Calls } from "../../../generated/calls.js";
import type { components as Admin } from "../../../generated/mock-admin.js";

export type Scenario = Admin["schemas"]["Scenario"];
export type Outcome = Scenario["outcome"];
export type AnsweredBy = Calls["schemas"]["AnsweredBy"];

// The admin document lists AnsweredBy's values again, being a document of its own: the type check fails here
// when the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<Scenario["answeredBy"], AnsweredBy>;

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
