import { defineConfig } from "vitest/config";

// The packed package (`npm run test:package`): what `npm pack` lists, and the tarball in fresh projects (it packs,
// installs three projects from npm's cache and compiles one, about 30 s of CPU), so it runs beside `npm test` rather
// than inside it (.ci/run runs both).
export default defineConfig({
  test: {
    include: ["contract-tests/package/consumer.test.ts", "contract-tests/package/exports.test.ts"],
    globalSetup: ["contract-tests/support/global-setup.ts"],
    // One file at a time: the consumer's `npm pack` rebuilds dist/, which the pack list must not read half-written.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
