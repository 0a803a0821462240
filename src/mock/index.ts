// The mock of the Calls API. By default it responds to every request from the spec, through Prism's engine running in
// this process behind the project's front layer (which checks each request first). With `stateful`, calls live:
// they are kept in memory per account and move through Twilio's lifecycle on a clock, the call simulator runs the
// TwiML of those whose instructions are on this machine, and an admin API and an inspector page are under /__mock/.
// `prismOnly` runs bare Prism as a child process, for comparisons.
import { httpBaseUrl } from "../loopback.js";
import { type Log, sendStatusCallbacks } from "./callbacks.js";
import { MOCK_SPEC_PATH } from "./calls-spec.js";
import { createPrismEngine } from "./engine.js";
import { FaultRegistry, type FaultSpec } from "./faults/registry.js";
import { type FrontOptions, type MockLimits, startFront } from "./front.js";
import { claimPort, MockStartError } from "./ports.js";
import { startPrism } from "./prism.js";
import { assertPrismInstalled } from "./prism-peer.js";
import type { Responder } from "./responder.js";
import { createAdmin } from "./stateful/admin.js";
import { checkAdminBody } from "./stateful/admin-request.js";
import type { ClockMode } from "./stateful/clock.js";
import { attachInternals } from "./stateful/internals.js";
import { createStatefulMock, type StatefulMock } from "./stateful/runtime.js";

export type {
  AdminApplication,
  AdminApplicationConfig,
  AdminClient,
  AdminClock,
  AdminConversationEntry,
  AdminFault,
  AdminFaultList,
  AdminFaultSpec,
  AdminJournal,
  AdminNumber,
  AdminNumberConfig,
  AdminOutcomeChange,
  AdminScenario,
  AdminState,
  AdminTextTimeline,
  AdminTimeline,
} from "./admin-client.js";
export { createAdminClient, MockAdminError } from "./admin-client.js";
export { SCENARIO_NUMBERS } from "./stateful/scenarios.js";
export { MOCK_SPEC_PATH, MockStartError };

export interface MockOptions {
  /** Loopback address to listen on. Defaults to 127.0.0.1. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Generate response data from the schemas instead of serving the named examples (stateless mode). */
  dynamic?: boolean;
  /** Seed for generated data, and for the stateful mode's SIDs, so that runs repeat. */
  seed?: string;
  /**
   * Keep calls: create, fetch, list, update and delete act on state that moves through Twilio's lifecycle; a call
   * whose Url (or Twiml, or TwiML App) is on this machine runs its TwiML (docs/call-simulator.md).
   */
  stateful?: boolean;
  /** The stateful mode's clock: real time (the default), `manual` (moved by the admin API), or a speed-up factor. */
  clock?: "real" | "manual" | { timeScale: number };
  /** Calls per second each account's queue releases, in the stateful mode. Defaults to 1, as Twilio. */
  callsPerSecond?: number;
  /** The most calls the stateful mock keeps per account (10,000 by default); the oldest finished go first. */
  maxCallsPerAccount?: number;
  /**
   * The most calls the stateful mock keeps across all accounts (20,000 by default); the oldest finished go first,
   * and a create is refused with 429 when every call kept is live.
   */
  maxCalls?: number;
  /** Validate every stateful response against the Calls spec before sending it (a broken one becomes a 500). */
  checkResponses?: boolean;
  /**
   * Serve Prism alone, as a child process, without the project's front layer (its strict request checks,
   * Twilio-shaped errors and test-number behaviour). For comparisons and for showing Prism's own gaps.
   */
  prismOnly?: boolean;
  /** Receives one line for each thing the mock declined, failed or warned about. Defaults to stderr. */
  log?: Log;
  /** Largest request body read before the mock responds with 413. Defaults to 1 MiB. */
  maxBodyBytes?: number;
  /** Time a whole request may take before the mock responds with 408 and closes the connection. Defaults to 30 s. */
  requestTimeoutMs?: number;
  /** Time a request's headers may take before the mock closes the connection. Defaults to 10 s. */
  headersTimeoutMs?: number;
  /**
   * Faults in place from the start, as POST /__mock/api/faults takes them (docs/faults.md); in the stateless mode,
   * the only way to have them. A spec that breaks a rule stops the start with a MockStartError naming it.
   */
  faults?: FaultSpec[];
}

export interface RunningMock {
  baseUrl: string;
  /** The admin API's base URL (stateful mode only): `${baseUrl}/__mock/api`. */
  adminUrl?: string;
  /** With prismOnly: the Prism child process's pid. */
  pid?: number;
  /** With prismOnly: settles when Prism exits, stopped or not (with its exit code or signal). */
  exited?: Promise<number | string>;
  /** With prismOnly: the last lines Prism printed, to say why it exited. */
  logTail?: () => string;
  /**
   * Stateful mode only: resolves once every status callback sent so far has had a response (or has failed), and
   * every request of the call simulator.
   */
  settled?: () => Promise<void>;
  stop(): Promise<void>;
}

function clockOptions(clock: MockOptions["clock"]): { mode: ClockMode; scale?: number } {
  if (clock === undefined || clock === "real") return { mode: "real" };
  if (clock === "manual") return { mode: "manual" };
  return { mode: "accelerated", scale: clock.timeScale };
}

function limitsOf(options: MockOptions): Partial<MockLimits> {
  return {
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.headersTimeoutMs === undefined ? {} : { headersTimeoutMs: options.headersTimeoutMs }),
  };
}

function startStateful(options: MockOptions, log: Log, faults: FaultRegistry | undefined): StatefulMock {
  return createStatefulMock({
    clock: clockOptions(options.clock),
    log,
    ...(faults === undefined ? {} : { faults }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.callsPerSecond === undefined ? {} : { callsPerSecond: options.callsPerSecond }),
    ...(options.maxCallsPerAccount === undefined ? {} : { maxCallsPerAccount: options.maxCallsPerAccount }),
    ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }),
    ...(options.checkResponses === undefined ? {} : { checkResponses: options.checkResponses }),
  });
}

/** The stateless responder: Prism's engine in this process, and the callbacks a create asked for. */
async function prismResponder(options: MockOptions, log: Log): Promise<Responder> {
  const engine = await createPrismEngine({ specPath: MOCK_SPEC_PATH, dynamic: options.dynamic, seed: options.seed });
  return async (request) => {
    const response = await engine.respond(request);
    // Only a create with a StatusCallback needs the response read back (for the CallSid of its callbacks).
    if (request.operationId === "createCall" && response.status === 201 && request.form?.StatusCallback) {
      sendStatusCallbacks(request.form, JSON.parse(response.body), request.authToken, log);
    }
    return response;
  };
}

/** What a stateful mock adds to the front layer: the admin API, and each exchange kept and told to watchers. */
function statefulFront(live: StatefulMock): Pick<FrontOptions, "admin" | "onExchange"> {
  return {
    admin: createAdmin(live),
    onExchange: (record) => {
      const entry = live.journal.add(record);
      live.hub.publish("request", () => entry);
    },
  };
}

/** The faults of startMock's option, each checked as the admin API checks it, in `registry`. */
function addFaults(registry: FaultRegistry, specs: FaultSpec[]): FaultRegistry {
  specs.forEach((spec, index) => {
    try {
      registry.add(checkAdminBody("addFault", spec));
    } catch (error) {
      throw new MockStartError(`faults[${index}]: ${(error as Error).message}`);
    }
  });
  return registry;
}

/** Starts the mock of the Calls API and resolves once it responds. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? "127.0.0.1";
  // Before the port is claimed: a missing Prism is the first thing to tell.
  if (!options.stateful) assertPrismInstalled();
  const given = options.faults ? addFaults(new FaultRegistry(), options.faults) : undefined;
  const port = await claimPort(host, options.port ?? 0);
  if (options.prismOnly) {
    if (given) throw new MockStartError("faults act in the project's front layer, which prismOnly leaves out");
    const prism = await startPrism({
      specPath: MOCK_SPEC_PATH,
      host,
      port,
      dynamic: options.dynamic,
      seed: options.seed,
    });
    return { baseUrl: prism.baseUrl, pid: prism.pid, exited: prism.exited, logTail: prism.logTail, stop: prism.stop };
  }
  const log: Log = options.log ?? ((line) => process.stderr.write(`mock: ${line}\n`));
  const live = options.stateful ? startStateful(options, log, given) : undefined;
  const faults = live?.faults ?? given;
  const respond = live ? live.respond : await prismResponder(options, log);
  const front = await startFront({
    host,
    port,
    respond,
    log,
    limits: limitsOf(options),
    ...(faults ? { faults } : {}),
    ...(live ? statefulFront(live) : {}),
  }).catch((error: Error) => {
    live?.stop();
    throw new MockStartError(`could not listen on ${host}:${port}: ${error.message}`);
  });
  const baseUrl = httpBaseUrl(host, front.port);
  const running: RunningMock = {
    baseUrl,
    ...(live ? { adminUrl: `${baseUrl}/__mock/api`, settled: live.settled } : {}),
    async stop() {
      live?.stop();
      await front.close();
    },
  };
  // Tests in this process reach the store through stateful/internals.ts; the public type shows none of it.
  if (live) attachInternals(running, live);
  return running;
}
