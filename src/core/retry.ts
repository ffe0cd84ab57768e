/**
 * One retry and error-classification wrapper for every provider call: migrate's writes and
 * read-backs, undo's deletes, and run-time resolution alike. Providers classify their backend's
 * failures into UserError codes; this module decides from the code alone.
 */
import { UserError } from "./errors.js";

/** How a failure should be treated. */
export type FailureClass = "throttled" | "transient" | "permanent";

const CLASSES: Partial<Record<string, FailureClass>> = {
  PROVIDER_THROTTLED: "throttled",
  PROVIDER_UNAVAILABLE: "transient",
  STORE_LOCKED: "transient",
};

/** Classifies an error: throttling, a transient failure (5xx, timeout, reset, busy store), or permanent. */
export function classifyFailure(error: unknown): FailureClass {
  return (error instanceof UserError && CLASSES[error.code]) || "permanent";
}

/** True for failures worth retrying: throttling, 5xx, timeouts, a busy local store. */
export function isTransient(error: unknown): boolean {
  return classifyFailure(error) !== "permanent";
}

export interface RetryOptions {
  /** Attempts in all (default 4). */
  attempts?: number;
  /** Backoff base for transient failures in ms (default 100): sleep random·base·2^n. */
  baseMs?: number;
  /** Backoff base for throttling in ms (default 500). */
  throttleBaseMs?: number;
  /** Upper bound of one sleep (default 10 s). */
  maxDelayMs?: number;
  /** Called before each retry (for progress output); never receives a value. */
  onRetry?: (info: { attempt: number; delayMs: number; failure: FailureClass; code: string }) => void;
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `fn`, retrying throttling and transient failures with full-jitter exponential backoff.
 * Rethrows the last error once attempts run out, and a permanent error at once.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const failure = classifyFailure(error);
      if (attempt >= attempts || failure === "permanent") throw error;
      const base = failure === "throttled" ? (options.throttleBaseMs ?? 500) : (options.baseMs ?? 100);
      const delayMs = Math.min(options.maxDelayMs ?? 10_000, Math.random() * base * 2 ** attempt);
      options.onRetry?.({ attempt, delayMs, failure, code: (error as UserError).code });
      await sleep(delayMs);
    }
  }
}
