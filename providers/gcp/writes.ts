/**
 * Writing: put (create when missing, add a version when the value changed), batch put, delete,
 * and disabling versions. Every write is paced and retried; a version add whose answer was lost
 * is checked against the current value before it is sent again, so a retry never stores the same
 * value twice.
 */

import { UserError } from "../../src/core/errors.js";
import { mapLimit } from "../../src/core/pace.js";
import { withRetry } from "../../src/core/retry.js";
import type { DeleteResult, PutItem, PutOptions, PutResult } from "../types.js";
import { valueBytes } from "../types.js";
import { callOptions } from "./client.js";
import type { GcpContext } from "./context.js";
import { crc32c } from "./crc32c.js";
import { MAX_VALUE_BYTES } from "./descriptor.js";
import { Code, grpcCode, isAmbiguous } from "./errors.js";
import { checkGcpName, MAX_NAME_LENGTH, scopeLabels } from "./names.js";
import { DESCRIPTION_ANNOTATION, getSecret, readCurrent, userLabels } from "./reads.js";

const ANNOTATION_KEY = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** Throws UserError(PROVIDER_NAME / PROVIDER_SIZE / PROVIDER_REJECTED) for an item GCP would refuse. */
export function validatePut(item: PutItem): void {
  const problem = checkGcpName(item.name);
  if (problem) {
    throw new UserError("PROVIDER_NAME", `the gcp provider rejects the name '${item.name}': ${problem}`, {
      hint: `names are at most ${MAX_NAME_LENGTH} characters of letters, digits, '_', '.', '-' in '/'-separated segments`,
    });
  }
  const bytes = valueBytes(item.value);
  if (bytes > MAX_VALUE_BYTES) {
    throw new UserError(
      "PROVIDER_SIZE",
      `the value of '${item.name}' is ${bytes} bytes, over Google Cloud Secret Manager's limit of ${MAX_VALUE_BYTES}`,
      { hint: "store large files elsewhere and keep a path or URL in the variable" },
    );
  }
  for (const key of Object.keys(item.options?.labels ?? {})) {
    if (!ANNOTATION_KEY.test(key) || key === DESCRIPTION_ANNOTATION) {
      throw new UserError("PROVIDER_REJECTED", `the label '${key}' cannot be stored on a GCP secret`, {
        hint: "label keys are 1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit",
      });
    }
  }
}

/** The annotations a put with `options` leaves on a secret that has `existing` ones. */
function annotationsFor(
  options: PutOptions | undefined,
  existing: Record<string, string> = {},
): Record<string, string> {
  const description = options?.description ?? existing[DESCRIPTION_ANNOTATION];
  const labels = options?.labels ?? userLabels({ annotations: existing });
  return { ...labels, ...(description !== undefined ? { [DESCRIPTION_ANNOTATION]: description } : {}) };
}

function replication(locations: string[]): Record<string, unknown> {
  return locations.length === 0
    ? { automatic: {} }
    : { userManaged: { replicas: locations.map((location) => ({ location })) } };
}

/** Creates the secret; false when it already existed. Throws UserError. */
async function createSecret(
  ctx: GcpContext,
  name: string,
  options: PutOptions | undefined,
): Promise<boolean> {
  const what = `creating '${name}'`;
  const parent = `projects/${await ctx.project()}`;
  const secret = {
    replication: replication(ctx.settings.locations),
    labels: scopeLabels(name),
    annotations: annotationsFor(options),
  };
  let uncertain = false;
  const secretId = (await ctx.secretPath(name)).split("/").pop()!;
  try {
    await ctx.call("write", what, async (callOptions) => {
      try {
        return await ctx.client.createSecret({ parent, secretId, secret }, callOptions);
      } catch (error) {
        uncertain ||= isAmbiguous(error);
        throw error;
      }
    });
    return true;
  } catch (error) {
    // ALREADY_EXISTS after a lost answer means our own earlier attempt created it.
    if (grpcCode(error) === Code.ALREADY_EXISTS) return uncertain;
    throw ctx.fail(error, what);
  }
}

/** Replaces the caller's labels and description on an existing secret when they differ. */
async function syncAnnotations(ctx: GcpContext, name: string, options: PutOptions): Promise<void> {
  const secret = await getSecret(ctx, name);
  if (!secret) return;
  const existing = secret.annotations ?? {};
  const wanted = annotationsFor(options, existing);
  const sorted = (o: Record<string, string>) => JSON.stringify(Object.entries(o).sort());
  if (sorted(wanted) === sorted(existing)) return;
  const what = `updating the labels of '${name}'`;
  try {
    const path = await ctx.secretPath(name);
    await ctx.call("write", what, (callOptions) =>
      ctx.client.updateSecret(
        { secret: { name: path, annotations: wanted }, updateMask: { paths: ["annotations"] } },
        callOptions,
      ),
    );
  } catch (error) {
    throw ctx.fail(error, what);
  }
}

/**
 * Adds a version holding `value`; returns its id. On a lost answer (UNAVAILABLE, DEADLINE_EXCEEDED)
 * the current value is read before trying again: equal means the add landed. Throws UserError.
 */
async function addVersion(ctx: GcpContext, name: string, value: string): Promise<string> {
  const what = `writing '${name}'`;
  const parent = await ctx.secretPath(name);
  const data = Buffer.from(value, "utf8");
  let uncertain = false;
  return withRetry(async () => {
    if (uncertain) {
      const current = await readCurrent(ctx, name);
      if (current.state === "ok" && current.value === value) return current.version;
    }
    await ctx.writes.take();
    try {
      const [version] = await ctx.client.addSecretVersion(
        { parent, payload: { data, dataCrc32c: crc32c(data) } },
        callOptions(ctx.settings.timeoutMs),
      );
      return String(version.name ?? "")
        .split("/")
        .pop()!;
    } catch (error) {
      uncertain ||= isAmbiguous(error);
      throw ctx.fail(error, what);
    }
  }, ctx.retryOptions());
}

/** Stores `value` under `name` (see SecretProvider.put). Throws UserError. */
export async function put(
  ctx: GcpContext,
  name: string,
  value: string,
  options?: PutOptions,
): Promise<PutResult> {
  validatePut({ name, value, options });
  const current = await readCurrent(ctx, name);
  if (current.state === "denied") {
    throw new UserError(
      "PROVIDER_AUTH",
      `Google Cloud Secret Manager denied reading '${name}' before writing it`,
      {
        hint: "the migrating identity needs roles/secretmanager.admin (see `secrets policy --provider gcp`)",
      },
    );
  }
  const existed = current.state === "ok";
  if (existed && (options?.labels !== undefined || options?.description !== undefined)) {
    await syncAnnotations(ctx, name, options);
  }
  if (existed && current.value === value)
    return { name, version: current.version, created: false, unchanged: true };
  const created = existed ? false : await createSecret(ctx, name, options);
  const version = await addVersion(ctx, name, value);
  return { name, version, created, unchanged: false };
}

/**
 * Batch put: items of one name in order, different names in parallel (bounded), writes paced.
 * Every item is validated first. On a failure no new item starts; the error says how many were
 * written, and a rerun resumes (unchanged values add no version). Throws UserError.
 */
export async function putMany(ctx: GcpContext, items: readonly PutItem[]): Promise<PutResult[]> {
  for (const item of items) validatePut(item);
  const groups = new Map<string, number[]>();
  for (const [index, item] of items.entries())
    groups.set(item.name, [...(groups.get(item.name) ?? []), index]);
  const results = new Array<PutResult>(items.length);
  let written = 0;
  try {
    await mapLimit([...groups.values()], ctx.settings.concurrency, async (indices) => {
      for (const index of indices) {
        const item = items[index]!;
        results[index] = await put(ctx, item.name, item.value, item.options);
        written++;
      }
    });
  } catch (error) {
    const failure = ctx.fail(error, "a batch write");
    throw new UserError(
      failure.code,
      `${failure.message}; ${written} of ${items.length} secrets were written before it stopped`,
      {
        hint: `${failure.hint ?? "fix the cause"}; running the same command again resumes (secrets already written are kept and add no new version)`,
        cause: failure,
      },
    );
  }
  return results;
}

/**
 * Deletes a secret and all its versions, at once (GCP keeps nothing for recovery); a missing
 * secret is `existed: false`. Throws UserError.
 */
export async function deleteSecret(ctx: GcpContext, name: string): Promise<DeleteResult> {
  if (checkGcpName(name) !== undefined) return { name, existed: false };
  const what = `deleting '${name}'`;
  let uncertain = false;
  try {
    const path = await ctx.secretPath(name);
    await ctx.call("write", what, async (options) => {
      try {
        return await ctx.client.deleteSecret({ name: path }, options);
      } catch (error) {
        uncertain ||= isAmbiguous(error);
        throw error;
      }
    });
    return { name, existed: true };
  } catch (error) {
    // NOT_FOUND after a lost answer: our own earlier attempt deleted it.
    if (grpcCode(error) === Code.NOT_FOUND) return { name, existed: uncertain };
    throw ctx.fail(error, what);
  }
}

/** Disables one version (undo of an added version); a missing or destroyed one is fine. Throws UserError. */
export async function disableVersion(ctx: GcpContext, name: string, version: string): Promise<void> {
  if (checkGcpName(name) !== undefined || !/^[1-9]\d{0,17}$/.test(version)) return;
  const what = `disabling version ${version} of '${name}'`;
  try {
    const path = `${await ctx.secretPath(name)}/versions/${version}`;
    await ctx.call("write", what, (options) => ctx.client.disableSecretVersion({ name: path }, options));
  } catch (error) {
    const code = grpcCode(error);
    if (code !== Code.NOT_FOUND && code !== Code.FAILED_PRECONDITION) throw ctx.fail(error, what);
  }
}
