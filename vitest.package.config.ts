import { defineConfig } from "vitest/config";

// The slow lane (`npm run test:package`), beside `npm test` rather than inside it (.ci/run runs both): the packed
// package, what `npm pack` lists and the tarball in fresh projects (it packs, installs three projects from npm's
// cache and compiles one, about 30 s of CPU); and the hostile cases at full scale (`*.slow.ts`: an 800 MiB HAR,
// 80,000 calls, hundreds of stalled watchers), each a minute of CPU at most.
export default defineConfig({
  test: {
    include: [
      "contract-tests/package/consumer.test.ts",
      "contract-tests/package/exports.test.ts",
      "contract-tests/**/*.slow.ts",
    ],
    globalSetup: ["contract-tests/support/global-setup.ts"],
    // One file at a time: the consumer's `npm pack` rebuilds dist/, which the pack list must not read half-written;
    // and a hostile case's memory is measured on a machine not busy with another.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
