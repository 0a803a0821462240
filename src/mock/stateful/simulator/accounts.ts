// What the simulator knows of each account: the auth token that signs its requests (set through the admin API, else
// the password of the account's last Calls API request), its numbers as Twilio's IncomingPhoneNumber holds them
// (voice and SMS URLs),
// and its TwiML Apps. Bounded across accounts; a URL is kept as given, and shown without credentials.
import type { components } from "../../../../generated/mock-admin.js";
import { REQUEST_METHOD } from "./defaults.js";
import type { Refusal } from "./ports.js";
import { shownWebhookUrl } from "./shown-url.js";

type Schemas = components["schemas"];
export type NumberConfig = Schemas["NumberConfig"];
export type ApplicationConfig = Schemas["ApplicationConfig"];

/** The most numbers, and the most TwiML Apps, kept across all accounts. */
export const MAX_NUMBERS = 10_000;
export const MAX_APPLICATIONS = 10_000;
/** The most accounts whose last request's token is kept; the oldest is forgotten first. */
export const MAX_HEARD_ACCOUNTS = 20_000;

const key = (accountSid: string, name: string) => `${accountSid} ${name}`;
const ofAccount = (accountSid: string, map: Map<string, unknown>) =>
  [...map.keys()].filter((k) => k.startsWith(`${accountSid} `));

export class AccountRegistry {
  private readonly tokens = new Map<string, string>();
  private readonly heard = new Map<string, string>();
  private readonly numbers = new Map<string, NumberConfig>();
  private readonly applications = new Map<string, ApplicationConfig>();

  /** The token of a Calls API request of the account; never shown. */
  hear(accountSid: string, authToken: string): void {
    this.heard.delete(accountSid);
    this.heard.set(accountSid, authToken);
    if (this.heard.size > MAX_HEARD_ACCOUNTS) this.heard.delete(this.heard.keys().next().value as string);
  }

  setToken(accountSid: string, authToken: string): void {
    this.tokens.set(accountSid, authToken);
  }

  /** The token the admin API set for the account, which the Calls API then requires; never shown. */
  registeredToken(accountSid: string): string | undefined {
    return this.tokens.get(accountSid);
  }

  /** The token that signs the account's requests: the one set, else its last request's. */
  tokenFor(accountSid: string): string | undefined {
    return this.tokens.get(accountSid) ?? this.heard.get(accountSid);
  }

  setNumber(accountSid: string, phoneNumber: string, config: NumberConfig): Refusal | Schemas["Number"] {
    const at = key(accountSid, phoneNumber);
    if (!this.numbers.has(at) && this.numbers.size >= MAX_NUMBERS) {
      return { status: 429, code: 20429, message: `the simulator keeps at most ${MAX_NUMBERS} numbers` };
    }
    this.numbers.set(at, config);
    return this.numberView(phoneNumber, config);
  }

  number(accountSid: string, phoneNumber: string): NumberConfig | undefined {
    return this.numbers.get(key(accountSid, phoneNumber));
  }

  setApplication(accountSid: string, sid: string, config: ApplicationConfig): Refusal | Schemas["Application"] {
    const at = key(accountSid, sid);
    if (!this.applications.has(at) && this.applications.size >= MAX_APPLICATIONS) {
      return { status: 429, code: 20429, message: `the simulator keeps at most ${MAX_APPLICATIONS} TwiML Apps` };
    }
    this.applications.set(at, config);
    return {
      applicationSid: sid,
      voiceUrl: shownWebhookUrl(config.voiceUrl),
      voiceMethod: config.voiceMethod ?? REQUEST_METHOD,
      voiceFallbackUrl: config.voiceFallbackUrl ? shownWebhookUrl(config.voiceFallbackUrl) : null,
      statusCallback: config.statusCallback ? shownWebhookUrl(config.statusCallback) : null,
    };
  }

  application(accountSid: string, sid: string): ApplicationConfig | undefined {
    return this.applications.get(key(accountSid, sid));
  }

  /** Forgets everything of one account, or of all. */
  reset(accountSid?: string): void {
    if (accountSid === undefined) {
      for (const map of [this.tokens, this.heard, this.numbers, this.applications]) map.clear();
      return;
    }
    this.tokens.delete(accountSid);
    this.heard.delete(accountSid);
    for (const k of ofAccount(accountSid, this.numbers)) this.numbers.delete(k);
    for (const k of ofAccount(accountSid, this.applications)) this.applications.delete(k);
  }

  private numberView(phoneNumber: string, config: NumberConfig): Schemas["Number"] {
    return {
      phoneNumber,
      // Shown only when set: a number may take texts only.
      ...(config.voiceUrl
        ? { voiceUrl: shownWebhookUrl(config.voiceUrl), voiceMethod: config.voiceMethod ?? REQUEST_METHOD }
        : {}),
      voiceFallbackUrl: config.voiceFallbackUrl ? shownWebhookUrl(config.voiceFallbackUrl) : null,
      statusCallback: config.statusCallback ? shownWebhookUrl(config.statusCallback) : null,
      statusCallbackMethod: config.statusCallbackMethod ?? REQUEST_METHOD,
      // Shown only when set, so that a voice number reads as it did before numbers took texts.
      ...(config.smsUrl
        ? { smsUrl: shownWebhookUrl(config.smsUrl), smsMethod: config.smsMethod ?? REQUEST_METHOD }
        : {}),
    };
  }
}
