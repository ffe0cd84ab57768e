/**
 * Reading: values (latest or pinned, CRC-32C verified), and metadata for list and describe.
 */

import { mapLimit } from "../../src/core/pace.js";
import type { ListOptions, SecretInfo, SecretPage, SecretRequest, SecretResult } from "../types.js";
import type { SecretMsg, VersionMsg } from "./client.js";
import { toMillis } from "./client.js";
import { checksumMismatch, type GcpContext } from "./context.js";
import { crc32c } from "./crc32c.js";
import { Code, grpcCode } from "./errors.js";
import { checkGcpName, fromSecretId, listFilter } from "./names.js";

/** The annotation holding a secret's description; every other annotation is a caller's label. */
export const DESCRIPTION_ANNOTATION = "dotsecrets.description";

export type Current =
  | { state: "ok"; version: string; value: string }
  | { state: "missing" }
  | { state: "denied" };

const VERSION_ID = /^[1-9]\d{0,17}$/;
const lastSegment = (name: string | null | undefined) =>
  String(name ?? "")
    .split("/")
    .pop() ?? "";
const stateOf = (v: VersionMsg) => String(v.state);

/** Accesses one version. Throws the raw gRPC error for anything but success. */
async function access(
  ctx: GcpContext,
  path: string,
  what: string,
): Promise<{ version: string; value: string }> {
  return ctx.call("access", what, async (options) => {
    const [response] = await ctx.client.accessSecretVersion({ name: path }, options);
    const data = Buffer.from((response.payload?.data as Uint8Array | undefined) ?? Buffer.alloc(0));
    const sent = response.payload?.dataCrc32c;
    if (sent !== undefined && sent !== null && Number(String(sent)) !== crc32c(data))
      throw checksumMismatch(what);
    return { version: lastSegment(response.name), value: data.toString("utf8") };
  });
}

/** Every version of a secret, newest first (all pages). Throws the raw gRPC error. */
export async function listVersions(
  ctx: GcpContext,
  path: string,
  what: string,
  filter?: string,
): Promise<VersionMsg[]> {
  const versions: VersionMsg[] = [];
  let pageToken: string | undefined;
  do {
    const [page, , raw] = await ctx.call("read", what, (options) =>
      ctx.client.listSecretVersions(
        { parent: path, pageSize: 250, pageToken, ...(filter ? { filter } : {}) },
        options,
      ),
    );
    versions.push(...page);
    pageToken = raw?.nextPageToken || undefined;
  } while (pageToken);
  return versions.sort((a, b) => Number(lastSegment(b.name)) - Number(lastSegment(a.name)));
}

/**
 * The current value: `latest`, or when the latest version is disabled (e.g. by an undo), the newest
 * enabled one. Throws UserError for failures other than a missing secret or a denied read.
 */
export async function readCurrent(ctx: GcpContext, name: string): Promise<Current> {
  const path = await ctx.secretPath(name);
  const what = `reading '${name}'`;
  try {
    return { state: "ok", ...(await access(ctx, `${path}/versions/latest`, what)) };
  } catch (error) {
    const code = grpcCode(error);
    if (code === Code.NOT_FOUND) return { state: "missing" };
    if (code === Code.PERMISSION_DENIED) return { state: "denied" };
    if (code !== Code.FAILED_PRECONDITION) throw ctx.fail(error, what);
  }
  try {
    const [newest] = await listVersions(ctx, path, what, "state:ENABLED");
    if (!newest) return { state: "missing" };
    return { state: "ok", ...(await access(ctx, `${path}/versions/${lastSegment(newest.name)}`, what)) };
  } catch (error) {
    const code = grpcCode(error);
    if (code === Code.NOT_FOUND || code === Code.FAILED_PRECONDITION) return { state: "missing" };
    if (code === Code.PERMISSION_DENIED) return { state: "denied" };
    throw ctx.fail(error, what);
  }
}

/** Fetches the secret's metadata, or undefined when it does not exist. Throws UserError otherwise. */
export async function getSecret(ctx: GcpContext, name: string): Promise<SecretMsg | undefined> {
  const what = `describing '${name}'`;
  try {
    const path = await ctx.secretPath(name);
    const [secret] = await ctx.call("read", what, (options) => ctx.client.getSecret({ name: path }, options));
    return secret;
  } catch (error) {
    if (grpcCode(error) === Code.NOT_FOUND) return undefined;
    throw ctx.fail(error, what);
  }
}

async function getOne(ctx: GcpContext, request: SecretRequest): Promise<SecretResult> {
  const { name, version } = request;
  const miss = (reason: "not-found" | "version-not-found" | "denied"): SecretResult =>
    version === undefined ? { ok: false, name, reason } : { ok: false, name, version, reason };
  if (checkGcpName(name) !== undefined) return miss("not-found");
  if (version === undefined) {
    const current = await readCurrent(ctx, name);
    if (current.state === "ok") return { ok: true, name, version: current.version, value: current.value };
    return miss(current.state === "denied" ? "denied" : "not-found");
  }
  const what = `reading '${name}' version ${version}`;
  const exists = async () => ((await getSecret(ctx, name)) ? miss("version-not-found") : miss("not-found"));
  if (!VERSION_ID.test(version)) return exists();
  try {
    const got = await access(ctx, `${await ctx.secretPath(name)}/versions/${version}`, what);
    return { ok: true, name, version: got.version, value: got.value };
  } catch (error) {
    const code = grpcCode(error);
    if (code === Code.NOT_FOUND) return exists();
    if (code === Code.FAILED_PRECONDITION) return miss("version-not-found");
    if (code === Code.PERMISSION_DENIED) return miss("denied");
    throw ctx.fail(error, what);
  }
}

/** Reads many values in parallel (bounded), one result per request in order; duplicates read once. */
export async function getMany(ctx: GcpContext, requests: readonly SecretRequest[]): Promise<SecretResult[]> {
  const key = (r: SecretRequest) => `${r.name}\u0000${r.version ?? ""}`;
  const unique = [...new Map(requests.map((r) => [key(r), r])).values()];
  const results = await mapLimit(unique, ctx.settings.concurrency, (request) => getOne(ctx, request));
  const byKey = new Map(unique.map((r, i) => [key(r), results[i]!]));
  return requests.map((r) => byKey.get(key(r))!);
}

/** The caller's labels stored on a secret (its annotations, without the description). */
export function userLabels(secret: SecretMsg): Record<string, string> {
  const labels = { ...(secret.annotations ?? {}) };
  delete labels[DESCRIPTION_ANNOTATION];
  return labels;
}

/** The newest enabled version (one small page: versions are listed newest first). */
async function newestEnabled(ctx: GcpContext, path: string, what: string): Promise<VersionMsg | undefined> {
  const [page] = await ctx.call("read", what, (options) =>
    ctx.client.listSecretVersions({ parent: path, pageSize: 1, filter: "state:ENABLED" }, options),
  );
  return page[0];
}

/**
 * Metadata for `name` from its secret message plus one version listing: the whole listing when
 * `withCount` (describe, or list with versionCount), else only the newest enabled version.
 * Throws UserError.
 */
export async function toInfo(
  ctx: GcpContext,
  name: string,
  secret: SecretMsg,
  withCount: boolean,
): Promise<SecretInfo> {
  const path = await ctx.secretPath(name);
  const what = `listing versions of '${name}'`;
  let versions: VersionMsg[] = [];
  try {
    if (withCount) versions = await listVersions(ctx, path, what);
    else versions = [await newestEnabled(ctx, path, what)].filter((v) => v !== undefined);
  } catch (error) {
    if (grpcCode(error) !== Code.NOT_FOUND) throw ctx.fail(error, what);
  }
  const kept = versions.filter((v) => stateOf(v) !== "DESTROYED" && stateOf(v) !== "3");
  const current = kept.find((v) => stateOf(v) === "ENABLED" || stateOf(v) === "1") ?? kept[0];
  const createdAt = new Date(toMillis(secret.createTime));
  const updatedAt = new Date(Math.max(createdAt.getTime(), ...versions.map((v) => toMillis(v.createTime))));
  const info: SecretInfo = { name, version: current ? lastSegment(current.name) : "", createdAt, updatedAt };
  if (withCount) info.versionCount = kept.length;
  const labels = userLabels(secret);
  if (Object.keys(labels).length > 0) info.labels = labels;
  return info;
}

/**
 * One page of the secrets whose scoped name starts with `prefix`: a label filter narrows the
 * ListSecrets call to the app/env, the prefix is checked on the decoded names, the page is sorted
 * by name; `cursor` is GCP's page token. Throws UserError.
 */
export async function list(ctx: GcpContext, prefix: string, options: ListOptions = {}): Promise<SecretPage> {
  const parent = `projects/${await ctx.project()}`;
  const what = prefix ? `listing secrets under '${prefix}'` : "listing secrets";
  const pageSize = Math.min(Math.max(1, Math.floor(options.pageSize ?? 250)), 250);
  let response: Awaited<ReturnType<typeof ctx.client.listSecrets>>;
  try {
    response = await ctx.call("read", what, (callOptions) =>
      ctx.client.listSecrets(
        {
          parent,
          filter: listFilter(prefix),
          pageSize,
          ...(options.cursor ? { pageToken: options.cursor } : {}),
        },
        callOptions,
      ),
    );
  } catch (error) {
    throw ctx.fail(error, what);
  }
  const [secrets, , raw] = response;
  const found: Array<[string, SecretMsg]> = [];
  for (const secret of secrets) {
    const name = fromSecretId(lastSegment(secret.name));
    if (name?.startsWith(prefix)) found.push([name, secret]);
  }
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const items = await mapLimit(found, ctx.settings.concurrency, ([name, secret]) =>
    toInfo(ctx, name, secret, options.versionCount === true),
  );
  const cursor = raw?.nextPageToken || undefined;
  return cursor ? { items, cursor } : { items };
}
