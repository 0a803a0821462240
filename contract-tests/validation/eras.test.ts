// What Twilio sent in earlier eras is read as Twilio sent it (issue 23): each rule below was stricter than Twilio,
// and is now the truth with, where today's form is the canonical one, a warning that says so. What was an error
// for a reason that still holds stays one.
import { describe, expect, it } from "vitest";
import spec from "../../generated/calls.bundled.json" with { type: "json" };
import {
  validateCall,
  validateCreateCallRequest,
  validateLegacyError,
  validateSmsMessage,
  validateTwilioError,
} from "../../src/index.js";
import { completedCall, queuedCall } from "../support/fixtures.js";

const pairs = (findings: Array<{ field: string; rule: string }>) => findings.map((f) => `${f.field} ${f.rule}`);
const create = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";

describe("Record, in any case", () => {
  it.each(["True", "TRUE", "False", "fAlSe"])("reads Record=%s with a lower-case-boolean warning", (value) => {
    const result = validateCreateCallRequest(`${create}&Record=${value}`);
    expect(pairs(result.violations)).toEqual([]);
    expect(pairs(result.warnings)).toEqual(["Record lower-case-boolean"]);
  });

  it("reads true and false as booleans, with no warning", () => {
    const result = validateCreateCallRequest(`${create}&Record=true`);
    expect([...result.violations, ...result.warnings]).toEqual([]);
    expect(result.value.Record).toBe(true);
  });

  it.each(["1", "yes", "on", ""])("still refuses Record=%s", (value) => {
    expect(pairs(validateCreateCallRequest(`${create}&Record=${value}`).violations)).toEqual(["Record anyOf"]);
  });
});

describe("SMS/Messages' api_version", () => {
  const message = structuredClone(spec.components.examples.QueuedSmsMessage.value);

  it("reads a message created through 2008-08-01, which keeps that version", () => {
    const result = validateSmsMessage({ ...message, api_version: "2008-08-01" });
    expect([...result.violations, ...result.warnings]).toEqual([]);
  });

  it("still refuses a version Twilio never had", () => {
    expect(pairs(validateSmsMessage({ ...message, api_version: "2009-01-01" }).violations)).toEqual([
      "api_version enum",
    ]);
  });
});

describe("phone_number_sid", () => {
  it('reads "" with an empty-for-null warning, as older answers gave it', () => {
    const result = validateCall(completedCall({ phone_number_sid: "" as never }));
    expect(pairs(result.violations)).toEqual([]);
    expect(pairs(result.warnings)).toEqual(["phone_number_sid empty-for-null"]);
  });

  it("reads null and a PN SID with no warning, and still refuses another SID", () => {
    expect(validateCall(completedCall({ phone_number_sid: null })).warnings).toEqual([]);
    expect(validateCall(queuedCall()).warnings).toEqual([]);
    const other = `PX${"0".repeat(32)}` as never;
    expect(pairs(validateCall(queuedCall({ phone_number_sid: other })).violations)).toEqual(["phone_number_sid oneOf"]);
  });
});

describe("more_info, http or https alike", () => {
  const error = { code: 21201, message: "No 'To' number is specified", status: 400 };
  const restException = (moreInfo: string) =>
    `<TwilioResponse><RestException><Status>400</Status><Message>No Called</Message><Code>21201</Code><MoreInfo>${moreInfo}</MoreInfo></RestException></TwilioResponse>`;

  it.each(["http://www.twilio.com/docs/errors/21201", "https://www.twilio.com/docs/errors/21201"])(
    "reads %s in a JSON error and a 2008-08-01 XML error",
    (moreInfo) => {
      expect(validateTwilioError({ ...error, more_info: moreInfo }).violations).toEqual([]);
      expect(validateLegacyError(restException(moreInfo)).violations).toEqual([]);
    },
  );

  it("still refuses another host, in both", () => {
    const elsewhere = "https://example.com/docs/errors/21201";
    expect(pairs(validateTwilioError({ ...error, more_info: elsewhere }).violations)).toEqual(["more_info pattern"]);
    expect(pairs(validateLegacyError(restException(elsewhere)).violations)).toEqual(["RestException.MoreInfo pattern"]);
  });
});

describe("keys Twilio added to the Call later", () => {
  const without = (...keys: string[]) => {
    const call: Record<string, unknown> = completedCall();
    for (const key of keys) delete call[key];
    return call;
  };

  it("reads a Call without them, with one added-later warning per key naming since when", () => {
    const result = validateCall(without("queue_time", "trunk_sid", "group_sid", "to_formatted"));
    expect(result.valid).toBe(true);
    expect(pairs(result.warnings)).toEqual([
      "group_sid added-later",
      "to_formatted added-later",
      "queue_time added-later",
      "trunk_sid added-later",
    ]);
    expect(result.warnings.find((w) => w.field === "queue_time")?.message).toBe(
      "Call response: queue_time breaks added-later: Twilio has sent queue_time and trunk_sid with the Call since " +
        "2020-02-19 (twilio-python 6.35.5's changelog). (warning)",
    );
    expect(result.warnings.find((w) => w.field === "group_sid")?.expected).toMatch(/since 2011 at the latest/);
  });

  it("still refuses a Call without a key Twilio has always sent, and says nothing of later keys then", () => {
    const result = validateCall(without("status", "queue_time"));
    expect(pairs(result.violations)).toEqual(["status required"]);
    expect(result.warnings).toEqual([]);
  });
});
