// The client-side check: a request the spec forbids is refused before anything is sent, and the warnings of one
// that is sent anyway go to onWarning. The validators load on the first request, not at import: that keeps
// `import "calls-contract/client"` cheap.
import type { OperationId } from "../../generated/manifest.js";
import type { Violation } from "../validation/index.js";
import { CallsError } from "./errors.js";
import type { CallsClientOptions } from "./options.js";

/** One request as a method hands it over: its path parameters, and its query or its form body. */
export interface RequestParts {
  path: Record<string, string>;
  query?: object;
  body?: object;
}

/** Throws a validation error for a request the spec forbids; returns a promise only until the validators are loaded. */
export type RequestCheck = (operation: OperationId, parts: RequestParts) => Promise<void> | undefined;

type Validators = typeof import("../validation/index.js");
type PathResult = ReturnType<Validators["validatePathParams"]>;

let validators: Promise<Validators> | undefined;
let loadedValidators: Validators | undefined;
// Once loaded they are used without awaiting the import again.
const loadValidators = () => {
  validators ??= import("../validation/index.js").then((v) => (loadedValidators = v));
  return validators;
};

/** Why the request was not sent, every broken rule in one sentence each. */
function refusal(v: Validators, operation: OperationId, violations: Violation[]): CallsError {
  const list = violations.map(v.violationSentence).join("; ");
  return new CallsError("validation", `${operation}: not sent, the request breaks the spec: ${list}`, { violations });
}

/**
 * The check of one client. `account` is the path of the operations on the account itself (create, list, send):
 * the same object on every such request, so its result is kept per operation instead of checked each time.
 */
export function requestCheck(
  options: Pick<CallsClientOptions, "validate" | "onWarning">,
  account: Record<string, string>,
): RequestCheck {
  const accountResults = new Map<OperationId, PathResult>();
  const accountChecked = (v: Validators, operation: OperationId) => {
    const known = accountResults.get(operation);
    if (known) return known;
    const result = v.validatePathParams(operation, account);
    accountResults.set(operation, result);
    return result;
  };

  return function check(operation: OperationId, parts: RequestParts): Promise<void> | undefined {
    if (options.validate === false) return;
    const v = loadedValidators;
    if (!v) return loadValidators().then(() => check(operation, parts));
    const results = [
      parts.path === account ? accountChecked(v, operation) : v.validatePathParams(operation, parts.path),
      ...(parts.query ? [v.validateQuery(operation, parts.query as Record<string, unknown>)] : []),
      ...(parts.body ? [v.validateBody(operation, parts.body as Record<string, unknown>)] : []),
    ];
    const violations = results.flatMap((r) => r.violations);
    const warnings = results.flatMap((r) => r.warnings);
    if (violations.length === 0 && warnings.length > 0) options.onWarning?.(warnings);
    if (violations.length > 0) throw refusal(v, operation, violations);
  };
}
