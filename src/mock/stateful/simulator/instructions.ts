// Which calls the simulator runs, and what with: a create's (or an update's) Url on this machine with its Method,
// else its inline Twiml (Twilio ignores Twiml when Url is given), with FallbackUrl and FallbackMethod; or, for a
// create naming an ApplicationSid, that TwiML App's voiceUrl (Twilio then ignores Url, FallbackUrl and
// StatusCallback). A Url elsewhere leaves the call to its scenario, as the stateful mock ran every call before.
import { isLoopbackUrl } from "../../../loopback.js";
import type { ApplicationConfig } from "./accounts.js";
import type { Instructions, Target } from "./context.js";
import { REQUEST_METHOD } from "./defaults.js";

export interface Plan {
  instructions: Instructions;
  fallback: Target | undefined;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** What a create's or an update's form gives the call to run; undefined when the simulator does not run it. */
export function planOf(form: Record<string, unknown>, purpose: "voice-url" | "update"): Plan | undefined {
  const url = text(form.Url);
  const twiml = text(form.Twiml);
  const fallbackUrl = text(form.FallbackUrl);
  const fallback = fallbackUrl ? { url: fallbackUrl, method: text(form.FallbackMethod) ?? REQUEST_METHOD } : undefined;
  if (url !== undefined) {
    if (!isLoopbackUrl(url)) return undefined;
    return { instructions: { target: { url, method: text(form.Method) ?? REQUEST_METHOD }, purpose }, fallback };
  }
  return twiml === undefined ? undefined : { instructions: { twiml }, fallback };
}

/** What a TwiML App gives a call to run; undefined when its voiceUrl is off this machine. */
export function planOfApplication(app: ApplicationConfig): Plan | undefined {
  if (!isLoopbackUrl(app.voiceUrl)) return undefined;
  const target = { url: app.voiceUrl, method: app.voiceMethod ?? REQUEST_METHOD };
  const fallback = app.voiceFallbackUrl ? { url: app.voiceFallbackUrl, method: REQUEST_METHOD } : undefined;
  return { instructions: { target, purpose: "voice-url" }, fallback };
}
