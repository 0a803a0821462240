// The one place that decides what of recorded traffic may be written down. Every HAR entry passes through
// redactEntry before it reaches the disk, and every report or log line is made from redacted entries and then
// scrubbed once more. Structure is kept: a header keeps its name and auth scheme, a parameter its name, a URL its
// scheme, host, path and query keys, a body sent as JSON or other text its keys and layout; only the secret values
// become [redacted]. Every walk here is a loop, never a recursion or a spread into arguments, so that a hostile
// request (150,000 query pairs, JSON nested 100,000 deep) is recorded like any other.
import { shortText } from "../findings/redact.js";
import { type Violation, violation } from "../findings/violation.js";
import {
  credentialForms,
  isSecretHeader,
  isSecretName,
  REDACTED,
  scrubValue,
  secretScrubber,
  spellings,
} from "../secrets.js";
import type { HarEntry, HarNameValue, HarPostData, HarRequest, HarResponse } from "./types.js";

/** The marker inside a URL, percent-encoded so that the URL stays a valid one. */
const REDACTED_IN_URL = encodeURIComponent(REDACTED);

function decodeFormPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/**
 * A callback URL with the password of its user information and every value of its query replaced; the secrets
 * it held are returned so that they can be scrubbed wherever else they appear.
 */
export function redactUrl(text: string): { text: string; secrets: string[] } {
  const match = /^(https?:\/\/)([^/?#@]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(text);
  if (!match) return { text, secrets: [] };
  const [, scheme, userinfo = "", rest = "", query = "", fragment = ""] = match;
  const secrets: string[] = [];
  let user = userinfo;
  const colon = userinfo.indexOf(":");
  if (colon >= 0) {
    const password = userinfo.slice(colon + 1, -1);
    secrets.push(password, decodeFormPart(password));
    user = `${userinfo.slice(0, colon + 1)}${REDACTED_IN_URL}@`;
  }
  let search = query;
  if (query.length > 1) {
    const parts = query
      .slice(1)
      .split("&")
      .map((part) => {
        const equals = part.indexOf("=");
        const value = equals >= 0 ? part.slice(equals + 1) : part;
        if (value === "") return part;
        secrets.push(value, decodeFormPart(value));
        return equals >= 0 ? `${part.slice(0, equals + 1)}${REDACTED_IN_URL}` : REDACTED_IN_URL;
      });
    search = `?${parts.join("&")}`;
  }
  if (secrets.length === 0) return { text, secrets };
  return { text: `${scheme}${user}${rest}${search}${fragment}`, secrets };
}

/** A header value with its secret replaced and the auth scheme kept (`Basic [redacted]`). */
function redactHeader(header: HarNameValue): { header: HarNameValue; secrets: string[] } {
  const name = header.name.toLowerCase();
  if (!isSecretHeader(name)) return { header, secrets: [] };
  const { value } = header;
  const secrets = [value];
  const scheme = /^(\w+) (.+)$/.exec(value);
  if (name.endsWith("authorization") && scheme) {
    const [, kind = "", credentials = ""] = scheme;
    secrets.push(credentials);
    if (kind.toLowerCase() === "basic") {
      const pair = Buffer.from(credentials, "base64").toString("utf8");
      const colon = pair.indexOf(":");
      if (colon > 0) secrets.push(...credentialForms(pair.slice(0, colon), pair.slice(colon + 1)));
    }
    return { header: { ...header, value: `${kind} ${REDACTED}` }, secrets };
  }
  return { header: { ...header, value: REDACTED }, secrets };
}

export interface RedactOptions {
  /** Secrets known before this entry (the auth token from the environment): scrubbed from it too. */
  known?: string[];
  /** Query parameters that are secret in this entry though not named so (an app's own keys on a callback URL). */
  secretQueryParam?: (name: string) => boolean;
}

export interface RedactedEntry {
  entry: HarEntry;
  /** The request fields whose values were changed (by name, in the query or the body). */
  fields: string[];
  /** Every secret found in the entry, for scrubbing what else is said about the exchange. */
  secrets: string[];
  /** The credentials of the request's Authorization header, in every form: worth remembering for later text. */
  credentials: string[];
  /** Scrubs the entry's secrets (and the known ones) from any text. */
  scrub: (text: string) => string;
  /** What a violation of a redacted field may show: its redacted value(s). */
  shownValue(field: string): unknown;
}

/** What redaction has found in one entry so far. */
interface Found {
  /** Every secret, for scrubbing what else is said about the exchange. */
  secrets: string[];
  /** The request fields whose values were changed, in the order they were met. */
  fields: Set<string>;
  /** A long callback URL is shown cut short in violations (shortText), and the cut may end inside a secret. */
  shortForms: string[];
}

/**
 * The cut-short form of a callback URL (as violations show it) when that cut holds part of a secret: only a cut
 * that reaches past where the redacted URL first differs does.
 */
function secretCut(value: string, redactedUrl: string): string | undefined {
  const shown = shortText(value);
  const cut = shown.slice(0, shown.indexOf("…"));
  let same = 0;
  while (same < cut.length && cut[same] === redactedUrl[same]) same += 1;
  return shown !== value && cut.length > same ? cut : undefined;
}

/** A parameter with its value replaced when its name is secret, or with the secrets of a URL it holds replaced. */
function redactParam(param: HarNameValue, secretName: boolean, found: Found): HarNameValue {
  let value = param.value;
  if (secretName && value !== "") {
    found.secrets.push(value);
    value = REDACTED;
  } else {
    const url = redactUrl(value);
    if (url.secrets.length > 0) {
      for (const secret of url.secrets) found.secrets.push(secret);
      const cut = secretCut(value, url.text);
      if (cut !== undefined) found.shortForms.push(cut);
      value = url.text;
    }
  }
  if (value === param.value) return param;
  found.fields.add(param.name);
  return { ...param, value };
}

/** The headers with their secrets replaced; the secrets of the Authorization header are also its credentials. */
function redactHeaders(headers: HarNameValue[], found: Found): { headers: HarNameValue[]; credentials: string[] } {
  const credentials: string[] = [];
  const redacted = headers.map((h) => {
    const { header, secrets } = redactHeader(h);
    found.secrets.push(...secrets);
    if (h.name.toLowerCase() === "authorization") credentials.push(...secrets);
    return header;
  });
  return { headers: redacted, credentials };
}

/**
 * A secret can also sit inside a field that is not secret by name (a token in a Url's path): every value is
 * scrubbed, and a field changed by that counts as redacted too.
 */
function scrubParams(params: HarNameValue[], scrub: (text: string) => string, fields: Set<string>): HarNameValue[] {
  return params.map((p) => {
    const value = scrub(p.value);
    if (value === p.value) return p;
    fields.add(p.name);
    return { ...p, value };
  });
}

/** The values the entry holds of each redacted field, by name: what a violation of that field may show. */
function shownValues(params: HarNameValue[], fields: Set<string>): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const p of params) {
    if (!fields.has(p.name)) continue;
    const shown = values.get(p.name);
    if (shown) shown.push(p.value);
    else values.set(p.name, [p.value]);
  }
  return values;
}

/** The request's URL rebuilt from the redacted query (when that changed) and scrubbed. */
function redactedRequestUrl(request: HarRequest, query: HarNameValue[], scrub: (text: string) => string): string {
  const url = new URL(request.url);
  const queryChanged = query.some((p, i) => p !== request.queryString[i]);
  const search = queryChanged ? `?${new URLSearchParams(query.map((p) => [p.name, p.value]))}` : url.search;
  return scrub(`${url.origin}${url.pathname}${search}`);
}

/** One value met in a body's text: where it stands, and the key it sits under (at any depth). */
interface TextValue {
  start: number;
  end: number;
  param: HarNameValue;
  secretName: boolean;
}

const JSON_SPACE = " \t\r\n";
/** The bare literals of JSON that are not numbers: never a secret, whatever key they sit under. */
const JSON_WORDS = new Set(["true", "false", "null"]);

/** Where a JSON string (from its opening quote) or a bare literal (a number, true, false, null) ends. */
function tokenEnd(text: string, start: number): number {
  let i = start + 1;
  if (text[start] === '"') {
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    return i + 1;
  }
  while (i < text.length && !",]}".includes(text[i]!) && !JSON_SPACE.includes(text[i]!)) i += 1;
  return i;
}

/** A container of the JSON being read: the last key of an object, or the key an array sits under. */
interface JsonLevel {
  object: boolean;
  key: string;
  /** Under a secret-named key, however deep: every value below is secret. */
  secret: boolean;
}

/**
 * The string and number values of a JSON text, each with the key it sits under; undefined when the text is not
 * JSON. A loop over the text with a stack of containers, so that depth costs no call stack.
 */
function jsonValues(text: string): TextValue[] | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const values: TextValue[] = [];
  const levels: JsonLevel[] = [{ object: false, key: "", secret: false }];
  const secretHere = (level: JsonLevel) => level.secret || isSecretName(level.key);
  let expectKey = false;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    const level = levels.at(-1)!;
    if (c === "{" || c === "[") {
      levels.push({ object: c === "{", key: level.key, secret: secretHere(level) });
      expectKey = c === "{";
    } else if (c === "}" || c === "]") levels.pop();
    else if (c === "," || c === ":") expectKey = c === "," && level.object;
    else if (!JSON_SPACE.includes(c)) {
      const end = tokenEnd(text, i);
      const token = text.slice(i, end);
      if (expectKey) level.key = JSON.parse(token) as string;
      else if (!JSON_WORDS.has(token)) {
        const value = c === '"' ? (JSON.parse(token) as string) : token;
        values.push({ start: i, end, param: { name: level.key, value }, secretName: secretHere(level) });
      }
      i = end;
      continue;
    }
    i += 1;
  }
  return values;
}

/** The pairs of a text written as a form (`a=1&Password=x`, or one pair a line), each with where its value stands. */
function pairValues(text: string): TextValue[] {
  const values: TextValue[] = [];
  for (const pair of text.matchAll(/(?:^|[&\n])([^=&\n]*)=([^&\n]*)/g)) {
    const [whole, name = "", value = ""] = pair;
    const end = pair.index + whole.length;
    const param = { name: decodeFormPart(name), value: decodeFormPart(value) };
    values.push({ start: end - value.length, end, param, secretName: isSecretName(param.name) });
  }
  return values;
}

/**
 * A body sent as text rather than as a form (JSON, or pairs in a text/plain body): each value under a secret-named
 * key, and each secret of a URL it holds, replaced as redactParam replaces them in a form; the rest as it was sent.
 */
function redactBodyText(text: string, found: Found): string {
  const json = jsonValues(text);
  const pieces: string[] = [];
  let copied = 0;
  for (const { start, end, param, secretName } of json ?? pairValues(text)) {
    const redacted = redactParam(param, secretName, found);
    if (redacted === param) continue;
    pieces.push(text.slice(copied, start), json ? JSON.stringify(redacted.value) : encodeURIComponent(redacted.value));
    copied = end;
  }
  return copied === 0 ? text : `${pieces.join("")}${text.slice(copied)}`;
}

/** The request's body: a form as its redacted parameters, a text with its secrets replaced and scrubbed. */
function redactedPostData(
  postData: HarPostData | undefined,
  params: HarNameValue[] | undefined,
  text: string | undefined,
  scrub: (text: string) => string,
): HarPostData | undefined {
  return (
    postData && {
      ...postData,
      ...(params ? { params } : {}),
      ...(text === undefined ? {} : { text: scrub(text) }),
    }
  );
}

/** The response with its headers' secrets replaced and its headers, body and redirect scrubbed. */
function redactedResponse(
  response: HarResponse,
  headers: HarNameValue[],
  scrub: (text: string) => string,
): HarResponse {
  const { content } = response;
  return {
    ...response,
    headers: headers.map((h) => ({ ...h, value: scrub(h.value) })),
    content: { ...content, ...(content.text === undefined ? {} : { text: scrub(content.text) }) },
    redirectURL: scrub(response.redirectURL),
  };
}

/** A copy of the entry that is safe to write anywhere; see the module comment. */
export function redactEntry(raw: HarEntry, options: RedactOptions = {}): RedactedEntry {
  const found: Found = { secrets: [], fields: new Set(), shortForms: [] };
  const { request } = raw;
  const queryString = request.queryString.map((p) =>
    redactParam(p, isSecretName(p.name) || (options.secretQueryParam?.(p.name) ?? false), found),
  );
  const params = request.postData?.params?.map((p) => redactParam(p, isSecretName(p.name), found));
  const bodyText = request.postData?.text === undefined ? undefined : redactBodyText(request.postData.text, found);
  const requestHeaders = redactHeaders(request.headers, found);
  const responseHeaders = redactHeaders(raw.response.headers, found).headers;

  const { secrets, fields } = found;
  // Each secret spelled once: a URL of 150,000 query pairs holds the same short value over and over.
  const distinct = new Set([...(options.known ?? []), ...secrets]);
  const scrub = secretScrubber([...[...distinct].flatMap(spellings), ...found.shortForms]);
  const query = scrubParams(queryString, scrub, fields);
  const finalParams = params && scrubParams(params, scrub, fields);
  const postData = redactedPostData(request.postData, finalParams, bodyText, scrub);
  const redactedValues = shownValues([...query, ...(finalParams ?? [])], fields);
  const entry: HarEntry = {
    ...raw,
    request: {
      ...request,
      url: redactedRequestUrl(request, query, scrub),
      headers: requestHeaders.headers.map((h) => ({ ...h, value: scrub(h.value) })),
      queryString: query,
      ...(postData ? { postData } : {}),
    },
    response: redactedResponse(raw.response, responseHeaders, scrub),
  };
  return {
    entry,
    fields: [...fields],
    secrets,
    credentials: requestHeaders.credentials,
    scrub,
    shownValue(field) {
      const values = redactedValues.get(field) ?? [REDACTED];
      return values.length === 1 ? values[0] : values;
    },
  };
}

/** The field a violation is about, without an index or a nested key: `StatusCallbackEvent[1]` is StatusCallbackEvent. */
export function baseField(field: string): string {
  return field.replace(/[[.].*$/, "");
}

/**
 * The violations with the value of each redacted field replaced by what the HAR holds of it, and every secret of
 * the entry scrubbed: they can then be written beside the entry and shown in logs and reports.
 */
export function shownViolations(violations: Violation[], redacted: RedactedEntry): Violation[] {
  const fields = new Set(redacted.fields);
  return violations.map((v) => {
    const field = baseField(v.field);
    let shown = v;
    if (fields.has(field) && "value" in v) {
      const rebuilt = violation(v.operation, v.location, v.field, v.rule, v.expected, redacted.shownValue(field));
      shown =
        v.severity === "warning"
          ? { ...rebuilt, severity: "warning", message: `${rebuilt.message} (warning)` }
          : rebuilt;
    }
    return scrubValue(shown, redacted.scrub) as Violation;
  });
}

/** A bounded memory of auth tokens seen on the wire, so that a late echo of one is scrubbed from logs too. */
export class SecretMemory {
  private readonly forms = new Set<string>();
  constructor(
    initial: string[] = [],
    private readonly limit = 256,
  ) {
    for (const form of initial) this.forms.add(form);
  }
  learn(secrets: string[]): void {
    const before = this.forms.size;
    for (const secret of secrets) if (this.forms.size < this.limit) this.forms.add(secret);
    // The same token on every request is the usual case: rebuild the scrubber only when something is new.
    if (this.forms.size !== before) this.scrubber = undefined;
  }
  private scrubber: ((text: string) => string) | undefined;
  get all(): string[] {
    return [...this.forms];
  }
  scrub(text: string): string {
    this.scrubber ??= secretScrubber([...this.forms].flatMap(spellings));
    return this.scrubber(text);
  }
}
