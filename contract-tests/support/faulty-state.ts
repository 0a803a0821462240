// Catalogue entries whose defect shows only across requests (state and sequences: a call lost, kept, changed or
// listed wrongly, Twilio's rules for a call's status broken), and transport defects (a wrong Content-Type, a 500,
// a dropped or unanswered connection, an undeclared status). Twilio's rules for update and delete by status are the
// spec's x-mock-assumptions on updateCall (21220) and deleteCall (20009), which cite their sources.
import type { CatalogueEntry } from "./faulty-entry.js";
import { type Call, callPath, formOf, jsonOf, onForm, remembered } from "./faulty-faults.js";
import type { ProbeApi } from "./faulty-probe.js";
import type { Fault, FaultContext, WireRequest, WireResponse } from "./faulty-server.js";

const LIVE = new Set(["queued", "ringing", "in-progress"]);

const fetchOf = (request: WireRequest): WireRequest => ({
  ...request,
  method: "GET",
  body: "",
  query: new URLSearchParams(),
});

const codeOf = (response: WireResponse) => (jsonOf(response) as { code?: number } | undefined)?.code;

const accountOf = (context: FaultContext) => context.accounts.find((a) => a.accountSid === context.route?.accountSid);

/** The call a request names, as the server sees it now; undefined when it is not there or the request is refused. */
async function currentCall(context: FaultContext): Promise<Call | undefined> {
  if (context.refusal(context.request)) return undefined;
  const fetched = await context.pass(fetchOf(context.request));
  return fetched.status === 200 ? (jsonOf(fetched) as Call) : undefined;
}

/** Every SID listed, following next_page_uri from a first page of `pageSize`. */
async function listedSids(api: ProbeApi, pageSize: number): Promise<string[]> {
  const sids: string[] = [];
  let page = (await api.list({ PageSize: String(pageSize) })).body;
  for (let n = 0; n < 20 && page?.calls; n += 1) {
    sids.push(...page.calls.map((c: Call) => c.sid as string));
    if (!page.next_page_uri) break;
    page = (await api.send("GET", String(page.next_page_uri))).body;
  }
  return sids;
}

/** A page after the first, changed with the page before it at hand. */
function laterPages(change: (page: Call[], previous: Call[]) => Call[]): Fault {
  return async (context) => {
    const response = await context.pass(context.request);
    const page = Number(context.request.query.get("Page") ?? 0);
    if (context.route?.operation !== "listCalls" || response.status !== 200 || page < 1) return response;
    const query = new URLSearchParams(context.request.query);
    query.set("Page", String(page - 1));
    const before = jsonOf(await context.pass({ ...context.request, query })) as { calls: Call[] };
    const body = jsonOf(response) as { calls: Call[] };
    return { ...response, body: JSON.stringify({ ...body, calls: change(body.calls, before.calls) }) };
  };
}

/** A list filter checked (a bad value still draws 400), then left out of the list that is served. */
function filterIgnored(filter: "Status" | "To"): Fault {
  return async (context) => {
    const response = await context.pass(context.request);
    const { query } = context.request;
    if (context.route?.operation !== "listCalls" || response.status !== 200 || !query.has(filter)) return response;
    const unfiltered = new URLSearchParams(query);
    unfiltered.delete(filter);
    return context.pass({ ...context.request, query: unfiltered });
  };
}

const lostAfterCreate: Fault = async (context) => {
  const response = await context.pass(context.request);
  const account = accountOf(context);
  if (context.route?.operation !== "createCall" || response.status !== 201 || !account) return response;
  const path = callPath(account.accountSid, (jsonOf(response) as Call).sid as string);
  await context.asAccount(account, "POST", path, "Status=canceled");
  await context.asAccount(account, "DELETE", path);
  return response;
};

const keptAfterDelete: Fault = async (context) => {
  const gone = remembered(context, "gone", () => new Map<string, Call>());
  // Kept by path, so that only the account that deleted the call is shown it again.
  const { path } = context.request;
  if (context.route?.operation === "fetchCall" && gone.has(path) && context.authenticated(context.request))
    return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(gone.get(path)) };
  if (context.route?.operation !== "deleteCall") return context.pass(context.request);
  const before = await currentCall(context);
  const response = await context.pass(context.request);
  if (response.status === 204 && before) gone.set(path, before);
  return response;
};

const deleteOfEndedDoesNothing: Fault = async (context) => {
  if (context.route?.operation !== "deleteCall") return context.pass(context.request);
  const call = await currentCall(context);
  if (call && !LIVE.has(String(call.status))) return { status: 204, headers: {}, body: "" };
  return context.pass(context.request);
};

const updateOfEndedAnswered: Fault = async (context) => {
  const response = await context.pass(context.request);
  if (context.route?.operation !== "updateCall" || response.status !== 400 || codeOf(response) !== 21220)
    return response;
  return context.pass(fetchOf(context.request));
};

const deleteOfLiveEndsIt: Fault = async (context) => {
  const response = await context.pass(context.request);
  const account = accountOf(context);
  if (context.route?.operation !== "deleteCall" || codeOf(response) !== 20009 || !account) return response;
  await context.asAccount(account, "POST", context.request.path, "Status=canceled");
  return context.pass(context.request);
};

const cancelIgnored: Fault = async (context) => {
  if (context.route?.operation !== "updateCall" || formOf(context.request).get("Status") !== "canceled")
    return context.pass(context.request);
  const call = await currentCall(context);
  if (!call || !LIVE.has(String(call.status))) return context.pass(context.request);
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(call) };
};

const cachedLists: Fault = async (context) => {
  if (context.route?.operation !== "listCalls" || context.refusal(context.request))
    return context.pass(context.request);
  const cache = remembered(context, "pages", () => new Map<string, WireResponse>());
  const key = `${context.request.path}?${context.request.query}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const response = await context.pass(context.request);
  if (response.status === 200) cache.set(key, response);
  return response;
};

/** A phone number with its last digit moved on by one; Twilio's magic test numbers (+1500555...) left alone. */
function anotherNumber(to: string): string {
  if (!/^\+[0-9]+$/.test(to) || to.startsWith("+1500555")) return to;
  return `${to.slice(0, -1)}${(Number(to.slice(-1)) + 1) % 10}`;
}

const serverError = {
  status: 500,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ code: 20500, message: "Internal Server Error", status: 500 }),
};

export const stateEntries: CatalogueEntry[] = [
  {
    name: "loses-created-calls",
    class: "state",
    defect: "a created call is gone straight after the 201: not fetchable, not listed",
    fits: ["created-is-fetchable", "created-is-listed"],
    fixedCorpusFinds: false,
    fault: lostAfterCreate,
    shows: async (api) => (await api.fetch((await api.create()).body.sid)).status === 404,
  },
  {
    name: "deleted-still-fetchable",
    class: "state",
    defect: "a deleted call is still fetched, from a cache of the calls it deleted",
    fits: ["deleted-is-gone"],
    fixedCorpusFinds: false,
    fault: keptAfterDelete,
    shows: async (api) => {
      const sid = await api.endedCall();
      return (await api.remove(sid)).status === 204 && (await api.fetch(sid)).status === 200;
    },
  },
  {
    name: "delete-does-nothing",
    class: "state",
    defect: "deleting an ended call answers 204 and keeps it, fetchable and listed",
    fits: ["deleted-is-gone"],
    fixedCorpusFinds: false,
    fault: deleteOfEndedDoesNothing,
    shows: async (api) => {
      const sid = await api.endedCall();
      await api.remove(sid);
      return ((await api.list()).body.calls ?? []).some((c: Call) => c.sid === sid);
    },
  },
  {
    name: "redirects-ended-call",
    class: "state",
    defect: "an update of an ended call answers 200 instead of 400 with code 21220",
    fits: ["update-follows-status"],
    fixedCorpusFinds: false,
    fault: updateOfEndedAnswered,
    shows: async (api) => (await api.update(await api.endedCall(), { Url: "https://example.com/next" })).status === 200,
  },
  {
    name: "deletes-live-call",
    class: "state",
    defect: "deleting a queued call ends and deletes it instead of answering 400 with code 20009",
    fits: ["update-follows-status"],
    fixedCorpusFinds: false,
    fault: deleteOfLiveEndsIt,
    shows: async (api) => (await api.remove((await api.create()).body.sid)).status === 204,
  },
  {
    name: "cancel-ignored",
    class: "state",
    defect: "an update with Status canceled answers 200 and leaves the queued call queued",
    fits: ["update-follows-status"],
    fixedCorpusFinds: false,
    fault: cancelIgnored,
    shows: async (api) =>
      (await api.update((await api.create()).body.sid, { Status: "canceled" })).body.status === "queued",
  },
  {
    name: "status-filter-ignored",
    class: "state",
    defect: "a list's Status filter is ignored",
    fits: ["filter-respected"],
    fixedCorpusFinds: false,
    fault: filterIgnored("Status"),
    shows: async (api) => {
      await api.create();
      return ((await api.list({ Status: "canceled" })).body.calls ?? []).some((c: Call) => c.status === "queued");
    },
  },
  {
    name: "to-filter-ignored",
    class: "state",
    defect: "a list's To filter is ignored",
    fits: ["filter-respected"],
    fixedCorpusFinds: false,
    fault: filterIgnored("To"),
    shows: async (api) => {
      await api.create({ To: "+13105550123" });
      const calls = (await api.list({ To: "+13105550199" })).body.calls ?? [];
      return calls.some((c: Call) => c.to === "+13105550123");
    },
  },
  {
    name: "paging-skips-a-call",
    class: "state",
    defect: "every page after the first leaves out its first call",
    fits: ["paging-complete"],
    fixedCorpusFinds: false,
    fault: laterPages((page) => page.slice(1)),
    shows: async (api) => {
      for (const to of ["+13105550131", "+13105550132", "+13105550133"]) await api.create({ To: to });
      return (await listedSids(api, 1)).length < 3;
    },
  },
  {
    name: "paging-repeats-a-call",
    class: "state",
    defect: "every page after the first starts with the last call of the page before",
    fits: ["paging-complete"],
    fixedCorpusFinds: false,
    fault: laterPages((page, previous) => [...previous.slice(-1), ...page]),
    shows: async (api) => {
      for (const to of ["+13105550141", "+13105550142", "+13105550143"]) await api.create({ To: to });
      const sids = await listedSids(api, 1);
      return new Set(sids).size < sids.length;
    },
  },
  {
    name: "stores-another-to",
    class: "state",
    defect: "a created call's To is one digit off the To that was sent",
    fits: ["created-matches-request"],
    fixedCorpusFinds: false,
    fault: onForm(["createCall"], (form) => {
      const to = form.get("To");
      if (to !== null) form.set("To", anotherNumber(to));
    }),
    shows: async (api) => (await api.create({ To: "+13105555555" })).body.to !== "+13105555555",
  },
  {
    name: "list-served-from-cache",
    class: "state",
    defect: "a list asked for again is served as it was the first time, without the calls created since",
    fits: ["created-is-listed", "deleted-is-gone"],
    fixedCorpusFinds: false,
    fault: cachedLists,
    shows: async (api) => {
      await api.list();
      const sid = (await api.create()).body.sid;
      return !((await api.list()).body.calls ?? []).some((c: Call) => c.sid === sid);
    },
  },
];

export const transportEntries: CatalogueEntry[] = [
  {
    name: "created-as-text-plain",
    class: "transport",
    defect: "createCall's JSON body is sent with Content-Type text/plain",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: async (context) => {
      const response = await context.pass(context.request);
      if (context.route?.operation !== "createCall") return response;
      return { ...response, headers: { ...response.headers, "content-type": "text/plain" } };
    },
    shows: async (api) => (await api.create()).contentType.startsWith("text/plain"),
  },
  {
    name: "server-error-on-sip",
    class: "transport",
    defect: "a create to a SIP address answers 500",
    fits: ["accepts-valid-request", "status-declared"],
    fixedCorpusFinds: true,
    fault: async (context) =>
      context.route?.operation === "createCall" && formOf(context.request).get("To")?.startsWith("sip:")
        ? serverError
        : context.pass(context.request),
    shows: async (api) => (await api.create({ To: "sip:pat@example.com" })).status === 500,
  },
  {
    name: "server-error-on-to-filter",
    class: "transport",
    defect: "a list with a To filter answers 500",
    fits: ["accepts-valid-request", "status-declared"],
    fixedCorpusFinds: false,
    fault: async (context) =>
      context.route?.operation === "listCalls" && context.request.query.has("To")
        ? serverError
        : context.pass(context.request),
    shows: async (api) => (await api.list({ To: "+13105555555" })).status === 500,
  },
  {
    name: "drops-update-connection",
    class: "transport",
    defect: "every updateCall request has its connection closed without a response",
    fits: ["status-declared", "accepts-valid-request"],
    fixedCorpusFinds: true,
    fault: async (context) => (context.route?.operation === "updateCall" ? "drop" : context.pass(context.request)),
    shows: async (api) => (await api.update((await api.create()).body.sid, { Status: "canceled" })).status === 0,
  },
  {
    name: "never-answers-delete",
    class: "transport",
    defect: "deleteCall requests are never answered",
    fits: ["status-declared", "accepts-valid-request"],
    fixedCorpusFinds: true,
    fault: async (context) => (context.route?.operation === "deleteCall" ? "stall" : context.pass(context.request)),
    shows: async (api) => (await api.remove(await api.endedCall())).status === 0,
    requestTimeoutMs: 300,
  },
  {
    name: "created-with-202",
    class: "transport",
    defect: "createCall answers 202, a status the spec does not declare for it",
    fits: ["status-declared", "accepts-valid-request"],
    fixedCorpusFinds: true,
    fault: async (context) => {
      const response = await context.pass(context.request);
      return context.route?.operation === "createCall" && response.status === 201
        ? { ...response, status: 202 }
        : response;
    },
    shows: async (api) => (await api.create()).status === 202,
  },
];
