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
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await mock.stop();
});

// The mock is given both accounts' tokens, as the CLI gives its embedded mock, so that it refuses a wrong token.
const generated = (baseUrl: string, seed: number, maxCases: number) =>
  runVerify({
    baseUrl,
    credentials: main,
    secondCredentials: second,
    mockAdminUrl: mock.adminUrl as string,
    generate: { seed, maxCases },
  });

let timeoutRun: Promise<{ baseUrl: string; result: VerifyResult }> | undefined;
/** One run against the server that accepts Timeout 601, shared by the cases that read its findings. */
function timeoutFindings() {
  timeoutRun ??= (async () => {
    const server = await startDefectiveServer(mock.baseUrl, ignoresTimeoutLimit, (close) => {
      cleanups.push(close as () => Promise<void>);
    });
    return { baseUrl: server.baseUrl, result: await generated(server.baseUrl, 4, 150) };
  })();
  return timeoutRun;
}

const errors = (result: VerifyResult) => result.outcomes.filter((o) => !o.passed && o.severity === "error");
const failureOf = (result: VerifyResult, check: string) => result.failures.find((f) => f.check === check);

const variables: Record<string, string> = { TWILIO_ACCOUNT_SID: main.accountSid, TWILIO_AUTH_TOKEN: main.authToken };

/** The words of a curl line as the shell reads them: quotes removed, $NAME expanded inside double quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const [, single, double, bare] of line.matchAll(/'((?:[^']|'\\'')*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    if (single !== undefined) words.push(single.replaceAll("'\\''", "'"));
    else if (double !== undefined)
      words.push(double.replace(/\$(\w+)/g, (_, name: string) => variables[name] ?? "").replace(/\\(.)/g, "$1"));
    else words.push(bare as string);
  }
  return words;
}

/** The request of a curl line sent with fetch, for a machine without curl. */
async function statusFromParsedLine(line: string): Promise<number> {
  const words = shellWords(line);
  const at = (flag: string) => words[words.indexOf(flag) + 1];
  const url = words.find((w) => /^https?:/.test(w)) as string;
  const headers: Record<string, string> = {};
  words.forEach((w, i) => {
    if (w !== "-H") return;
    const [name, ...value] = (words[i + 1] as string).split(": ");
    headers[name as string] = value.join(": ");
  });
  if (words.includes("-u")) headers.Authorization = `Basic ${Buffer.from(at("-u") as string).toString("base64")}`;
  const body = words.includes("--data-binary") ? at("--data-binary") : undefined;
  return (await fetch(url, { method: at("-X"), headers, ...(body === undefined ? {} : { body }) })).status;
}

/** Runs a printed curl line with the credentials in the environment (or, without curl, its request through fetch). */
async function statusFromCurl(line: string): Promise<number> {
  const run = promisify(execFile);
  const hasCurl = await run("sh", ["-c", "command -v curl"]).then(
    () => true,
    () => false,
  );
  if (!hasCurl) return statusFromParsedLine(line);
  const { stdout } = await run("sh", ["-c", `${line} -o /dev/null -w '%{http_code}'`], {
    env: { ...process.env, ...variables },
  });
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

  it("names requires-auth on a server that takes any token, with a curl line that shows only the made-up one", async () => {
    // An account the mock was never given a token for: the mock takes any token for it, as a faulty server would.
    const unregistered = { accountSid: "AC000000000000000000000000000000aa", authToken: "generate-test-token-99" };
    const result = await runVerify({
      baseUrl: mock.baseUrl,
      credentials: unregistered,
      generate: { seed: 9, maxCases: 150 },
    });
    const failure = failureOf(result, "requires-auth") as ReplayableFailure;
    expect(failure.subject).toContain("wrong token");
    expect(failure.curl.at(-1)).toContain('-u "$TWILIO_ACCOUNT_SID:not-the-account-auth-token"');
    expect(failure.curl.join("\n")).not.toContain(unregistered.authToken);
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
    const { baseUrl, result } = await timeoutFindings();
    const failure = result.failures.find((f) => f.check === "rejects-invalid-request" && /Timeout/.test(f.expected));
    const line = failure?.curl[0] ?? "";
    expect(line).toContain('-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"');
    expect(line).not.toContain(main.authToken);
    expect(await statusFromCurl(line)).toBe(201);
    const replayed = await replayFailures([failure as ReplayableFailure], { baseUrl, credentials: main });
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

  it("reads a curl line as the shell does, for machines without curl", async () => {
    const { result } = await timeoutFindings();
    // A request kept as found (not shrunk), so the status verify recorded for it is the one its line must draw.
    const failure = result.failures.find((f) => f.check === "rejects-invalid-request" && !/shrunk/.test(f.subject));
    const recorded = Number(/^\d{3}/.exec(failure?.actual ?? "")?.[0]);
    expect(recorded).toBe(201);
    const line = failure?.curl[0] ?? "";
    expect(await statusFromParsedLine(line)).toBe(recorded);
    expect(await statusFromCurl(line)).toBe(recorded);
  });

  it("sends no failure that writes to a server off loopback without allowWrites, saying why", async () => {
    const { result } = await timeoutFindings();
    const failure = result.failures.find((f) => f.operation === "createCall") as ReplayableFailure;
    const remote = "https://staging.calls-contract.invalid";
    const replayed = await replayFailures([failure], { baseUrl: remote, credentials: main });
    expect(replayed.results[0]?.outcomes).toEqual([]);
    expect(replayed.skipped[0]?.reason).toMatch(/--allow-writes/);
  });

  it("names account-isolation on a server that shows one account's call to another", async () => {
    // Accounts the mock was never given tokens for: a registered one would refuse the rewritten path itself.
    const owner = { accountSid: "AC000000000000000000000000000000bb", authToken: "generate-test-token-66" };
    const server = await startDefectiveServer(mock.baseUrl, seesOtherAccounts(owner.accountSid));
    const result = await runVerify({
      baseUrl: server.baseUrl,
      credentials: owner,
      secondCredentials: { accountSid: "AC000000000000000000000000000000cc", authToken: "generate-test-token-55" },
      generate: { seed: 6, maxCases: 150 },
    });
    expect(failureOf(result, "account-isolation")?.actual).toMatch(/^200/);
  });

  it("skips the isolation checks, saying why, without a second account", async () => {
    const result = await runVerify({ baseUrl: mock.baseUrl, credentials: main, generate: { seed: 1, maxCases: 120 } });
    const skip = result.skipped.find((s) => s.subject === "account-isolation");
    expect(skip?.reason).toMatch(/TWILIO_SECOND_ACCOUNT_SID/);
    expect(result.outcomes.some((o) => o.check === "account-isolation")).toBe(false);
  });
});
