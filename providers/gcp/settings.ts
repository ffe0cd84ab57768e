/**
 * The GCP provider's settings: `providers.gcp` in dotsecrets.json plus the environment.
 *
 *   { "providers": { "gcp": {
 *       "project": "my-project",            // else --gcp-project, GOOGLE_CLOUD_PROJECT, then ADC
 *       "locations": ["europe-west1"],      // user-managed replication; automatic when absent
 *       "endpoint": "127.0.0.1:8085",       // DOTSECRETS_GCP_ENDPOINT wins; plaintext only on loopback
 *       "timeoutMs": 20000,                 // per call
 *       "concurrency": 32,                  // parallel reads and writes
 *       "writesPerMinute": 540,             // pacing under the 600/min project write quota
 *       "retry": { "attempts": 8, "baseDelayMs": 200, "throttleDelayMs": 1000, "maxDelayMs": 16000 } } } }
 */
import { UserError } from "../../src/core/errors.js";

export interface GcpEndpoint {
  host: string;
  port: number;
  /** True for loopback hosts: plaintext gRPC, no credentials, no metadata probe. */
  plaintext: boolean;
}

/** Per-call retries (src/core/retry.ts): full-jitter backoff, longer for throttling. */
export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  attempts: number;
  /** Backoff base after UNAVAILABLE / DEADLINE_EXCEEDED. */
  baseDelayMs: number;
  /** Backoff base after RESOURCE_EXHAUSTED (quotas are per minute). */
  throttleDelayMs: number;
  /** Upper bound of one sleep. */
  maxDelayMs: number;
}

export interface GcpSettings {
  /** Project id (or number) when known without asking ADC. */
  project: string | undefined;
  endpoint: GcpEndpoint | undefined;
  /** Replica locations; empty means automatic replication. */
  locations: string[];
  timeoutMs: number;
  concurrency: number;
  writesPerMinute: number;
  readsPerMinute: number;
  retry: RetryPolicy;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 200,
  throttleDelayMs: 1_000,
  maxDelayMs: 16_000,
};

const FIELDS = [
  "project",
  "locations",
  "endpoint",
  "timeoutMs",
  "concurrency",
  "writesPerMinute",
  "readsPerMinute",
  "retry",
];

const invalid = (field: string, what: string) =>
  new UserError("CONFIG", `dotsecrets.json: providers.gcp.${field} ${what}`);

function positive(value: unknown, field: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > max) {
    throw invalid(field, `must be a positive number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ""}`);
  }
  return value;
}

/** True for `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Parses `host:port` or `[v6]:port`. Throws UserError(CONFIG) naming `source`. */
export function parseEndpoint(text: string, source: string): GcpEndpoint {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65_535) {
    throw new UserError("CONFIG", `${source} must be host:port (e.g. 127.0.0.1:8085), not '${text}'`);
  }
  const host = match[1] ?? match[2]!;
  return { host, port, plaintext: isLoopbackHost(host) };
}

/** Reads settings and environment. Throws UserError(CONFIG) for a malformed value. */
export function parseGcpSettings(raw: unknown, env: NodeJS.ProcessEnv): GcpSettings {
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw))) {
    throw new UserError("CONFIG", "providers.gcp in dotsecrets.json must be an object");
  }
  const settings = (raw ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(settings).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) {
    throw new UserError("CONFIG", `providers.gcp in dotsecrets.json has an unknown field '${unknown[0]}'`, {
      hint: `known fields: ${FIELDS.join(", ")}`,
    });
  }
  const project = settings.project ?? (env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || undefined);
  if (
    project !== undefined &&
    (typeof project !== "string" || !/^[a-z0-9][a-z0-9-]{3,61}[a-z0-9]$|^\d+$/.test(project))
  ) {
    throw new UserError("CONFIG", `'${String(project)}' is not a Google Cloud project id`, {
      hint: "project ids are 6 to 30 lower-case letters, digits and hyphens, e.g. my-project-123",
    });
  }
  const locations = settings.locations ?? [];
  if (!Array.isArray(locations) || !locations.every((l) => typeof l === "string" && /^[a-z0-9-]+$/.test(l))) {
    throw invalid("locations", 'must be a list of location names, e.g. ["europe-west1"]');
  }
  let endpoint: GcpEndpoint | undefined;
  if (env.DOTSECRETS_GCP_ENDPOINT)
    endpoint = parseEndpoint(env.DOTSECRETS_GCP_ENDPOINT, "DOTSECRETS_GCP_ENDPOINT");
  else if (settings.endpoint !== undefined) {
    if (typeof settings.endpoint !== "string") throw invalid("endpoint", "must be a host:port string");
    endpoint = parseEndpoint(settings.endpoint, "providers.gcp.endpoint");
  }
  const retry = (settings.retry ?? {}) as Record<string, unknown>;
  if (typeof retry !== "object" || retry === null || Array.isArray(retry))
    throw invalid("retry", "must be an object");
  return {
    project: project as string | undefined,
    endpoint,
    locations: [...new Set(locations as string[])],
    timeoutMs: positive(settings.timeoutMs, "timeoutMs", 20_000, 600_000),
    concurrency: Math.floor(positive(settings.concurrency, "concurrency", 32, 256)),
    writesPerMinute: positive(settings.writesPerMinute, "writesPerMinute", 540),
    readsPerMinute: positive(settings.readsPerMinute, "readsPerMinute", 540),
    retry: {
      attempts: Math.floor(positive(retry.attempts, "retry.attempts", DEFAULT_RETRY.attempts, 100)),
      baseDelayMs: positive(retry.baseDelayMs, "retry.baseDelayMs", DEFAULT_RETRY.baseDelayMs, 60_000),
      throttleDelayMs: positive(
        retry.throttleDelayMs,
        "retry.throttleDelayMs",
        DEFAULT_RETRY.throttleDelayMs,
        60_000,
      ),
      maxDelayMs: positive(retry.maxDelayMs, "retry.maxDelayMs", DEFAULT_RETRY.maxDelayMs, 300_000),
    },
  };
}
