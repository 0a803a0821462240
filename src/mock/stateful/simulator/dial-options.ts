// What a <Dial> was asked to do (twilio.com/docs/voice/twiml/dial: timeout 30 s, timeLimit 14400 s, method POST,
// callerId the caller's own, no action), and how it ends: its action requested with DialCallStatus (and, for a leg,
// DialCallSid and DialCallDuration), verbs after it never running; with no action, the next verb runs.

import type { TwimlNode } from "../../../twiml/tree.js";
import { type Session, type SimContext, verbEntry } from "./context.js";
import { DIAL } from "./defaults.js";
import { wholeNumber } from "./document.js";

export interface DialOptions {
  action: string | undefined;
  method: string;
  timeoutSeconds: number;
  timeLimitMs: number;
  callerId: string;
  hangupOnStar: boolean;
}

export function dialOptionsOf(ctx: SimContext, session: Session, node: TwimlNode): DialOptions {
  const { attributes } = node;
  return {
    action: attributes.action === undefined ? undefined : ctx.resolve(session, attributes.action),
    method: attributes.method ?? DIAL.method,
    timeoutSeconds: wholeNumber(node, "timeout", DIAL.timeoutSeconds),
    timeLimitMs: wholeNumber(node, "timeLimit", DIAL.timeLimitSeconds) * 1000,
    callerId: attributes.callerId ?? session.call.from,
    hangupOnStar: attributes.hangupOnStar === "true",
  };
}

/** The <Dial> is over: its action with what became of the dial, or the next verb. */
export function dialEnded(
  ctx: SimContext,
  session: Session,
  node: TwimlNode,
  o: DialOptions,
  params: Record<string, string>,
): void {
  if (session.ended) return;
  ctx.note(session.call, verbEntry(node, `ends: DialCallStatus ${params.DialCallStatus}`));
  if (o.action === undefined) ctx.next(session);
  else ctx.follow(session, { url: o.action, method: o.method }, "action", params);
}
