// listCalls on the stateful mock: the account's calls, newest first, filtered as Twilio filters them, one page at a
// time with the paths to its neighbours. A PageSize left out is the spec's default, read from the spec.
import { specDefaultNumber } from "../calls-spec.js";
import { normalized } from "./addresses.js";
import { renderCall } from "./render.js";
import type { CallRecord, CallStore } from "./store.js";

type Range = [start: number, end: number];

function dayRange(text: string): Range | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : [start, start + 86_400_000 - 1];
  }
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : [instant, instant];
}

/** listCalls' filters on a call's start or end time: on the day (or at the time), on or before, on or after. */
function timeFilters(query: Record<string, unknown>, field: "StartTime" | "EndTime", value: number | undefined) {
  for (const [suffix, test] of [
    ["", (r: Range) => value !== undefined && value >= r[0] && value <= r[1]],
    ["<", (r: Range) => value !== undefined && value <= r[1]],
    [">", (r: Range) => value !== undefined && value >= r[0]],
  ] as const) {
    const given = query[`${field}${suffix}`];
    const range = typeof given === "string" ? dayRange(given) : undefined;
    // Text the mock cannot read as a time filters nothing out (the front layer has already warned about it).
    if (range && !test(range)) return false;
  }
  return true;
}

function matches(call: CallRecord, query: Record<string, unknown>): boolean {
  if (typeof query.To === "string" && call.to !== normalized(query.To)) return false;
  if (typeof query.From === "string" && call.from !== normalized(query.From)) return false;
  if (typeof query.Status === "string" && call.status !== query.Status) return false;
  // Only the legs a <Dial> of the simulator placed have a parent.
  if (typeof query.ParentCallSid === "string" && call.parentCallSid !== query.ParentCallSid) return false;
  return timeFilters(query, "StartTime", call.startTime) && timeFilters(query, "EndTime", call.endTime);
}

/** listCalls' filters, in the order a page URI names them. */
const FILTERS = [
  "To",
  "From",
  "ParentCallSid",
  "Status",
  ...["StartTime", "EndTime"].flatMap((field) => [field, `${field}<`, `${field}>`]),
];

/**
 * The query of a page URI: the filters asked for, then PageSize and Page. Twilio's page URIs keep the list's filters
 * (the Call resource's read example shows `Calls.json?To=...&Status=busy&PageSize=2&Page=0`,
 * https://www.twilio.com/docs/voice/api/call-resource#read-multiple-call-resources), so that following
 * next_page_uri, as the SDKs do, pages through the same filtered list.
 */
function filtersOf(query: Record<string, unknown>): string {
  const kept = FILTERS.flatMap((key): Array<[string, string]> => {
    const value = query[key];
    return typeof value === "string" ? [[key, value]] : [];
  });
  const text = new URLSearchParams(kept).toString();
  return text === "" ? "" : `${text}&`;
}

/** Builds listCalls' pages over the store: a page body as the CallPage schema describes it. */
export function createListPager(store: CallStore) {
  const defaultPageSize = specDefaultNumber("listCalls", "query", "PageSize");
  return function listPage(accountSid: string, query: Record<string, unknown>): Record<string, unknown> {
    const found = store.list(accountSid).filter((call) => matches(call, query));
    const pageSize = typeof query.PageSize === "number" ? query.PageSize : defaultPageSize;
    const page = typeof query.Page === "number" ? query.Page : 0;
    const start = page * pageSize;
    const calls = found.slice(start, start + pageSize);
    const listUri = `/2010-04-01/Accounts/${accountSid}/Calls.json`;
    const filters = filtersOf(query);
    const pageUri = (n: number) =>
      `${listUri}?${filters}PageSize=${pageSize}&Page=${n}${n > 0 ? `&PageToken=PA${n}` : ""}`;
    return {
      calls: calls.map((call) => renderCall(call)),
      page,
      page_size: pageSize,
      start,
      end: start + Math.max(calls.length, 1) - 1,
      uri: pageUri(page),
      first_page_uri: pageUri(0),
      next_page_uri: start + pageSize < found.length ? pageUri(page + 1) : null,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
    };
  };
}
