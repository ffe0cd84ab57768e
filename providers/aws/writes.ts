/**
 * AWS writes: put (CreateSecret, or PutSecretValue when the value differs), putMany paced under
 * the write quota, delete with a recovery window or forced, restore.
 *
 * Idempotency: each write carries a ClientRequestToken derived from (name, previous version,
 * value), so a retried write can never add a second version. The derivation is an HMAC under a
 * random per-provider key, not a bare hash: the token becomes the public VersionId, and a plain
 * hash of the value would let anyone allowed to list versions guess short values offline.
 * An unchanged value is found by reading the current one first, so it is `unchanged` across
 * processes too (a resumed migration adds no version).
 */
import { createHmac, randomBytes } from "node:crypto";
import { UserError } from "../../src/core/errors.js";
import { mapLimit } from "../../src/core/pace.js";
import { type RetryOptions, withRetry } from "../../src/core/retry.js";
import type { DeleteResult, PutItem, PutOptions, PutResult } from "../types.js";
import type { SecretsApi } from "./api.js";
import { toUserError } from "./errors.js";
import { TAG_PREFIX } from "./reads.js";

/** What a write needs from the provider. */
export interface WriteContext {
  api: SecretsApi;
  tokenKey: Buffer;
  /** Awaited before every write call (the pacer). */
  pace: () => Promise<void>;
  retry: RetryOptions;
}

/** A random key for request tokens. */
export function newTokenKey(): Buffer {
  return randomBytes(32);
}

/** The ClientRequestToken for writing `value` to `name` over `previous` (UUID-shaped, 36 chars). */
export function requestToken(key: Buffer, name: string, previous: string, value: string): string {
  const hex = createHmac("sha256", key).update(`${name}\0${previous}\0`).update(value, "utf8").digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The current state of a secret as a write sees it. */
export type Current =
  | { state: "live"; version: string; value: string }
  | { state: "missing" }
  | { state: "deleting" }
  | { state: "unknown" };

/** Reads the current value (one GetSecretValue). Throws UserError for failures other than missing/deleting. */
export async function readCurrent(ctx: WriteContext, name: string): Promise<Current> {
  try {
    const answer = await withRetry(
      () => call(() => ctx.api.getSecretValue({ SecretId: name }), "GetSecretValue", name),
      ctx.retry,
    );
    return { state: "live", version: answer.VersionId ?? "", value: answer.SecretString ?? "" };
  } catch (error) {
    const code = codeOf(error);
    if (code === "PROVIDER_NOT_FOUND") return { state: "missing" };
    if (code === "PROVIDER_DELETING") return { state: "deleting" };
    throw error;
  }
}

/**
 * Writes one value, starting from what the caller knows of the current state (`unknown` reads it).
 * Restores a secret scheduled for deletion first. Throws UserError.
 */
export async function writeOne(
  ctx: WriteContext,
  item: PutItem,
  known: Current = { state: "unknown" },
): Promise<PutResult> {
  const { name, value, options } = item;
  let current = known;
  let restored = false;
  for (let round = 0; round < 5; round++) {
    if (current.state === "unknown") current = await readCurrent(ctx, name);
    if (current.state === "live") {
      if (current.value === value)
        return {
          name,
          version: current.version,
          created: false,
          unchanged: true,
          ...(restored && { restored }),
        };
      const token = requestToken(ctx.tokenKey, name, current.version, value);
      try {
        const answer = await paced(
          ctx,
          () => ctx.api.putSecretValue({ SecretId: name, SecretString: value, ClientRequestToken: token }),
          "PutSecretValue",
          name,
        );
        return {
          name,
          version: answer.VersionId ?? token,
          created: false,
          unchanged: false,
          ...(restored && { restored }),
        };
      } catch (error) {
        const code = codeOf(error);
        if (code === "PROVIDER_NOT_FOUND") current = { state: "missing" };
        else if (code === "PROVIDER_DELETING") current = { state: "deleting" };
        else throw error;
        continue;
      }
    }
    if (current.state === "deleting") {
      await restoreOrThrow(ctx, name);
      restored = true;
      current = { state: "unknown" };
      continue;
    }
    const token = requestToken(ctx.tokenKey, name, "", value);
    try {
      const answer = await paced(
        ctx,
        () => ctx.api.createSecret(createInput(name, value, token, options)),
        "CreateSecret",
        name,
      );
      return {
        name,
        version: answer.VersionId ?? token,
        created: true,
        unchanged: false,
        ...(restored && { restored }),
      };
    } catch (error) {
      const code = codeOf(error);
      // Another writer created it first, or it is scheduled for deletion: look again.
      if (code === "PROVIDER_CONFLICT") current = { state: "unknown" };
      else if (code === "PROVIDER_DELETING") current = { state: "deleting" };
      else throw error;
    }
  }
  throw new UserError(
    "PROVIDER_CONFLICT",
    `AWS Secrets Manager: ${JSON.stringify(name)} kept changing while being written`,
    {
      hint: "another process is writing the same secret; retry when it is done",
    },
  );
}

function createInput(name: string, value: string, token: string, options: PutOptions | undefined) {
  const tags = Object.entries(options?.labels ?? {}).map(([key, tagValue]) => ({
    Key: `${TAG_PREFIX}${key}`,
    Value: tagValue,
  }));
  return {
    Name: name,
    SecretString: value,
    ClientRequestToken: token,
    Description: options?.description ?? "Managed by dotsecrets",
    ...(tags.length > 0 && { Tags: tags }),
  };
}

/**
 * Puts `items` (already validated): reads every current value in batches, then writes what
 * changed, names in parallel, items of one name in order, every write paced. Throws UserError.
 */
export async function writeMany(
  ctx: WriteContext,
  items: readonly PutItem[],
  readCurrents: (names: string[]) => Promise<Map<string, Current>>,
): Promise<PutResult[]> {
  const groups = new Map<string, number[]>();
  for (const [index, item] of items.entries())
    groups.set(item.name, [...(groups.get(item.name) ?? []), index]);
  const currents = await readCurrents([...groups.keys()]);
  const results = new Array<PutResult>(items.length);
  await mapLimit([...groups.entries()], 16, async ([name, indexes]) => {
    let known = currents.get(name) ?? { state: "unknown" };
    for (const index of indexes) {
      const result = await writeOne(ctx, items[index]!, known);
      results[index] = result;
      known = { state: "live", version: result.version, value: items[index]!.value };
    }
  });
  return results;
}

/** Deletes with a recovery window, or at once with `force`. Throws UserError. */
export async function deleteSecret(
  ctx: WriteContext,
  name: string,
  days: number | undefined,
  force: boolean,
): Promise<DeleteResult> {
  try {
    const answer = await withRetry(
      () =>
        call(
          () =>
            ctx.api.deleteSecret({
              SecretId: name,
              ...(force ? { ForceDeleteWithoutRecovery: true } : { RecoveryWindowInDays: days }),
            }),
          "DeleteSecret",
          name,
        ),
      ctx.retry,
    );
    return {
      name,
      existed: true,
      ...(!force && answer.DeletionDate && { recoverableUntil: answer.DeletionDate }),
    };
  } catch (error) {
    const code = codeOf(error);
    if (code === "PROVIDER_NOT_FOUND") return { name, existed: false };
    // Already scheduled: nothing more to do unless forcing (handled above by AWS itself).
    if (code === "PROVIDER_DELETING") return { name, existed: false };
    throw error;
  }
}

/** Cancels a scheduled deletion. Returns false when the secret is gone or not scheduled. */
export async function restoreSecret(ctx: WriteContext, name: string, scheduled: boolean): Promise<boolean> {
  if (!scheduled) return false;
  await restoreOrThrow(ctx, name);
  return true;
}

/**
 * Restores a secret scheduled for deletion. When the identity may not restore, throws
 * UserError(PROVIDER_DELETING) saying so and naming the command that fixes it.
 */
async function restoreOrThrow(ctx: WriteContext, name: string): Promise<void> {
  try {
    await withRetry(
      () => call(() => ctx.api.restoreSecret({ SecretId: name }), "RestoreSecret", name),
      ctx.retry,
    );
  } catch (error) {
    if (codeOf(error) !== "PROVIDER_AUTH") throw error;
    throw new UserError(
      "PROVIDER_DELETING",
      `AWS Secrets Manager: ${JSON.stringify(name)} is scheduled for deletion and could not be restored (RestoreSecret was refused)`,
      {
        hint: `run \`aws secretsmanager restore-secret --secret-id ${name}\` (or allow secretsmanager:RestoreSecret), then run the command again`,
        cause: error,
      },
    );
  }
}

/** One paced write with retries; the token makes every retry of it idempotent. */
function paced<T>(ctx: WriteContext, fn: () => Promise<T>, op: string, name: string): Promise<T> {
  return withRetry(async () => {
    await ctx.pace();
    return call(fn, op, name);
  }, ctx.retry);
}

/** Runs an SDK call, mapping its failure to a UserError. */
async function call<T>(fn: () => Promise<T>, op: string, name: string): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toUserError(error, op, JSON.stringify(name));
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof UserError ? error.code : undefined;
}
