/**
 * The decrypted store: a model, its JSON encoding, and the pure operations the provider applies
 * under the lock. Nothing here touches the disk.
 */
import { UserError } from "../../src/core/errors.js";
import type { PutItem, PutResult, SecretInfo, SecretRequest, SecretResult } from "../types.js";

/**
 * Versions kept per secret. Older ones are dropped (their ids are never reused), the same
 * ceiling AWS Secrets Manager applies to versions without a staging label.
 */
export const MAX_VERSIONS = 100;

export interface VersionRecord {
  id: string;
  value: string;
  createdAt: string;
}

export interface SecretRecord {
  name: string;
  /** When the secret was first created (kept when old versions are dropped). */
  createdAt: string;
  /** Oldest first; never empty. */
  versions: VersionRecord[];
  labels?: Record<string, string>;
  description?: string;
}

/** A Map, not an object, so a name like `__proto__` is just a name. */
export type StoreData = Map<string, SecretRecord>;

interface EncodedStore {
  secrets: SecretRecord[];
}

/** Serializes the store to UTF-8 JSON. */
export function encodeStore(data: StoreData): Buffer {
  const encoded: EncodedStore = { secrets: [...data.values()] };
  return Buffer.from(JSON.stringify(encoded), "utf8");
}

/**
 * Parses decrypted JSON back into a store.
 * Throws UserError(STORE_CORRUPT) when the content does not have the expected shape. The parser's
 * own error is deliberately dropped: V8 quotes a piece of the input, which holds secret values.
 */
export function decodeStore(json: Buffer, storePath: string): StoreData {
  const corrupt = (what: string) =>
    new UserError(
      "STORE_CORRUPT",
      `local store ${storePath} decrypted but its content is invalid (${what})`,
      {
        hint: "restore store.enc from a backup, or report a bug if this dotsecrets version wrote it",
      },
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString("utf8"));
  } catch {
    throw corrupt("not JSON");
  }
  const secrets = (parsed as Partial<EncodedStore> | null)?.secrets;
  if (!Array.isArray(secrets)) throw corrupt("no secrets list");
  const data: StoreData = new Map();
  for (const record of secrets as SecretRecord[]) {
    if (!isRecord(record)) throw corrupt("malformed secret record");
    data.set(record.name, record);
  }
  return data;
}

function isRecord(value: SecretRecord): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (typeof value.name !== "string" || typeof value.createdAt !== "string") return false;
  if (!Array.isArray(value.versions) || value.versions.length === 0) return false;
  return value.versions.every(
    (v) => typeof v?.id === "string" && typeof v.value === "string" && typeof v.createdAt === "string",
  );
}

function latest(record: SecretRecord): VersionRecord {
  return record.versions[record.versions.length - 1]!;
}

/** Applies one put to the store in memory; returns what it did and whether the store changed. */
export function applyPut(data: StoreData, item: PutItem, now: Date): { result: PutResult; changed: boolean } {
  const { name, value, options } = item;
  const at = now.toISOString();
  const existing = data.get(name);
  if (!existing) {
    const record: SecretRecord = { name, createdAt: at, versions: [{ id: "1", value, createdAt: at }] };
    applyMetadata(record, options);
    data.set(name, record);
    return { result: { name, version: "1", created: true, unchanged: false }, changed: true };
  }
  const metadataChanged = applyMetadata(existing, options);
  const current = latest(existing);
  if (current.value === value) {
    return {
      result: { name, version: current.id, created: false, unchanged: true },
      changed: metadataChanged,
    };
  }
  const id = String(Number(current.id) + 1);
  existing.versions.push({ id, value, createdAt: at });
  if (existing.versions.length > MAX_VERSIONS)
    existing.versions.splice(0, existing.versions.length - MAX_VERSIONS);
  return { result: { name, version: id, created: false, unchanged: false }, changed: true };
}

/** Labels and description given to a put replace the stored ones; absent ones are left alone. */
function applyMetadata(record: SecretRecord, options: PutItem["options"]): boolean {
  let changed = false;
  if (options?.labels !== undefined && JSON.stringify(options.labels) !== JSON.stringify(record.labels)) {
    record.labels = { ...options.labels };
    changed = true;
  }
  if (options?.description !== undefined && options.description !== record.description) {
    record.description = options.description;
    changed = true;
  }
  return changed;
}

/** Resolves one request against the store: the value, or why there is none. */
export function resolveRequest(data: StoreData, request: SecretRequest): SecretResult {
  const { name, version } = request;
  const record = data.get(name);
  if (!record) {
    return version === undefined
      ? { ok: false, name, reason: "not-found" }
      : { ok: false, name, version, reason: "not-found" };
  }
  const found = version === undefined ? latest(record) : record.versions.find((v) => v.id === version);
  if (!found) return { ok: false, name, version: version!, reason: "version-not-found" };
  return { ok: true, name, version: found.id, value: found.value };
}

/** Metadata of a stored secret, without any value. */
export function toInfo(record: SecretRecord): SecretInfo {
  const current = latest(record);
  const info: SecretInfo = {
    name: record.name,
    version: current.id,
    versionCount: record.versions.length,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(current.createdAt),
  };
  if (record.labels) info.labels = { ...record.labels };
  return info;
}
