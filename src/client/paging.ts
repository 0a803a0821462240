// Reading the call list page after page: next_page_uri is followed until it is null, and a server that sends one
// twice, or one outside this account's call list, is stopped rather than followed.
import { operations } from "../../generated/manifest.js";
import { CallsError } from "./errors.js";
import type { RequestOptions } from "./options.js";
import type { Call, CallPage, ListCallsFilters } from "./types.js";

type List = (filters: ListCallsFilters, perCall: RequestOptions) => Promise<CallPage>;

export interface CallPages {
  pages(filters?: ListCallsFilters, perCall?: RequestOptions): AsyncGenerator<CallPage, void, undefined>;
  each(filters?: ListCallsFilters, perCall?: RequestOptions): AsyncGenerator<Call, void, undefined>;
}

/** The pages of the account's call list, and its calls one by one, each page read by `list`. */
export function callPages(accountSid: string, list: List): CallPages {
  const listPath = operations.listCalls.path.replace("{AccountSid}", accountSid);

  /** The filters of the page a next_page_uri points to, once it is known to be new and this account's list. */
  function nextFilters(next: string, seen: Set<string>): ListCallsFilters {
    if (seen.has(next)) {
      throw new CallsError("api", `the server sent next_page_uri ${next} twice; stopping to avoid a loop`);
    }
    seen.add(next);
    const url = new URL(next, "http://next-page.invalid");
    if (url.pathname !== listPath) {
      throw new CallsError("api", `next_page_uri ${url.pathname} is not this account's call list`);
    }
    return Object.fromEntries(url.searchParams) as ListCallsFilters;
  }

  async function* pages(filters: ListCallsFilters = {}, perCall: RequestOptions = {}) {
    let page = await list(filters, perCall);
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const next = page.next_page_uri;
      if (next === null) return;
      page = await list(nextFilters(next, seen), perCall);
    }
  }

  return {
    pages,
    async *each(filters = {}, perCall = {}) {
      for await (const page of pages(filters, perCall)) yield* page.calls;
    },
  };
}
