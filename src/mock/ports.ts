import { createServer } from "node:net";

export class MockStartError extends Error {
  override name = "MockStartError";
}

/** Resolves with a port that was free a moment ago (0 asks the OS for one), or rejects naming the taken port. */
export function claimPort(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE" ? "is already in use" : `cannot be used (${error.code ?? error.message})`;
      reject(
        new MockStartError(`port ${port} on ${host} ${reason}; choose another with --port, or 0 for any free port`),
      );
    });
    probe.listen(port, host, () => {
      const address = probe.address();
      const chosen = typeof address === "object" && address ? address.port : port;
      probe.close(() => resolve(chosen));
    });
  });
}
