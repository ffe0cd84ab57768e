/**
 * The SecretProvider contract every backend implements (local, and later AWS and GCP).
 *
 * Names given to a provider are *scoped names*: `<app>/<environment>/<KEY>` (DESIGN.md). A provider
 * that cannot store `/` maps names reversibly itself; callers never see the mapping.
 * Values are strings (environment variables are strings); size limits are in UTF-8 bytes.
 */

/** The providers dotsecrets knows. The registry in providers/index.ts must cover every kind. */
export type ProviderKind = "local" | "gcp";

/** What a provider allows as a scoped name and as a value, so plans can be checked before any write. */
export interface ProviderLimits {
  /** Largest value in UTF-8 bytes. */
  maxValueBytes: number;
  /** Longest scoped name in characters. */
  maxNameLength: number;
  /** Human description of the allowed names, for error messages. */
  nameRules: string;
}

/** One item of a batch get: a scoped name and, optionally, a version (latest when absent). */
export interface SecretRequest {
  name: string;
  version?: string;
}

/** The outcome for one item of a batch get, aligned with the request list. */
export type SecretResult =
  | { ok: true; name: string; version: string; value: string }
  | { ok: false; name: string; version?: string; reason: "not-found" | "version-not-found" | "denied" };

/** Metadata of a stored secret: never a value. */
export interface SecretInfo {
  name: string;
  /** Version id of the current value. */
  version: string;
  /** Number of versions kept. */
  versionCount: number;
  createdAt: Date;
  updatedAt: Date;
  labels?: Record<string, string>;
}

/** What a put did. `unchanged` means the value equalled the current version, so no version was added. */
export interface PutResult {
  name: string;
  version: string;
  created: boolean;
  unchanged: boolean;
}

export interface PutOptions {
  /** Non-secret labels (app, env) a provider may attach for filtering and auditing. */
  labels?: Record<string, string>;
  description?: string;
}

/** One item of a batch put. */
export interface PutItem {
  name: string;
  value: string;
  options?: PutOptions;
}

/** The contract. Methods throw UserError (PROVIDER_* / STORE_* codes) for whole-call failures. */
export interface SecretProvider {
  readonly kind: ProviderKind;
  readonly limits: ProviderLimits;
  /** Returns why `name` is not acceptable as a scoped name here, or undefined when it is. */
  checkName(name: string): string | undefined;
  /** Fetches many secrets in as few calls as the backend allows; one result per request, in order. */
  getMany(requests: readonly SecretRequest[]): Promise<SecretResult[]>;
  /** Creates the secret, or adds a version when the value differs from the current one. */
  put(name: string, value: string, options?: PutOptions): Promise<PutResult>;
  /**
   * Optional batch put: the same semantics as calling `put` for each item in order, but in as few
   * backend round trips as possible (the local store takes one lock and writes once). Returns one
   * PutResult per item, in order. Every name and size is checked before anything is written, so a
   * bad item throws UserError (PROVIDER_NAME / PROVIDER_SIZE) and nothing of the batch is stored.
   * Callers fall back to `put` when a provider lacks it.
   */
  putMany?(items: readonly PutItem[]): Promise<PutResult[]>;
  /** Lists secrets whose scoped name starts with `prefix` (e.g. `shop/production/`). No values. */
  list(prefix: string): Promise<SecretInfo[]>;
  /** Metadata of one secret, or undefined when it does not exist. */
  describe(name: string): Promise<SecretInfo | undefined>;
  /** Deletes a secret and all its versions. Deleting a missing secret is not an error. */
  delete(name: string): Promise<void>;
  /** Releases clients, sockets or locks. */
  close?(): Promise<void>;
}

/** Options every factory receives: the committed, non-secret provider options plus the environment. */
export interface ProviderOptions {
  /** Provider-specific settings from dotsecrets.json (`providers.<kind>`). */
  settings: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
}

export type ProviderFactory = (options: ProviderOptions) => Promise<SecretProvider> | SecretProvider;

/** Byte length of a value as providers count it. */
export function valueBytes(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** A version a write added, as a put reported it: what an undo may disable. */
export interface VersionRef {
  name: string;
  version: string;
}

/**
 * Optional ability: disable versions (keep them, stop serving them), so an undo can retract only
 * the versions a migration added instead of deleting secrets that existed before it.
 */
export interface DisablesVersions {
  /** Disables each version; versions already gone or disabled are fine. Throws UserError. */
  disableVersions(refs: readonly VersionRef[]): Promise<void>;
}

/** True when `provider` offers disableVersions. */
export function canDisableVersions(provider: SecretProvider): provider is SecretProvider & DisablesVersions {
  return typeof (provider as Partial<DisablesVersions>).disableVersions === "function";
}
