// The paging sequence: a few calls created in a row from one From are the newest of the account, so the first pages
// of its list (newest first, Twilio's order) hold each of them; following next_page_uri, as twilio-node does until
// it is null, must reach each exactly once and show no call twice. Half the rounds page through the list filtered by
// that From: Twilio's page URIs keep the list's filters (the Call resource's read example,
// `Calls.json?To=...&Status=busy&PageSize=2&Page=0`), so every page holds only calls from it. Then the calls are
// ended and deleted.
import type { Random } from "../generate/random.js";
import { generators } from "../generate/values.js";
import { plainCreate } from "./plain-create.js";
import { callOf, pageCalls, type Sequence } from "./steps.js";

export async function paging(seq: Sequence, random: Random): Promise<void> {
  const count = random.int(3, 5);
  const pageSize = random.int(1, 2);
  const from = generators.phoneNumber(random);
  const byFrom = random.chance(0.5);
  const created: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = plainCreate(random, generators.phoneNumber(random)).map(([k, v]): [string, string] =>
      k === "From" ? [k, from] : [k, v],
    );
    const response = await seq.run("main", "createCall", `create call ${i + 1} of ${count} to page through`, {
      body,
    });
    const sid = callOf(response)?.sid;
    if (response?.status !== 201 || typeof sid !== "string") return;
    created.push(sid);
  }
  const seen = new Map<string, number>();
  const others: string[] = [];
  let query: string | undefined = `${byFrom ? `${new URLSearchParams({ From: from })}&` : ""}PageSize=${pageSize}`;
  const most = Math.ceil(count / pageSize) + 2;
  for (let page = 0; query !== undefined && page < most; page++) {
    const response = await seq.run("main", "listCalls", `page ${page} of ${pageSize} call(s)`, { query });
    if (response?.status !== 200) break;
    for (const call of pageCalls(response)) {
      if (typeof call.sid === "string") seen.set(call.sid, (seen.get(call.sid) ?? 0) + 1);
      if (byFrom && call.from !== from) others.push(`page ${page}: ${String(call.sid)} is from ${String(call.from)}`);
    }
    if (created.every((sid) => seen.has(sid))) break;
    const next = callOf(response)?.next_page_uri;
    query = typeof next === "string" && next.includes("?") ? next.slice(next.indexOf("?") + 1) : undefined;
  }
  const problems = [
    ...created.filter((sid) => !seen.has(sid)).map((sid) => `${sid} was on no page`),
    ...[...seen].filter(([, n]) => n > 1).map(([sid, n]) => `${sid} was on ${n} pages`),
  ];
  if (byFrom)
    seq.judge(
      "filter-respected",
      `every page of a list filtered by From ${from}`,
      others.length === 0,
      `only calls from ${from} on each page`,
      `${others.length} other call(s)`,
      others.slice(0, 5),
    );
  seq.judge(
    "paging-complete",
    `${count} new calls in pages of ${pageSize}`,
    problems.length === 0,
    "each new call on exactly one page",
    problems.length === 0 ? "each once" : `${problems.length} problem(s)`,
    problems,
  );
  for (const sid of created) {
    await seq.run("main", "updateCall", "end a paged call", { sid, body: [["Status", "completed"]] });
    await seq.run("main", "deleteCall", "delete a paged call", { sid });
  }
}
