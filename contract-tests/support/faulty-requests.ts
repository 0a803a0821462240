// Catalogue entries whose server takes a request Twilio refuses: invalid forms and queries (acceptance), and
// requests without the right credentials or from the wrong account (auth). The server changes the request into one
// the mock accepts, or passes it on past the guard that would refuse it (faulty-server.ts).
import spec from "../../generated/calls.bundled.json" with { type: "json" };
import { basicAuthHeader } from "../../src/basic-auth.js";
import type { CatalogueEntry } from "./faulty-entry.js";
import { callPath, onForm, onRequest, remembered, withForm } from "./faulty-faults.js";
import type { Fault, WireRequest } from "./faulty-server.js";

const CREATE_KEYS = new Set(Object.keys(spec.components.schemas.CreateCallRequest.properties));
const METHOD_KEYS = ["Method", "FallbackMethod", "StatusCallbackMethod", "RecordingStatusCallbackMethod"];

/** Keeps only the last value of each repeated key, as a form reader that fills a map does. */
function lastOfEach(form: URLSearchParams): URLSearchParams {
  const last = new Map<string, string>();
  for (const [key, value] of form) last.set(key, value);
  return new URLSearchParams([...last]);
}

/** Lets requests of the operations through without credentials: they are sent on as the first account's. */
function withoutCredentials(operations: Array<"listCalls" | "deleteCall">): Fault {
  return onRequest(operations, (request, context) => {
    const [first] = context.accounts;
    if (request.headers.authorization || !first) return request;
    return {
      ...request,
      headers: { ...request.headers, authorization: basicAuthHeader(first.accountSid, first.authToken) },
    };
  });
}

/** Serves another account's call to whoever names its SID: the path and credentials become the owner's. */
function ownerOfAnyCall(operations: Array<"fetchCall" | "updateCall" | "deleteCall">): Fault {
  return async (context) => {
    const owners = remembered(context, "owners", () => new Map<string, string>());
    const { route, request } = context;
    const owner = route?.sid === undefined ? undefined : owners.get(route.sid);
    const account = context.accounts.find((a) => a.accountSid === owner);
    let sent: WireRequest = request;
    if (
      context.authenticated(request) &&
      route?.sid &&
      account &&
      route.accountSid !== owner &&
      operations.includes(route.operation as "fetchCall")
    ) {
      const authorization = basicAuthHeader(account.accountSid, account.authToken);
      sent = {
        ...request,
        path: callPath(account.accountSid, route.sid),
        headers: { ...request.headers, authorization },
      };
    }
    const response = await context.pass(sent);
    if (route?.operation === "createCall" && response.status === 201)
      owners.set((JSON.parse(response.body) as { sid: string }).sid, route.accountSid);
    return response;
  };
}

export const acceptanceEntries: CatalogueEntry[] = [
  {
    name: "takes-timeout-601",
    class: "acceptance",
    defect: "a create with Timeout above 600 is placed with Timeout 600",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onForm(["createCall"], (form) => {
      if (Number(form.get("Timeout")) > 600) form.set("Timeout", "600");
    }),
    shows: async (api) => (await api.create({ Timeout: "601" })).status === 201,
  },
  {
    name: "takes-missing-to",
    class: "acceptance",
    defect: "a create without To calls the From address",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onForm(["createCall"], (form) => {
      if (!form.has("To")) form.set("To", form.get("From") ?? "+13105555555");
    }),
    shows: async (api) =>
      (await api.createExactly({ From: "+12125551234", Url: "https://example.com/twiml" })).status === 201,
  },
  {
    name: "create-reads-last-of-repeated-key",
    class: "acceptance",
    defect: "a create's form is read into a map: of a repeated key only the last value counts",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onRequest(["createCall"], (request) => withForm(request, lastOfEach(new URLSearchParams(request.body)))),
    shows: async (api) => (await api.create({ Timeout: ["abc", "30"] })).status === 201,
  },
  {
    name: "update-reads-last-of-repeated-key",
    class: "acceptance",
    defect: "an update's form is read into a map: of a repeated key only the last value counts",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: false,
    fault: onRequest(["updateCall"], (request) => withForm(request, lastOfEach(new URLSearchParams(request.body)))),
    shows: async (api) => {
      const sid = (await api.create()).body.sid;
      return (await api.update(sid, { Status: ["bogus", "canceled"] })).status === 200;
    },
  },
  {
    name: "drops-unknown-keys",
    class: "acceptance",
    defect: "a create's unknown keys are dropped before it is read (a misspelled StatusCallbackEvents is taken)",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onForm(["createCall"], (form) => {
      for (const key of [...form.keys()]) if (!CREATE_KEYS.has(key)) form.delete(key);
    }),
    shows: async (api) => (await api.create({ StatusCallbackEvents: "ringing" })).status === 201,
  },
  {
    name: "method-any-case",
    class: "acceptance",
    defect: "a create's Method values are taken in any case (post)",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onForm(["createCall"], (form) => {
      for (const key of METHOD_KEYS) {
        const value = form.get(key);
        if (value !== null) form.set(key, value.toUpperCase());
      }
    }),
    shows: async (api) => (await api.create({ Method: "post" })).status === 201,
  },
  {
    name: "page-size-clamped",
    class: "acceptance",
    defect: "a list with PageSize above 1000 is served 1000 to a page",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onRequest(["listCalls"], (request) => {
      const query = new URLSearchParams(request.query);
      if (Number(query.get("PageSize")) > 1000) query.set("PageSize", "1000");
      return { ...request, query };
    }),
    shows: async (api) => (await api.list({ PageSize: "1001" })).status === 200,
  },
  {
    name: "takes-time-limit-0",
    class: "acceptance",
    defect: "a create with TimeLimit below 1 is placed without a time limit",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: false,
    fault: onForm(["createCall"], (form) => {
      if (Number(form.get("TimeLimit")) < 1) form.delete("TimeLimit");
    }),
    shows: async (api) => (await api.create({ TimeLimit: "0" })).status === 201,
  },
  {
    name: "takes-cancelled-british",
    class: "acceptance",
    defect: "an update with Status cancelled (British spelling) is read as canceled",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onForm(["updateCall"], (form) => {
      if (form.get("Status") === "cancelled") form.set("Status", "canceled");
    }),
    shows: async (api) => {
      const sid = (await api.create()).body.sid;
      return (await api.update(sid, { Status: "cancelled" })).status === 200;
    },
  },
  {
    name: "list-status-any-case",
    class: "acceptance",
    defect: "a list's Status filter is taken in any case (Completed)",
    fits: ["rejects-invalid-request"],
    fixedCorpusFinds: true,
    fault: onRequest(["listCalls"], (request) => {
      const query = new URLSearchParams(request.query);
      const status = query.get("Status");
      if (status !== null) query.set("Status", status.toLowerCase());
      return { ...request, query };
    }),
    shows: async (api) => (await api.list({ Status: "Completed" })).status === 200,
  },
];

export const authEntries: CatalogueEntry[] = [
  {
    name: "lists-without-credentials",
    class: "auth",
    defect: "listCalls without credentials is served",
    fits: ["requires-auth"],
    fixedCorpusFinds: true,
    fault: withoutCredentials(["listCalls"]),
    shows: async (api) => (await api.list({}, { credentials: null, pathAccount: api.first.accountSid })).status === 200,
  },
  {
    name: "deletes-without-credentials",
    class: "auth",
    defect: "deleteCall without credentials deletes the call",
    fits: ["requires-auth"],
    fixedCorpusFinds: false,
    fault: withoutCredentials(["deleteCall"]),
    shows: async (api) => {
      const sid = await api.endedCall();
      return (await api.remove(sid, { credentials: null, pathAccount: api.first.accountSid })).status === 204;
    },
  },
  {
    name: "takes-wrong-token",
    class: "auth",
    defect: "any token is taken for a known account",
    fits: ["requires-auth", "account-isolation"],
    fixedCorpusFinds: false,
    fault: (context) => context.pass(context.request, ["token"]),
    shows: async (api) => {
      const wrong = { accountSid: api.first.accountSid, authToken: "not-the-token" };
      return (await api.list({}, { credentials: wrong })).status === 200;
    },
  },
  {
    name: "serves-another-accounts-path",
    class: "auth",
    defect: "one account's credentials reach another account's calls under that account's path",
    fits: ["account-isolation"],
    fixedCorpusFinds: false,
    fault: (context) => context.pass(context.request, ["path-account"]),
    shows: async (api) => {
      const sid = (await api.create()).body.sid;
      return (await api.fetch(sid, { credentials: api.second, pathAccount: api.first.accountSid })).status === 200;
    },
  },
  {
    name: "second-account-fetches",
    class: "auth",
    defect: "a second account fetches the first one's call by its SID under its own path",
    fits: ["account-isolation"],
    fixedCorpusFinds: false,
    fault: ownerOfAnyCall(["fetchCall"]),
    shows: async (api) => {
      const sid = (await api.create()).body.sid;
      return (await api.fetch(sid, { credentials: api.second })).status === 200;
    },
  },
  {
    name: "second-account-changes",
    class: "auth",
    defect: "a second account updates and deletes the first one's call by its SID under its own path",
    fits: ["account-isolation"],
    fixedCorpusFinds: false,
    fault: ownerOfAnyCall(["updateCall", "deleteCall"]),
    shows: async (api) => {
      const sid = (await api.create()).body.sid;
      return (await api.update(sid, { Status: "canceled" }, { credentials: api.second })).status === 200;
    },
  },
  {
    name: "second-account-lists-first",
    class: "auth",
    defect: "every account's list is the first account's calls",
    fits: ["account-isolation"],
    fixedCorpusFinds: false,
    fault: onRequest(["listCalls"], (request, context) => {
      const [first] = context.accounts;
      if (!first || context.route?.accountSid === first.accountSid || !context.authenticated(request)) return request;
      const authorization = basicAuthHeader(first.accountSid, first.authToken);
      const path = `/2010-04-01/Accounts/${first.accountSid}/Calls.json`;
      return { ...request, path, headers: { ...request.headers, authorization } };
    }),
    shows: async (api) => {
      await api.create();
      return ((await api.list({}, { credentials: api.second })).body.calls ?? []).length > 0;
    },
  },
];
