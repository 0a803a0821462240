// One exchange from its first byte to its record: the body read up to the limit, the request sent down its route
// (Twilio's callbacks under /callbacks/ when the proxy takes them, the target otherwise), and a failure of the
// proxy itself turned into a Twilio-shaped 502 rather than a client left waiting.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EntryNotes } from "../har/types.js";
import { sendJson, twilioError } from "../mock/errors.js";
import { isCallbackPath } from "./callbacks.js";
import { readBody } from "./read-body.js";
import type { Route } from "./route.js";

export interface Routes {
  target: Route;
  /** Present when the proxy receives Twilio's callbacks for an app. */
  callbacks?: Route;
}

/** Handles one exchange; the promise never rejects, so that a server can wait for it. */
export type ExchangeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createExchangeHandler(
  routes: Routes,
  maxBodyBytes: number,
  log: (line: string) => void,
): ExchangeHandler {
  async function exchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = new Date();
    const read = await readBody(req, maxBodyBytes);
    const notes: EntryNotes = {};
    if (read.overflow) notes.requestUnread = `larger than the ${maxBodyBytes} bytes the proxy reads`;
    const { pathname } = new URL(req.url ?? "/", "http://proxy.invalid");
    const route = routes.callbacks && isCallbackPath(pathname) ? routes.callbacks : routes.target;
    await route({ req, res, read, notes, started });
  }

  return (req, res) =>
    exchange(req, res).catch((error: Error) => {
      log(`✗ the proxy failed on an exchange: ${error.message}`);
      if (!res.headersSent) sendJson(res, 502, twilioError(502, 20500, "calls-contract proxy failed on this request"));
      else res.destroy();
    });
}
