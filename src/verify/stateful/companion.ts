// The lifecycle's second call, made after the first: a fetch names one call by its SID, so the first is fetched as
// itself, not as the newest (Twilio's fetch: GET .../Calls/{Sid}.json, "the call with this Sid"); an update with
// Status canceled ends a queued or ringing call (the Call resource's update: "`canceled` ends a queued or ringing
// call", https://www.twilio.com/docs/voice/api/call-resource#update-a-call-resource), so neither the response nor a
// later fetch shows it queued or ringing; a list filtered by Status, or by From, holds only calls with that Status
// or From, the second call among them. Then the second call is deleted.
import type { FormEntries } from "../corpus.js";
import type { Random } from "../generate/random.js";
import { generators } from "../generate/values.js";
import { plainCreate } from "./plain-create.js";
import { callOf, described, pageCalls, type Sequence } from "./steps.js";

/** The statuses Status=canceled ends: a call in one of them is no longer in it after the update. */
const CANCELABLE = new Set(["queued", "ringing"]);

async function firstIsItself(seq: Sequence, first: string, second: string): Promise<void> {
  const fetched = await seq.run("main", "fetchCall", "fetch the first of two calls", { sid: first });
  const got = callOf(fetched)?.sid;
  seq.judge(
    "created-is-fetchable",
    "the first of two created calls is fetched by its SID",
    fetched?.status === 200 && got === first,
    `200 with sid ${first}, not the newer ${second}`,
    fetched?.status === 200 ? `sid ${String(got)}` : described(fetched),
  );
}

async function cancel(seq: Sequence, sid: string): Promise<string | undefined> {
  const updated = await seq.run("main", "updateCall", "cancel the second call", {
    sid,
    body: [["Status", "canceled"]],
  });
  if (updated?.status !== 200) return undefined;
  const fetched = await seq.run("main", "fetchCall", "the second call after it was canceled", { sid });
  if (fetched?.status !== 200) return undefined;
  const statuses = [callOf(updated)?.status, callOf(fetched)?.status].map(String);
  seq.judge(
    "update-follows-status",
    "Status canceled ends a queued or ringing call",
    statuses.every((s) => !CANCELABLE.has(s)),
    "canceled (or in-progress, which canceled leaves alone) in the response and a fetch",
    `${statuses[0]} in the response, ${statuses[1]} fetched`,
  );
  return statuses[1];
}

async function filtered(seq: Sequence, sid: string, key: "Status" | "From", value: string): Promise<void> {
  const query: FormEntries = [
    [key, value],
    ["PageSize", "50"],
  ];
  const listed = await seq.run("main", "listCalls", `the calls with ${key} ${value}`, { query });
  if (listed?.status !== 200) return;
  const field = key === "Status" ? "status" : "from";
  const calls = pageCalls(listed);
  const others = calls
    .filter((c) => c[field] !== value)
    .map((c) => `${String(c.sid)} has ${field} ${String(c[field])}`);
  // A status may move on between the fetch and the list on a running clock; a From never changes.
  const present = key === "Status" || calls.length >= 50 || calls.some((c) => c.sid === sid);
  const problems = present ? others : [...others, `${sid} is missing`];
  seq.judge(
    "filter-respected",
    `a list filtered by ${key} ${value}`,
    problems.length === 0,
    `only calls with ${key} ${value}${key === "From" ? ", the second call among them" : ""}`,
    `${problems.length} problem(s)`,
    problems.slice(0, 5),
  );
}

/** The second call's steps; the first is still live when they start and is left as it was. */
export async function companion(seq: Sequence, random: Random, first: string): Promise<void> {
  const create = plainCreate(random, generators.phoneNumber(random));
  const created = await seq.run("main", "createCall", "create a second call", { body: create });
  const second = callOf(created)?.sid;
  if (created?.status !== 201 || typeof second !== "string") return;
  await firstIsItself(seq, first, second);
  const status = await cancel(seq, second);
  if (status) await filtered(seq, second, "Status", status);
  const from = create.find(([k]) => k === "From")?.[1];
  if (from) await filtered(seq, second, "From", from);
  if (status === "in-progress")
    await seq.run("main", "updateCall", "end the second call", { sid: second, body: [["Status", "completed"]] });
  await seq.run("main", "deleteCall", "delete the second call", { sid: second });
}
