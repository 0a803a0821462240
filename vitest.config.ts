import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Suites that replace a module of the project (vi.mock) need a module registry of their own; every other suite
// shares its worker's, which halves the run's CPU (Prism's engine and the validators load once per worker, not
// once per file).
const OWN_MODULES = ["contract-tests/client/direct.test.ts"];
// Run by `npm run test:package` (vitest.package.config.ts) and .ci/run, not by `npm test`: both run npm pack.
const PACKAGE = ["contract-tests/package/consumer.test.ts", "contract-tests/package/exports.test.ts"];

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
    testTimeout: 20_000,
    // Most suites wait on child processes and sockets, not the CPU: two workers on a 2-core machine halve the run.
    maxWorkers: 2,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["contract-tests/**/*.test.ts"],
          exclude: [...OWN_MODULES, ...PACKAGE],
          globalSetup: ["contract-tests/support/global-setup.ts"],
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", include: OWN_MODULES } },
    ],
  },
});
