// The lifecycle's steps with credentials Twilio refuses on the run's account's path (Schemathesis's ignored_auth):
// the right account SID with a wrong token gets 401 with code 20003 ("Authenticate", the wrong combination of
// Account SID and Auth Token: https://www.twilio.com/docs/errors/20003), and the second account's own credentials
// under the first account's path see nothing of it. Twilio answers the latter with 404 (the spec's AccountNotFound,
// "does not exist or is not yours"); 401 and 403 refuse it as well, so any of the three passes and a 2xx fails.
// Against calls-contract's own mock, verify registers both accounts' tokens first (mock-accounts.ts): the mock
// knows only registered tokens.
import type { FormEntries } from "../corpus.js";
import { callOf, described, pageCalls, type Sequence } from "./steps.js";

const REFUSED = new Set([401, 403, 404]);

const attempts = (sid: string) =>
  [
    ["fetchCall", "fetch the call", { sid }],
    ["listCalls", "list the account's calls", { query: [["PageSize", "50"]] as FormEntries }],
    ["updateCall", "end the call", { sid, body: [["Status", "completed"]] as FormEntries }],
  ] as const;

/** The call's own account SID, with a wrong token: 401 each time. */
async function wrongToken(seq: Sequence, sid: string): Promise<void> {
  for (const [operation, what, request] of attempts(sid).slice(0, 2)) {
    const response = await seq.run("wrong-token", operation, `${what} with a wrong token`, request);
    seq.judge(
      "requires-auth",
      `${what} with the account SID and a wrong token`,
      response?.status === 401,
      "401 (code 20003)",
      described(response),
    );
  }
}

/** The second account's credentials on the first account's path: refused, and nothing of the first account shown. */
async function anotherAccountsPath(seq: Sequence, sid: string): Promise<void> {
  for (const [operation, what, request] of attempts(sid)) {
    const response = await seq.run("second-on-main-path", operation, `${what} as another account`, request);
    const leaked = response !== undefined && response.status >= 200 && response.status < 300;
    const shown = leaked && (callOf(response)?.sid === sid || pageCalls(response).length > 0);
    seq.judge(
      "account-isolation",
      `${what} under the account's path with another account's credentials`,
      response !== undefined && REFUSED.has(response.status),
      "401, 403 or 404: the path is not the caller's account",
      shown ? `${described(response)} with the account's data` : described(response),
    );
  }
}

/** Both, on a live call of the run's account. */
export async function refusedCredentials(seq: Sequence, sid: string): Promise<void> {
  await wrongToken(seq, sid);
  if (seq.second) await anotherAccountsPath(seq, sid);
}
