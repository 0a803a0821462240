// The proxy's HTTP server: the time limits it shares with the mock, each exchange tracked while under way, and a
// graceful close that lets those finish (up to a grace period) before it cuts the connections that remain.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { KEEP_ALIVE_MS, serverTimeouts } from "../server-limits.js";
import type { ExchangeHandler } from "./exchange.js";

/** How long a close waits for the exchanges under way. */
const CLOSE_GRACE_MS = 5000;

export interface ProxyServer {
  port: number;
  /** Stops taking requests, lets those under way finish (up to 5 s), then closes every connection. */
  close(): Promise<void>;
}

export async function listen(handle: ExchangeHandler, host: string, port: number): Promise<ProxyServer> {
  const underWay = new Set<Promise<void>>();
  const server = createServer(serverTimeouts(), (req, res) => {
    const running = handle(req, res);
    underWay.add(running);
    void running.finally(() => underWay.delete(running));
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...underWay]), grace]);
      server.closeAllConnections();
      await closed;
    },
  };
}
