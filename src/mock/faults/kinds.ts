// The fault kinds: which side each acts on (a Calls API request, or a status callback), when a request fault acts
// (a delay of the response; a response in place of the handler's; or on the handler's own response), and the parameters each takes with their defaults. Why each kind exists, next to what Twilio does and
// the source, is in docs/faults.md.
import type { components } from "../../../generated/mock-admin.js";

export type FaultKind = components["schemas"]["FaultKind"];
export type FaultSpec = components["schemas"]["FaultSpec"];
export type FaultMatch = components["schemas"]["FaultMatch"];

/** The parameters a fault may carry besides kind, match, probability, seed and times. */
export type FaultParameter = Exclude<keyof FaultSpec, "kind" | "match" | "probability" | "seed" | "times">;

/**
 * - delay: holds the response until that long after the request arrived; the mock handles the request at once, so
 *   a client that gives up first leaves a create's call placed, as a slow Twilio would (one delay and one other
 *   fault may act on a request);
 * - instead: the mock does not handle the request; the fault responds (or drops the connection) in its place;
 * - after: the mock handles the request (a create stores its call), then the fault acts on the response;
 * - callback: acts on a status callback, when the delivery code asks (FaultRegistry.forCallback).
 */
export type FaultRole = "delay" | "instead" | "after" | "callback";

interface KindRule {
  role: FaultRole;
  /** Every parameter the kind takes, with its default (undefined: required by the document, or none). */
  parameters: Partial<Record<FaultParameter, number | boolean | undefined>>;
}

export const FAULT_KINDS: Record<FaultKind, KindRule> = {
  "latency-fixed": { role: "delay", parameters: { ms: undefined } },
  "latency-uniform": { role: "delay", parameters: { minMs: undefined, maxMs: undefined } },
  "latency-lognormal": { role: "delay", parameters: { medianMs: undefined, sigma: undefined, maxMs: 60_000 } },
  "rate-limit": { role: "instead", parameters: { retryAfterSeconds: 1 } },
  "server-error": { role: "instead", parameters: { afterStore: false } },
  "service-unavailable": { role: "instead", parameters: { retryAfterSeconds: undefined } },
  "reset-before-response": { role: "instead", parameters: {} },
  "reset-after-store": { role: "after", parameters: {} },
  "empty-body": { role: "after", parameters: {} },
  "truncated-body": { role: "after", parameters: {} },
  "malformed-json": { role: "after", parameters: {} },
  "slow-headers": { role: "after", parameters: { ms: undefined } },
  "dribbled-body": { role: "after", parameters: { chunkBytes: 16, intervalMs: 10 } },
  "duplicate-callback": { role: "callback", parameters: { copies: 1 } },
  "out-of-order-callback": { role: "callback", parameters: { holdMs: 5000 } },
};

/** A fault the mock keeps: its spec with every default filled in. */
export type FaultView = components["schemas"]["Fault"];

/** Whether a kind's fault acts on status callbacks rather than on requests. */
export const isCallbackKind = (kind: FaultKind): boolean => FAULT_KINDS[kind].role === "callback";

/** Why a spec the document accepts still cannot be kept: a parameter of another kind, bounds the wrong way round. */
export function specProblem(spec: FaultSpec): string | undefined {
  const rule = FAULT_KINDS[spec.kind];
  const takes = Object.keys(rule.parameters);
  const common = new Set(["kind", "match", "probability", "seed", "times"]);
  const foreign = Object.keys(spec).find((name) => !common.has(name) && !takes.includes(name));
  if (foreign !== undefined) {
    const what = takes.length === 0 ? "no parameters" : takes.join(", ");
    return `${foreign} does not apply to kind ${spec.kind}; it takes ${what}`;
  }
  if (spec.kind === "latency-uniform" && (spec.minMs ?? 0) > (spec.maxMs ?? 0)) {
    return `maxMs must be at least minMs (${spec.minMs}), got ${spec.maxMs}`;
  }
  // maxMs caps the lognormal's long tail; below the median it would cap most draws and the median would mean nothing.
  if (spec.kind === "latency-lognormal" && spec.maxMs !== undefined && (spec.medianMs ?? 0) > spec.maxMs) {
    return `maxMs must be at least medianMs (${spec.medianMs}), got ${spec.maxMs}`;
  }
  if (isCallbackKind(spec.kind) && spec.match?.operation !== undefined) {
    return `match.operation does not apply to kind ${spec.kind}, a callback fault; match it by accountSid, to and event`;
  }
  if (!isCallbackKind(spec.kind) && spec.match?.event !== undefined) {
    return `match.event does not apply to kind ${spec.kind}, a request fault; match it by operation, accountSid and to`;
  }
  return undefined;
}

/** The fault as kept: its id, the spec's own values, each default of its kind, and no firing yet. */
export function faultView(id: string, spec: FaultSpec): FaultView {
  const defaults = Object.fromEntries(
    Object.entries(FAULT_KINDS[spec.kind].parameters).filter(([, value]) => value !== undefined),
  );
  return {
    id,
    ...defaults,
    ...spec,
    match: { ...spec.match },
    probability: spec.probability ?? 1,
    seed: spec.seed ?? id,
    times: spec.times ?? null,
    fired: 0,
  };
}
