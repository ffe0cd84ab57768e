/**
 * Pacing for provider calls, shared by every cloud provider: a request pacer that keeps a client
 * under a per-minute quota (AWS: 50 writes a second; GCP: 600 writes a minute), and bounded
 * parallel mapping. The clock is injectable so tests never wait on real time.
 * (Retries are src/core/retry.ts, shared with every provider.)
 */
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
