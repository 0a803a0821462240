// Item 5 of issue 20: the simulator held to its own contract over generated TwiML. Each run serves 1 to 4 generated
// documents (well-formed or not, valid or not, actions and redirects among them, some paths missing or failing),
// places one or two calls (inbound through a number, or through the Calls API with a Url, inline Twiml or a Url off
// this machine), and plays a caller's random steps (time, keys, speech, hang-ups, updates). Every request the
// simulator sends passes the spec's webhook validators and twilio-node's validateRequest; no run throws or hangs;
// once the clock has moved past every TimeLimit, every call has ended and the simulator keeps nothing for it; no
// call's conversation or documents grow past their bounds. The app responds in this process (the simulator's sender
// is replaced, and sees each request exactly as it would go on the wire), so 1,000 runs take a few seconds: they run
// in the slow lane (property-1000.slow.ts), 250 of them in npm test (property.test.ts).
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AcceptedRequest } from "../../src/mock/responder.js";
import { createStatefulMock } from "../../src/mock/stateful/runtime.js";
import { MAX_DOCUMENTS_PER_CALL, MAX_ENTRIES_PER_CALL } from "../../src/mock/stateful/simulator/defaults.js";
import { validateWebhook } from "../../src/validation/index.js";
import type { Delivered, SignedWebhook } from "../../src/webhook-delivery.js";
import { webhookOf } from "./app.js";

const require = createRequire(import.meta.url);
const { validateRequest } = require("twilio/lib/webhooks/webhooks.js") as {
  validateRequest(token: string, signature: string, url: string, params: Record<string, string>): boolean;
};

const TOKEN = "property-token";
const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const NUMBER = "+13105550000";
const BASE = "http://127.0.0.1:3999";
const HOURS_5 = 5 * 3600_000;

// The TwiML trees ---------------------------------------------------------------------------------------------

interface Element {
  tag: string;
  attributes: Record<string, string>;
  text: string;
  children: Element[];
}

const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
const render = (e: Element): string =>
  `<${e.tag}${Object.entries(e.attributes)
    .map(([k, v]) => ` ${k}="${escaped(v)}"`)
    .join("")}>${escaped(e.text)}${e.children.map(render).join("")}</${e.tag}>`;

const element = (tag: string, attributes: Record<string, string | null> = {}, text = "", children: Element[] = []) => ({
  tag,
  attributes: Object.fromEntries(Object.entries(attributes).filter((e): e is [string, string] => e[1] !== null)),
  text,
  children,
});

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const words = fc.array(fc.constantFrom("one", "two", "sales", "please", "&", "<x>", "ünï", " "), { maxLength: 8 });
const text = words.map((w) => w.join(" "));
const whole = fc.oneof(fc.integer({ min: 0, max: 8 }).map(String), fc.constantFrom("", "-1", "x", "99999"));
const path = fc.integer({ min: 0, max: 4 }).map((i) => `/d${i}`);
const method = maybe(fc.constantFrom("GET", "POST"));
const keys = fc.array(fc.constantFrom(..."0123456789*#"), { minLength: 1, maxLength: 6 }).map((k) => k.join(""));
const address = fc.constantFrom("+13105551111", "+15005550101", "+15005550102", "+15005550103", "+15005550104");

const say = fc.tuple(text, maybe(whole)).map(([t, loop]) => element("Say", { loop }, t));
const play = fc.oneof(
  maybe(whole).map((loop) => element("Play", { loop }, "http://127.0.0.1:9/a.mp3")),
  fc.constantFrom("1w2", "ww", "9#").map((digits) => element("Play", { digits })),
);
const pause = maybe(whole).map((length) => element("Pause", { length }));
const prompt = fc.oneof(say, play, pause);
const gather = fc
  .record({
    input: maybe(fc.constantFrom("dtmf", "speech", "dtmf speech", "bogus")),
    numDigits: maybe(whole),
    timeout: maybe(whole),
    finishOnKey: maybe(fc.constantFrom("#", "*", "", "1")),
    action: maybe(path),
    method,
    actionOnEmptyResult: maybe(fc.constantFrom("true", "false")),
    children: fc.array(fc.oneof(prompt, fc.constant(element("Hangup"))), { maxLength: 3 }),
  })
  .map(({ children, ...attributes }) => element("Gather", attributes, "", children));
const record = fc
  .record({
    action: maybe(path),
    timeout: maybe(whole),
    maxLength: maybe(whole),
    finishOnKey: maybe(fc.constantFrom("#", "*", "123")),
    trim: maybe(fc.constantFrom("trim-silence", "do-not-trim")),
    recordingStatusCallback: maybe(fc.constant("/recording")),
    recordingStatusCallbackEvent: maybe(fc.constantFrom("completed", "in-progress completed absent")),
  })
  .map((attributes) => element("Record", attributes));
const noun = fc.oneof(
  address.map((to) => element("Number", {}, to)),
  fc.constantFrom("alice", "bob").map((name) => element("Client", {}, name)),
  fc.constant(element("Sip", {}, "sip:pat@example.com")),
  fc
    .record({ name: fc.constantFrom("room", ""), end: maybe(fc.constantFrom("true", "false")) })
    .map(({ name, end }) => element("Conference", { endConferenceOnExit: end }, name)),
  fc.constant(element("Queue", {}, "support")),
);
const dial = fc
  .record({
    action: maybe(path),
    timeout: maybe(whole),
    timeLimit: maybe(whole),
    hangupOnStar: maybe(fc.constantFrom("true", "false")),
    nouns: fc.array(noun, { maxLength: 3 }),
    text: fc.oneof(fc.constant(""), address),
  })
  .map(({ nouns, text: to, ...attributes }) => element("Dial", attributes, nouns.length > 0 ? "" : to, nouns));
const flow = fc.oneof(
  fc.tuple(path, method).map(([to, m]) => element("Redirect", { method: m }, to.slice(1))),
  fc.constant(element("Hangup")),
  maybe(fc.constantFrom("busy", "rejected")).map((reason) => element("Reject", { reason })),
);
const other = fc.constantFrom("Enqueue", "Leave", "Sms", "Connect", "Start", "Refer", "Pay", "Echo", "Foo", "say");
const verb = fc.oneof(
  { weight: 3, arbitrary: prompt },
  { weight: 3, arbitrary: gather },
  { weight: 2, arbitrary: record },
  { weight: 2, arbitrary: dial },
  { weight: 2, arbitrary: flow },
  { weight: 1, arbitrary: other.map((tag) => element(tag, {}, "x")) },
);
const document = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.array(verb, { maxLength: 6 }).map((verbs) => render(element("Response", {}, "", verbs))),
  },
  { weight: 1, arbitrary: fc.constantFrom("<Response><Say>", "<Say>x</Say>", "not xml", "", "<Response/>") },
);

/** What the app does on a path: a document, or a failure. */
const route = fc.oneof(
  { weight: 8, arbitrary: document.map((body) => ({ status: 200, contentType: "application/xml", body })) },
  { weight: 1, arbitrary: fc.constantFrom(500, 404).map((status) => ({ status, contentType: "text/html", body: "" })) },
  { weight: 1, arbitrary: document.map((body) => ({ status: 200, contentType: "text/plain", body })) },
);
type Route = { status: number; contentType: string; body: string };

const placement = fc.constantFrom("inbound", "rest-url", "rest-twiml", "rest-elsewhere");
const step = fc.oneof(
  fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
  fc.record({ kind: fc.constant("digits" as const), call: fc.nat(1), keys }),
  fc.record({ kind: fc.constant("speech" as const), call: fc.nat(1), text: words.map((w) => `${w.join(" ")} word`) }),
  fc.record({ kind: fc.constant("hangup" as const), call: fc.nat(1) }),
  fc.record({ kind: fc.constant("update" as const), call: fc.nat(1), to: path, inline: fc.boolean() }),
);
const scenario = fc.record({
  routes: fc.array(route, { minLength: 1, maxLength: 4 }),
  fallback: fc.boolean(),
  calls: fc.array(placement, { minLength: 1, maxLength: 2 }),
  steps: fc.array(step, { maxLength: 12 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

// One run -------------------------------------------------------------------------------------------------------

/** The problems of one signed request, as the app would see it. */
function problemsOf(signed: SignedWebhook): string[] {
  const url = signed.target.toString();
  const body = signed.body === undefined ? {} : Object.fromEntries(new URLSearchParams(signed.body));
  const problems: string[] = [];
  if (!validateRequest(TOKEN, signed.headers["X-Twilio-Signature"] ?? "", url, body)) {
    problems.push(`${signed.method} ${url}: validateRequest refuses the signature`);
  }
  const fields = signed.body ?? signed.target.searchParams;
  const result = validateWebhook(webhookOf(signed.target.pathname), fields);
  for (const v of result.violations) problems.push(`${signed.method} ${signed.target.pathname}: ${v.message}`);
  return problems;
}

const accepted = (
  operationId: AcceptedRequest["operationId"],
  params: Record<string, string>,
  form: Record<string, unknown>,
): AcceptedRequest => ({
  operationId,
  method: "POST",
  target: "",
  headers: {},
  body: "",
  params,
  query: {},
  form,
  authToken: TOKEN,
});

async function run(s: Scenario): Promise<void> {
  const routes = new Map<string, Route>(s.routes.map((r, i) => [`/d${i}`, r]));
  const problems: string[] = [];
  const documents = new Map<string, number>();
  const send = async (signed: SignedWebhook): Promise<Delivered> => {
    problems.push(...problemsOf(signed));
    const sid = new URLSearchParams(signed.body ?? signed.target.search).get("CallSid") ?? "";
    if (webhookOf(signed.target.pathname) === "voiceRequest") documents.set(sid, (documents.get(sid) ?? 0) + 1);
    const served = routes.get(signed.target.pathname) ?? { status: 404, contentType: "text/html", body: "" };
    return {
      status: served.status,
      headers: { "content-type": served.contentType },
      body: Buffer.from(served.body),
      elapsedMs: 0,
    };
  };
  const mock = createStatefulMock({
    clock: { mode: "manual", start: Date.UTC(2026, 10, 25) },
    checkResponses: true,
    seed: "simulator-property",
    log: () => undefined,
    send,
    deliver: async (_target, _event, params) => {
      for (const v of validateWebhook("statusCallback", params).violations)
        problems.push(`status callback: ${v.message}`);
      return { status: 204 };
    },
  });
  const { simulator } = mock;
  simulator.accounts.setToken(ACCOUNT, TOKEN);
  simulator.accounts.setNumber(ACCOUNT, NUMBER, {
    voiceUrl: `${BASE}/d0`,
    ...(s.fallback ? { voiceFallbackUrl: `${BASE}/d1` } : {}),
    statusCallback: `${BASE}/status`,
  });
  const sids: string[] = [];
  for (const how of s.calls) {
    if (how === "inbound") {
      const call = simulator.placeInbound(ACCOUNT, { from: "+12125551234", to: NUMBER });
      if ("sid" in call) sids.push(call.sid);
      continue;
    }
    const instructions =
      how === "rest-url"
        ? { Url: `${BASE}/d0` }
        : how === "rest-twiml"
          ? { Twiml: s.routes[0]?.body || "<Response/>" }
          : { Url: "https://example.com/d0" };
    const form = {
      To: "+13105559999",
      From: "+12125551234",
      ...instructions,
      ...(s.fallback ? { FallbackUrl: `${BASE}/d1` } : {}),
    };
    const response = await mock.respond(accepted("createCall", { AccountSid: ACCOUNT }, form));
    expect(response.status, response.body).toBe(201);
    sids.push(JSON.parse(response.body).sid);
  }
  await simulator.idle();
  for (const step of s.steps) {
    const sid = sids[step.kind === "advance" ? 0 : step.call % sids.length] ?? "";
    if (step.kind === "advance") await mock.advance(step.ms);
    else if (step.kind === "digits") simulator.press(ACCOUNT, sid, step.keys);
    else if (step.kind === "speech") simulator.speak(ACCOUNT, sid, step.text, 0.5);
    else if (step.kind === "hangup") simulator.hangUp(ACCOUNT, sid);
    else {
      const form = step.inline ? { Twiml: s.routes[0]?.body || "<Response/>" } : { Url: `${BASE}${step.to}` };
      await mock.respond(accepted("updateCall", { AccountSid: ACCOUNT, Sid: sid }, form));
    }
    await simulator.idle();
  }
  // Past every TimeLimit (4 h by default): every call has ended, and the simulator keeps nothing for them.
  await mock.advance(HOURS_5);
  await mock.settled();
  expect(problems).toEqual([]);
  for (const call of mock.store.list(ACCOUNT)) {
    expect(
      ["queued", "ringing", "in-progress"],
      `${call.sid} (${call.direction}) is still ${call.status}`,
    ).not.toContain(call.status);
    expect(simulator.conversationOf(call.sid).length).toBeLessThanOrEqual(MAX_ENTRIES_PER_CALL);
    expect(documents.get(call.sid) ?? 0).toBeLessThanOrEqual(MAX_DOCUMENTS_PER_CALL + 1);
  }
  expect(simulator.running()).toEqual({ sessions: 0, watchers: 0 });
  expect(simulator.busy()).toBe(false);
  mock.stop();
}

/** One run, within a second of real time: a run that takes longer hangs. */
async function bounded(s: Scenario): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the run did not finish within 1 s")), 1000);
  });
  try {
    await Promise.race([run(s), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The property, over `numRuns` generated scenarios: npm test runs 250, the slow lane the issue's 1,000. */
export function simulatorProperty(numRuns: number): void {
  describe("the simulator over generated TwiML", () => {
    it(`sends only requests the spec and twilio-node accept, ends every call, and keeps nothing (${numRuns} runs)`, async () => {
      await fc.assert(fc.asyncProperty(scenario, bounded), { numRuns });
    }, 60_000);
  });
}
