// The mock's own in-process Prism engine, asked for generated data with a seed and a status per request (through
// the Prefer header, as a Prism server reads it), so that each sample names a seed that repeats it.
import { createPrismEngine as createEngine } from "../../src/mock/engine.js";
import { MOCK_SPEC_PATH } from "../../src/mock/index.js";

export interface EngineSample {
  statusCode: number;
  body: unknown;
}

export async function createPrismEngine() {
  const engine = await createEngine({ specPath: MOCK_SPEC_PATH, dynamic: true });
  return async function respond(
    request: { method: string; path: string; body?: Record<string, string>; headers?: Record<string, string> },
    seed: string,
    code?: number,
  ): Promise<EngineSample> {
    const response = await engine.respond({
      method: request.method,
      target: request.path,
      headers: { ...request.headers, prefer: `dynamic=true, seed=${seed}${code ? `, code=${code}` : ""}` },
      body: request.body ? new URLSearchParams(request.body).toString() : "",
    });
    if (response.headers["content-type"]?.includes("problem+json")) {
      throw new Error(`Prism's engine refused ${request.method} ${request.path}: ${response.body}`);
    }
    return { statusCode: response.status, body: response.body === "" ? undefined : JSON.parse(response.body) };
  };
}
