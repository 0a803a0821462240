import { defineConfig } from "vitest/config";

// The browser suites: a real headless chromium against the stateful mock, run by `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ["contract-tests/e2e/**/*.e2e.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
