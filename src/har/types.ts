// The part of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that the proxy writes and `verify --har`
// reads, plus one custom field: HAR lets a writer add fields whose names start with an underscore, and other
// tools ignore them.
import type { Violation, WebhookId } from "../validation/index.js";

export interface HarNameValue {
  name: string;
  value: string;
}

/** HAR 1.2 holds a body as `params` (a form) or as `text`, never both. */
export interface HarPostData {
  mimeType: string;
  params?: HarNameValue[];
  text?: string;
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
}

/** What the proxy knew when it recorded an exchange that the HAR text alone cannot say. */
export interface EntryNotes {
  /** Under --enforce the proxy responded to this request itself; the target never saw it. */
  blocked?: boolean;
  /**
   * The target gave no response the proxy could relay (none at all, or one HTTP cannot carry on: a status below
   * 100, a control character in its reason phrase, a 101), and why; the response's status is then 0.
   */
  noResponse?: string;
  /**
   * @deprecated noResponse's old name, no longer written: still read, so that HAR files recorded before the rename
   * replay the same.
   */
  noAnswer?: string;
  /** The response body was not recorded (larger than the proxy reads, or compressed), and why. */
  unread?: string;
  /** The request body was not recorded or checked (larger than the proxy reads), and why. */
  requestUnread?: string;
  /** For a callback: which webhook, and whether its X-Twilio-Signature matched when it arrived. */
  webhook?: WebhookId;
  signature?: "valid" | "missing" | "mismatch";
  /**
   * Fields whose values were redacted (`body:SipAuthPassword`, `query:token`), and the verdicts those fields drew
   * before redaction: a replay cannot judge a value it no longer has, so it takes these instead.
   */
  redacted?: { fields: string[]; violations: Violation[]; warnings: Violation[] };
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: HarTimings;
  comment?: string;
  _callsContract?: EntryNotes;
}

export interface HarCreator {
  name: string;
  version: string;
}
