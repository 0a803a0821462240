// The secrets the environment holds (TWILIO_AUTH_TOKEN, with TWILIO_ACCOUNT_SID for its combined forms), for the
// commands that judge traffic they did not send with credentials of their own: the proxy and `verify --har`.
import { credentialForms, secretScrubber } from "../secrets.js";

/** The auth token of the environment in every form a recording may hold it in; none without a token. */
export function environmentSecrets(): string[] {
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token } = process.env;
  return token ? credentialForms(sid ?? "", token) : [];
}

/** Those secrets scrubbed, for a last pass over what a HAR from another tool may hold. */
export function environmentScrubber(): (text: string) => string {
  return secretScrubber(environmentSecrets());
}
