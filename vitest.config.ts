import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["contract-tests/**/*.test.ts"],
    globalSetup: ["contract-tests/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
