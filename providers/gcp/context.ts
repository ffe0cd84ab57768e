/**
 * What every GCP operation shares: the client, the resolved project, the pacers, and `call`, which
 * gives each request its deadline, its pacing slot and the retry policy, and turns an exhausted
 * retry into a UserError.
 */

import { UserError } from "../../src/core/errors.js";
import { type Clock, Pacer, realClock } from "../../src/core/pace.js";
import { type RetryOptions, withRetry } from "../../src/core/retry.js";
import { type CallOptions, callOptions, type SecretManagerSlice } from "./client.js";
import { isTransient, toUserError } from "./errors.js";
import { toSecretId } from "./names.js";
import type { GcpSettings } from "./settings.js";

/** Quota families: access (90,000/min), read (get, list) and write requests (600/min each). */
export type CallKind = "access" | "read" | "write";

/** A payload whose CRC-32C does not match the one the service sent: transient, so it is read again. */
export function checksumMismatch(what: string): UserError {
  return new UserError("PROVIDER_UNAVAILABLE", `the value read for ${what} failed its CRC-32C check`, {
    hint: "the data was damaged in transit; check proxies between you and Google, then run the command again",
  });
}

export class GcpContext {
  readonly writes: Pacer;
  readonly reads: Pacer;
  private projectPromise: Promise<string> | undefined;
  private readyPromise: Promise<unknown> | undefined;

  constructor(
    readonly client: SecretManagerSlice,
    readonly settings: GcpSettings,
    readonly clock: Clock = realClock,
  ) {
    this.writes = new Pacer(settings.writesPerMinute, undefined, clock);
    this.reads = new Pacer(settings.readsPerMinute, undefined, clock);
  }

  /**
   * The project id: from settings or the environment, else from ADC (never with a plaintext
   * endpoint). Throws UserError(CONFIG) when none is found.
   */
  project(): Promise<string> {
    this.projectPromise ??= this.findProject();
    return this.projectPromise;
  }

  private async findProject(): Promise<string> {
    await this.ready();
    if (this.settings.project) return this.settings.project;
    const missing = new UserError("CONFIG", "no Google Cloud project is set for the gcp provider", {
      hint: 'set "providers": { "gcp": { "project": "ID" } } in dotsecrets.json, pass --gcp-project ID, or set GOOGLE_CLOUD_PROJECT',
    });
    if (this.settings.endpoint?.plaintext) throw missing;
    try {
      const id = await this.client.getProjectId();
      if (id) return id;
    } catch {
      // ADC knows no project (or no credentials at all): the same advice applies.
    }
    throw missing;
  }

  /** Credentials resolved once, before the first call. Throws UserError(PROVIDER_AUTH). */
  async ready(): Promise<void> {
    this.readyPromise ??= this.client.ready?.() ?? Promise.resolve();
    try {
      await this.readyPromise;
    } catch (error) {
      throw toUserError(error, "signing in");
    }
  }

  /** `projects/<project>/secrets/<id>` for a scoped name. */
  async secretPath(name: string): Promise<string> {
    return `projects/${await this.project()}/secrets/${toSecretId(name)}`;
  }

  /** Options for src/core/retry.ts from the settings (the clock's sleep, so tests never wait). */
  retryOptions(): RetryOptions {
    const { attempts, baseDelayMs, throttleDelayMs, maxDelayMs } = this.settings.retry;
    return {
      attempts,
      baseMs: baseDelayMs,
      throttleBaseMs: throttleDelayMs,
      maxDelayMs,
      sleep: this.clock.sleep,
    };
  }

  /**
   * Runs one request with a deadline, a pacing slot (per quota family) and retries on
   * RESOURCE_EXHAUSTED, UNAVAILABLE and DEADLINE_EXCEEDED, which surface as UserError
   * (PROVIDER_THROTTLED / PROVIDER_UNAVAILABLE) when retries run out. Other failures are rethrown
   * as the raw gRPC error, so callers can act on NOT_FOUND and such (and map the rest with `fail`).
   */
  call<T>(kind: CallKind, what: string, send: (options: CallOptions) => Promise<T>): Promise<T> {
    return withRetry(async () => {
      if (kind === "write") await this.writes.take();
      else if (kind === "read") await this.reads.take();
      try {
        return await send(callOptions(this.settings.timeoutMs));
      } catch (error) {
        throw isTransient(error) ? toUserError(error, what) : error;
      }
    }, this.retryOptions());
  }

  /** The UserError for a failure of `what` (a UserError passes through). */
  fail(error: unknown, what: string): UserError {
    return toUserError(error, what);
  }
}
