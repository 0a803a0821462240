import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The examples import the package by its public names, as a user's code does; here they mean the sources.
  resolve: {
    alias: [
      { find: /^calls-contract$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      {
        find: /^calls-contract\/(client|mock|verify)$/,
        replacement: fileURLToPath(new URL("./src/$1/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["contract-tests/**/*.test.ts"],
    globalSetup: ["contract-tests/support/global-setup.ts"],
    testTimeout: 20_000,
    // Most suites wait on child processes and sockets, not the CPU: two workers on a 2-core machine halve the run.
    maxWorkers: 2,
    hookTimeout: 30_000,
  },
});
