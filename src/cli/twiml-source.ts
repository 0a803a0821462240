// Where `calls-contract twiml` gets its document: a file, standard input, or a webhook handler on this machine,
// asked as Twilio asks. Each is read up to the same size; a handler is never reached off this machine.
import { open } from "node:fs/promises";
import { exchange, ResponseTooLargeError } from "../http-exchange.js";
import { isLoopbackUrl } from "../loopback.js";
import type { TwimlViolation } from "../twiml/index.js";
import { mediaTypeOf, TWIML_MEDIA_TYPES } from "../webhook-delivery.js";
import { UsageError } from "./flags.js";

// Twilio reads TwiML documents of up to 64 KiB; sixteen times that is still read, anything larger is not TwiML.
const MAX_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export interface Source {
  name: string;
  text: string;
  /** Findings about how the document was served, not about the document. */
  served: TwimlViolation[];
  /** Set when the source gave no document to check, with the reason. */
  failed?: string;
}

/** How a handler is asked: --method and --data. */
export interface FetchFlags {
  method?: string;
  data?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw new Error(`standard input is larger than ${MAX_BYTES} bytes; that is not TwiML`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function servedFinding(rule: string, expected: string, value: string): TwimlViolation {
  return {
    severity: "warning",
    operation: "TwiML",
    location: "response",
    field: "Content-Type",
    rule,
    expected,
    value,
    message: `TwiML response: Content-Type breaks ${rule}: ${expected}, got ${JSON.stringify(value)} (warning)`,
    line: 0,
    column: 0,
    path: "(headers)",
  };
}

/** The URL to ask, refused unless it is http(s) on this machine. */
function loopbackUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${text}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`only http and https URLs are fetched, got "${url.protocol}"`);
  // The command runs in CI next to the code under test: it must never become a way to reach other machines.
  if (!isLoopbackUrl(text))
    throw new UsageError(
      `only URLs on this machine are fetched (127.x.x.x, localhost or ::1), got host "${url.hostname}"`,
    );
  return url;
}

async function fetchTwiml(text: string, flags: FetchFlags): Promise<Source> {
  const url = loopbackUrl(text);
  const method = (flags.method ?? "POST").toUpperCase();
  if (method !== "GET" && method !== "POST")
    throw new UsageError(`--method must be GET or POST, got "${flags.method}"`);
  // Twilio asks for TwiML with its request fields in the body of a POST or the query of a GET.
  const data = flags.data ?? "";
  if (method === "GET" && data) url.search = url.search ? `${url.search}&${data}` : data;
  const response = await exchange(url, {
    method,
    headers: {
      Accept: "application/xml, text/xml",
      ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(method === "POST" ? { body: data } : {}),
    timeoutMs: FETCH_TIMEOUT_MS,
    maxResponseBytes: MAX_BYTES,
  }).catch((error: Error) => {
    if (error instanceof ResponseTooLargeError) throw new Error(`${text} responded with more than ${MAX_BYTES} bytes`);
    throw new Error(`could not fetch ${text}: ${error.message}`);
  });
  const served: TwimlViolation[] = [];
  if (response.status < 200 || response.status > 299) {
    const where = response.headers.location ? ` to ${response.headers.location} (redirects are not followed)` : "";
    return { name: text, text: "", served, failed: `${text} responded ${response.status}${where}, not TwiML` };
  }
  const type = String(response.headers["content-type"] ?? "");
  if (!TWIML_MEDIA_TYPES.has(mediaTypeOf(type)))
    served.push(
      servedFinding("content-type", `${[...TWIML_MEDIA_TYPES].join(", ")}: the types Twilio reads TwiML from`, type),
    );
  return { name: text, text: response.body.toString("utf8"), served };
}

/** Reads `source`: `-` for standard input, a URL (fetched from this machine only), else a file. */
export async function readSource(source: string, flags: FetchFlags): Promise<Source> {
  if (source === "-") return { name: "(stdin)", text: await readStdin(), served: [] };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source)) return fetchTwiml(source, flags);
  const start = await readFileStart(source).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${source}: ${error.code ?? error.message}`);
  });
  if (start.length > MAX_BYTES) throw new Error(`${source} is larger than ${MAX_BYTES} bytes`);
  return { name: source, text: start.toString("utf8"), served: [] };
}

/**
 * The first MAX_BYTES + 1 bytes of a file at most: one byte more than that says it is too large, and a path that
 * never ends (/dev/zero) or a file of gigabytes costs no more than a small one.
 */
async function readFileStart(path: string): Promise<Buffer> {
  const buffer = Buffer.alloc(MAX_BYTES + 1);
  let size = 0;
  const file = await open(path, "r");
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, size, buffer.length - size, null);
      size += bytesRead;
      if (bytesRead === 0 || size === buffer.length) break;
    }
  } finally {
    await file.close();
  }
  return buffer.subarray(0, size);
}
