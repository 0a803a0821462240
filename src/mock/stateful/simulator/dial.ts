// <Dial> with <Number>, <Client>, <Sip> (or a number as its text): each noun is a leg, a call of its own with
// parent_call_sid that fetch and list show, placed at once and ringing together (sequential aside); its scenario and
// the outcome set for its To decide how it ends, within the Dial's timeout. The first leg answered is bridged and the
// others are canceled; the bridge lasts until the leg's far end hangs up (its scenario's talk time, or the admin
// API's hang-up), the Dial's timeLimit, or * with hangupOnStar. Then the action gets DialCallStatus, DialCallSid and
// DialCallDuration; with none answered, the first leg's final status. The caller hanging up ends the legs. A noun's
// url (TwiML on the called party's side) is not requested. <Conference> is conference.ts; the other nouns are not
// simulated.

import type { TwimlNode } from "../../../twiml/tree.js";
import { joinConference } from "./conference.js";
import { quoted, type Session, type SimContext, type VerbHandler, verbEntry } from "./context.js";
import { MAX_DIAL_NOUNS } from "./defaults.js";
import { type DialOptions, dialEnded, dialOptionsOf } from "./dial-options.js";
import { isRefusal, LIVE, type SimCall } from "./ports.js";

const LEG_NOUNS = new Set(["Number", "Client", "Sip"]);

interface Dialled {
  to: string;
  noun: TwimlNode | undefined;
}

interface DialRun {
  legs: SimCall[];
  winner: SimCall | undefined;
  placing: boolean;
  done: boolean;
}

/** The address a noun dials: a number, `client:name` (its <Identity> or its text), a SIP URI. */
function addressOf(noun: TwimlNode): string {
  if (noun.tag !== "Client") return noun.text;
  const identity = noun.children.find((child) => child.tag === "Identity")?.text ?? noun.text;
  return `client:${identity}`;
}

/** The leg's status callbacks, as a noun's statusCallback attributes ask for them. */
function nounCallbacks(ctx: SimContext, session: Session, leg: SimCall, noun: TwimlNode | undefined): void {
  const url = noun?.attributes.statusCallback;
  if (!noun || url === undefined) return;
  const resolved = ctx.resolve(session, url);
  if (resolved === undefined) return;
  const events = noun.attributes.statusCallbackEvent?.split(" ").filter(Boolean);
  ctx.planCallbacks(leg, {
    StatusCallback: resolved,
    ...(noun.attributes.statusCallbackMethod ? { StatusCallbackMethod: noun.attributes.statusCallbackMethod } : {}),
    ...(events && events.length > 0 ? { StatusCallbackEvent: events } : {}),
  });
}

const seconds = (leg: SimCall) =>
  leg.answeredAt === undefined || leg.endTime === undefined ? 0 : Math.round((leg.endTime - leg.answeredAt) / 1000);

function placeLegs(ctx: SimContext, session: Session, node: TwimlNode, o: DialOptions, dialled: Dialled[]): void {
  const run: DialRun = { legs: [], winner: undefined, placing: true, done: false };
  const release = (why: string) => {
    for (const leg of run.legs) {
      ctx.unwatch(leg.sid);
      if (leg === run.winner) ctx.calls.finish(leg, "completed", why);
      else ctx.calls.finish(leg, "canceled", why);
    }
  };
  const end = (status: string, leg: SimCall | undefined) => {
    if (run.done) return;
    run.done = true;
    release("the <Dial> ended");
    const params = {
      DialCallStatus: status,
      ...(leg ? { DialCallSid: leg.sid, DialCallDuration: String(seconds(leg)) } : {}),
    };
    dialEnded(ctx, session, node, o, params);
  };
  const settled = () => {
    const first = run.legs[0];
    if (!run.placing && !run.winner && run.legs.every((leg) => !LIVE.has(leg.status)))
      end(first?.status ?? "failed", first);
  };
  const heard = (leg: SimCall, to: string) => {
    if (run.done) return;
    if (to === "in-progress" && !run.winner) {
      run.winner = leg;
      ctx.note(session.call, { ...verbEntry(node, `is bridged to ${leg.to}`), kind: "leg", callSid: leg.sid });
      for (const other of run.legs) if (other !== leg) ctx.calls.finish(other, "canceled", "another leg answered");
      ctx.after(session, o.timeLimitMs, () => ctx.calls.finish(leg, "completed", "the <Dial>'s timeLimit"));
    } else if (!LIVE.has(leg.status)) {
      if (leg === run.winner) end("completed", leg);
      else settled();
    }
  };
  for (const { to, noun } of dialled) {
    const leg = ctx.calls.createLeg(session.call, { to, from: o.callerId, timeoutSeconds: o.timeoutSeconds }, (leg) => {
      run.legs.push(leg);
      ctx.watch(session, leg.sid, (call, transition) => heard(call, transition.to));
      nounCallbacks(ctx, session, leg, noun);
    });
    if (isRefusal(leg)) ctx.note(session.call, verbEntry(node, `cannot dial ${quoted(to)}: ${leg.message}`));
    else ctx.note(session.call, { ...verbEntry(node, `dials ${to} as ${leg.sid}`), kind: "leg", callSid: leg.sid });
    if (noun?.attributes.url) ctx.note(session.call, verbEntry(noun, "does not request its url (not simulated)"));
  }
  run.placing = false;
  session.verb = {
    tag: "Dial",
    key(key) {
      if (o.hangupOnStar && key === "*" && run.winner) ctx.calls.finish(run.winner, "completed", "hangupOnStar");
    },
    stop() {
      run.done = true;
      release("the caller left the <Dial>");
    },
  };
  if (run.legs.length === 0) end("failed", undefined);
  else settled();
}

export const dial: VerbHandler = (ctx, session, node) => {
  const o = dialOptionsOf(ctx, session, node);
  const conference = node.children.find((child) => child.tag === "Conference");
  if (conference) return joinConference(ctx, session, node, conference, o);
  const other = node.children.find((child) => !LEG_NOUNS.has(child.tag));
  if (other) return ctx.notSimulated(session, other, `<Dial><${other.tag}>`);
  const dialled: Dialled[] =
    node.children.length > 0
      ? node.children.map((noun) => ({ to: addressOf(noun), noun }))
      : node.text === ""
        ? []
        : [{ to: node.text, noun: undefined }];
  const shown = dialled.length > 1 ? `${dialled.length} numbers at once` : (dialled[0]?.to ?? "nobody");
  ctx.note(session.call, verbEntry(node, `dials ${shown} (timeout ${o.timeoutSeconds} s)`));
  const record = node.attributes.record;
  if (record !== undefined && record !== "false" && record !== "do-not-record") {
    ctx.note(session.call, verbEntry(node, "does not record the dial (not simulated)"));
  }
  placeLegs(ctx, session, node, o, dialled.slice(0, MAX_DIAL_NOUNS));
};
