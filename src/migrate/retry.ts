/** Retries with exponential backoff and jitter for transient provider failures. */
import { UserError } from "../core/errors.js";

const TRANSIENT = new Set(["PROVIDER_UNAVAILABLE", "STORE_LOCKED"]);

/** True for failures worth retrying: throttling, 5xx, timeouts, a busy local store. */
export function isTransient(error: unknown): boolean {
  return error instanceof UserError && TRANSIENT.has(error.code);
}

/**
 * Runs `fn`, retrying transient failures up to `attempts` times in all with backoff
 * (base·2^n, full jitter). Rethrows the last error, or at once a non-transient one.
 */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 4, baseMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * baseMs * 2 ** attempt));
    }
  }
}
