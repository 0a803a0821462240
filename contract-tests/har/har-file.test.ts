// HAR files as the proxy writes them: valid HAR 1.2 JSON once closed, and still readable entry by entry when the
// writer never got to close them.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { harEntry } from "../../src/har/entry.js";
import { HarReadError, parseHar, readHar } from "../../src/har/reader.js";
import { openHarWriter } from "../../src/har/writer.js";

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "har-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const times = { started: new Date("2026-11-24T17:40:02Z"), waitMs: 3, receiveMs: 1 };

function formEntry(body: string) {
  return harEntry(
    {
      method: "POST",
      url: "http://127.0.0.1:4010/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json?x=1",
      rawHeaders: ["Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"],
      body: Buffer.from(body),
    },
    {
      status: 201,
      statusText: "Created",
      rawHeaders: ["Content-Type", "application/json"],
      body: Buffer.from('{"sid":"CA1"}'),
    },
    times,
    {},
  );
}

describe("HAR files", () => {
  it("records a form body as its ordered parameters, repeated keys kept, and the response as text", () => {
    const entry = formEntry("To=%2B13105555555&StatusCallbackEvent=initiated&StatusCallbackEvent=completed");
    expect(entry.request.postData).toEqual({
      mimeType: "application/x-www-form-urlencoded",
      params: [
        { name: "To", value: "+13105555555" },
        { name: "StatusCallbackEvent", value: "initiated" },
        { name: "StatusCallbackEvent", value: "completed" },
      ],
    });
    expect(entry.request.queryString).toEqual([{ name: "x", value: "1" }]);
    expect(entry.response.content).toEqual({ size: 13, mimeType: "application/json", text: '{"sid":"CA1"}' });
    expect(entry.request.headers[0]).toEqual({ name: "Content-Type", value: "application/x-www-form-urlencoded" });
    expect(entry._callsContract).toBeUndefined();
  });

  it("writes a HAR 1.2 document that JSON.parse reads, entries in the order appended", async () => {
    const path = join(await tempDir(), "traffic.har");
    const writer = await openHarWriter(path, { name: "calls-contract", version: "0.1.0" });
    for (const n of [1, 2, 3]) writer.append(formEntry(`To=${n}`));
    expect(writer.count).toBe(3);
    await writer.close();
    const document = JSON.parse(await readFile(path, "utf8"));
    expect(document.log.version).toBe("1.2");
    expect(document.log.creator).toEqual({ name: "calls-contract", version: "0.1.0" });
    expect(
      document.log.entries.map(
        (e: { request: { postData: { params: Array<{ value: string }> } } }) => e.request.postData.params[0]?.value,
      ),
    ).toEqual(["1", "2", "3"]);
    expect((await readHar(path)).truncated).toBeUndefined();
  });

  it("writes an empty, valid document when nothing was recorded", async () => {
    const path = join(await tempDir(), "empty.har");
    await (await openHarWriter(path, { name: "calls-contract", version: "0.1.0" })).close();
    expect((await readHar(path)).entries).toEqual([]);
  });

  it("reads a file cut off mid-entry up to its last whole entry, and says so", async () => {
    const path = join(await tempDir(), "cut.har");
    const writer = await openHarWriter(path, { name: "calls-contract", version: "0.1.0" });
    writer.append(formEntry("To=1"));
    writer.append(formEntry("To=2"));
    await writer.close();
    const whole = await readFile(path, "utf8");
    // As if the process died while the third entry was half written.
    await writeFile(path, `${whole.slice(0, whole.lastIndexOf("\n]}}"))},\n{"startedDateTime":"2026-`);
    const read = await readHar(path);
    expect(read.entries).toHaveLength(2);
    expect(read.truncated).toMatch(/read its first 2 whole entries/);
  });

  it("refuses what is not a HAR document", async () => {
    expect(() => parseHar('{"entries": []}')).toThrow(HarReadError);
    expect(() => parseHar("GET / HTTP/1.1")).toThrow(/not a HAR file/);
  });

  it("fails at once when the file cannot be created", async () => {
    const path = join(await tempDir(), "missing-dir", "traffic.har");
    await expect(openHarWriter(path, { name: "calls-contract", version: "0.1.0" })).rejects.toThrow(/ENOENT/);
  });
});
