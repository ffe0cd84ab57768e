/**
 * What every GCP operation shares: the client, the resolved project, the pacers, and `call`, which
 * gives each request its deadline, its pacing slot and the retry policy, and turns an exhausted
 * retry into a UserError.
 */
import { UserError } from "../../src/errors.js";
import { type CallOptions, callOptions, type SecretManagerSlice } from "./client.js";
import { isTransient, toUserError } from "./errors.js";
import { toSecretId } from "./names.js";
import { type Clock, Pacer, RetriesExhausted, realClock, withRetries } from "./pace.js";
import type { GcpSettings } from "./settings.js";

/** Quota families: access (90,000/min), read (get, list) and write requests (600/min each). */
export type CallKind = "access" | "read" | "write";

/** A payload whose CRC-32C does not match the one the service sent: retried, then PROVIDER_INTEGRITY. */
export class ChecksumMismatch extends Error {}

export class GcpContext {
  readonly writes: Pacer;
  readonly reads: Pacer;
  private projectPromise: Promise<string> | undefined;

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

  /** `projects/<project>/secrets/<id>` for a scoped name. */
  async secretPath(name: string): Promise<string> {
    return `projects/${await this.project()}/secrets/${toSecretId(name)}`;
  }

  /**
   * Runs one request with a deadline, pacing and retries on RESOURCE_EXHAUSTED, UNAVAILABLE and
   * DEADLINE_EXCEEDED. Other failures are rethrown unchanged (callers handle NOT_FOUND and such);
   * exhausted retries become a UserError naming `what`.
   */
  async call<T>(kind: CallKind, what: string, send: (options: CallOptions) => Promise<T>): Promise<T> {
    try {
      return await withRetries(
        this.settings.retry,
        (error) => isTransient(error) || error instanceof ChecksumMismatch,
        async () => {
          if (kind === "write") await this.writes.take();
          else if (kind === "read") await this.reads.take();
          return send(callOptions(this.settings.timeoutMs));
        },
        {},
        this.clock,
      );
    } catch (error) {
      if (!(error instanceof RetriesExhausted)) throw error;
      throw this.fail(error.last, what, error.attempts);
    }
  }

  /** The UserError for a failure of `what`. */
  fail(error: unknown, what: string, attempts = 1): UserError {
    if (error instanceof ChecksumMismatch) {
      return new UserError(
        "PROVIDER_INTEGRITY",
        `the value read for ${what} failed its CRC-32C check ${attempts} times`,
        {
          hint: "the data was damaged in transit; check proxies between you and Google, then run the command again",
        },
      );
    }
    return toUserError(error, what, attempts);
  }
}
