// `calls-contract twiml <file | URL | ->`: checks the TwiML a file, standard input or a webhook handler on this
// machine returns, so that a repository can contract-test its handlers. Exits 0 when there is no error (warnings
// alone pass), 1 on an error, 2 on a usage mistake or a source it cannot read.
import { open } from "node:fs/promises";
import { AnswerTooLargeError, exchange } from "../http-exchange.js";
import { isLoopbackUrl } from "../loopback.js";
import { terminalSafe } from "../safe-text.js";
import { type TwimlKind, type TwimlViolation, validateTwiml } from "../twiml/index.js";
import { UsageError } from "./flags.js";

// Twilio reads TwiML documents of up to 64 KiB; sixteen times that is still read, anything larger is not TwiML.
const MAX_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export interface TwimlFlags {
  kind?: string;
  json?: boolean;
  method?: string;
  data?: string;
}

interface Source {
  name: string;
  text: string;
  /** Findings about how the document was served, not about the document. */
  served: TwimlViolation[];
  /** Set when the source gave no document to check, with the reason. */
  failed?: string;
}

function parseKind(text: string | undefined): TwimlKind {
  if (text === undefined || text === "voice" || text === "messaging") return text ?? "voice";
  throw new UsageError(`--kind must be voice or messaging, got "${text}"`);
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

async function fetchTwiml(text: string, flags: TwimlFlags): Promise<Source> {
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
  const method = (flags.method ?? "POST").toUpperCase();
  if (method !== "GET" && method !== "POST")
    throw new UsageError(`--method must be GET or POST, got "${flags.method}"`);
  // Twilio asks for TwiML with its request fields in the body of a POST or the query of a GET.
  const data = flags.data ?? "";
  if (method === "GET" && data) url.search = url.search ? `${url.search}&${data}` : data;
  const answer = await exchange(url, {
    method,
    headers: {
      Accept: "application/xml, text/xml",
      ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(method === "POST" ? { body: data } : {}),
    timeoutMs: FETCH_TIMEOUT_MS,
    maxAnswerBytes: MAX_BYTES,
  }).catch((error: Error) => {
    if (error instanceof AnswerTooLargeError) throw new Error(`${text} answered more than ${MAX_BYTES} bytes`);
    throw new Error(`could not fetch ${text}: ${error.message}`);
  });
  const served: TwimlViolation[] = [];
  if (answer.status < 200 || answer.status > 299) {
    const where = answer.headers.location ? ` to ${answer.headers.location} (redirects are not followed)` : "";
    return { name: text, text: "", served, failed: `${text} answered ${answer.status}${where}, not TwiML` };
  }
  const type = String(answer.headers["content-type"] ?? "");
  if (!/^(text|application)\/xml\b/i.test(type))
    served.push(servedFinding("content-type", "text/xml or application/xml, the types Twilio reads TwiML from", type));
  return { name: text, text: answer.body.toString("utf8"), served };
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

async function readSource(source: string, flags: TwimlFlags): Promise<Source> {
  if (source === "-") return { name: "(stdin)", text: await readStdin(), served: [] };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source)) return fetchTwiml(source, flags);
  const start = await readFileStart(source).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${source}: ${error.code ?? error.message}`);
  });
  const text = start.length > MAX_BYTES ? "" : start.toString("utf8");
  if (start.length > MAX_BYTES || Buffer.byteLength(text) > MAX_BYTES)
    throw new Error(`${source} is larger than ${MAX_BYTES} bytes`);
  return { name: source, text, served: [] };
}

function line(name: string, v: TwimlViolation): string {
  const where = v.line > 0 ? `${name}:${v.line}:${v.column}` : name;
  const got = "value" in v ? `, got ${JSON.stringify(v.value)}` : "";
  return `${where} ${v.severity} ${v.rule} ${v.path}: ${v.expected}${got}\n`;
}

export async function runTwimlCommand(source: string | undefined, flags: TwimlFlags): Promise<number> {
  if (source === undefined) throw new UsageError("give a file, a URL on this machine, or - for standard input");
  const kind = parseKind(flags.kind);
  const read = await readSource(source, flags);
  const out = (text: string) => process.stdout.write(terminalSafe(text));
  if (read.failed) {
    if (flags.json) out(`${JSON.stringify({ source: read.name, kind, valid: false, failed: read.failed })}\n`);
    else out(`${read.failed}\n`);
    return 1;
  }
  const result = validateTwiml(read.text, { kind });
  const warnings = [...read.served, ...result.warnings];
  if (flags.json) {
    out(
      `${JSON.stringify({ source: read.name, kind, valid: result.valid, violations: result.violations, warnings }, null, 2)}\n`,
    );
  } else {
    for (const v of [...result.violations, ...warnings]) out(line(read.name, v));
    out(`${read.name}: ${result.violations.length} error(s), ${warnings.length} warning(s) in ${kind} TwiML\n`);
  }
  return result.valid ? 0 : 1;
}
