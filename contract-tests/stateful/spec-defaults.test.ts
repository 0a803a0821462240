// The stateful mock acts on the defaults the Calls spec states (Timeout, TimeLimit, PageSize) by reading them from
// the spec it serves, never from numbers of its own: these cases hold the reader to the spec's text.
import { describe, expect, it } from "vitest";
import { specDefaultNumber } from "../../src/mock/calls-spec.js";
import { requestFields, truthSpec } from "../support/spec.js";

describe("the defaults the stateful mock reads from the spec", () => {
  it.each([
    ["createCall", "body", "Timeout"],
    ["createCall", "body", "TimeLimit"],
    ["listCalls", "query", "PageSize"],
  ] as const)("%s %s %s is the spec's default", (operationId, location, field) => {
    const stated = requestFields(operationId, truthSpec)[field]?.default;
    expect(typeof stated).toBe("number");
    expect(specDefaultNumber(operationId, location, field)).toBe(stated);
  });

  it("throws for a field the spec gives no default, rather than guess one", () => {
    expect(() => specDefaultNumber("listCalls", "query", "Page")).toThrow(/states no default number for Page/);
  });
});
