/**
 * Pacing and retries for Secret Manager calls: a request pacer that keeps a client under a
 * per-minute quota, and a retry loop with full-jitter exponential backoff, bounded in attempts and
 * per-sleep delay. Clock and sleep are injectable so tests never wait on real time.
 */
import type { RetryPolicy } from "./settings.js";

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces requests `60000 / perMinute` ms apart, allowing a short burst after idle time. Over any
 * minute at most `perMinute + burst` requests start.
 */
export class Pacer {
  private next = Number.NEGATIVE_INFINITY;
  private readonly interval: number;

  constructor(
    perMinute: number,
    private readonly burst = Math.max(1, Math.min(10, Math.floor(perMinute / 60))),
    private readonly clock: Clock = realClock,
  ) {
    this.interval = 60_000 / perMinute;
  }

  /** Waits until the next request may start, and reserves that slot. Throws nothing. */
  async take(): Promise<void> {
    const now = this.clock.now();
    const start = Math.max(this.next, now - (this.burst - 1) * this.interval);
    this.next = start + this.interval;
    if (start > now) await this.clock.sleep(start - now);
  }
}

/** The sleep before retry `attempt` (1-based): uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export interface RetryHooks {
  /** Called before each retry with the failure that caused it. */
  beforeRetry?(error: unknown, attempt: number): Promise<void> | void;
}

/** Thrown when the attempts are used up; carries the last failure and the number of attempts. */
export class RetriesExhausted extends Error {
  constructor(
    readonly last: unknown,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempts`);
  }
}

/**
 * Runs `call` until it succeeds, retrying while `retryable(error)` holds, at most
 * `policy.attempts` times in all. Rethrows a non-retryable failure as is; throws
 * RetriesExhausted when every attempt failed.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
  call: (attempt: number) => Promise<T>,
  hooks: RetryHooks = {},
  clock: Clock = realClock,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!retryable(error)) throw error;
      if (attempt >= policy.attempts) throw new RetriesExhausted(error, attempt);
      await clock.sleep(backoffDelay(policy, attempt));
      await hooks.beforeRetry?.(error, attempt);
    }
  }
}

/** Maps `items` through `fn` with at most `limit` running at once; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const rejected = settled.find((s) => s.status === "rejected");
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  return results;
}
