// `calls-contract twiml <file | URL | ->`: checks the TwiML a file, standard input or a webhook handler on this
// machine returns, so that a repository can contract-test its handlers. Prints a line per finding (or, with
// --format json, one JSON report; --json FILE writes that report to a file). Exits 0 when there is no error
// (warnings alone pass), 1 on an error, 2 on a usage mistake or a source it cannot read.
import { terminalSafe } from "../safe-text.js";
import { type TwimlKind, type TwimlViolation, validateTwiml } from "../twiml/index.js";
import type { TwimlFlags } from "./command-flags.js";
import { UsageError } from "./flags.js";
import { writeReportFile } from "./report-file.js";
import { readSource, type Source } from "./twiml-source.js";

function parseKind(text: string | undefined): TwimlKind {
  if (text === undefined || text === "voice" || text === "messaging") return text ?? "voice";
  throw new UsageError(`--kind must be voice or messaging, got "${text}"`);
}

function parseFormat(text: string | undefined): "text" | "json" {
  if (text === undefined || text === "text" || text === "json") return text ?? "text";
  throw new UsageError(`--format must be text or json, got "${text}"`);
}

function line(name: string, v: TwimlViolation): string {
  const where = v.line > 0 ? `${name}:${v.line}:${v.column}` : name;
  const got = "value" in v ? `, got ${JSON.stringify(v.value)}` : "";
  return `${where} ${v.severity} ${v.rule} ${v.path}: ${v.expected}${got}\n`;
}

interface Judged {
  valid: boolean;
  text: string;
  json: string;
}

/** The source's findings, as the lines a reader sees and as the JSON report. */
function judge(read: Source, kind: TwimlKind): Judged {
  if (read.failed) {
    const json = `${JSON.stringify({ source: read.name, kind, valid: false, failed: read.failed })}\n`;
    return { valid: false, text: `${read.failed}\n`, json };
  }
  const result = validateTwiml(read.text, { kind });
  const warnings = [...read.served, ...result.warnings];
  const report = { source: read.name, kind, valid: result.valid, violations: result.violations, warnings };
  const lines = [...result.violations, ...warnings].map((v) => line(read.name, v));
  const count = `${read.name}: ${result.violations.length} error(s), ${warnings.length} warning(s) in ${kind} TwiML\n`;
  return { valid: result.valid, text: [...lines, count].join(""), json: `${JSON.stringify(report, null, 2)}\n` };
}

export async function runTwimlCommand(source: string | undefined, flags: TwimlFlags): Promise<number> {
  if (source === undefined) throw new UsageError("give a file, a URL on this machine, or - for standard input");
  const kind = parseKind(flags.kind);
  const format = parseFormat(flags.format);
  const judged = judge(await readSource(source, flags), kind);
  process.stdout.write(terminalSafe(format === "json" ? judged.json : judged.text));
  if (flags.json) await writeReportFile(flags.json, judged.json);
  return judged.valid ? 0 : 1;
}
