// `verify --har` reads a recording as a stream: memory follows the largest entry, not the file. (Files past the
// 512 MiB a string can hold, 800,000 entries and a long proxy session, are in har-scale.slow.ts, outside `npm test`.)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { openHarWriter } from "../../src/har/writer.js";
import { CALLS_URL, made } from "../support/har.js";
import { MiB, runCliWithin } from "./harness.js";

describe("verify --har on a recording of 100 MiB", () => {
  it("judges it in less memory than the file takes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hostile-har-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, "traffic.har");
    // A hundred list responses of 1 MiB each, written as the proxy writes them: one entry per line.
    const writer = await openHarWriter(path, { name: "hostile", version: "1" });
    const entry = made({ status: 200, url: CALLS_URL, json: { padding: "x".repeat(MiB) } });
    for (let i = 0; i < 100; i++) writer.append(entry);
    await writer.close();
    const run = await runCliWithin(["verify", "--har", path], {}, 20_000);
    expect(run.killed, "verify outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/in 100 exchange\(s\)/);
    // A verify run starts near 50 MB. Reading the file whole took 365 MB (the text, then the entries parsed from
    // it); a stream holds an entry or two at a time.
    expect(run.peakRssKb).toBeLessThan(50 * 1024 + 100 * 1024);
  });
});
