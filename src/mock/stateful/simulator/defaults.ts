// The numbers the call simulator runs TwiML by: Twilio's documented defaults, each with the page that states it,
// and the choices this project made where Twilio states none (said so beside each, and in docs/call-simulator.md).
// The bounds that keep one call's work and memory finite are here too.

/** <Say>: Twilio states no speaking rate (twilio.com/docs/voice/twiml/say); 150 words a minute is this project's. */
export const SPEAKING_WORDS_PER_MINUTE = 150;
/** <Say> and <Play> loop: 1 (twilio.com/docs/voice/twiml/say, .../play); 0 repeats until the call ends. */
export const LOOP = 1;
/** <Play>: the audio is not fetched, and each play lasts 5 s: this project's choice. */
export const PLAY_SECONDS = 5;
/** <Play loop="0">: until the call hangs up or 1000 plays are done (twilio.com/docs/voice/twiml/play). */
export const PLAY_LOOP_CAP = 1000;
/** <Play digits>: each `w` waits 0.5 s (the Play page); each tone lasting 0.5 s too is this project's choice. */
export const DIGIT_MS = 500;
/** <Pause length>: 1 s (twilio.com/docs/voice/twiml/pause). */
export const PAUSE_SECONDS = 1;

/** <Gather> (twilio.com/docs/voice/twiml/gather): timeout 5 s, finishOnKey #, input dtmf, method POST. */
export const GATHER = { timeoutSeconds: 5, finishOnKey: "#", input: "dtmf", method: "POST" } as const;
/** Speech a <Gather> hears without a confidence given: 1, this project's choice. */
export const SPEECH_CONFIDENCE = 1;

/**
 * <Record> (twilio.com/docs/voice/twiml/record): 5 s of silence end it, any key ends it, at most 3600 s, a beep
 * first, silence trimmed, method POST, recording status callbacks for `completed` only.
 */
export const RECORD = {
  timeoutSeconds: 5,
  finishOnKey: "1234567890*#",
  maxLengthSeconds: 3600,
  method: "POST",
  trim: "trim-silence",
  events: "completed",
} as const;

/** <Dial> (twilio.com/docs/voice/twiml/dial): rings 30 s, bridges at most 14400 s, method POST. */
export const DIAL = { timeoutSeconds: 30, timeLimitSeconds: 14400, method: "POST" } as const;
/** <Client>: up to ten ring at once (twilio.com/docs/voice/twiml/client); the simulator takes ten nouns a Dial. */
export const MAX_DIAL_NOUNS = 10;

/**
 * <Conference> (twilio.com/docs/api/twiml/conference): startConferenceOnEnter true, endConferenceOnExit false; it
 * starts once two have joined; 250 participants on Global Conference.
 */
export const CONFERENCE = { startConferenceOnEnter: true, endConferenceOnExit: false, maxParticipants: 250 } as const;

/** <Redirect> and the update's Url: POST (twilio.com/docs/voice/twiml/redirect). */
export const REDIRECT_METHOD = "POST";
/** A create's Method and FallbackMethod, a number's voiceMethod: POST. */
export const REQUEST_METHOD = "POST";

// The simulator's own bounds (docs/limits.md).
/** Documents one call fetches; past it the call ends (a Redirect loop ends here). */
export const MAX_DOCUMENTS_PER_CALL = 100;
/** Keys kept for the next <Gather> when none listens. */
export const MAX_TYPED_AHEAD = 64;
/** Entries one call's conversation keeps; a last `limit` entry says so. */
export const MAX_ENTRIES_PER_CALL = 256;
/** Findings of one document shown in its entry; `more` counts the rest. */
export const MAX_FINDINGS_SHOWN = 20;

/** How long a text takes to say at the speaking rate, in ms: a word at least. */
export function speakingMs(text: string): number {
  const words = text.match(/\S+/g)?.length ?? 0;
  return (Math.max(1, words) * 60_000) / SPEAKING_WORDS_PER_MINUTE;
}
