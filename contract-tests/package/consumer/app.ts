// An app in another repository: the types generated from the installed spec beside the package's own client.
import { createCallsClient, validateCreateCallRequest } from "calls-contract";
import type { paths } from "./twilio-calls.js";

type CreateCallForm = NonNullable<
  paths["/2010-04-01/Accounts/{AccountSid}/Calls.json"]["post"]["requestBody"]
>["content"]["application/x-www-form-urlencoded"];

export const form: CreateCallForm = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };
export const checked: boolean = validateCreateCallRequest(form).valid;

// @ts-expect-error MachineDetection is "Enable" or "DetectMessageEnd": the generated type refuses the wrong case
export const misspelt: CreateCallForm = { ...form, MachineDetection: "enable" };

export async function place(baseUrl: string): Promise<string> {
  const calls = createCallsClient({ accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "t", baseUrl });
  // @ts-expect-error a create needs To: the client's own types refuse it
  await calls.create({ From: "+12125551234", Url: "https://example.com/twiml" });
  const call = await calls.create(form);
  return call.sid;
}
