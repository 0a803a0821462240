// Catalogue entries whose server sends a response body Twilio never sends: shapes (a wrong type, a missing key, a
// wrong date format, a wrong uri), enum values, and SIDs. The rules broken are the spec's (openapi/calls.yaml: Call,
// CallPage, TwilioError, CallStatus, CallDirection, CallSid), each of which cites its source.
import type { CatalogueEntry } from "./faulty-entry.js";
import { type Call, onBody, onCalls } from "./faulty-faults.js";
import type { Fault } from "./faulty-server.js";

const ALL_CALL_RESPONSES = ["createCall", "listCalls", "fetchCall", "updateCall"] as const;
const everyCallResponse = [...ALL_CALL_RESPONSES];

/** Another well-formed call SID: the last hex digit changed. */
const otherSid = (sid: string) => `${sid.slice(0, -1)}${sid.endsWith("0") ? "1" : "0"}`;

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Answers every 404 without the `code` Twilio's error bodies always carry. */
const notFoundWithoutCode: Fault = async (context) => {
  const response = await context.pass(context.request);
  if (response.status !== 404 || !/json/.test(response.headers["content-type"] ?? "")) return response;
  const { code: _dropped, ...rest } = JSON.parse(response.body) as Record<string, unknown>;
  return { ...response, body: JSON.stringify(rest) };
};

export const shapeEntries: CatalogueEntry[] = [
  {
    name: "queue-time-as-number",
    class: "shapes",
    defect: "queue_time is a JSON number, not the decimal text Twilio sends",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: onCalls(everyCallResponse, (call) => {
      call.queue_time = Number(call.queue_time);
    }),
    shows: async (api) => typeof (await api.create()).body.queue_time === "number",
  },
  {
    name: "fetch-without-status",
    class: "shapes",
    defect: "fetchCall answers without the required key status",
    fits: ["response-schema"],
    fixedCorpusFinds: false,
    fault: onCalls(["fetchCall"], (call) => {
      delete call.status;
    }),
    shows: async (api) => {
      const fetched = await api.fetch((await api.create()).body.sid);
      return fetched.status === 200 && !("status" in fetched.body);
    },
  },
  {
    name: "dates-in-iso-8601",
    class: "shapes",
    defect: "date_created and date_updated are ISO 8601, not RFC 2822 with +0000",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: onCalls(["listCalls", "fetchCall"], (call) => {
      for (const key of ["date_created", "date_updated"])
        if (typeof call[key] === "string") call[key] = new Date(call[key] as string).toISOString();
    }),
    shows: async (api) => {
      const fetched = await api.fetch((await api.create()).body.sid);
      return /T.*Z$/.test(String(fetched.body.date_created));
    },
  },
  {
    name: "uri-without-extension",
    class: "shapes",
    defect: "a Call's uri lacks the .json extension of its own path",
    fits: ["response-schema", "self-links"],
    fixedCorpusFinds: true,
    fault: onCalls(everyCallResponse, (call) => {
      call.uri = String(call.uri).replace(/\.json$/, "");
    }),
    shows: async (api) => !String((await api.create()).body.uri).endsWith(".json"),
  },
  {
    name: "update-with-null-account",
    class: "shapes",
    defect: "updateCall answers with account_sid null",
    fits: ["response-schema"],
    fixedCorpusFinds: false,
    fault: onCalls(["updateCall"], (call) => {
      call.account_sid = null;
    }),
    shows: async (api) => {
      const updated = await api.update((await api.create()).body.sid, { Status: "canceled" });
      return updated.status === 200 && updated.body.account_sid === null;
    },
  },
  {
    name: "absolute-subresource-uris",
    class: "shapes",
    defect: "fetchCall's subresource_uris are absolute URLs, not paths relative to the API host",
    fits: ["response-schema", "self-links"],
    fixedCorpusFinds: false,
    fault: onCalls(["fetchCall"], (call) => {
      const links = call.subresource_uris as Record<string, string>;
      for (const key of Object.keys(links)) links[key] = `https://api.twilio.com${links[key]}`;
    }),
    shows: async (api) => {
      const fetched = await api.fetch((await api.create()).body.sid);
      return String(fetched.body.subresource_uris?.recordings).startsWith("https://");
    },
  },
  {
    name: "page-size-as-text",
    class: "shapes",
    defect: "a page's page_size is text, not an integer",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: onBody(["listCalls"], (page) => ({ ...page, page_size: String(page.page_size) })),
    shows: async (api) => typeof (await api.list()).body.page_size === "string",
  },
  {
    name: "page-without-next-page-uri",
    class: "shapes",
    defect: "a page leaves out next_page_uri instead of giving null on the last page",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: onBody(["listCalls"], ({ next_page_uri: _dropped, ...page }) => page),
    shows: async (api) => !("next_page_uri" in (await api.list()).body),
  },
  {
    name: "not-found-without-code",
    class: "shapes",
    defect: "a 404's error body has no code",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: notFoundWithoutCode,
    shows: async (api) => {
      const fetched = await api.fetch("CA00000000000000000000000000000000");
      return fetched.status === 404 && !("code" in fetched.body);
    },
  },
];

export const enumEntries: CatalogueEntry[] = [
  {
    // initiated is a status callback's CallStatus only; the resource goes from queued to ringing
    // (src/mock/stateful/store.ts, after Twilio's call resource reference).
    name: "created-as-initiated",
    class: "enums",
    defect: "createCall answers with status initiated, which a Call resource never has",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: onCalls(["createCall"], (call) => {
      call.status = "initiated";
    }),
    shows: async (api) => (await api.create()).body.status === "initiated",
  },
  {
    name: "list-status-capitalised",
    class: "enums",
    defect: "listCalls gives each status capitalised (Queued)",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: onCalls(["listCalls"], (call) => {
      call.status = capitalised(String(call.status));
    }),
    shows: async (api) => {
      await api.create();
      return (await api.list()).body.calls?.[0]?.status === "Queued";
    },
  },
  {
    name: "fetch-direction-outbound",
    class: "enums",
    defect: "fetchCall gives direction outbound, not outbound-api",
    fits: ["response-schema"],
    fixedCorpusFinds: false,
    fault: onCalls(["fetchCall"], (call) => {
      call.direction = "outbound";
    }),
    shows: async (api) => (await api.fetch((await api.create()).body.sid)).body.direction === "outbound",
  },
  {
    name: "cancelled-british",
    class: "enums",
    defect: "a canceled call is shown with status cancelled (British spelling) after an update",
    fits: ["response-schema", "update-follows-status"],
    fixedCorpusFinds: false,
    fault: onCalls(["updateCall"], (call) => {
      if (call.status === "canceled") call.status = "cancelled";
    }),
    shows: async (api) =>
      (await api.update((await api.create()).body.sid, { Status: "canceled" })).body.status === "cancelled",
  },
  {
    name: "list-direction-upper-case",
    class: "enums",
    defect: "listCalls gives direction in upper case (OUTBOUND-API)",
    fits: ["response-schema"],
    fixedCorpusFinds: true,
    fault: onCalls(["listCalls"], (call) => {
      call.direction = String(call.direction).toUpperCase();
    }),
    shows: async (api) => {
      await api.create();
      return (await api.list()).body.calls?.[0]?.direction === "OUTBOUND-API";
    },
  },
];

export const sidEntries: CatalogueEntry[] = [
  {
    name: "created-sid-wrong-prefix",
    class: "sids",
    defect: "createCall answers with a SID that starts CX, not CA",
    fits: ["response-schema", "self-links"],
    fixedCorpusFinds: true,
    fault: onCalls(["createCall"], (call) => {
      call.sid = `CX${String(call.sid).slice(2)}`;
    }),
    shows: async (api) => String((await api.create()).body.sid).startsWith("CX"),
  },
  {
    name: "listed-sid-too-short",
    class: "sids",
    defect: "listCalls gives each SID one hex digit short (33 characters)",
    fits: ["response-schema", "self-links"],
    fixedCorpusFinds: true,
    fault: onCalls(["listCalls"], (call) => {
      call.sid = String(call.sid).slice(0, 33);
    }),
    shows: async (api) => {
      await api.create();
      return String((await api.list()).body.calls?.[0]?.sid).length === 33;
    },
  },
  {
    name: "fetch-sid-not-the-path",
    class: "sids",
    defect: "fetchCall answers with a sid other than the one in the path (its uri still names the right one)",
    fits: ["self-links", "created-is-fetchable"],
    fixedCorpusFinds: false,
    fault: onCalls(["fetchCall"], (call) => {
      call.sid = otherSid(String(call.sid));
    }),
    shows: async (api) => {
      const sid = (await api.create()).body.sid;
      return (await api.fetch(sid)).body.sid === otherSid(sid);
    },
  },
  {
    name: "fetch-answers-newest-call",
    class: "sids",
    defect: "fetchCall answers with the account's newest call, whatever SID the path names",
    fits: ["created-is-fetchable", "created-matches-request"],
    fixedCorpusFinds: false,
    fault: async (context) => {
      const response = await context.pass(context.request);
      if (context.route?.operation !== "fetchCall" || response.status !== 200) return response;
      const page = await context.pass({ ...context.request, path: context.request.path.replace(/\/[^/]+$/, ".json") });
      const newest = (JSON.parse(page.body) as { calls: Call[] }).calls[0];
      return { ...response, body: JSON.stringify(newest) };
    },
    shows: async (api) => {
      const older = (await api.create()).body.sid;
      await api.create({ To: "+13105550111" });
      return (await api.fetch(older)).body.sid !== older;
    },
  },
  {
    name: "listed-under-other-account",
    class: "sids",
    defect: "listCalls gives each call the account_sid of another account (its uri still names the right one)",
    fits: ["self-links", "account-isolation"],
    fixedCorpusFinds: true,
    fault: onBody(["listCalls"], (page, context) => {
      const other = context.accounts.find((a) => a.accountSid !== context.route?.accountSid);
      for (const call of (page.calls ?? []) as Call[]) call.account_sid = other?.accountSid;
      return page;
    }),
    shows: async (api) => {
      await api.create();
      return (await api.list()).body.calls?.[0]?.account_sid === api.second.accountSid;
    },
  },
];
