// The local HTTP server every client in the benchmark talks to: it reads the body and responds to createCall
// with the spec's example of its 201. A separate process, so that it does not share an event loop with the clients.
import { createServer } from "node:http";
import spec from "../generated/calls.bundled.json" with { type: "json" };

const body = JSON.stringify(spec.components.examples.QueuedCall.value);
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(201, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
