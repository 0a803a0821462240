// What the simulator's tests share: one stateful mock on a manual clock per file (with its admin client and a
// Calls client per account), an account of each test's own with the fixtures' auth token and a number, and ways to
// read a call's conversation.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { AdminConversationEntry, AdminTimeline } from "../../src/mock/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { startTwimlApp, type TwimlApp } from "./app.js";

export const NUMBER = "+13105550000";
export const CALLER = "+12125551234";

/** A fresh account whose auth token is the fixtures', with NUMBER pointed at `voiceUrl`. */
export async function accountWithNumber(
  harness: StatefulHarness,
  voiceUrl: string,
  extra: { voiceFallbackUrl?: string; statusCallback?: string; voiceMethod?: "GET" | "POST" } = {},
): Promise<string> {
  const accountSid = freshAccount();
  await harness.admin.setAuthToken(accountSid, AUTH_TOKEN);
  await harness.admin.setNumber(accountSid, NUMBER, { voiceUrl, ...extra });
  return accountSid;
}

/** An inbound call to a fresh account's number, whose voiceUrl is the app's `path`. */
export async function callIn(harness: StatefulHarness, app: TwimlApp, path = "/voice") {
  const accountSid = await accountWithNumber(harness, app.url(path));
  const call = await harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
  return {
    accountSid,
    sid: call.sid,
    placed: call,
    timeline: () => harness.admin.timeline(accountSid, call.sid),
    fetch: () => harness.client(accountSid).fetch(call.sid),
  };
}

/** The conversation's entries of one kind (all when left out), as their texts. */
export const texts = (timeline: AdminTimeline, kind?: AdminConversationEntry["kind"]) =>
  timeline.conversation.filter((e) => kind === undefined || e.kind === kind).map((e) => e.text);

/** The verbs the conversation shows run, in order. */
export const verbsRun = (timeline: AdminTimeline) =>
  timeline.conversation.filter((e) => e.kind === "verb" && e.verb !== undefined).map((e) => e.verb);

/** The status the call went through, in order. */
export const statuses = (timeline: AdminTimeline) => timeline.transitions.map((t) => t.to);

/**
 * A test file's simulator: one stateful mock on a manual clock (seeded by `seed`), reset after each test, and the
 * apps each test serves, whose requests must all have kept the contract (app.ts) by the test's end.
 */
export function simulatorSuite(seed: string) {
  let running: StatefulHarness | undefined;
  const apps: TwimlApp[] = [];
  beforeAll(async () => {
    running = await startStatefulHarness({ seed });
  });
  afterAll(() => running?.stop());
  afterEach(async () => {
    const problems = apps.flatMap((app) => app.problems);
    apps.length = 0;
    try {
      expect(problems).toEqual([]);
    } finally {
      await running?.admin.reset();
    }
  });
  const suite = {
    get harness(): StatefulHarness {
      if (!running) throw new Error("the simulator suite's mock starts in beforeAll");
      return running;
    },
    /** Moves the mock's clock on by `s` seconds. */
    seconds: (s: number) => suite.harness.admin.advance(s * 1000),
    /** An app for this test, held to the contract when the test ends. */
    async serve(...args: Parameters<typeof startTwimlApp>): Promise<TwimlApp> {
      const app = await startTwimlApp(...args);
      apps.push(app);
      return app;
    },
  };
  return suite;
}
