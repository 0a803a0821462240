// Passes a request the front layer accepted on to Prism and relays Prism's answer unchanged.
import { Agent, type IncomingMessage, request, type ServerResponse } from "node:http";
import { sendJson, twilioError } from "./errors.js";

export interface Upstream {
  /** Relays the request; `inspect` sees Prism's status and parsed JSON body once the answer is sent on. */
  forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    inspect?: (status: number, json: unknown) => void,
  ): void;
  close(): void;
}

export function createUpstream(target: { host: string; port: number }): Upstream {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    forward(req, res, body, inspect) {
      const headers = { ...req.headers, host: `${target.host}:${target.port}` };
      const upstream = request(
        { host: target.host, port: target.port, method: req.method, path: req.url, headers, agent },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (c: Buffer) => chunks.push(c));
          answer.on("end", () => {
            const payload = Buffer.concat(chunks);
            const relayed = { ...answer.headers };
            delete relayed["transfer-encoding"];
            delete relayed.connection;
            relayed["content-length"] = String(payload.length);
            res.writeHead(answer.statusCode ?? 502, relayed);
            res.end(payload);
            if (!inspect || payload.length === 0) return;
            try {
              inspect(answer.statusCode ?? 0, JSON.parse(payload.toString("utf8")));
            } catch {
              // Prism answered with something that is not JSON: nothing to inspect.
            }
          });
        },
      );
      upstream.on("error", (error) => {
        if (res.headersSent) res.destroy(error);
        else sendJson(res, 502, twilioError(502, 20500, `the mock's Prism process did not answer: ${error.message}`));
      });
      upstream.end(body);
    },
    close: () => agent.destroy(),
  };
}
