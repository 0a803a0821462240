// <Gather> (twilio.com/docs/voice/twiml/gather): its nested <Say>, <Play> and <Pause> play in turn, and the caller's
// first key (or words) stops them; the timeout counts from the end of the prompts or from the last key. It ends at
// finishOnKey (not sent), at numDigits, or at the timeout. With input, its action is requested with Digits (or
// SpeechResult and Confidence) and verbs after it never run; with none, the next verb runs, unless
// actionOnEmptyResult asks for the action anyway (with an empty Digits, this project's choice). Keys pressed and
// words said before it ran are heard first. With no action and an inline document, there is no URL to request: the
// next verb runs (this project's choice).

import type { TwimlNode } from "../../../twiml/tree.js";
import { audioOf, play } from "./audio.js";
import { quoted, type RunningVerb, type Session, type SimContext, type VerbHandler, verbEntry } from "./context.js";
import { GATHER } from "./defaults.js";
import { wholeNumber } from "./document.js";

interface GatherRun {
  digits: string;
  prompting: boolean;
  done: boolean;
}

interface GatherOptions {
  dtmf: boolean;
  speech: boolean;
  timeoutMs: number;
  finishOnKey: string;
  numDigits: number | undefined;
  actionOnEmptyResult: boolean;
  action: string | undefined;
  method: string;
}

function optionsOf(ctx: SimContext, session: Session, node: TwimlNode): GatherOptions {
  const inputs = (node.attributes.input ?? GATHER.input).split(" ");
  const numDigits = wholeNumber(node, "numDigits", 0);
  const action = node.attributes.action;
  return {
    dtmf: inputs.includes("dtmf"),
    speech: inputs.includes("speech"),
    timeoutMs: wholeNumber(node, "timeout", GATHER.timeoutSeconds) * 1000,
    finishOnKey: node.attributes.finishOnKey ?? GATHER.finishOnKey,
    numDigits: numDigits > 0 ? numDigits : undefined,
    actionOnEmptyResult: node.attributes.actionOnEmptyResult === "true",
    // Without an action Twilio requests the document's own URL again.
    action: action === undefined ? session.document?.url : ctx.resolve(session, action),
    method: node.attributes.method ?? GATHER.method,
  };
}

function described(o: GatherOptions): string {
  const inputs = [o.dtmf ? "keys" : "", o.speech ? "speech" : ""].filter(Boolean).join(" or ");
  const upTo = o.numDigits ? `, ${o.numDigits} digit${o.numDigits === 1 ? "" : "s"} at most` : "";
  const key = o.finishOnKey === "" ? "no finishOnKey" : `finishOnKey ${o.finishOnKey}`;
  return `waits for ${inputs} (timeout ${o.timeoutMs / 1000} s, ${key}${upTo})`;
}

function finish(ctx: SimContext, session: Session, node: TwimlNode, o: GatherOptions, result: Record<string, string>) {
  const heard = Object.keys(result).length > 0 && result.Digits !== "";
  if (!heard && !o.actionOnEmptyResult) {
    ctx.note(session.call, verbEntry(node, "heard nothing: the next verb runs"));
    ctx.next(session);
    return;
  }
  if (o.action === undefined) {
    ctx.note(session.call, verbEntry(node, "has no action and the document no URL to request: the next verb runs"));
    ctx.next(session);
    return;
  }
  const what =
    result.SpeechResult !== undefined
      ? `heard ${quoted(result.SpeechResult)}`
      : `gathered ${quoted(result.Digits ?? "")}`;
  ctx.note(session.call, { ...verbEntry(node, what), ...(result.Digits ? { digits: result.Digits } : {}) });
  ctx.follow(session, { url: o.action, method: o.method }, "action", heard ? result : { Digits: "" });
}

export const gather: VerbHandler = (ctx, session, node) => {
  const o = optionsOf(ctx, session, node);
  const run: GatherRun = { digits: "", prompting: true, done: false };
  const prompts = node.children.filter((child) => audioOf(child) !== undefined);
  ctx.note(session.call, verbEntry(node, described(o)));
  for (const child of node.children.filter((c) => !prompts.includes(c))) {
    ctx.note(session.call, verbEntry(child, `does not run: a <Gather> holds <Say>, <Play> and <Pause>`));
  }
  const end = (result: Record<string, string>) => {
    if (run.done) return;
    run.done = true;
    finish(ctx, session, node, o, result);
  };
  const waitForInput = () => {
    run.prompting = false;
    ctx.clearTimers(session);
    ctx.after(session, o.timeoutMs, () => end(run.digits === "" ? {} : { Digits: run.digits }));
  };
  const prompt = (i: number): void => {
    const child = prompts[i];
    if (child) play(ctx, session, child, () => prompt(i + 1));
    else waitForInput();
  };
  const verb: RunningVerb = {
    tag: "Gather",
    key(key) {
      if (!o.dtmf) return ctx.note(session.call, verbEntry(node, `takes speech only: the key ${key} is not heard`));
      if (run.prompting) ctx.note(session.call, verbEntry(node, "stops its prompts at the caller's first key"));
      if (key === o.finishOnKey) return end(run.digits === "" ? {} : { Digits: run.digits });
      run.digits += key;
      if (o.numDigits !== undefined && run.digits.length >= o.numDigits) return end({ Digits: run.digits });
      waitForInput();
    },
    speech(text, confidence) {
      if (!o.speech) return ctx.note(session.call, verbEntry(node, "takes keys only: the words are not heard"));
      end({ SpeechResult: text, Confidence: String(confidence) });
    },
  };
  session.verb = verb;
  heardBefore(session, verb);
  // A key typed ahead stopped the prompts before they began.
  if (!run.done && session.verb === verb && run.prompting) prompt(0);
};

/** What the caller typed or said before the <Gather> ran, heard now, in order. */
function heardBefore(session: Session, verb: RunningVerb): void {
  const typed = session.typed;
  const said = session.said;
  session.typed = "";
  session.said = undefined;
  for (const key of typed) {
    if (session.verb !== verb) session.typed += key;
    else verb.key?.(key);
  }
  if (said && session.verb === verb) verb.speech?.(said.text, said.confidence);
}
