// A URL as the stateful mock shows it (a call's conversation, a number, a status callback's record): without user
// information, and with each query value redacted as a recorded HAR entry's, since a receiver's token often travels
// there; the origin, path and names stay.
import { redactUrl } from "../../../har/redact.js";
import { shownUrl } from "../../callbacks.js";

export const shownWebhookUrl = (url: string): string => redactUrl(shownUrl(url)).text;
