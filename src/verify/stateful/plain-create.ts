// The create every sequence starts from: a call whose To and From come back as sent.
import type { FormEntries } from "../corpus.js";
import type { Random } from "../generate/random.js";
import { generators } from "../generate/values.js";

/** A create whose To and From come back unchanged: E.164 without separators, a Client identity, a SIP address. */
export function plainCreate(random: Random, to = generators.phoneNumber(random)): FormEntries {
  const from = to.startsWith("+")
    ? generators.phoneNumber(random)
    : random.pick([generators.phoneNumber(random), generators.client(random)]);
  return [
    ["To", to],
    ["From", from],
    ["Url", generators.url(random)],
  ];
}
