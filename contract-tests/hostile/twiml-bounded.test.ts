// `calls-contract twiml <path>` reads no more of a file than its 1 MiB limit: a path that never ends (/dev/zero)
// or a file far over the limit is refused with exit 2 at once, in the memory of a small run.
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MiB, type OnFinished, runCliWithin } from "./harness.js";

// A twiml run starts near 60 MB; reading 1 MiB and a little more stays far below this.
const PEAK_RSS_KB = 200 * 1024;

const twiml = (path: string, onFinished: OnFinished) => runCliWithin(["twiml", path], {}, 20_000, onFinished);

describe.concurrent("calls-contract twiml on a source larger than it reads", () => {
  it("refuses /dev/zero with exit 2, reading no more than its limit", async ({ onTestFinished }) => {
    const run = await twiml("/dev/zero", onTestFinished);
    expect(run.killed, "twiml outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("/dev/zero is larger than 1048576 bytes");
    expect(run.peakRssKb).toBeLessThan(PEAK_RSS_KB);
  });

  it("refuses a 400 MiB file with exit 2, reading no more than its limit", async ({ onTestFinished }) => {
    const folder = await mkdtemp(join(tmpdir(), "hostile-twiml-"));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const path = join(folder, "huge.xml");
    // Sparse: 400 MiB long, next to nothing on disk, and under the 2 GiB past which node will not read a file whole.
    await writeFile(path, "<Response>");
    await truncate(path, 400 * MiB);
    const run = await twiml(path, onTestFinished);
    expect(run.killed, "twiml outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${path} is larger than 1048576 bytes`);
    expect(run.peakRssKb).toBeLessThan(PEAK_RSS_KB);
  });
});
