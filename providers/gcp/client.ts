/**
 * The slice of the Secret Manager client this provider uses, and the one place that builds the
 * real client. The SDK (~150 ms to import) is loaded here, lazily, on first use only.
 *
 * - Default: Application Default Credentials, exactly as Google's tools find them (gcloud's
 *   application-default login, GOOGLE_APPLICATION_CREDENTIALS, workload identity, the metadata server).
 * - Endpoint on a loopback host (DOTSECRETS_GCP_ENDPOINT / providers.gcp.endpoint): plaintext gRPC,
 *   no credential lookup and no metadata-server probe (`universeDomain` set, insecure channel from the
 *   grpc-js copy google-gax itself uses: gax checks credentials with instanceof).
 * - Endpoint elsewhere: TLS with ADC, only the address changes.
 */
import { createRequire } from "node:module";
import type { GcpSettings } from "./settings.js";

type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;

export interface SecretMsg {
  name?: string | null;
  createTime?: Timestamp;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  etag?: string | null;
}

export interface VersionMsg {
  name?: string | null;
  createTime?: Timestamp;
  state?: string | number | null;
}

export interface AccessMsg {
  name?: string | null;
  payload?: { data?: Uint8Array | string | null; dataCrc32c?: unknown } | null;
}

/** Per-call options as google-gax reads them. */
export type CallOptions = Record<string, unknown>;

type Call<Req, Res> = (request: Req, options?: CallOptions) => Promise<[Res, ...unknown[]]>;
type ListCall<Req, Item> = (
  request: Req,
  options?: CallOptions,
) => Promise<[Item[], unknown, { nextPageToken?: string | null } | null | undefined, ...unknown[]]>;

/** What the provider calls on a SecretManagerServiceClient (tests may pass a real client at an emulator). */
export interface SecretManagerSlice {
  accessSecretVersion: Call<{ name: string }, AccessMsg>;
  addSecretVersion: Call<{ parent: string; payload: { data: Uint8Array; dataCrc32c: number } }, VersionMsg>;
  createSecret: Call<{ parent: string; secretId: string; secret: Record<string, unknown> }, SecretMsg>;
  getSecret: Call<{ name: string }, SecretMsg>;
  updateSecret: Call<{ secret: Record<string, unknown>; updateMask: { paths: string[] } }, SecretMsg>;
  deleteSecret: Call<{ name: string }, unknown>;
  disableSecretVersion: Call<{ name: string }, VersionMsg>;
  listSecrets: ListCall<
    { parent: string; filter?: string; pageSize?: number; pageToken?: string },
    SecretMsg
  >;
  listSecretVersions: ListCall<
    { parent: string; filter?: string; pageSize?: number; pageToken?: string },
    VersionMsg
  >;
  getProjectId(): Promise<string>;
  /**
   * Resolves credentials before the first call (ADC mode only). gax otherwise finds out inside
   * its lazily created stub, where a failure also escapes as an unhandled rejection.
   */
  ready?(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Options for one call: an explicit deadline and a complete retry policy for gax that retries
 * nothing (the provider retries itself, so it can tell a lost write from a failed one, keep the
 * original status instead of gax's DEADLINE_EXCEEDED, and pace retries with its writes).
 * Every backoff field is set: partial backoffSettings give a 0 s deadline.
 */
export function callOptions(timeoutMs: number): CallOptions {
  return {
    timeout: timeoutMs,
    autoPaginate: false,
    retry: {
      retryCodes: [],
      backoffSettings: {
        initialRetryDelayMillis: 100,
        retryDelayMultiplier: 1.3,
        maxRetryDelayMillis: 1_000,
        initialRpcTimeoutMillis: timeoutMs,
        rpcTimeoutMultiplier: 1,
        maxRpcTimeoutMillis: timeoutMs,
        totalTimeoutMillis: timeoutMs,
      },
    },
  };
}

/**
 * Imports the SDK and builds a client for `settings`. Throws what the import throws (a missing
 * package), never a network error: nothing is contacted until the first call.
 */
export async function createSecretManagerClient(settings: GcpSettings): Promise<SecretManagerSlice> {
  const { SecretManagerServiceClient } = await import("@google-cloud/secret-manager");
  const endpoint = settings.endpoint;
  const options: Record<string, string | number | object> = {};
  if (settings.project) options.projectId = settings.project;
  if (endpoint) {
    options.apiEndpoint = endpoint.host;
    options.port = endpoint.port;
  }
  if (endpoint?.plaintext) {
    // The grpc-js instance google-gax was built with, found from the client package.
    const require = createRequire(import.meta.url);
    const fromClient = createRequire(require.resolve("@google-cloud/secret-manager"));
    const gax = fromClient("google-gax") as { grpc: { credentials: { createInsecure(): unknown } } };
    options.sslCreds = gax.grpc.credentials.createInsecure() as object;
    options.universeDomain = "googleapis.com";
    options["grpc.initial_reconnect_backoff_ms"] = 100;
    options["grpc.max_reconnect_backoff_ms"] = 1_000;
  }
  const client = new SecretManagerServiceClient(options);
  const slice = client as unknown as SecretManagerSlice;
  if (!endpoint?.plaintext) slice.ready = () => client.auth.getClient();
  return slice;
}

/** Milliseconds since the epoch of a protobuf Timestamp (0 when absent). */
export function toMillis(ts: Timestamp): number {
  if (!ts) return 0;
  return Number(ts.seconds ?? 0) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
}
