// The spec's OpenAPI links from createCall's response, followed against the stateful mock as a stateful API tester
// would: each link's runtime expressions are read from the created call, and the linked operation must find it.
import { describe, expect, it } from "vitest";
import { resolveRef } from "../../scripts/openapi.js";
import type { OperationId } from "../../src/validation/index.js";
import { validateResponse } from "../../src/validation/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { operationsOf, spec } from "../support/spec.js";
import { freshAccount, startStatefulHarness } from "../support/stateful.js";

interface Link {
  operationId: OperationId;
  parameters: Record<string, string>;
}

const created = operationsOf().find((entry) => entry.operation.operationId === "createCall")?.operation.responses[
  "201"
];
const links = Object.entries((created as { links?: Record<string, unknown> } | undefined)?.links ?? {}).map(
  ([name, link]) => [name, resolveRef<Link>(spec, link)] as const,
);

/** `$response.body#/pointer` read from a JSON body; the only kind of expression the spec's links use. */
function evaluate(expression: string, body: Record<string, unknown>): string {
  const match = /^\$response\.body#\/(\w+)$/.exec(expression);
  if (!match?.[1]) throw new Error(`unsupported runtime expression ${expression}`);
  return String(body[match[1]]);
}

// What each linked operation needs of the call: a live one to end; one that has ended to delete (the scenario
// number +15005550103 fails as soon as it leaves the queue).
const PLANS: Record<string, { to: string; form?: Record<string, string> }> = {
  fetchCall: { to: "+13105555555" },
  updateCall: { to: "+13105555555", form: { Status: "canceled" } },
  deleteCall: { to: "+15005550103" },
};

describe("links from a created call", () => {
  it("lead to fetchCall, updateCall and deleteCall", () => {
    expect(links.map(([, link]) => link.operationId).sort()).toEqual(["deleteCall", "fetchCall", "updateCall"]);
  });

  it.each(links)("%s finds the created call on the stateful mock", async (_, link) => {
    const plan = PLANS[link.operationId];
    if (!plan) throw new Error(`no plan for a link to ${link.operationId}`);
    const harness = await startStatefulHarness();
    try {
      const accountSid = freshAccount();
      const authorization = `Basic ${Buffer.from(`${accountSid}:${AUTH_TOKEN}`).toString("base64")}`;
      const created = await fetch(`${harness.mock.baseUrl}/2010-04-01/Accounts/${accountSid}/Calls.json`, {
        method: "POST",
        headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ To: plan.to, From: "+12125551234", Url: "https://example.com/twiml" }),
      });
      const body = (await created.json()) as Record<string, unknown>;
      await harness.admin.advance(0);
      const target = operationsOf().find((entry) => entry.operation.operationId === link.operationId);
      if (!target) throw new Error(`no operation ${link.operationId}`);
      let path = target.path;
      for (const [name, expression] of Object.entries(link.parameters)) {
        path = path.replace(`{${name}}`, encodeURIComponent(evaluate(expression, body)));
      }
      const response = await fetch(`${harness.mock.baseUrl}${path}`, {
        method: target.method.toUpperCase(),
        headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
        ...(plan.form ? { body: new URLSearchParams(plan.form) } : {}),
      });
      const text = await response.text();
      expect(response.status, text).toBe(target.method === "delete" ? 204 : 200);
      const result = validateResponse(link.operationId, response.status, text === "" ? undefined : JSON.parse(text));
      expect(result.violations).toEqual([]);
    } finally {
      await harness.stop();
    }
  });
});
