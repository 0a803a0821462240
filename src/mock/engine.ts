// Prism's mocking engine (@stoplight/prism-http, the version prism-cli 5.14.2 runs) inside this process: the
// front layer hands it a checked request and writes its response, with no second process and no second HTTP hop.
// What follows mirrors what prism-cli's server does around the engine: the Prefer header, the request's body by
// content type, the response's serialisation, and a problem+json response when the engine refuses.
import { createRequire, Module } from "node:module";
import { operations as manifest } from "../validation/index.js";

const require = createRequire(import.meta.url);

export interface EngineRequest {
  method: string;
  /** Path and query, as the request line had them. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface PrismEngine {
  respond(request: EngineRequest): Promise<EngineResponse>;
}

export interface EngineOptions {
  specPath: string;
  dynamic?: boolean;
  seed?: string;
}

interface ProblemError {
  status?: number;
  additional?: { headers?: Record<string, string> };
}

type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };
interface EngineOutput {
  output: { statusCode: number; headers?: Record<string, string>; body?: unknown };
  validations: { output: Array<{ severity: number }> };
}

// The engine logs through a pino-like logger; the front layer reports what matters itself.
const quiet = () => undefined;
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

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

// Prism's data generator requires all of @faker-js/faker, every locale of it: 1.5 s of the engine's 2.5 s start.
// It only ever uses the default English instance, which its own entry loads in a sixth of the time, so that entry
// stands in for the whole package (Prism's requires resolve to the same file, hence the cache entry).
function preloadEnglishFaker(fromPrism: NodeJS.Require): void {
  const path = fromPrism.resolve("@faker-js/faker");
  if (require.cache[path]) return;
  const english = fromPrism("@faker-js/faker/locale/en");
  const stand = new Module(path);
  stand.filename = path;
  stand.loaded = true;
  stand.exports = { default: english, faker: english };
  require.cache[path] = stand;
}

export async function createPrismEngine(options: EngineOptions): Promise<PrismEngine> {
  preloadEnglishFaker(createRequire(require.resolve("@stoplight/prism-http")));
  const prismHttp = require("@stoplight/prism-http");
  const { getHttpConfigFromRequest } = require("@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js");
  const { serialize } = require("@stoplight/prism-http-server/dist/serialize.js");
  const { ProblemJsonError } = prismHttp;
  // Generated data must not invent keys the truth merely allows (the Call is open to keys Twilio may add).
  const faker = createRequire(require.resolve("@stoplight/prism-http"))("json-schema-faker");
  prismHttp.resetJSONSchemaGenerator();
  faker.JSONSchemaFaker.option("fillProperties", false);

  // The XML representations are never asked of the engine (the front layer asks for their JSON operation), and
  // Prism's router would take /Calls/{Sid} for a request to /Calls/{Sid}.json were it not written first.
  const xmlPaths = new Set(
    Object.values(manifest)
      .filter((op) => op.representationOf)
      .map((op) => `${op.method.toLowerCase()} ${op.path}`),
  );
  const operations = (await prismHttp.getHttpOperationsFromSpec(options.specPath)).filter(
    (op: { method: string; path: string }) => !xmlPaths.has(`${op.method} ${op.path}`),
  );
  const config = {
    // The front layer has already checked the request against the truth, every repeated key and unknown key
    // included; Prism's own reading of the same request (the last of repeated keys only) could only disagree with
    // it. In `npm run bench` it cost the mock 0.83x to 0.94x of bare Prism's throughput; without it, 1.07x.
    validateRequest: false,
    validateResponse: true,
    checkSecurity: true,
    errors: true,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic: options.dynamic ?? false, ignoreExamples: false, seed: options.seed },
  };
  const prism = prismHttp.createInstance(config, { logger });

  function problem(error: ProblemError & Error): EngineResponse {
    return {
      status: error.status ?? 500,
      headers: { "content-type": "application/problem+json", ...error.additional?.headers },
      body: JSON.stringify(ProblemJsonError.toProblemJson(error)),
    };
  }

  return {
    async respond(request) {
      const url = new URL(request.target, "http://engine.invalid");
      const contentType = String(request.headers["content-type"] ?? "");
      const hasBody = request.body.length > 0;
      const input = {
        method: request.method.toLowerCase(),
        url: { path: url.pathname, query: queryOf(url.searchParams) },
        headers: request.headers,
        body: !hasBody ? null : /json/.test(contentType) ? JSON.parse(request.body) : request.body,
      };
      const configured: Either<ProblemError & Error, Record<string, unknown>> = getHttpConfigFromRequest(input);
      if (configured._tag === "Left") return problem(configured.left);
      // As prism-cli merges them: a preference the request did not state keeps the server's setting.
      const stated = Object.entries(configured.right).filter(([, value]) => value !== undefined);
      const perRequest = { ...config, mock: { ...config.mock, ...Object.fromEntries(stated) } };
      const result: Either<ProblemError & Error, EngineOutput> = await prism.request(input, operations, perRequest)();
      if (result._tag === "Left") return problem(result.left);
      const { output, validations } = result.right;
      // prism-cli's --errors: a response that breaks its own schema becomes a 500 rather than reaching the client.
      if (validations.output.some((v) => v.severity === 0)) {
        return problem(ProblemJsonError.fromTemplate(prismHttp.VIOLATIONS, "The mock's response breaks the spec."));
      }
      const headers = Object.fromEntries(
        Object.entries(output.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      const body = serialize(output.body, headers["content-type"]) ?? "";
      return { status: output.statusCode, headers, body: typeof body === "string" ? body : String(body) };
    },
  };
}
