// The admin API's event stream (server-sent events): hello with the clock, then every event of the mock's hub
// until the watcher goes away. The hub takes a bounded number of watchers (a 503 past it), and a watcher that stops
// reading is told so and let go rather than buffered for without end.
import type { ServerResponse } from "node:http";
import { AdminError } from "./admin-response.js";
import { clockView } from "./admin-views.js";
import { eventFrame } from "./events.js";
import type { StatefulMock } from "./runtime.js";

/** How much a watcher may leave unread before it is let go. */
export const MAX_UNREAD_EVENT_BYTES = 1024 * 1024;
/** How long a watcher that was let go has to read its last event before its connection is closed under it. */
const LET_GO_GRACE_MS = 5000;

/** Ends the stream with an event that says why; a watcher that still reads nothing is cut off after a grace. */
function letGo(res: ServerResponse): void {
  const error = `this watcher left more than ${MAX_UNREAD_EVENT_BYTES / 1024 / 1024} MiB of events unread and is let go; connect again to follow the mock`;
  // The connection is closed once the stream is read, rather than kept alive for a request a watcher never sends.
  const socket = res.socket;
  res.end(eventFrame("dropped", { error }), () => socket?.end());
  const timer = setTimeout(() => socket?.destroy(), LET_GO_GRACE_MS).unref();
  res.once("close", () => clearTimeout(timer));
}

export function streamEvents(mock: StatefulMock, res: ServerResponse): void {
  let behind = false;
  const stop = mock.hub.subscribe((frame) => {
    if (behind) return;
    if (res.writableLength <= MAX_UNREAD_EVENT_BYTES) return void res.write(frame);
    behind = true;
    letGo(res);
  });
  if (!stop) {
    const bound = mock.hub.maxWatchers;
    const message = `the event stream takes at most ${bound} watchers at once; close one (an inspector tab, a test's stream) and connect again`;
    throw new AdminError(503, message);
  }
  // The watcher keeps its place until its response closes (read to its end, or cut off), so that a let-go watcher's
  // unread events count too.
  res.on("close", stop);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
  res.write(eventFrame("hello", clockView(mock.clock)));
}
