// A call of the store as Twilio's API shows it: the Call object's 26 keys (and annotation), dates in RFC 2822.
import { rfc2822 } from "../callbacks.js";
import { type CallRecord, CallStore } from "./store.js";

const SUBRESOURCES = ["notifications", "recordings", "events", "payments", "siprec", "streams", "transcriptions"];
const capitalised = (name: string) => `${name[0]?.toUpperCase()}${name.slice(1)}`;

/** A US number for display, as Twilio formats it; anything else as given. */
function formatted(address: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(address);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : address;
}

const time = (ms: number | undefined) => (ms === undefined ? null : rfc2822(ms));

export function renderCall(call: CallRecord, options: { justCreated?: boolean } = {}): Record<string, unknown> {
  const base = `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}`;
  // createCall's response carries no dates yet, as Twilio's does (captured 201s); later reads carry them.
  const fresh = options.justCreated === true;
  return {
    sid: call.sid,
    date_created: fresh ? null : time(call.createdAt),
    date_updated: fresh ? null : time(call.updatedAt),
    parent_call_sid: call.parentCallSid,
    account_sid: call.accountSid,
    to: call.to,
    to_formatted: formatted(call.to),
    from: call.from,
    from_formatted: formatted(call.from),
    phone_number_sid: null,
    status: call.status,
    start_time: time(call.startTime),
    end_time: time(call.endTime),
    duration: CallStore.duration(call),
    price: CallStore.price(call),
    price_unit: "USD",
    direction: call.direction,
    answered_by: call.answeredBy ?? null,
    api_version: "2010-04-01",
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: String(call.queueTimeMs),
    trunk_sid: null,
    uri: `${base}.json`,
    subresource_uris: Object.fromEntries(SUBRESOURCES.map((name) => [name, `${base}/${capitalised(name)}.json`])),
    annotation: null,
  };
}
