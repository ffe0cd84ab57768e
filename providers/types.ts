/**
 * The SecretProvider contract every backend implements (local, AWS, and later GCP).
 *
 * Names given to a provider are *scoped names*: `<app>/<environment>/<KEY>` (DESIGN.md). A provider
 * that cannot store `/` maps names reversibly itself; callers never see the mapping.
 * Values are strings (environment variables are strings); size limits are in UTF-8 bytes.
 *
 * Versions are opaque strings chosen by the backend ("3" locally, a UUID on AWS). A pinned version
 * may vanish (AWS drops versions without a staging label past about 100; local keeps 100), and a
 * read of it then answers `version-not-found`.
 *
 * Optional abilities are separate interfaces with a type guard (DeletionRecovery, DisablesVersions), never methods
 * that throw "not implemented".
 */

/** The providers dotsecrets knows. The registry in providers/index.ts must cover every kind. */
export type ProviderKind = "local" | "aws" | "gcp";

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
  /** Version id of the current value (opaque). */
  version: string;
  /** Number of versions kept: present when asked for (`ListOptions.versionCount`) or free to know. */
  versionCount?: number;
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
  /** True when the secret was scheduled for deletion and the put restored it first. */
  restored?: boolean;
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

/** Listing options: pages are opaque cursors; versionCount may cost one more call per secret. */
export interface ListOptions {
  /** Cursor from the previous page's `cursor`. */
  cursor?: string;
  /** Items per page, a hint (providers cap it). */
  pageSize?: number;
  /** Fill in `versionCount` on every item even when it costs extra calls. */
  versionCount?: boolean;
}

/** One page of a listing, sorted by name within the page; `cursor` is absent on the last page. */
export interface SecretPage {
  items: SecretInfo[];
  cursor?: string;
}

/** What a delete did. `recoverableUntil` is set when the provider keeps the secret for a while. */
export interface DeleteResult {
  name: string;
  /** False when there was nothing to delete (not an error). */
  existed: boolean;
  recoverableUntil?: Date;
}

/** The contract. Methods throw UserError (PROVIDER_* / STORE_* codes) for whole-call failures. */
export interface SecretProvider {
  readonly kind: ProviderKind;
  readonly limits: ProviderLimits;
  /** Returns why `name` is not acceptable as a scoped name here, or undefined when it is. */
  checkName(name: string): string | undefined;
  /** Fetches many secrets in as few calls as the backend allows; one result per request, in order. */
  getMany(requests: readonly SecretRequest[]): Promise<SecretResult[]>;
  /**
   * Creates the secret, or adds a version when the value differs from the current one. A secret
   * scheduled for deletion is restored first (`restored: true`).
   */
  put(name: string, value: string, options?: PutOptions): Promise<PutResult>;
  /**
   * Optional batch put: the same semantics as calling `put` for each item in order, but in as few
   * backend round trips as possible (the local store takes one lock and writes once; AWS paces
   * writes under its quota). Returns one PutResult per item, in order. Every name and size is
   * checked before anything is written, so a bad item throws UserError (PROVIDER_NAME /
   * PROVIDER_SIZE) and nothing of the batch is stored. Callers fall back to `put` when absent.
   */
  putMany?(items: readonly PutItem[]): Promise<PutResult[]>;
  /** One page of the secrets whose scoped name starts with `prefix` (e.g. `shop/production/`). No values. */
  list(prefix: string, options?: ListOptions): Promise<SecretPage>;
  /** Metadata of one live secret (versionCount included), or undefined when it does not exist or is deleted. */
  describe(name: string): Promise<SecretInfo | undefined>;
  /**
   * Deletes a secret and all its versions, the provider's default way (local: at once; AWS: scheduled
   * with the configured recovery window). Afterwards `describe` is undefined and reads are not-found.
   * Deleting a missing secret is not an error (`existed: false`).
   */
  delete(name: string): Promise<DeleteResult>;
  /** Releases clients, sockets or locks. */
  close?(): Promise<void>;
}

/** Optional ability: deletion with a recovery window, forced deletion, and restore. */
export interface DeletionRecovery {
  readonly recoveryDays: { min: number; max: number; default: number };
  /** Schedules deletion after `recoveryDays`, or deletes at once with `force`. Throws UserError(USAGE) for a bad window. */
  deleteWith(name: string, options: { recoveryDays?: number; force?: boolean }): Promise<DeleteResult>;
  /** Cancels a scheduled deletion. Returns false when the secret is not scheduled (or is gone). */
  restore(name: string): Promise<boolean>;
}

/** True when the provider offers DeletionRecovery. */
export function hasDeletionRecovery(provider: SecretProvider): provider is SecretProvider & DeletionRecovery {
  return typeof (provider as Partial<DeletionRecovery>).restore === "function";
}

/** A version a put reported: what an undo may disable. */
export interface VersionRef {
  name: string;
  version: string;
}

/**
 * Optional ability: disable versions (kept, no longer served), so an undo can retract only the
 * versions a migration added instead of deleting secrets that existed before it (GCP).
 */
export interface DisablesVersions {
  /** Disables each version; versions already disabled, destroyed or gone are fine. Throws UserError. */
  disableVersions(refs: readonly VersionRef[]): Promise<void>;
}

/** True when the provider offers DisablesVersions. */
export function canDisableVersions(provider: SecretProvider): provider is SecretProvider & DisablesVersions {
  return typeof (provider as Partial<DisablesVersions>).disableVersions === "function";
}

/** Options every factory receives: the committed, non-secret provider options plus the environment. */
export interface ProviderOptions {
  /** Provider-specific settings from dotsecrets.json (`providers.<kind>`), parsed by the descriptor. */
  settings: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
}

export type ProviderFactory = (options: ProviderOptions) => Promise<SecretProvider> | SecretProvider;

/** What a provider can do, for planners and wizards comparing providers. */
export interface ProviderCapabilities {
  /** getMany costs fewer calls than one per secret. */
  batchGet: boolean;
  /** `#<version>` references can be resolved. */
  pinnedVersions: boolean;
  deletionRecovery: boolean;
  /** Labels are stored and returned by list/describe. */
  labels: boolean;
  /** `/` is stored as is (otherwise the provider maps names). */
  slashInNames: boolean;
  /** Network calls are involved (retry and timeouts matter). */
  remote: boolean;
}

/** Monthly price figures of a provider, from src/core/pricing.ts. */
export interface CostModel {
  currency: string;
  perSecretMonth: number;
  perTenThousandCalls: number;
  /** When the figures were checked (YYYY-MM-DD) and where. */
  asOf: string;
  source: string;
}

/** Static facts about a provider, usable without opening it (no SDK loaded). */
export interface ProviderDescriptor<S = unknown> {
  kind: ProviderKind;
  title: string;
  limits: ProviderLimits;
  checkName(name: string): string | undefined;
  /** Validates `providers.<kind>` from dotsecrets.json. Throws UserError(CONFIG) naming the field. */
  parseSettings(raw: unknown): S;
  cost: CostModel;
  capabilities: ProviderCapabilities;
}

/** Byte length of a value as providers count it. */
export function valueBytes(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** Reads every page of a listing. Throws what `list` throws. */
export async function listAll(
  provider: SecretProvider,
  prefix: string,
  options: Omit<ListOptions, "cursor"> = {},
): Promise<SecretInfo[]> {
  const items: SecretInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await provider.list(prefix, cursor === undefined ? options : { ...options, cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return items;
}
