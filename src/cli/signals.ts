// Ctrl-C and `kill`: the mock and verify stop what they started (the mock and its Prism child) and exit; the proxy
// waits for the signal, then reports on what it recorded.

/** Stops `cleanup` once on SIGINT/SIGTERM, then exits; returns a function that removes the handlers. */
export function onInterrupt(cleanup: () => Promise<void>, exitCode: number): () => void {
  const handler = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping\n`);
    void cleanup().finally(() => process.exit(exitCode));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.removeListener("SIGINT", handler);
    process.removeListener("SIGTERM", handler);
  };
}

/** Resolves with the first SIGINT or SIGTERM, which then no longer ends the process by itself. */
export function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
