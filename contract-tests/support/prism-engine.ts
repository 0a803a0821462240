// Prism's own request/response engine, in process, so that dynamic responses can be drawn with a different seed
// per request (a Prism server re-seeds every request with the one seed it was started with).
import { createRequire } from "node:module";
import { MOCK_SPEC_PATH } from "../../src/mock/index.js";

const require = createRequire(import.meta.url);

/** Prism's Either: Right with the mocked output, or Left with why it refused. */
type EngineResult =
  | { _tag: "Right"; right: { output: { statusCode: number; body: unknown } } }
  | { _tag: "Left"; left: { message?: string } };
const prismHttp = require("@stoplight/prism-http") as {
  getHttpOperationsFromSpec(path: string): Promise<unknown[]>;
  createInstance(
    config: unknown,
    components: unknown,
  ): { request(req: unknown, ops: unknown[], config?: unknown): () => Promise<EngineResult> };
};

const quiet = () => {};
const logger: Record<string, unknown> = {
  success: quiet,
  info: quiet,
  warn: quiet,
  error: quiet,
  debug: quiet,
  trace: quiet,
  fatal: quiet,
  child: () => logger,
};

export interface EngineResponse {
  statusCode: number;
  body: unknown;
}

export async function createPrismEngine() {
  const operations = await prismHttp.getHttpOperationsFromSpec(MOCK_SPEC_PATH);
  const prism = prismHttp.createInstance(
    {
      mock: { dynamic: true },
      validateRequest: true,
      validateResponse: true,
      checkSecurity: false,
      errors: true,
      isProxy: false,
    },
    { logger },
  );
  return async function respond(
    request: { method: string; path: string; body?: unknown; headers?: Record<string, string> },
    seed: string,
    code?: number,
  ): Promise<EngineResponse> {
    const result = await prism.request(
      {
        method: request.method.toLowerCase(),
        url: { path: request.path },
        headers: request.headers ?? {},
        body: request.body,
      },
      operations,
      { mock: { dynamic: true, seed, ...(code ? { code } : {}) } },
    )();
    if (result._tag !== "Right")
      throw new Error(
        `Prism engine refused ${request.method} ${request.path}: ${String(result.left?.message ?? result.left)}`,
      );
    return { statusCode: result.right.output.statusCode, body: result.right.output.body };
  };
}
