// The Twilio errors each operation may respond with, as types and as a table the client's guard reads
// (src/client/declared-errors.ts). An operation's declared error is a response of status 4xx or 5xx whose body is
// Twilio's JSON error (TwilioError); its codes are the ones documented for it:
//   - the examples the spec gives that response;
//   - in the 400, the codes of the operation's fields (`x-twilio-error-codes`, read by scripts/error-codes.ts), and
//     the mock's code for a broken field that has none of its own (src/mock/errors.ts, 20001);
//   - in createCall's 400, the mock's test numbers (MAGIC_NUMBERS in src/mock/errors.ts; front.ts applies them to
//     createCall only).
// A declared status with no documented code takes any code. XML error responses (the retired APIs) are left out: the
// client never throws them.
import { operationErrorCodes } from "./error-codes.js";
import type { FieldErrorCodes } from "./manifest-types.js";
import { eachOperation, formBodySchema, resolveRef, type Spec } from "./openapi.js";

const HEADER =
  "// Generated from openapi/calls.yaml and src/mock/errors.ts by `npm run generate`. Do not edit by hand.\n";
const JSON_MEDIA = "application/json";

/** One code and why it belongs to its status, for the comments of the generated types. */
interface DocumentedCode {
  code: number;
  source: string;
}

/** An operation's declared errors: status to its documented codes (empty: any code). */
type ErrorTable = Record<string, DocumentedCode[]>;

interface ErrorOperation {
  id: string;
  path: string;
  method: string;
  summary: string;
  statuses: ErrorTable;
}

/** What the mock responds with that the spec does not say: read from the mock's own module, not restated. */
interface MockCodes {
  /** The 400 for a broken field with no code of its own. */
  invalidField: { status: number; code: number };
  /** createCall's test numbers: the 400 each one gets, by field and number. */
  testNumbers: Array<{ field: string; number: string; status: number; code: number }>;
}

async function mockCodes(): Promise<MockCodes> {
  const { invalidRequest, MAGIC_NUMBERS, magicNumberError } = await import("../src/mock/errors.js");
  // A field no operation names: the mock gives it its code for "invalid parameter".
  const { status, code } = invalidRequest([
    { severity: "error", operation: "", location: "body", field: "", rule: "type", expected: "", message: "" },
  ]);
  const testNumbers = Object.entries(MAGIC_NUMBERS).flatMap(([field, numbers]) =>
    Object.keys(numbers).map((number) => {
      const body = magicNumberError({ [field]: number });
      if (!body) throw new Error(`src/mock/errors.ts: MAGIC_NUMBERS lists ${field} ${number}, which gets no error`);
      return { field, number, status: body.status, code: body.code };
    }),
  );
  return { invalidField: { status, code }, testNumbers };
}

const isTwilioError = (spec: Spec, schema: unknown) =>
  schema !== undefined && resolveRef(spec, schema) === spec.components.schemas.TwilioError;

function fieldCodes(codes: Record<string, FieldErrorCodes>): DocumentedCode[] {
  return Object.entries(codes).flatMap(([field, { missing, invalid, byRule }]) => [
    ...(missing === undefined ? [] : [{ code: missing, source: `${field}: missing` }]),
    ...(invalid === undefined ? [] : [{ code: invalid, source: `${field}: invalid` }]),
    ...Object.entries(byRule ?? {}).map(([rule, code]) => ({ code, source: `${field}: ${rule}` })),
  ]);
}

/** The codes one declared error response documents. */
function responseCodes(spec: Spec, examples: Record<string, { $ref?: string; value?: unknown }>): DocumentedCode[] {
  return Object.entries(examples).flatMap(([name, example]) => {
    const value = resolveRef<{ value?: { code?: unknown } }>(spec, example).value;
    return typeof value?.code === "number" ? [{ code: value.code, source: `example "${name}"` }] : [];
  });
}

/** Every operation with at least one declared error of Twilio's JSON shape, in document order. */
function declaredErrorOperations(spec: Spec, mock: MockCodes): ErrorOperation[] {
  return eachOperation(spec).flatMap((entry) => {
    const { operation } = entry;
    const statuses: ErrorTable = {};
    for (const [status, declared] of Object.entries(operation.responses)) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const media = resolveRef<{ content?: Record<string, { schema?: unknown; examples?: object }> }>(spec, declared)
        .content?.[JSON_MEDIA];
      if (!media || !isTwilioError(spec, media.schema)) continue;
      statuses[status] = responseCodes(spec, (media.examples ?? {}) as Record<string, { value?: unknown }>);
    }
    const rejected = statuses[String(mock.invalidField.status)];
    if (rejected) {
      const codes = operationErrorCodes(entry, formBodySchema(spec, operation), new Set());
      rejected.push(...fieldCodes(codes), {
        code: mock.invalidField.code,
        source: "a broken field without a code of its own (the mock)",
      });
    }
    if (operation.operationId === "createCall") {
      for (const { field, number, status, code } of mock.testNumbers) {
        statuses[String(status)]?.push({ code, source: `${field} ${number} (a test number of the mock)` });
      }
    }
    if (Object.keys(statuses).length === 0) return [];
    const summary = operation.summary ?? operation.operationId;
    return [{ id: operation.operationId, path: entry.path, method: entry.method, summary, statuses }];
  });
}

const uniqueCodes = (codes: DocumentedCode[]) => [...new Set(codes.map((c) => c.code))].sort((a, b) => a - b);

function renderTable(operations: ErrorOperation[]): string {
  const table = Object.fromEntries(
    operations.map((op) => [
      op.id,
      Object.fromEntries(Object.entries(op.statuses).map(([status, codes]) => [status, uniqueCodes(codes)])),
    ]),
  );
  return `${HEADER}export const declaredErrors = ${JSON.stringify(table)};\n`;
}

/** One status of an operation: its codes as a union, each code's sources in the comment. */
function renderStatus(status: string, codes: DocumentedCode[]): string {
  if (codes.length === 0) return `    /** No code is documented: any code. */\n    ${status}: number;`;
  const lines = uniqueCodes(codes).map((code) => {
    const sources = codes.filter((c) => c.code === code).map((c) => c.source);
    return `     * - ${code}: ${[...new Set(sources)].join("; ")}`;
  });
  return `    /**\n${lines.join("\n")}\n     */\n    ${status}: ${uniqueCodes(codes).join(" | ")};`;
}

function renderTypes(operations: ErrorOperation[]): string {
  const declared = operations.map((op) => {
    const statuses = Object.entries(op.statuses).map(([status, codes]) => renderStatus(status, codes));
    return `  /** ${op.summary} */\n  ${op.id}: {\n${statuses.join("\n")}\n  };`;
  });
  const byPath = new Map<string, string[]>();
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), `${op.method}: "${op.id}"`]);
  const paths = [...byPath].map(([path, methods]) => `  ${JSON.stringify(path)}: { ${methods.join("; ")} };`);
  return `${HEADER}/**
 * Each operation's declared error responses whose body is Twilio's JSON error, by status, with the Twilio codes
 * documented for each status. Beside each code, where it is documented: an example of the response, a field's
 * \`x-twilio-error-codes\` (the field, then missing, invalid or the rule), or the mock (src/mock/errors.ts).
 */
export interface DeclaredErrors {
${declared.join("\n")}
}

/** The same operations by path and method, as the generated \`paths\` holds them. */
export interface DeclaredErrorPaths {
${paths.join("\n")}
}

/** DeclaredErrors as data: each status's codes, in ascending order (empty: any code). */
export declare const declaredErrors: {
  readonly [Op in keyof DeclaredErrors]: { readonly [Status in keyof DeclaredErrors[Op]]: readonly number[] };
};
`;
}

/** generated/twilio-errors.js and its types. */
export async function renderErrorTypes(spec: Spec): Promise<Record<string, string>> {
  const operations = declaredErrorOperations(spec, await mockCodes());
  return {
    "generated/twilio-errors.js": renderTable(operations),
    "generated/twilio-errors.d.ts": renderTypes(operations),
  };
}
