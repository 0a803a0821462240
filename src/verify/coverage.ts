// How much of the spec some traffic exercised, along four lines: operations called, request parameters sent (per
// operation; path parameters are always there and do not count), enum values seen (in request fields, and in the
// Calls that came back: status, direction, answered_by) and status codes returned (per operation). The declared
// sets come from the canonical document, where advisory rules are merged, so that StatusCallbackEvent's four
// names count as its values. The retired operations (deprecated: the 2008-08-01 API, SMS/Messages) are left out:
// today's traffic cannot reach them, and counting them would cap every app's share below 100%. A resource's XML
// representation (its path without `.json`) counts for the operation it represents: it is the same operation.
import { requirePackageFile } from "../package-files.js";
import { type OperationId, operations } from "../validation/index.js";
import { callsIn } from "./checks.js";

type Schema = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };

let canonical: Doc | undefined;
function doc(): Doc {
  canonical ??= requirePackageFile<Doc>("generated/calls.canonical.json");
  return canonical;
}

function resolve(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === "string" && hops < 16; hops++) {
    const name = current.$ref.replace("#/components/schemas/", "");
    current = doc().components.schemas[name];
  }
  return current;
}

/** Every value a schema names in an enum, looking through $ref, array items and oneOf/anyOf/allOf branches. */
function enumValues(schema: Schema | undefined, depth = 0): string[] {
  const resolved = resolve(schema);
  if (!resolved || depth > 8) return [];
  const own = Array.isArray(resolved.enum) ? resolved.enum.map(String) : [];
  const nested = [resolved.items, ...((resolved.oneOf ?? []) as Schema[]), ...((resolved.anyOf ?? []) as Schema[])]
    .concat((resolved.allOf ?? []) as Schema[])
    .flatMap((s) => enumValues(s as Schema | undefined, depth + 1));
  return [...new Set([...own, ...nested])];
}

interface EnumField {
  /** `createCall StatusCallbackEvent`, `listCalls Status`, or `Call status` for a response field. */
  key: string;
  values: string[];
}

interface Declared {
  /** The operations counted: every one the spec does not mark deprecated. */
  ids: OperationId[];
  params: Record<OperationId, string[]>;
  enums: EnumField[];
  statuses: Record<OperationId, string[]>;
}

function operationObject(operation: OperationId): Schema {
  const manifest = operations[operation];
  const pathItem = doc().paths[manifest.path] ?? {};
  return (pathItem[manifest.method.toLowerCase()] ?? {}) as Schema;
}

function requestSchemas(operation: OperationId): Record<string, Schema> {
  const op = operationObject(operation);
  const fields: Record<string, Schema> = {};
  for (const parameter of (op.parameters ?? []) as Schema[])
    if (parameter.in === "query") fields[String(parameter.name)] = parameter.schema as Schema;
  const content = (op.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined;
  const body = resolve(content?.["application/x-www-form-urlencoded"]?.schema as Schema | undefined);
  Object.assign(fields, (body?.properties ?? {}) as Record<string, Schema>);
  return fields;
}

let declared: Declared | undefined;
function declaredSets(): Declared {
  if (declared) return declared;
  const ids = (Object.keys(operations) as OperationId[]).filter(
    (id) => operationObject(id).deprecated !== true && !operations[id].representationOf,
  );
  const params = {} as Record<OperationId, string[]>;
  const statuses = {} as Record<OperationId, string[]>;
  const enums: EnumField[] = [];
  for (const id of ids) {
    const manifest: { queryFields?: object; bodyFields?: object; validators: { responses: object } } = operations[id];
    params[id] = [...Object.keys(manifest.queryFields ?? {}), ...Object.keys(manifest.bodyFields ?? {})];
    statuses[id] = Object.keys(manifest.validators.responses);
    const schemas = requestSchemas(id);
    for (const field of params[id]) {
      const values = enumValues(schemas[field]);
      if (values.length > 0) enums.push({ key: `${id} ${field}`, values });
    }
  }
  const call = (doc().components.schemas.Call?.properties ?? {}) as Record<string, Schema>;
  for (const [field, schema] of Object.entries(call)) {
    const values = enumValues(schema);
    if (values.length > 0) enums.push({ key: `Call ${field}`, values });
  }
  declared = { ids, params, enums, statuses };
  return declared;
}

/** What one exchange with the Calls API showed: the operation, the request's keys and values, the response. */
export interface CoverageSample {
  operation: OperationId;
  /** Query and body parameters as sent, in order. */
  params: Array<[string, string]>;
  /** The response's status, when there was one. */
  status?: number;
  /** The response's parsed JSON body, for the enum fields of the Calls in it. */
  body?: unknown;
}

export interface Share {
  seen: number;
  declared: number;
}

export interface Coverage {
  operations: Share;
  parameters: Share;
  enumValues: Share;
  statusCodes: Share;
  /** The mean of the four shares, 0 to 100: what --min-coverage is compared with. */
  percent: number;
  /** What the traffic did not exercise, for deciding what to add. */
  missing: { operations: string[]; parameters: string[]; enumValues: string[]; statusCodes: string[] };
}

/** Counts what samples exercise; it holds only sets bounded by the spec's size, whatever the traffic. */
export class CoverageCounter {
  private readonly operations = new Set<string>();
  private readonly params = new Set<string>();
  private readonly values = new Set<string>();
  private readonly statuses = new Set<string>();

  add(sample: CoverageSample): void {
    const sets = declaredSets();
    const operation = (operations[sample.operation].representationOf as OperationId | undefined) ?? sample.operation;
    if (!sets.ids.includes(operation)) return;
    this.operations.add(operation);
    for (const [name, value] of sample.params) {
      if (!sets.params[operation].includes(name)) continue;
      this.params.add(`${operation} ${name}`);
      this.seeValue(`${operation} ${name}`, value);
    }
    if (sample.status !== undefined && sets.statuses[operation].includes(String(sample.status)))
      this.statuses.add(`${operation} ${sample.status}`);
    for (const call of callsIn(operation, sample.body))
      for (const [field, value] of Object.entries(call))
        if (typeof value === "string") this.seeValue(`Call ${field}`, value);
  }

  private seeValue(key: string, value: string): void {
    const field = declaredSets().enums.find((e) => e.key === key);
    if (field?.values.includes(value)) this.values.add(`${key}=${value}`);
  }

  result(): Coverage {
    const sets = declaredSets();
    const { ids } = sets;
    const allParams = ids.flatMap((id) => sets.params[id].map((p) => `${id} ${p}`));
    const allValues = sets.enums.flatMap((e) => e.values.map((v) => `${e.key}=${v}`));
    const allStatuses = ids.flatMap((id) => sets.statuses[id].map((s) => `${id} ${s}`));
    const share = (seen: Set<string>, all: string[]): Share => ({ seen: seen.size, declared: all.length });
    const shares = {
      operations: share(this.operations, ids),
      parameters: share(this.params, allParams),
      enumValues: share(this.values, allValues),
      statusCodes: share(this.statuses, allStatuses),
    };
    const ratios = Object.values(shares).map((s) => (s.declared === 0 ? 1 : s.seen / s.declared));
    const percent = (100 * ratios.reduce((a, b) => a + b, 0)) / ratios.length;
    return {
      ...shares,
      percent,
      missing: {
        operations: ids.filter((id) => !this.operations.has(id)),
        parameters: allParams.filter((p) => !this.params.has(p)),
        enumValues: allValues.filter((v) => !this.values.has(v)),
        statusCodes: allStatuses.filter((s) => !this.statuses.has(s)),
      },
    };
  }
}

const pct = (share: Share) => `${((100 * share.seen) / Math.max(1, share.declared)).toFixed(0)}%`;

/** The coverage as a small table for people, ending with the mean that --min-coverage is held to. */
export function renderCoverage(coverage: Coverage): string {
  const rows: Array<[string, Share]> = [
    ["operations", coverage.operations],
    ["parameters", coverage.parameters],
    ["enum values", coverage.enumValues],
    ["status codes", coverage.statusCodes],
  ];
  const cells = rows.map(([name, s]) => [name, String(s.seen), String(s.declared), pct(s)]);
  cells.push(["mean", "", "", `${coverage.percent.toFixed(1)}%`]);
  const header = ["coverage", "seen", "declared", "share"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}
