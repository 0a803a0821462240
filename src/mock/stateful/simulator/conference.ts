// <Dial><Conference>: the call joins the account's room of that name (rooms.ts) and stays until it leaves (its
// caller hangs up, * with hangupOnStar, the Dial's timeLimit, an update) or the room ends under it; then the Dial's
// action gets DialCallStatus `answered` (the value Twilio's Dial page gives a conference), or the next verb runs. A
// full room, or a name left empty, ends the Dial with `failed`. waitUrl and the conference's own callbacks are not
// requested.

import type { TwimlNode } from "../../../twiml/tree.js";
import { type Session, type SimContext, verbEntry } from "./context.js";
import { CONFERENCE } from "./defaults.js";
import { type DialOptions, dialEnded } from "./dial-options.js";

export function joinConference(ctx: SimContext, session: Session, dial: TwimlNode, noun: TwimlNode, o: DialOptions) {
  const { attributes } = noun;
  let done = false;
  const end = (status: "answered" | "failed") => {
    if (done) return;
    done = true;
    ctx.rooms.leave(ctx, session);
    dialEnded(ctx, session, dial, o, { DialCallStatus: status });
  };
  if (noun.text === "") {
    ctx.note(session.call, verbEntry(noun, "names no conference room"));
    return end("failed");
  }
  const joined = ctx.rooms.join(ctx, session, {
    name: noun.text,
    startOnEnter: (attributes.startConferenceOnEnter ?? String(CONFERENCE.startConferenceOnEnter)) === "true",
    endOnExit: (attributes.endConferenceOnExit ?? String(CONFERENCE.endConferenceOnExit)) === "true",
    ended: () => end("answered"),
  });
  if (!joined) {
    ctx.note(session.call, verbEntry(noun, `finds the room full (${CONFERENCE.maxParticipants} participants)`));
    return end("failed");
  }
  if (attributes.waitUrl) ctx.note(session.call, verbEntry(noun, "does not request its waitUrl (not simulated)"));
  session.verb = {
    tag: "Dial",
    key(key) {
      if (o.hangupOnStar && key === "*") end("answered");
    },
    stop: () => {
      done = true;
      ctx.rooms.leave(ctx, session);
    },
  };
  ctx.after(session, o.timeLimitMs, () => end("answered"));
}
