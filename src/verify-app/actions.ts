// The action URLs of a TwiML document and the requests Twilio sends them, for `follows-actions`. The spec describes
// the request for TwiML (voiceRequest) but not what Twilio adds to it for an action; those parameters are Twilio's
// TwiML reference's, kept here in one place: <Gather> sends the keys pressed as Digits (each key, and no Digits at
// all when actionOnEmptyResult asks for a request without input) or what was said as SpeechResult and Confidence;
// <Record> sends RecordingUrl, RecordingSid, RecordingDuration and the key that ended it (or "hangup") as Digits;
// <Dial> sends DialCallStatus (completed, answered, busy, no-answer, failed, canceled), DialCallSid and
// DialCallDuration. Values come from the spec's examples where it has one.
import { isLoopbackUrl } from "../loopback.js";
import type { TwimlNode } from "../twiml/tree.js";
import { webhookShape } from "./spec-webhooks.js";

export type ActionVerb = "Gather" | "Record" | "Dial";

export interface ActionBranch {
  /** What the caller or the call did, in words: `Digits=2`, `no input`, `DialCallStatus=busy`. */
  label: string;
  /** What Twilio adds to the request for TwiML. */
  params: Record<string, string>;
}

export interface Action {
  verb: ActionVerb;
  /** Where in the document: `Response/Gather[1]`. */
  path: string;
  /** The action resolved against the document's URL. */
  url: string;
  method: string;
  branches: ActionBranch[];
}

const KEYS = [..."1234567890*#"];
const DIAL_STATUSES = ["completed", "answered", "busy", "no-answer", "failed", "canceled"];

function gatherBranches(node: TwimlNode): ActionBranch[] {
  const input = (node.attributes.input ?? "dtmf").split(" ");
  // The key that ends the input is never part of Digits (# unless finishOnKey says otherwise).
  const finish = node.attributes.finishOnKey ?? "#";
  const branches: ActionBranch[] = input.includes("dtmf")
    ? KEYS.filter((key) => !finish.includes(key)).map((key) => ({ label: `Digits=${key}`, params: { Digits: key } }))
    : [];
  if (input.includes("speech"))
    branches.push({ label: "SpeechResult", params: { SpeechResult: "an operator please", Confidence: "0.9" } });
  if (node.attributes.actionOnEmptyResult === "true") branches.push({ label: "no input", params: {} });
  return branches;
}

function recordBranches(): ActionBranch[] {
  const example = webhookShape("recordingStatusCallback").examples[0]?.params ?? {};
  const recording = {
    RecordingUrl: example.RecordingUrl ?? "",
    RecordingSid: example.RecordingSid ?? "",
    RecordingDuration: example.RecordingDuration ?? "0",
  };
  return ["#", "hangup"].map((digits) => ({ label: `Digits=${digits}`, params: { ...recording, Digits: digits } }));
}

function dialBranches(): ActionBranch[] {
  // The dialled leg is another call: the spec's status callback example names one.
  const leg = webhookShape("statusCallback").examples[0]?.params.CallSid ?? "";
  return DIAL_STATUSES.map((status) => ({
    label: `DialCallStatus=${status}`,
    params: {
      DialCallStatus: status,
      DialCallSid: leg,
      DialCallDuration: status === "completed" || status === "answered" ? "42" : "0",
    },
  }));
}

const BRANCHES: Record<ActionVerb, (node: TwimlNode) => ActionBranch[]> = {
  Gather: gatherBranches,
  Record: recordBranches,
  Dial: dialBranches,
};

/** Every Gather, Record and Dial of the document that names an action, in document order. */
export function actionsOf(root: TwimlNode, documentUrl: string): Action[] {
  const found: Action[] = [];
  const visit = (node: TwimlNode) => {
    const action = node.attributes.action;
    if (action !== undefined && Object.hasOwn(BRANCHES, node.tag)) {
      const verb = node.tag as ActionVerb;
      const method = (node.attributes.method ?? "POST").toUpperCase();
      let url: string | undefined;
      try {
        url = new URL(action, documentUrl).toString();
      } catch {
        url = undefined; // validateTwiml names a malformed action; there is nowhere to go
      }
      if (url) found.push({ verb, path: node.path, url, method, branches: BRANCHES[verb](node) });
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return found;
}

/** Whether an action may be requested: on this machine, or anywhere when the user allowed it. */
export const mayRequest = (url: string, allowRemote: boolean) => allowRemote || isLoopbackUrl(url);
