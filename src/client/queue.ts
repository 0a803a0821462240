// Twilio takes API-created calls off its queue at one per second per account. This queue sends creates at a set
// rate, first in first out, each exactly once, and settles each enqueue with that call's own result.
import type { CallsClient } from "./client.js";
import { CallsError } from "./errors.js";
import type { RequestOptions } from "./options.js";
import type { Call, CreateCallParams } from "./types.js";

export interface CallQueueOptions {
  client: Pick<CallsClient, "create">;
  /** Creates sent per second. Defaults to 1, Twilio's dequeue rate. */
  callsPerSecond?: number;
}

interface Waiting {
  params: CreateCallParams;
  options: RequestOptions;
  resolve: (call: Call) => void;
  reject: (error: unknown) => void;
}

export interface CallQueue {
  /** Queues a create; settles with its Call, or with the error of that create alone. */
  enqueue(params: CreateCallParams, options?: RequestOptions): Promise<Call>;
  /** Creates still waiting for their turn (sent ones are not counted). */
  readonly length: number;
  /** Creates sent and not yet settled. */
  readonly inFlight: number;
  /** Resolves once every queued create has been sent and settled (errors included). */
  drain(): Promise<void>;
  /** Rejects every create not yet sent with a `cancelled` CallsError; creates already sent still settle. */
  cancel(reason?: string): void;
}

export function createCallQueue(options: CallQueueOptions): CallQueue {
  const rate = options.callsPerSecond ?? 1;
  if (!(rate > 0) || !Number.isFinite(rate))
    throw new RangeError(`callsPerSecond must be a positive number, got ${rate}`);
  const intervalMs = 1000 / rate;
  const waiting: Waiting[] = [];
  const sent = new Set<Promise<unknown>>();
  let nextSlot = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled: string | undefined;

  function dispatch(): void {
    timer = undefined;
    const item = waiting.shift();
    if (!item) return;
    nextSlot = Date.now() + intervalMs;
    const result = options.client.create(item.params, item.options);
    sent.add(result);
    result.then(item.resolve, item.reject).finally(() => sent.delete(result));
    schedule();
  }

  function schedule(): void {
    if (timer !== undefined || waiting.length === 0) return;
    timer = setTimeout(dispatch, Math.max(0, nextSlot - Date.now()));
  }

  return {
    enqueue(params: CreateCallParams, requestOptions: RequestOptions = {}): Promise<Call> {
      if (cancelled !== undefined)
        return Promise.reject(
          new CallsError("cancelled", `the call queue was cancelled (${cancelled}); nothing more is sent`),
        );
      return new Promise<Call>((resolve, reject) => {
        waiting.push({ params, options: requestOptions, resolve, reject });
        schedule();
      });
    },
    get length(): number {
      return waiting.length;
    },
    get inFlight(): number {
      return sent.size;
    },
    async drain(): Promise<void> {
      while (waiting.length > 0 || sent.size > 0) {
        await Promise.allSettled([...sent, new Promise((r) => setTimeout(r, Math.max(1, nextSlot - Date.now())))]);
      }
    },
    cancel(reason = "cancelled by the caller"): void {
      cancelled = reason;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const item of waiting.splice(0)) {
        item.reject(
          new CallsError("cancelled", `not sent: the call queue was cancelled (${reason}) before this create's turn`),
        );
      }
    },
  };
}
