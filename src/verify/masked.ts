// What verify gives back holds no secret of the accounts it ran as, whoever calls it: a server may echo a token in
// a response, and the failures, their details and the outcomes quote responses. The rule itself is src/secrets.ts's.
import { credentialForms, scrubValue, secretScrubber } from "../secrets.js";
import type { Credentials } from "./http.js";

/** A copy of `value` with every form of the accounts' tokens (raw, sid:token, base64, encoded) masked. */
export function withoutSecrets<T>(value: T, accounts: Array<Credentials | undefined>): T {
  const forms = accounts.flatMap((c) => (c ? credentialForms(c.accountSid, c.authToken) : []));
  return scrubValue(value, secretScrubber(forms)) as T;
}
