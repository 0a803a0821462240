// Sends a corpus case to a running server with test credentials.
import { inject } from "vitest";
import type { RequestCase } from "../../src/verify/corpus.js";
import { send } from "../../src/verify/http.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./fixtures.js";

export const credentials = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
export const toPrism = (testCase: RequestCase) => send(inject("prismUrl"), credentials, testCase);
export const toMock = (testCase: RequestCase) => send(inject("mockUrl"), credentials, testCase);
