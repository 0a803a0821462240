// `calls-contract verify-app` as a library: the app's side of the contract. Each endpoint the user names gets the
// requests the spec describes for its webhook (plan.ts), sent one by one as Twilio sends them (send.ts, through the
// shared webhook delivery); the voice URL's menu is walked through its action URLs (walk.ts); every exchange is
// judged by the named checks (checks.ts), whose outcomes verify's table and reports render.
import { isLoopbackUrl } from "../loopback.js";
import { NO_RESPONSE_STREAK } from "../verify/limits.js";
import { TWILIO_WEBHOOK_TIMEOUT_MS } from "../webhook-delivery.js";
import { ALL_APP_CHECKS, APP_CHECKS, type AppCheckName, type AppOutcome, type CheckContext } from "./checks.js";
import { DEFAULT_MENU_DEPTH, SLOW_RESPONSE_MS } from "./limits.js";
import { renderMenuMap } from "./map-page.js";
import { type AppRequest, planEndpoint, type Skipped } from "./plan.js";
import { type AppExchange, sendAppRequest } from "./send.js";
import { APP_WEBHOOKS, type AppWebhook } from "./spec-webhooks.js";
import { type MenuNode, menuNode, walkMenu } from "./walk.js";

export type { AppCheckName, AppOutcome, AppWebhook, MenuNode };
export { APP_CHECKS, renderMenuMap };

/** The app's URL for each webhook it serves; any subset. */
export type AppEndpoints = Partial<Record<AppWebhook, string>>;

export interface VerifyAppOptions {
  endpoints: AppEndpoints;
  /** The auth token the app checks X-Twilio-Signature with. */
  authToken: string;
  /** Send requests, and follow actions, to hosts that are not this machine: the app may act on what it gets. */
  allowRemote?: boolean;
  onOutcome?: (outcome: AppOutcome, index: number, planned: number) => void;
  /** The whole run's time limit; requests not sent by then are listed as skipped. Defaults to 300 s. */
  deadlineMs?: number;
  /** One response's time limit. Defaults to Twilio's, 15 s. */
  requestTimeoutMs?: number;
  /** Past this a response is slow, a warning. Defaults to 3 s. */
  slowMs?: number;
  /** How many action requests deep the menu is walked. Defaults to 5. */
  maxDepth?: number;
}

export interface VerifyAppResult {
  /** Every check of every exchange; a failed one is an error or a warning by its severity. */
  outcomes: AppOutcome[];
  /** Requests not sent, with why. */
  skipped: Skipped[];
  /** The voice URL's menu as walked; undefined without a voice URL. */
  map?: MenuNode;
}

// verify's stop after silent requests, counted per endpoint: the rest of that endpoint's requests are not sent.
export { NO_RESPONSE_STREAK };

const DEFAULTS = { deadlineMs: 300_000, slowMs: SLOW_RESPONSE_MS, maxDepth: DEFAULT_MENU_DEPTH };

/** The endpoints that are not on this machine, which are refused unless `allowRemote`. */
function remoteEndpoints(endpoints: AppEndpoints): string[] {
  return Object.values(endpoints).filter((url): url is string => url !== undefined && !isLoopbackUrl(url));
}

/** One run's state: the outcomes so far, the clock, and how to send and judge. */
function runner(options: VerifyAppOptions) {
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULTS.deadlineMs);
  const timeoutMs = options.requestTimeoutMs ?? TWILIO_WEBHOOK_TIMEOUT_MS;
  const context: CheckContext = { timeoutMs, slowMs: options.slowMs ?? DEFAULTS.slowMs };
  const result: Required<Pick<VerifyAppResult, "outcomes" | "skipped">> = { outcomes: [], skipped: [] };
  let sent = 0;
  let planned = 0;
  const run = {
    result,
    plan: (count: number) => {
      planned += count;
    },
    skip: (operation: string, subject: string, reason: string) => {
      result.skipped.push({ operation, subject, reason });
    },
    async send(request: AppRequest): Promise<AppExchange | undefined> {
      const left = deadline - Date.now();
      if (left <= 0) {
        const limit = Math.round((options.deadlineMs ?? DEFAULTS.deadlineMs) / 1000);
        run.skip(request.webhook, request.subject, `not sent: the run's time limit of ${limit} s ran out`);
        return undefined;
      }
      sent += 1;
      planned = Math.max(planned, sent);
      return sendAppRequest(request, { authToken: options.authToken, timeoutMs: Math.min(timeoutMs, left) });
    },
    judge(exchange: AppExchange): AppOutcome[] {
      const produced = ALL_APP_CHECKS.map((check) => check(exchange, context)).filter(
        (o): o is AppOutcome => o !== undefined,
      );
      for (const outcome of produced) {
        result.outcomes.push(outcome);
        options.onOutcome?.(outcome, sent, planned);
      }
      return produced;
    },
  };
  return run;
}

type Run = ReturnType<typeof runner>;

/** One endpoint's plan, sent in order; for the voice URL, the menu walked after its first plain request. */
async function verifyEndpoint(run: Run, webhook: AppWebhook, url: string, options: VerifyAppOptions) {
  const { requests, skipped } = planEndpoint(webhook, url);
  for (const s of skipped) run.skip(s.operation, s.subject, s.reason);
  run.plan(requests.length);
  let map: MenuNode | undefined;
  let silentInARow = 0;
  for (const request of requests) {
    if (silentInARow >= NO_RESPONSE_STREAK) {
      const reason = `not sent: the app stopped responding (${NO_RESPONSE_STREAK} requests in a row got no response)`;
      run.skip(webhook, request.subject, reason);
      continue;
    }
    const exchange = await run.send(request);
    if (!exchange) continue;
    silentInARow = exchange.failure === undefined ? 0 : silentInARow + 1;
    const outcomes = run.judge(exchange);
    if (webhook !== "voiceRequest" || request.kind !== "plain" || map) continue;
    map = menuNode("the voice URL", exchange, outcomes);
    await walkMenu(exchange, map, {
      send: run.send,
      judge: run.judge,
      skip: (subject, reason) => run.skip(webhook, subject, reason),
      maxDepth: options.maxDepth ?? DEFAULTS.maxDepth,
      allowRemote: options.allowRemote ?? false,
    });
  }
  return map;
}

/** Holds an app's webhook handlers to the spec; refuses endpoints off this machine unless `allowRemote`. */
export async function runVerifyApp(options: VerifyAppOptions): Promise<VerifyAppResult> {
  const given = APP_WEBHOOKS.filter((webhook) => options.endpoints[webhook] !== undefined);
  if (given.length === 0) throw new TypeError("verify-app needs at least one endpoint of the app");
  const remote = remoteEndpoints(options.endpoints);
  if (remote.length > 0 && !options.allowRemote)
    throw new TypeError(
      `not sending requests to ${remote.join(", ")}: only URLs on this machine are requested (127.x.x.x, ` +
        "localhost or ::1) unless remote hosts are allowed (--allow-remote), since the app may act on what it gets",
    );
  const run = runner(options);
  let map: MenuNode | undefined;
  for (const webhook of given) {
    const walked = await verifyEndpoint(run, webhook, options.endpoints[webhook] as string, options);
    map ??= walked;
  }
  return { ...run.result, ...(map ? { map } : {}) };
}
