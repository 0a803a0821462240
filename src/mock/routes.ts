// Which operation of the spec a method and path name, and the values of its path parameters.
import { type OperationId, operations } from "../validation/index.js";

export interface Route {
  operationId: OperationId;
  method: string;
  /** The spec's path template. */
  path: string;
  pattern: RegExp;
  params: string[];
}

// A resource and its XML representation differ by `.json` alone (`/Calls/{Sid}.json`, `/Calls/{Sid}`), and a Sid
// may be anything up to the next slash: the path with more fixed text is tried first, so that `.json` is never
// read as the end of a Sid.
const fixedText = (path: string) => path.replace(/\{\w+\}/g, "").length;
const routes: Route[] = Object.values(operations)
  .sort((a, b) => fixedText(b.path) - fixedText(a.path))
  .map((op) => ({
    operationId: op.operationId,
    method: op.method,
    params: op.pathParams,
    path: op.path,
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
  const first = routes.find((r) => r.pattern.test(pathname));
  if (!first) return undefined;
  const onPath = routes.filter((r) => r.path === first.path);
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
