// A body fault on a response that has no body (a delete's 204) spoils `{}` in its place, sent as 200, as
// docs/faults.md says: each kind read off the wire with a raw HTTP client, which keeps what a parser would throw away.
import http from "node:http";
import { describe, expect, it } from "vitest";
import type { AdminFaultSpec } from "../../src/mock/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { CREATE, clientOf, faultySuite, freshAccount } from "./harness.js";

const suite = faultySuite();

/** What a raw client read of one DELETE: the status, the bytes, and whether the body ended as declared. */
function rawDelete(url: string, auth: string): Promise<{ status: number; body: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "DELETE", agent: false, auth }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("error", () => {});
      response.on("close", () => resolve({ status: response.statusCode ?? 0, body, complete: response.complete }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** Deletes a fresh (canceled) call of a fresh account with this fault on its deletes. */
async function deleteWith(fault: AdminFaultSpec) {
  const accountSid = freshAccount();
  const client = clientOf(suite.mock, accountSid, "undici");
  const call = await client.create(CREATE);
  // Only a call that has ended can be deleted.
  await client.update(call.sid, { Status: "canceled" });
  await suite.admin.addFault({ ...fault, match: { operation: "deleteCall", accountSid } });
  return rawDelete(
    `${suite.mock.baseUrl}/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
    `${accountSid}:${AUTH_TOKEN}`,
  );
}

describe("a body fault on a delete's 204", () => {
  it.each([
    ["empty-body", { kind: "empty-body" }, { status: 200, body: "", complete: true }],
    ["malformed-json", { kind: "malformed-json" }, { status: 200, body: "{,}", complete: true }],
    ["truncated-body", { kind: "truncated-body" }, { status: 200, body: "{", complete: false }],
    ["slow-headers", { kind: "slow-headers", ms: 20 }, { status: 200, body: "{}", complete: true }],
    [
      "dribbled-body",
      { kind: "dribbled-body", chunkBytes: 1, intervalMs: 1 },
      { status: 200, body: "{}", complete: true },
    ],
  ] as [string, AdminFaultSpec, object][])("sends %s as 200 with {} spoiled", async (_, fault, expected) => {
    expect(await deleteWith(fault)).toEqual(expected);
  });
});
