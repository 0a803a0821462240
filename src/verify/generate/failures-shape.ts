// What a failure to replay must hold, checked before anything is sent: a file edited by hand, or written by another
// version, is refused with the failure's index, the field, the rule and the value, never half-sent or crashed on.
import { operations } from "../../validation/index.js";
import { CHECKS } from "../checks.js";
import { SEQUENCES } from "../stateful/phase.js";

const shown = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const oneOf = (names: string[]) => `one of ${names.join(", ")}`;

function requestProblem(request: unknown): string | undefined {
  if (!isObject(request) || !isObject(request.testCase) || typeof request.authenticated !== "boolean")
    return `request must be an object with a testCase object and authenticated true or false, got ${shown(request)}`;
  const { operation, name, expect, wire } = request.testCase;
  if (typeof operation !== "string" || !Object.hasOwn(operations, operation))
    return `request.testCase.operation must be ${oneOf(Object.keys(operations))}, got ${shown(operation)}`;
  if (typeof name !== "string") return `request.testCase.name must be text, got ${shown(name)}`;
  if (expect !== "accept" && expect !== "reject")
    return `request.testCase.expect must be "accept" or "reject", got ${shown(expect)}`;
  if (wire !== undefined && (!isObject(wire) || Object.values(wire).some((part) => typeof part !== "string")))
    return `request.testCase.wire must be an object whose query and body are text, got ${shown(wire)}`;
  return undefined;
}

function sequenceProblem(sequence: unknown): string | undefined {
  if (!isObject(sequence)) return `sequence must be an object with a name and a seed, got ${shown(sequence)}`;
  if (typeof sequence.name !== "string" || !Object.hasOwn(SEQUENCES, sequence.name))
    return `sequence.name must be ${oneOf(Object.keys(SEQUENCES))}, got ${shown(sequence.name)}`;
  if (!Number.isInteger(sequence.seed) || (sequence.seed as number) < 0)
    return `sequence.seed must be a whole number of 0 or more, got ${shown(sequence.seed)}`;
  return undefined;
}

/** What is wrong with one failure, as "field rule, got value" under failures[i], or undefined when it can be replayed. */
function failureProblem(failure: unknown): string | undefined {
  if (!isObject(failure)) return `must be an object, got ${shown(failure)}`;
  if (typeof failure.check !== "string" || !Object.hasOwn(CHECKS, failure.check))
    return `.check must be ${oneOf(Object.keys(CHECKS))}, got ${shown(failure.check)}`;
  if (typeof failure.operation !== "string") return `.operation must be text, got ${shown(failure.operation)}`;
  if (typeof failure.subject !== "string") return `.subject must be text, got ${shown(failure.subject)}`;
  if (failure.request === undefined && failure.sequence === undefined)
    return " holds neither a request nor a sequence to replay";
  const problem = failure.request !== undefined ? requestProblem(failure.request) : sequenceProblem(failure.sequence);
  return problem && `.${problem}`;
}

/** Throws an error naming the first failure that cannot be replayed, its field, the rule and the value. */
export function checkReplayable(failures: unknown[], where: string): void {
  for (const [i, failure] of failures.entries()) {
    const problem = failureProblem(failure);
    if (problem !== undefined) throw new Error(`${where}failures[${i}]${problem}`);
  }
}
