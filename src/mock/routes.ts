// Which operation of the spec a method and path name, and the values of its path parameters.
import { type OperationId, operations } from "../validation/index.js";

export interface Route {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  params: string[];
}

const routes: Route[] = Object.values(operations).map((op) => ({
  operationId: op.operationId,
  method: op.method,
  params: op.pathParams,
  pattern: new RegExp(`^${op.path.replace(/\./g, "\\.").replace(/\{(\w+)\}/g, "([^/]+)")}$`),
}));

export type RouteMatch =
  | { route: Route; params: Record<string, string> }
  /** The path exists, but not for this method. */
  | { allowed: string[] }
  /** A path segment is not valid percent-encoding. */
  | { malformed: string }
  | undefined;

export function matchRoute(method: string, pathname: string): RouteMatch {
  const onPath = routes.filter((r) => r.pattern.test(pathname));
  if (onPath.length === 0) return undefined;
  const route = onPath.find((r) => r.method === method);
  if (!route) return { allowed: onPath.map((r) => r.method) };
  const raw = (route.pattern.exec(pathname) ?? []).slice(1);
  const values: string[] = [];
  for (const segment of raw) {
    try {
      values.push(decodeURIComponent(segment));
    } catch {
      return { malformed: segment };
    }
  }
  return { route, params: Object.fromEntries(route.params.map((name, i) => [name, values[i] ?? ""])) };
}
