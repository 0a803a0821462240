// Compile-time contract of the typed admin client, checked by `tsc --noEmit` in the test command: its argument
// types come from openapi/mock-admin.yaml, so every @ts-expect-error line must fail to compile.
import { type AdminScenario, createAdminClient } from "../../src/mock/index.js";

const admin = createAdminClient("http://127.0.0.1:4010/__mock/api");
const accountSid = "AC0123456789abcdef0123456789abcdef";

export async function compileTimeContract(): Promise<AdminScenario> {
  await admin.advance(1000);
  await admin.setCallOutcome(accountSid, "CA0123456789abcdef0123456789abcdef", { outcome: "busy", ringSeconds: 2 });
  await admin.journal({ violations: "only" });

  // @ts-expect-error outcome is one of completed, busy, no-answer, failed
  await admin.setCallOutcome(accountSid, "CA0123456789abcdef0123456789abcdef", { outcome: "explode" });

  // @ts-expect-error an outcome has no field ringTime (ringSeconds)
  await admin.setOutcomeForTo(accountSid, "+13105555555", { ringTime: 3 });

  // @ts-expect-error violations is only or none
  await admin.journal({ violations: "some" });

  // @ts-expect-error advance takes milliseconds as a number
  await admin.advance("10s");

  await admin.setNumber(accountSid, "+13105555555", { voiceUrl: "http://127.0.0.1:3000/voice", voiceMethod: "GET" });
  const call = await admin.placeInboundCall(accountSid, { from: "+12125551234", to: "+13105555555" });
  const timeline = await admin.pressDigits(accountSid, call.sid, "1#");
  const sides: Array<"app" | "mock" | "caller"> = timeline.conversation.map((entry) => entry.side);
  void sides;

  // @ts-expect-error a number's voiceMethod is GET or POST
  await admin.setNumber(accountSid, "+13105555555", { voiceUrl: "http://127.0.0.1:3000/voice", voiceMethod: "PUT" });

  // @ts-expect-error a number needs its voiceUrl or its smsUrl
  await admin.setNumber(accountSid, "+13105555555", { statusCallback: "http://127.0.0.1:3000/status" });

  // @ts-expect-error an inbound call is placed from someone to a number
  await admin.placeInboundCall(accountSid, { to: "+13105555555" });

  // @ts-expect-error speech is text, with a confidence as a number
  await admin.saySpeech(accountSid, call.sid, "sales", "high");

  const fault = await admin.addFault({ kind: "rate-limit", match: { operation: "createCall" }, times: 1 });
  await admin.deleteFault(fault.id);

  // @ts-expect-error a fault's kind is one of the document's kinds
  await admin.addFault({ kind: "explode" });

  // @ts-expect-error a fault matches an operation of the Calls API by its operationId
  await admin.addFault({ kind: "empty-body", match: { operation: "placeCall" } });

  // @ts-expect-error a fault has no field delay (latency-fixed takes ms)
  await admin.addFault({ kind: "latency-fixed", delay: 50 });

  return admin.setOutcomeForTo(accountSid, "+13105555555", { outcome: "no-answer" });
}
