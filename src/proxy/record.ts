// Turns what the proxy saw of one exchange into what it keeps: the entry redacted (with the verdicts of the
// fields redaction took away), judged by the same code `verify --har` runs, a line for each failed check, and the
// entry appended to the HAR file. Nothing of the exchange is held after that.
import { baseField, type RedactedEntry, redactEntry, type SecretMemory, shownViolations } from "../har/redact.js";
import type { HarEntry } from "../har/types.js";
import type { HarWriter } from "../har/writer.js";
import type { RequestVerdict } from "../verify/checks.js";
import { observeEntry } from "../verify/observe.js";

export interface Recording {
  /** The entry as seen, secrets and all; it never leaves this module unredacted. */
  raw: HarEntry;
  /** The findings on the request as it really was (before redaction). */
  rawVerdict?: RequestVerdict;
  /** Query keys that are secret on this request though not named so. */
  secretQueryParam?: (name: string) => boolean;
}

export interface RecorderOptions {
  writer: HarWriter;
  memory: SecretMemory;
  /** Receives one line per failed check; the caller scrubs it once more and makes it terminal-safe. */
  log: (line: string) => void;
}

export interface Recorder {
  /** Redacts the request part alone: what a refusal under --enforce may say about the request. */
  redactRequest(raw: HarEntry, secretQueryParam?: (name: string) => boolean): RedactedEntry;
  record(recording: Recording): void;
  readonly exchanges: number;
  readonly failed: number;
  readonly warned: number;
}

export function createRecorder(options: RecorderOptions): Recorder {
  const { writer, memory, log } = options;
  let exchanges = 0;
  let failed = 0;
  let warned = 0;

  const redact = (raw: HarEntry, secretQueryParam?: (name: string) => boolean) => {
    const redacted = redactEntry(raw, { known: memory.all, ...(secretQueryParam ? { secretQueryParam } : {}) });
    memory.learn(redacted.credentials);
    return redacted;
  };

  return {
    redactRequest: redact,
    record({ raw, rawVerdict, secretQueryParam }) {
      const redacted = redact(raw, secretQueryParam);
      const notes = { ...raw._callsContract };
      if (redacted.fields.length > 0) {
        const fields = new Set(redacted.fields);
        const onRedacted = (v: { field: string }) => fields.has(baseField(v.field));
        notes.redacted = {
          fields: redacted.fields,
          violations: shownViolations(rawVerdict?.violations.filter(onRedacted) ?? [], redacted),
          warnings: shownViolations(rawVerdict?.warnings.filter(onRedacted) ?? [], redacted),
        };
      }
      const { _callsContract: _, ...rest } = redacted.entry;
      const entry: HarEntry = Object.keys(notes).length > 0 ? { ...rest, _callsContract: notes } : rest;
      const verdict = observeEntry(entry, exchanges);
      exchanges += 1;
      if (verdict.kind === "checked") {
        for (const o of verdict.outcomes) {
          if (o.passed) continue;
          if (o.severity === "warning") warned += 1;
          else failed += 1;
          const mark = o.severity === "warning" ? "!" : "✗";
          const details = o.details.length > 0 ? `: ${o.details.join("; ")}` : "";
          log(
            `${mark} ${o.subject} ${o.operation} ${o.request}: ${o.check}, expected ${o.expected}, got ${o.actual}${details}`,
          );
        }
      }
      writer.append(entry);
    },
    get exchanges() {
      return exchanges;
    },
    get failed() {
      return failed;
    },
    get warned() {
      return warned;
    },
  };
}
