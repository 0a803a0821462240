// What the two routes of an exchange (to the target, from Twilio to the app) share: the request as it arrived,
// passing it on, and recording what came back.
import type { IncomingMessage, ServerResponse } from "node:http";
import { harEntry, type SeenRequest, type SeenTimes } from "../har/entry.js";
import type { EntryNotes } from "../har/types.js";
import type { RequestVerdict } from "../verify/checks.js";
import type { Forwarded, Forwarder, OutgoingRequest } from "./forward.js";
import type { ReadBody } from "./read-body.js";
import type { Recorder } from "./record.js";

/** One exchange once the proxy has read what it reads of the request's body. */
export interface Arrival {
  req: IncomingMessage;
  res: ServerResponse;
  read: ReadBody;
  /** The notes the exchange's HAR entry carries; a route adds its own. */
  notes: EntryNotes;
  started: Date;
}

export type Route = (arrival: Arrival) => Promise<void>;

/** What every route uses: the way on, and the record. */
export interface RouteTools {
  forwarder: Forwarder;
  recorder: Recorder;
}

/** The times of an exchange that never went anywhere (refused, or not yet sent). */
export const unsent = (started: Date): SeenTimes => ({ started, waitMs: 0, receiveMs: 0 });

/** Passes the request on; the rest of a body larger than the proxy reads streams on from the request itself. */
export function passOn(forwarder: Forwarder, arrival: Arrival, outgoing: OutgoingRequest): Promise<Forwarded> {
  const { req, res, read } = arrival;
  return forwarder.forward(read.overflow ? { ...outgoing, rest: req } : outgoing, res);
}

export interface ForwardedExchange {
  /** The request as the record shows it. */
  seen: SeenRequest;
  forwarded: Forwarded;
  /** The findings on the request as it really was (before redaction). */
  rawVerdict: RequestVerdict | undefined;
  /** Query keys that are secret on this request though not named so. */
  secretQueryParam?: (name: string) => boolean;
}

export function recordForwarded(recorder: Recorder, arrival: Arrival, exchange: ForwardedExchange): void {
  const { seen, forwarded, rawVerdict, secretQueryParam } = exchange;
  const notes: EntryNotes = {
    ...arrival.notes,
    ...(forwarded.noResponse === undefined ? {} : { noResponse: forwarded.noResponse }),
    ...(forwarded.unread === undefined ? {} : { unread: forwarded.unread }),
  };
  const times = { started: arrival.started, waitMs: forwarded.waitMs, receiveMs: forwarded.receiveMs };
  const raw = harEntry(seen, forwarded.response, times, notes);
  recorder.record({ raw, ...(rawVerdict ? { rawVerdict } : {}), ...(secretQueryParam ? { secretQueryParam } : {}) });
}
