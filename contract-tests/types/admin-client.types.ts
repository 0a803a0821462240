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

  return admin.setOutcomeForTo(accountSid, "+13105555555", { outcome: "no-answer" });
}
