/**
 * The secrets step: write every planned secret, read it back at the version written, compare, and
 * record it verified. Per-secret failures do not throw: they are recorded (our own code and text,
 * never a provider's message, which may quote request text) and those keys stay in plaintext.
 */
import pLimit from "p-limit";
import type { PutResult, SecretProvider } from "../../../providers/types.js";
import { parseBundle, serializeBundle } from "../../core/bundle.js";
import { UserError } from "../../core/errors.js";
import { withRetry } from "../../core/retry.js";
import type { Journal, PlannedWrite } from "../types.js";
import type { MigrationStep } from "./types.js";

export const secretsStep: MigrationStep = {
  id: "secrets",
  async run(ctx) {
    const { journal, provider } = ctx;
    const plan = journal.plan;
    const values = valuesOf(journal, await ctx.originals());
    await mergeRemoteBundles(provider, journal, values);
    const pending = plan.writes.filter((write) => !journal.written[write.name]);
    for (const write of pending) delete journal.failed[write.name];
    for (let start = 0; start < pending.length; start += ctx.batchSize) {
      const batch = pending.slice(start, start + ctx.batchSize);
      await writeBatch(provider, journal, batch, values, ctx.concurrency);
      // Progress counts only what was verified.
      ctx.hooks.progress?.({
        phase: "write",
        done: Object.keys(journal.written).length,
        total: plan.writes.length,
      });
      await ctx.save(`write:${start / ctx.batchSize}`);
    }
  },
};

/** Our own words for a failure: the error's code, and text that never quotes a provider's message. */
export function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof UserError)
    return { code: error.code, message: FAILURE_TEXT[error.code] ?? "the provider refused the write" };
  return { code: "ERROR", message: "an unexpected error occurred while writing" };
}

const FAILURE_TEXT: Record<string, string> = {
  PROVIDER_UNAVAILABLE: "the provider was unavailable (after retries)",
  PROVIDER_AUTH: "the provider refused the credentials",
  PROVIDER_NAME: "the provider rejects the name",
  PROVIDER_SIZE: "the value is over the provider's size limit",
  PROVIDER_NOT_FOUND: "the provider could not find the secret",
  STORE_LOCKED: "the local store stayed locked",
  STORE_CORRUPT: "the local store is damaged",
  STORE_KEY: "the local store's key is missing or wrong",
  READBACK: "the value read back differs from the value written",
};

/** The value each write stores: the entry's value, or a bundle's JSON of its fields. */
function valuesOf(
  journal: Journal,
  originals: Map<string, { doc: { entries: ReadonlyArray<{ value: string }> } }>,
): Map<string, string> {
  const values = new Map<string, string>();
  for (const write of journal.plan.writes) {
    const fields: Record<string, string> = {};
    for (const source of write.sources) {
      const value = originals.get(source.file)?.doc.entries[source.index]?.value;
      if (value === undefined)
        throw new UserError("JOURNAL", `${source.file}: entry ${source.key} is missing`);
      fields[source.key] = value;
    }
    values.set(write.name, write.bundle ? serializeBundle(fields) : fields[write.sources[0]!.key]!);
  }
  return values;
}

/** Bundles that already exist keep the fields this migration does not set. */
async function mergeRemoteBundles(provider: SecretProvider, journal: Journal, values: Map<string, string>) {
  const merging = journal.plan.writes.filter(
    (write) => write.remote === "merge" && !journal.written[write.name],
  );
  if (merging.length === 0) return;
  const results = await withRetry(() => provider.getMany(merging.map((write) => ({ name: write.name }))));
  merging.forEach((write, index) => {
    const result = results[index];
    const remote = result?.ok ? parseBundle(result.value) : undefined;
    if (remote)
      values.set(write.name, serializeBundle({ ...remote, ...parseBundle(values.get(write.name)!) }));
  });
}

/** Puts a batch, reads it back at the versions written and records verified or failed names. */
async function writeBatch(
  provider: SecretProvider,
  journal: Journal,
  batch: PlannedWrite[],
  values: Map<string, string>,
  concurrency: number,
) {
  const labels = (write: PlannedWrite) => ({
    labels: { app: write.name.split("/")[0] ?? journal.plan.app, env: write.name.split("/")[1] ?? "" },
  });
  const results = new Map<string, PutResult>();
  const fail = (name: string, error: unknown) => {
    journal.failed[name] = failureOf(error);
  };
  let batched = false;
  if (provider.putMany) {
    try {
      const items = batch.map((write) => ({
        name: write.name,
        value: values.get(write.name)!,
        options: labels(write),
      }));
      const put = await withRetry(() => provider.putMany!(items));
      for (const result of put) results.set(result.name, result);
      batched = true;
    } catch {
      // Fall through to one put per secret, which tells which one fails.
    }
  }
  if (!batched) {
    const limit = pLimit(concurrency);
    await Promise.all(
      batch.map((write) =>
        limit(async () => {
          try {
            results.set(
              write.name,
              await withRetry(() => provider.put(write.name, values.get(write.name)!, labels(write))),
            );
          } catch (error) {
            fail(write.name, error);
          }
        }),
      ),
    );
  }
  const written = batch.filter((write) => results.has(write.name));
  if (written.length === 0) return;
  let readBack: Awaited<ReturnType<SecretProvider["getMany"]>>;
  try {
    readBack = await withRetry(() =>
      provider.getMany(
        written.map((write) => ({ name: write.name, version: results.get(write.name)!.version })),
      ),
    );
  } catch (error) {
    for (const write of written) fail(write.name, error);
    return;
  }
  written.forEach((write, index) => {
    const result = readBack[index];
    if (result?.ok && result.value === values.get(write.name)) {
      journal.written[write.name] = {
        version: results.get(write.name)!.version,
        created: write.remote === "absent",
      };
    } else {
      journal.failed[write.name] = { code: "READBACK", message: FAILURE_TEXT.READBACK! };
    }
  });
}
