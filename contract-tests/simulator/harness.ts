// What the simulator's tests share: one stateful mock on a manual clock per file (with its admin client and a
// Calls client per account), an account of each test's own with the fixtures' auth token and a number, and ways to
// read a call's conversation.
import type { AdminConversationEntry, AdminTimeline } from "../../src/mock/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { freshAccount, type StatefulHarness } from "../support/stateful.js";
import type { TwimlApp } from "./app.js";

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
