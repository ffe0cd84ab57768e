/**
 * The state behind the GCP Secret Manager emulator: secrets, versions, states, labels, and the
 * rules the real service applies (id syntax, label syntax, payload size, checksums, version states).
 * Pure: every operation takes plain request objects (as @grpc/proto-loader decodes them) and returns
 * plain response objects, or throws EmuError with a real gRPC status code.
 */
import { status } from "@grpc/grpc-js";
import { matchesFilter, parseFilter } from "./gcp-filter.js";

/** A failure the emulator answers with a gRPC status. */
export class EmuError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }
}

export type VersionState = "ENABLED" | "DISABLED" | "DESTROYED";

export interface EmuVersion {
  id: number;
  state: VersionState;
  data: Buffer | undefined;
  crc32c: string;
  clientChecksum: boolean;
  createTime: Date;
  destroyTime?: Date;
}

export interface EmuSecret {
  id: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  replication: unknown;
  createTime: Date;
  etag: number;
  versions: EmuVersion[];
}

/** Bitwise CRC-32C (Castagnoli, reflected 0x82F63B78), deliberately not the provider's table code. */
export function slowCrc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const ANNOTATION_KEY = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const MAX_PAYLOAD = 65_536;

const bad = (message: string) => new EmuError(status.INVALID_ARGUMENT, message);

/** A timestamp as protobuf's Timestamp message (longs as strings). */
function ts(date: Date): { seconds: string; nanos: number } {
  const ms = date.getTime();
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

/** The secrets of all projects, keyed `<project number>/<secret id>`. */
export class GcpStore {
  readonly secrets = new Map<string, EmuSecret>();

  /** Project id → project number; names in responses carry the number, as Google's do. */
  constructor(private readonly projectNumbers: Map<string, string> = new Map()) {}

  reset(): void {
    this.secrets.clear();
  }

  /** The project number the emulator uses for `project` (an id or a number). */
  projectNumber(project: string): string {
    if (/^\d+$/.test(project)) return project;
    let number = this.projectNumbers.get(project);
    if (!number) {
      let hash = 7;
      for (const char of project) hash = (hash * 31 + char.charCodeAt(0)) % 900_000_000;
      number = String(100_000_000_000 + hash);
      this.projectNumbers.set(project, number);
    }
    return number;
  }

  private parent(parent: unknown): string {
    const match = /^projects\/([a-z0-9-]{1,63})$/.exec(String(parent ?? ""));
    if (!match) throw bad(`invalid parent '${String(parent)}'`);
    return this.projectNumber(match[1]!);
  }

  /** Parses `projects/P/secrets/S[/versions/V]`; version undefined when the name has none. */
  private parseName(name: unknown, withVersion: boolean): { key: string; project: string; version?: string } {
    const pattern = withVersion
      ? /^projects\/([a-z0-9-]{1,63})\/secrets\/([^/]+)\/versions\/([^/]+)$/
      : /^projects\/([a-z0-9-]{1,63})\/secrets\/([^/]+)$/;
    const match = pattern.exec(String(name ?? ""));
    if (!match || !SECRET_ID.test(match[2]!)) throw bad(`invalid resource name '${String(name)}'`);
    const project = this.projectNumber(match[1]!);
    return { key: `${project}/${match[2]}`, project, version: match[3] };
  }

  private secret(key: string): EmuSecret {
    const secret = this.secrets.get(key);
    if (!secret)
      throw new EmuError(status.NOT_FOUND, `Secret [projects/${key.replace("/", "/secrets/")}] not found.`);
    return secret;
  }

  private version(secret: EmuSecret, id: string, key: string): EmuVersion {
    if (id === "latest") {
      const latest = secret.versions.at(-1);
      if (!latest) throw new EmuError(status.NOT_FOUND, `Secret [${key}] not found or has no versions.`);
      return latest;
    }
    if (!/^[1-9]\d{0,9}$/.test(id)) throw bad(`invalid version id '${id}'`);
    const found = secret.versions.find((v) => v.id === Number(id));
    if (!found) throw new EmuError(status.NOT_FOUND, `Secret Version [${key}/versions/${id}] not found.`);
    return found;
  }

  private secretOut(project: string, secret: EmuSecret) {
    return {
      name: `projects/${project}/secrets/${secret.id}`,
      replication: secret.replication,
      createTime: ts(secret.createTime),
      labels: { ...secret.labels },
      annotations: { ...secret.annotations },
      etag: `"${secret.etag}"`,
    };
  }

  private versionOut(project: string, secret: EmuSecret, version: EmuVersion) {
    return {
      name: `projects/${project}/secrets/${secret.id}/versions/${version.id}`,
      createTime: ts(version.createTime),
      destroyTime: version.destroyTime ? ts(version.destroyTime) : undefined,
      state: version.state,
      etag: `"${version.id}-${version.state}"`,
      clientSpecifiedPayloadChecksum: version.clientChecksum,
    };
  }

  private checkLabels(labels: Record<string, string>, annotations: Record<string, string>): void {
    if (Object.keys(labels).length > 64) throw bad("too many labels");
    for (const [key, value] of Object.entries(labels)) {
      if (!LABEL_KEY.test(key)) throw bad(`invalid label key '${key}'`);
      if (!LABEL_VALUE.test(value)) throw bad(`invalid label value '${value}'`);
    }
    let size = 0;
    for (const [key, value] of Object.entries(annotations)) {
      if (!ANNOTATION_KEY.test(key)) throw bad(`invalid annotation key '${key}'`);
      size += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
    if (size > 16_384) throw bad("annotations exceed 16 KiB");
  }

  createSecret(request: { parent?: string; secretId?: string; secret?: Record<string, unknown> }) {
    const project = this.parent(request.parent);
    const id = String(request.secretId ?? "");
    if (!SECRET_ID.test(id)) throw bad(`invalid secret id '${id}'`);
    const body = request.secret ?? {};
    const replication = body.replication as { replication?: string; userManaged?: { replicas?: unknown[] } };
    if (!replication?.replication) throw bad("replication is required");
    if (replication.replication === "userManaged" && !replication.userManaged?.replicas?.length) {
      throw bad("user-managed replication needs at least one replica");
    }
    const labels = { ...((body.labels as Record<string, string>) ?? {}) };
    const annotations = { ...((body.annotations as Record<string, string>) ?? {}) };
    this.checkLabels(labels, annotations);
    const key = `${project}/${id}`;
    if (this.secrets.has(key)) throw new EmuError(status.ALREADY_EXISTS, `Secret [${key}] already exists.`);
    const secret: EmuSecret = {
      id,
      labels,
      annotations,
      replication,
      createTime: new Date(),
      etag: 1,
      versions: [],
    };
    this.secrets.set(key, secret);
    return this.secretOut(project, secret);
  }

  addSecretVersion(request: { parent?: string; payload?: { data?: Buffer; dataCrc32c?: string } }) {
    const { key, project } = this.parseName(request.parent, false);
    const secret = this.secret(key);
    const data = Buffer.from(request.payload?.data ?? Buffer.alloc(0));
    if (data.length > MAX_PAYLOAD) throw bad(`payload is ${data.length} bytes; the limit is ${MAX_PAYLOAD}`);
    const computed = String(slowCrc32c(data));
    const given = request.payload?.dataCrc32c;
    if (given !== undefined && given !== null && String(given) !== computed) {
      throw bad("Checksum mismatch: data_crc32c does not match the payload");
    }
    const version: EmuVersion = {
      id: (secret.versions.at(-1)?.id ?? 0) + 1,
      state: "ENABLED",
      data,
      crc32c: computed,
      clientChecksum: given !== undefined && given !== null,
      createTime: new Date(),
    };
    secret.versions.push(version);
    return this.versionOut(project, secret, version);
  }

  accessSecretVersion(request: { name?: string }) {
    const { key, project, version: id } = this.parseName(request.name, true);
    const secret = this.secret(key);
    const version = this.version(secret, id!, key);
    if (version.state !== "ENABLED") {
      throw new EmuError(status.FAILED_PRECONDITION, `Secret Version is in ${version.state} state.`);
    }
    return {
      name: `projects/${project}/secrets/${secret.id}/versions/${version.id}`,
      payload: { data: version.data, dataCrc32c: version.crc32c },
    };
  }

  getSecret(request: { name?: string }) {
    const { key, project } = this.parseName(request.name, false);
    return this.secretOut(project, this.secret(key));
  }

  getSecretVersion(request: { name?: string }) {
    const { key, project, version } = this.parseName(request.name, true);
    const secret = this.secret(key);
    return this.versionOut(project, secret, this.version(secret, version!, key));
  }

  listSecrets(request: { parent?: string; pageSize?: number; pageToken?: string; filter?: string }) {
    const project = this.parent(request.parent);
    const filter = parseFilter(request.filter ?? "");
    const all = [...this.secrets.entries()]
      .filter(([key]) => key.startsWith(`${project}/`))
      .map(([, secret]) => secret)
      .filter((secret) => matchesFilter(filter, { name: secret.id, labels: secret.labels }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = paginate(all, request.pageSize, request.pageToken);
    return {
      secrets: page.items.map((secret) => this.secretOut(project, secret)),
      nextPageToken: page.next,
      totalSize: all.length,
    };
  }

  listSecretVersions(request: { parent?: string; pageSize?: number; pageToken?: string; filter?: string }) {
    const { key, project } = this.parseName(request.parent, false);
    const secret = this.secret(key);
    const filter = parseFilter(request.filter ?? "");
    const all = [...secret.versions]
      .reverse()
      .filter((v) => matchesFilter(filter, { name: String(v.id), labels: {}, state: v.state }));
    const page = paginate(all, request.pageSize, request.pageToken);
    return {
      versions: page.items.map((version) => this.versionOut(project, secret, version)),
      nextPageToken: page.next,
      totalSize: all.length,
    };
  }

  private setState(name: unknown, state: VersionState) {
    const { key, project, version: id } = this.parseName(name, true);
    const secret = this.secret(key);
    if (id === "latest") throw bad("an alias cannot be disabled or destroyed");
    const version = this.version(secret, id!, key);
    if (version.state === "DESTROYED") {
      throw new EmuError(status.FAILED_PRECONDITION, "Secret Version is in DESTROYED state.");
    }
    version.state = state;
    if (state === "DESTROYED") {
      version.data = undefined;
      version.destroyTime = new Date();
    }
    return this.versionOut(project, secret, version);
  }

  disableSecretVersion(request: { name?: string }) {
    return this.setState(request.name, "DISABLED");
  }

  enableSecretVersion(request: { name?: string }) {
    return this.setState(request.name, "ENABLED");
  }

  destroySecretVersion(request: { name?: string }) {
    return this.setState(request.name, "DESTROYED");
  }

  deleteSecret(request: { name?: string; etag?: string }) {
    const { key } = this.parseName(request.name, false);
    const secret = this.secret(key);
    if (request.etag && request.etag !== `"${secret.etag}"`)
      throw new EmuError(status.ABORTED, "etag mismatch");
    this.secrets.delete(key);
    return {};
  }

  updateSecret(request: { secret?: Record<string, unknown>; updateMask?: { paths?: string[] } }) {
    const { key, project } = this.parseName(request.secret?.name, false);
    const secret = this.secret(key);
    const paths = request.updateMask?.paths ?? [];
    if (paths.length === 0) throw bad("update_mask is required");
    let labels = secret.labels;
    let annotations = secret.annotations;
    for (const path of paths) {
      if (path === "labels") labels = { ...((request.secret?.labels as Record<string, string>) ?? {}) };
      else if (path === "annotations")
        annotations = { ...((request.secret?.annotations as Record<string, string>) ?? {}) };
      else throw bad(`cannot update field '${path}'`);
    }
    this.checkLabels(labels, annotations);
    secret.labels = labels;
    secret.annotations = annotations;
    secret.etag++;
    return this.secretOut(project, secret);
  }
}

/** Page tokens are opaque offsets; the default page is small so clients must follow tokens. */
function paginate<T>(items: T[], pageSize: number | undefined, token: string | undefined) {
  const size = Math.min(pageSize && pageSize > 0 ? pageSize : 50, 25_000);
  let offset = 0;
  if (token) {
    offset = Number(Buffer.from(token, "base64url").toString("utf8").replace(/^o:/, ""));
    if (!Number.isInteger(offset) || offset < 0) throw bad("invalid page token");
  }
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`o:${offset + size}`).toString("base64url") : "";
  return { items: slice, next };
}
