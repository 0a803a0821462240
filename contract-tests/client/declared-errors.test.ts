// The errors the spec declares, at run time: `isTwilioError` narrows an error only when its operation declares its
// status and code, so the types (contract-tests/types/errors.types.ts) never claim more than the error holds. The
// errors come from the stateful mock and from a plain server, and each stays the TwilioApiError it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallsError, createCallsClient, isTwilioError, TwilioApiError } from "../../src/index.js";
import { MAGIC_NUMBERS } from "../../src/mock/errors.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fixtures.js";
import { json, startHttpServer } from "../support/http-server.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ seed: "declared-errors" });
});
afterAll(() => harness.stop());

const place = { From: "+12125551234", Url: "https://example.com/twiml" };

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("the request should have failed"),
    (error: unknown) => error,
  );
}

describe("an error the operation declares", () => {
  it("narrows by operation and by code, and keeps today's class and fields", async () => {
    const error = await thrown(harness.client(freshAccount()).create({ ...place, To: "+15005550001" }));
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toBeInstanceOf(CallsError);
    expect(error).toMatchObject({
      kind: "api",
      status: 400,
      code: 21217,
      moreInfo: "https://www.twilio.com/docs/errors/21217",
      operation: "createCall",
      attempts: 1,
    });
    expect(isTwilioError(error)).toBe(true);
    expect(isTwilioError(error, "createCall")).toBe(true);
    expect(isTwilioError(error, 21217)).toBe(true);
    expect(isTwilioError(error, "fetchCall")).toBe(false);
    expect(isTwilioError(error, 21212)).toBe(false);
  });

  it("is declared for every test number of the mock, with the code the mock gives it", async () => {
    const client = harness.client(freshAccount());
    const numbers = Object.entries(MAGIC_NUMBERS).flatMap(([field, table]) =>
      Object.entries(table).map(([number, [code]]) => ({ field, number, code })),
    );
    for (const { field, number, code } of numbers) {
      const to = field === "To" ? number : "+13105555555";
      const from = field === "From" ? number : place.From;
      const error = await thrown(client.create({ ...place, To: to, From: from }));
      expect([field, number, isTwilioError(error, "createCall"), isTwilioError(error, code)]).toEqual([
        field,
        number,
        true,
        true,
      ]);
    }
  });

  it("is declared for the stateful mock's own refusals: an unknown call, a live one deleted, an ended one updated", async () => {
    const client = harness.client(freshAccount());
    const unknown = await thrown(client.fetch("CA00000000000000000000000000000000"));
    expect([isTwilioError(unknown, "fetchCall"), isTwilioError(unknown, 20404)]).toEqual([true, true]);
    expect(unknown).toMatchObject({ status: 404 });

    const live = await client.create({ ...place, To: "+13105555555" });
    const removed = await thrown(client.remove(live.sid));
    expect([isTwilioError(removed, "deleteCall"), isTwilioError(removed, 20009)]).toEqual([true, true]);

    await client.update(live.sid, { Status: "canceled" });
    const updated = await thrown(client.update(live.sid, { Url: "https://example.com/next" }));
    expect([isTwilioError(updated, "updateCall"), isTwilioError(updated, 21220)]).toEqual([true, true]);
  });

  it("reaches users of calls.raw as the body openapi-fetch returns, with its status and code", async () => {
    const client = harness.client(freshAccount());
    const live = await client.create({ ...place, To: "+13105555555" });
    const { error, response } = await client.raw.DELETE("/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", {
      params: { path: { AccountSid: live.account_sid, Sid: live.sid } },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ status: 400, code: 20009 });
  });

  it("narrows whatever server sent it, when the body is Twilio's and the status declared", async ({
    onTestFinished,
  }) => {
    const body = { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003" };
    const server = await startHttpServer((_, res) => json(res, 401, { ...body, status: 401 }), onTestFinished);
    const calls = createCallsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: server.baseUrl });
    const error = await thrown(calls.list());
    expect([isTwilioError(error, "listCalls"), isTwilioError(error, 20003)]).toEqual([true, true]);
  });
});

describe("an error the operation does not declare", () => {
  const apiError = (status: number, code: number | undefined, operation?: "createCall") =>
    new TwilioApiError(status, code === undefined ? undefined : { code, message: "m" }, "fallback", 1, operation);

  it("is a TwilioApiError all the same, but never narrowed to the operation or the code", () => {
    const cases = [
      apiError(500, 20500, "createCall"), // a status createCall does not declare
      apiError(400, 21220, "createCall"), // a code createCall's 400 does not document
      apiError(400, undefined, "createCall"), // a body that was not Twilio's
      apiError(400, 21217), // no operation: built by hand, not by the client
    ];
    for (const error of cases) {
      expect(isTwilioError(error)).toBe(true);
      expect(isTwilioError(error, "createCall")).toBe(false);
      expect(isTwilioError(error, 21217)).toBe(false);
    }
  });

  it("is not a Twilio error at all when nothing responded or it is no error", async () => {
    const refused = await thrown(harness.client(freshAccount()).create({ ...place, To: "not a number" }));
    expect(refused).toMatchObject({ kind: "validation" });
    for (const value of [refused, new Error("x"), { status: 400, code: 21217 }, undefined, null, 21217]) {
      expect([isTwilioError(value), isTwilioError(value, "createCall"), isTwilioError(value, 21217)]).toEqual([
        false,
        false,
        false,
      ]);
    }
  });
});
