// Ctrl-C and `kill` stop what the CLI started (the mock and its Prism child) before the process exits.

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
