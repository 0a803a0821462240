// The verbs that decide where the call goes: <Redirect> requests another document (its URL resolved against the
// current one, method POST; twilio.com/docs/voice/twiml/redirect), <Hangup> ends the call (answering it first if it
// still rings; .../hangup), and <Reject> leaves an inbound call unanswered: busy for reason="busy", no-answer for the
// default "rejected" (SignalWire's compatible reference; Twilio says only "busy or no-answer depending on reason").
// A <Reject> once the call was answered hangs it up.
import { quoted, type VerbHandler, verbEntry } from "./context.js";
import { REDIRECT_METHOD } from "./defaults.js";

export const redirect: VerbHandler = (ctx, session, node) => {
  const url = ctx.resolve(session, node.text);
  const method = node.attributes.method ?? REDIRECT_METHOD;
  if (url === undefined || node.text === "") {
    ctx.note(session.call, verbEntry(node, `cannot resolve ${quoted(node.text)} without a document URL`));
    ctx.note(session.call, { side: "mock", kind: "error", code: 11200, text: "error 11200: no URL to request" });
    ctx.hangUp(session, "error 11200");
    return;
  }
  ctx.note(session.call, verbEntry(node, `goes to ${quoted(url)}`));
  ctx.follow(session, { url, method }, "redirect");
};

export const hangup: VerbHandler = (ctx, session, node) => {
  ctx.note(session.call, verbEntry(node, "hangs up"));
  ctx.hangUp(session, "<Hangup>");
};

export const reject: VerbHandler = (ctx, session, node) => {
  const busy = node.attributes.reason === "busy";
  if (session.call.status !== "ringing") {
    ctx.note(session.call, verbEntry(node, "comes after the call was answered: it hangs up"));
    ctx.hangUp(session, "<Reject> after the answer");
    return;
  }
  ctx.note(session.call, verbEntry(node, `rejects the call (${busy ? "busy" : "rejected"}): it is never answered`));
  ctx.calls.finish(session.call, busy ? "busy" : "no-answer", "<Reject>");
};
