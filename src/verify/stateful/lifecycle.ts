// The lifecycle sequence, through the links createCall's 201 declares (components/links in openapi/calls.yaml: the
// created call's Sid to fetchCall, updateCall and deleteCall): create a call, then it is fetchable, listed under
// its To, invisible to another account, not deletable while live, ended by an update, not redirected or canceled
// once ended, listed under its final Status, deletable, and gone after the delete (Schemathesis's use_after_free).
// The rules on status follow the spec's x-mock-assumptions on updateCall and deleteCall, which cite Twilio's error
// pages 21220 ("invalid call state") and 20009 ("cannot delete this resource before it is complete") and the
// Call resource reference (https://www.twilio.com/docs/voice/api/call-resource#update-a-call-resource:
// `canceled` ends a queued or ringing call, `completed` one in progress).
import type { CheckName } from "../checks.js";
import type { FormEntries } from "../corpus.js";
import type { Random } from "../generate/random.js";
import { generators } from "../generate/values.js";
import { companion } from "./companion.js";
import { refusedCredentials } from "./credentials.js";
import { plainCreate } from "./plain-create.js";
import { callOf, described, pageCalls, type Sequence, type Who } from "./steps.js";

/** The statuses in which a call is live (Twilio's Call resource: queued, ringing, in-progress). */
export const LIVE = new Set(["queued", "ringing", "in-progress"]);

const field = (entries: FormEntries, key: string) => entries.find(([k]) => k === key)?.[1] ?? "";

/** Differences between what a create sent and the call a response holds. */
function mismatches(call: Record<string, unknown> | undefined, sent: FormEntries, accountSid: string): string[] {
  if (!call) return ["the response holds no call"];
  const expected: Array<[string, string]> = [
    ["to", field(sent, "To")],
    ["from", field(sent, "From")],
    ["account_sid", accountSid],
  ];
  return expected
    .filter(([key, value]) => call[key] !== value)
    .map(([key, value]) => `${key} is ${JSON.stringify(call[key])}, not ${JSON.stringify(value)}`);
}

async function createAndFind(seq: Sequence, create: FormEntries): Promise<string | undefined> {
  const created = await seq.run("main", "createCall", "create a call for the sequence", { body: create });
  const call = callOf(created);
  const problems =
    created?.status === 201 ? mismatches(call, create, seq.main.accountSid) : [`status ${described(created)}`];
  seq.judge(
    "created-matches-request",
    "a created call is the one asked for",
    problems.length === 0,
    "201 with the To, From and account sent",
    problems.length === 0 ? "the same" : `${problems.length} difference(s)`,
    problems,
  );
  const sid = typeof call?.sid === "string" && created?.status === 201 ? call.sid : undefined;
  if (!sid) return undefined;
  const fetched = await seq.run("main", "fetchCall", "fetch the created call", { sid });
  const again = fetched?.status === 200 ? mismatches(callOf(fetched), create, seq.main.accountSid) : [];
  const sameSid = callOf(fetched)?.sid === sid;
  seq.judge(
    "created-is-fetchable",
    "a created call is fetched by its SID",
    fetched?.status === 200 && sameSid && again.length === 0,
    `200 with sid ${sid}`,
    fetched?.status === 200
      ? sameSid
        ? `${again.length} difference(s)`
        : `sid ${String(callOf(fetched)?.sid)}`
      : described(fetched),
    again,
  );
  const to = field(create, "To");
  const listed = await seq.run("main", "listCalls", "list the calls to the created call's To", {
    query: [
      ["To", to],
      ["PageSize", "1000"],
    ],
  });
  const calls = pageCalls(listed);
  const found = calls.some((c) => c.sid === sid);
  const seen = listed ? `${calls.length} call(s) listed, ${found ? "with" : "without"} it` : "no response";
  seq.judge(
    "created-is-listed",
    "a created call is on the list of calls to its To",
    found,
    `${sid} among the calls`,
    seen,
  );
  const others = calls.filter((c) => c.to !== to).map((c) => `${String(c.sid)} has to ${JSON.stringify(c.to)}`);
  if (listed?.status === 200)
    seq.judge(
      "filter-respected",
      `a list filtered by To ${to}`,
      others.length === 0,
      `only calls to ${to}`,
      `${others.length} other call(s)`,
      others.slice(0, 5),
    );
  return sid;
}

async function isolation(seq: Sequence, sid: string, to: string, statusBefore: unknown): Promise<void> {
  const denied = (op: string) => `another account's ${op} of the call`;
  for (const [operation, request] of [
    ["fetchCall", {}],
    ["updateCall", { body: [["Status", "completed"]] as FormEntries }],
    ["deleteCall", {}],
  ] as const) {
    const response = await seq.run("second", operation, denied(operation), { sid, ...request });
    seq.judge(
      "account-isolation",
      denied(operation),
      response?.status === 404,
      "404: the call is not the other account's",
      described(response),
    );
  }
  const listOfOther = { check: "account-isolation", subject: "another account's list" } as const;
  await judgeNotListed(seq, "second", "another account's list of calls to its To", [["To", to]], sid, listOfOther);
  const after = await seq.run("main", "fetchCall", "the call after the other account's attempts", { sid });
  const status = callOf(after)?.status;
  // A live call must still be live: on a running clock it may have moved on (queued to ringing), but not ended.
  const kept = status === statusBefore || (LIVE.has(String(statusBefore)) && LIVE.has(String(status)));
  const expected = `200, status still ${LIVE.has(String(statusBefore)) ? "live" : String(statusBefore)}`;
  seq.judge(
    "account-isolation",
    "the call after the other account's attempts",
    after?.status === 200 && kept,
    expected,
    `${described(after)}, status ${String(status)}`,
  );
}

async function endingRules(seq: Sequence, sid: string): Promise<string | undefined> {
  const fetched = await seq.run("main", "fetchCall", "the call before it is deleted live", { sid });
  const before = callOf(fetched)?.status;
  if (typeof before === "string" && LIVE.has(before)) {
    const early = await seq.run("main", "deleteCall", `delete the call while it is ${before}`, { sid });
    seq.judge(
      "update-follows-status",
      `a ${before} call is not deleted`,
      early?.status === 400,
      "400 (code 20009)",
      described(early),
    );
    if (early?.status === 204) return undefined;
  }
  const ended = await seq.run("main", "updateCall", "end the call with Status completed", {
    sid,
    body: [["Status", "completed"]],
  });
  const status = callOf(ended)?.status;
  const wasLive = typeof before === "string" && LIVE.has(before);
  if (wasLive)
    seq.judge(
      "update-follows-status",
      `Status completed ends a ${before} call`,
      ended?.status === 200 && typeof status === "string" && !LIVE.has(status),
      "200 with an ended status",
      `${described(ended)}, status ${String(status)}`,
    );
  for (const [what, body] of [
    ["redirected", [["Url", "https://example.invalid/next"]]],
    ["canceled", [["Status", "canceled"]]],
    ["ended again", [["Status", "completed"]]],
  ] as Array<[string, FormEntries]>) {
    const refused = await seq.run("main", "updateCall", `an ended call ${what}`, { sid, body });
    seq.judge(
      "update-follows-status",
      `an ended call is not ${what}`,
      refused?.status === 400,
      "400 (code 21220)",
      described(refused),
    );
  }
  return typeof status === "string" ? status : undefined;
}

/** Deletes the ended call and checks it is gone; whether it was deleted. */
async function deletion(seq: Sequence, sid: string, to: string): Promise<boolean> {
  const removed = await seq.run("main", "deleteCall", "delete the ended call", { sid });
  seq.judge("deleted-is-gone", "an ended call is deleted", removed?.status === 204, "204", described(removed));
  if (removed?.status !== 204) return false;
  for (const [operation, request] of [
    ["fetchCall", {}],
    ["updateCall", { body: [["Status", "completed"]] as FormEntries }],
    ["deleteCall", {}],
  ] as const) {
    const response = await seq.run("main", operation, `${operation} after the delete`, { sid, ...request });
    seq.judge(
      "deleted-is-gone",
      `a deleted call to ${operation}`,
      response?.status === 404,
      "404",
      described(response),
    );
  }
  const deletedOnList = { check: "deleted-is-gone", subject: "a deleted call on the list" } as const;
  await judgeNotListed(seq, "main", "the list after the delete", [["To", to]], sid, deletedOnList);
  return true;
}

/** Lists calls as `who` and judges, under the check given, that the call `sid` is not on the list. */
async function judgeNotListed(
  seq: Sequence,
  who: Who,
  what: string,
  query: FormEntries,
  sid: string,
  judged: { check: CheckName; subject: string },
): Promise<void> {
  const listed = await seq.run(who, "listCalls", what, { query });
  const seen = pageCalls(listed).some((c) => c.sid === sid);
  const actual = seen ? "the call is on it" : described(listed);
  seq.judge(judged.check, judged.subject, listed?.status === 200 && !seen, "200 without the call", actual);
}

/** The first page of the account's list, unfiltered: newest first (the spec's listCalls), so a new call is on it. */
const NEWEST: FormEntries = [["PageSize", "20"]];

/**
 * The account's newest calls, asked the same way before the create and after it and after the delete: a list asked
 * again shows the calls created and deleted since (a server that serves a list from a cache of the first asking
 * does not), before paging is judged.
 */
async function onNewestPage(seq: Sequence, sid: string, expected: boolean): Promise<void> {
  const check = expected ? "created-is-listed" : "deleted-is-gone";
  const what = expected ? "the newest calls after the create" : "the newest calls after the delete";
  const listed = await seq.run("main", "listCalls", what, { query: NEWEST });
  const seen = pageCalls(listed).some((c) => c.sid === sid);
  seq.judge(
    check,
    `${expected ? "a created" : "a deleted"} call on the first page of the account's list, asked again`,
    listed?.status === 200 && seen === expected,
    `200 ${expected ? "with" : "without"} ${sid}`,
    listed?.status === 200 ? `${seen ? "with" : "without"} it` : described(listed),
  );
}

export async function lifecycle(seq: Sequence, random: Random): Promise<void> {
  const create = plainCreate(random, random.chance(0.8) ? generators.phoneNumber(random) : generators.client(random));
  const to = field(create, "To");
  await seq.run("main", "listCalls", "the newest calls before the create", { query: NEWEST });
  const sid = await createAndFind(seq, create);
  if (!sid) return;
  await onNewestPage(seq, sid, true);
  await companion(seq, random, sid);
  await refusedCredentials(seq, sid);
  if (seq.second) {
    const status = callOf(
      await seq.run("main", "fetchCall", "the call before the other account tries it", { sid }),
    )?.status;
    await isolation(seq, sid, to, status);
  }
  const ended = await endingRules(seq, sid);
  if (ended) {
    const listed = await seq.run("main", "listCalls", `the calls to ${to} with Status ${ended}`, {
      query: [
        ["To", to],
        ["Status", ended],
      ],
    });
    const others = pageCalls(listed)
      .filter((c) => c.status !== ended || c.to !== to)
      .map((c) => `${String(c.sid)} is ${String(c.status)} to ${String(c.to)}`);
    if (listed?.status === 200)
      seq.judge(
        "filter-respected",
        `a list filtered by Status ${ended} and To`,
        others.length === 0,
        `only ${ended} calls to ${to}`,
        `${others.length} other call(s)`,
        others.slice(0, 5),
      );
  }
  if (await deletion(seq, sid, to)) await onNewestPage(seq, sid, false);
}
