// A request as a curl line a person can paste: credentials as shell variables (never the token itself), the
// account SID in the path as the same variable, the form body as the exact bytes sent.
import type { Credentials } from "../http.js";

/** Whose credentials a request carries (see stateful/steps.ts's Who), or none. */
export type Account = "main" | "second" | "none" | "wrong-token" | "second-on-main-path";

/** The token the wrong-token steps send (stateful/steps.ts): made up, and said to be, so a curl line shows it. */
export const WRONG_TOKEN = "not-the-account-auth-token";

export interface CurlRequest {
  method: string;
  /** Path and query as sent. */
  target: string;
  body?: string;
  account: Account;
  accept?: string;
}

/** The shell variables that stand for each account's credentials. */
export const CREDENTIAL_VARIABLES = {
  main: { sid: "TWILIO_ACCOUNT_SID", token: "TWILIO_AUTH_TOKEN" },
  second: { sid: "TWILIO_SECOND_ACCOUNT_SID", token: "TWILIO_SECOND_AUTH_TOKEN" },
} as const;

const singleQuoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
const doubleQuotedPart = (text: string) => text.replace(/[\\"$`]/g, (c) => `\\${c}`);

export function curlLine(
  baseUrl: string,
  request: CurlRequest,
  accounts: { main: Credentials; second?: Credentials },
): string {
  const base = baseUrl.replace(/\/+$/, "");
  const pathVariables = request.account === "second" ? CREDENTIAL_VARIABLES.second : CREDENTIAL_VARIABLES.main;
  const account = request.account === "none" ? undefined : pathVariables;
  const sid = request.account === "second" ? accounts.second?.accountSid : accounts.main.accountSid;
  let url = `"${doubleQuotedPart(base + request.target)}"`;
  const marker = sid ? `/Accounts/${sid}/` : undefined;
  if (account && marker && request.target.includes(marker)) {
    const [before, ...after] = (base + request.target).split(marker);
    url = `"${doubleQuotedPart(`${before}/Accounts/`)}$${account.sid}${doubleQuotedPart(`/${after.join(marker)}`)}"`;
  }
  const parts = ["curl", "-sS", "-X", request.method, url];
  if (account) parts.push("-u", userOf(request.account));
  parts.push("-H", singleQuoted(`Accept: ${request.accept ?? "application/json"}`));
  if (request.body !== undefined)
    parts.push(
      "-H",
      singleQuoted("Content-Type: application/x-www-form-urlencoded"),
      "--data-binary",
      singleQuoted(request.body),
    );
  return parts.join(" ");
}

/** The -u value: shell variables for real credentials, the made-up token as it is. */
function userOf(account: Account): string {
  if (account === "wrong-token") return `"$${CREDENTIAL_VARIABLES.main.sid}:${WRONG_TOKEN}"`;
  const { sid, token } = account === "main" ? CREDENTIAL_VARIABLES.main : CREDENTIAL_VARIABLES.second;
  return `"$${sid}:$${token}"`;
}
