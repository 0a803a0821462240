// The admin API's event stream (server-sent events): hello with the clock, then every event of the mock's hub
// until the watcher goes away. A watcher that stops reading is let go rather than buffered for without end.
import type { ServerResponse } from "node:http";
import { clockView } from "./admin-views.js";
import type { StatefulMock } from "./runtime.js";

const MAX_UNREAD_EVENT_BYTES = 1024 * 1024;

export function streamEvents(mock: StatefulMock, res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
  res.write(`event: hello\ndata: ${JSON.stringify(clockView(mock.clock))}\n\n`);
  const stop = mock.hub.subscribe((event) => {
    if (res.writableLength > MAX_UNREAD_EVENT_BYTES) {
      stop();
      res.destroy();
      return;
    }
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  });
  // The response closes when the watcher goes away; the request closes as soon as its (empty) body is read.
  res.on("close", stop);
}
