// Who and what `verify` talks to: the credentials (the run's account and the second one of the isolation checks)
// and the server (--base-url, or the embedded mock started here).
import { type RunningMock, startMock } from "../mock/index.js";
import { credentialForms, secretScrubber } from "../secrets.js";
import type { Credentials } from "../verify/index.js";
import type { VerifyFlags } from "./command-flags.js";
import { parseHttpUrl, UsageError } from "./flags.js";

// Twilio's test-credential shapes; verify gives the embedded mock these tokens, which it then holds requests to.
const MOCK_ACCOUNT_SID = "AC00000000000000000000000000000000";
const MOCK_AUTH_TOKEN = "calls-contract-mock-token";
/** The second account made up for the embedded mock's isolation checks. */
const MOCK_SECOND_ACCOUNT = {
  accountSid: "AC11111111111111111111111111111111",
  authToken: "calls-contract-mock-token-2",
};

function checkedSid(variable: string, accountSid: string): string {
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new UsageError(
      `${variable} must be AC followed by 32 hex digits, got ${accountSid.length} characters ` +
        `starting "${accountSid.slice(0, 2)}"`,
    );
  }
  return accountSid;
}

export function credentialsFor(usingMock: boolean): Credentials {
  const accountSid = process.env.TWILIO_ACCOUNT_SID ?? (usingMock ? MOCK_ACCOUNT_SID : undefined);
  const authToken = process.env.TWILIO_AUTH_TOKEN ?? (usingMock ? MOCK_AUTH_TOKEN : undefined);
  if (!accountSid || !authToken) {
    throw new UsageError("set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to verify a server given with --base-url");
  }
  return { accountSid: checkedSid("TWILIO_ACCOUNT_SID", accountSid), authToken };
}

/** The second account of the isolation checks: from the environment, made up for the embedded mock, else none. */
export function secondCredentialsFor(usingMock: boolean): Credentials | undefined {
  const accountSid = process.env.TWILIO_SECOND_ACCOUNT_SID;
  const authToken = process.env.TWILIO_SECOND_AUTH_TOKEN;
  if (accountSid === undefined && authToken === undefined) return usingMock ? MOCK_SECOND_ACCOUNT : undefined;
  if (!accountSid || !authToken)
    throw new UsageError("set both TWILIO_SECOND_ACCOUNT_SID and TWILIO_SECOND_AUTH_TOKEN, or neither");
  return { accountSid: checkedSid("TWILIO_SECOND_ACCOUNT_SID", accountSid), authToken };
}

/**
 * The run's accounts, and the scrubber that masks every form of their tokens in what reaches the screen (runVerify
 * and replayFailures already mask what they return).
 */
export function verifyAccounts(usingMock: boolean) {
  const credentials = credentialsFor(usingMock);
  const second = secondCredentialsFor(usingMock);
  const accounts = second ? [credentials, second] : [credentials];
  const scrub = secretScrubber(accounts.flatMap((c) => credentialForms(c.accountSid, c.authToken)));
  return { credentials, second, scrub };
}

/** The server to verify: --base-url, or the embedded mock (stateful on a manual clock when state is needed). */
export async function verifyTarget(flags: VerifyFlags, stateful: boolean, err: (text: string) => void) {
  if (flags["base-url"] !== undefined) {
    return { baseUrl: parseHttpUrl("--base-url", flags["base-url"]).href.replace(/\/+$/, ""), mock: undefined };
  }
  err(stateful ? "starting the embedded mock (stateful, manual clock)…\n" : "starting the embedded mock (Prism)…\n");
  // The generated phases send hundreds of requests the mock would warn about: its log would bury the findings.
  const mock: RunningMock = await startMock(stateful ? { stateful: true, clock: "manual", log: () => undefined } : {});
  return { baseUrl: mock.baseUrl, mock };
}
