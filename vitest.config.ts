import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["contract-tests/**/*.test.ts"],
    globalSetup: ["contract-tests/support/global-setup.ts"],
    testTimeout: 20_000,
    // Most suites wait on child processes and sockets, not the CPU: two workers on a 2-core machine halve the run.
    maxWorkers: 2,
    hookTimeout: 30_000,
  },
});
