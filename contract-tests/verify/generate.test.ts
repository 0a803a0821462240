// verify --generate as a library: the generated phases against the faithful stateful mock (no failure), and against
// wrappers of it with one defect each (the failure named, shrunk, with a curl line that reproduces it, and replayed).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import {
  CHECKS,
  type ReplayableFailure,
  replayFailures,
  runVerify,
  type VerifyResult,
} from "../../src/verify/index.js";
import {
  ignoresTimeoutLimit,
  keepsDeletedCalls,
  refusesRecordWithStatusCallback,
  seesOtherAccounts,
  startDefectiveServer,
} from "./defective-server.js";

const main = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "generate-test-token-77" };
const second = { accountSid: "ACfedcba9876543210fedcba9876543210", authToken: "generate-test-token-88" };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
});
afterAll(() => mock.stop());

const generated = (baseUrl: string, seed: number, maxCases: number) =>
  runVerify({ baseUrl, credentials: main, secondCredentials: second, generate: { seed, maxCases } });

const errors = (result: VerifyResult) => result.outcomes.filter((o) => !o.passed && o.severity === "error");
const failureOf = (result: VerifyResult, check: string) => result.failures.find((f) => f.check === check);

/** Runs a printed curl line with the credentials in the environment and gives the HTTP status it got. */
async function statusFromCurl(line: string): Promise<number> {
  const env = { ...process.env, TWILIO_ACCOUNT_SID: main.accountSid, TWILIO_AUTH_TOKEN: main.authToken };
  const { stdout } = await promisify(execFile)("sh", ["-c", `${line} -o /dev/null -w '%{http_code}'`], { env });
  return Number(stdout);
}

describe("verify --generate", { timeout: 60_000 }, () => {
  it("finds nothing wrong with the faithful stateful mock over 300 cases of one seed", async () => {
    const result = await generated(mock.baseUrl, 11, 300);
    expect(errors(result)).toEqual([]);
    expect(result.failures).toEqual([]);
    const checked = new Set(result.outcomes.map((o) => o.check));
    for (const check of Object.keys(CHECKS).filter((c) =>
      /created|deleted|update-follows|isolation|filter|paging/.test(c),
    ))
      expect(checked, check).toContain(check);
    const subjects = new Set(result.outcomes.map((o) => o.subject));
    // Sent as the judge read their bytes: every event in one key is what Twilio reads (with a warning), a scalar
    // sent twice is refused (single-value), a raw + is a space, and a boolean in another case is read.
    expect(subjects).toContain("accepts every StatusCallbackEvent in one space-separated key");
    expect(subjects).toContain("rejects To sent twice");
    expect(subjects).toContain("rejects an E.164 To sent with a raw +");
    expect(subjects).toContain("accepts Record True, capitalised");
  });

  it("sends the same cases for the same seed", async () => {
    const [first, again] = [await generated(mock.baseUrl, 5, 150), await generated(mock.baseUrl, 5, 150)];
    const requests = (r: VerifyResult) => r.outcomes.filter((o) => o.check === "status-declared").map((o) => o.subject);
    expect(requests(again)).toEqual(requests(first));
  });

  it("names deleted-is-gone on a server that keeps deleted calls, as a sequence that replays", async () => {
    const server = await startDefectiveServer(mock.baseUrl, keepsDeletedCalls);
    const result = await generated(server.baseUrl, 3, 150);
    const failure = failureOf(result, "deleted-is-gone") as ReplayableFailure;
    expect(failure.sequence?.name).toBe("lifecycle");
    expect(failure.curl.at(-1)).toMatch(
      /^curl -sS -X GET ".*\/Accounts\/\$TWILIO_ACCOUNT_SID\/Calls\/CA[0-9a-f]{32}\.json"/,
    );
    const again = await replayFailures([failure], { baseUrl: server.baseUrl, credentials: main });
    expect(again.results[0]?.passes).toBe(false);
    const fixed = await replayFailures([failure], { baseUrl: mock.baseUrl, credentials: main });
    expect(fixed.results[0]?.passes).toBe(true);
  });

  it("reports the corpus's own Timeout 601 case, accepted, with a curl line that reproduces it", async () => {
    const server = await startDefectiveServer(mock.baseUrl, ignoresTimeoutLimit);
    const result = await generated(server.baseUrl, 4, 150);
    const failure = result.failures.find((f) => f.check === "rejects-invalid-request" && /Timeout/.test(f.expected));
    const line = failure?.curl[0] ?? "";
    expect(line).toContain('-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"');
    expect(line).not.toContain(main.authToken);
    expect(await statusFromCurl(line)).toBe(201);
    const replayed = await replayFailures([failure as ReplayableFailure], {
      baseUrl: server.baseUrl,
      credentials: main,
    });
    expect(replayed.results[0]?.passes).toBe(false);
  });

  it("shrinks a refused valid create to the keys that draw the refusal", async () => {
    const server = await startDefectiveServer(mock.baseUrl, refusesRecordWithStatusCallback);
    const result = await generated(server.baseUrl, 2, 400);
    const failure = failureOf(result, "accepts-valid-request");
    expect(failure?.subject).toMatch(/shrunk/);
    const keys = [...new URLSearchParams(failure?.request?.testCase.wire?.body).keys()];
    expect(keys).toHaveLength(5);
    expect(keys).toEqual(expect.arrayContaining(["To", "From", "Record", "StatusCallback"]));
    expect(await statusFromCurl(failure?.curl[0] ?? "")).toBe(400);
  });

  it("names account-isolation on a server that shows one account's call to another", async () => {
    const server = await startDefectiveServer(mock.baseUrl, seesOtherAccounts(main.accountSid));
    const result = await generated(server.baseUrl, 6, 150);
    expect(failureOf(result, "account-isolation")?.actual).toMatch(/^200/);
  });

  it("skips the isolation checks, saying why, without a second account", async () => {
    const result = await runVerify({ baseUrl: mock.baseUrl, credentials: main, generate: { seed: 1, maxCases: 120 } });
    const skip = result.skipped.find((s) => s.subject === "account-isolation");
    expect(skip?.reason).toMatch(/TWILIO_SECOND_ACCOUNT_SID/);
    expect(result.outcomes.some((o) => o.check === "account-isolation")).toBe(false);
  });
});
