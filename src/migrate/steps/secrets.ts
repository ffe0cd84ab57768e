/**
 * The secrets step: write every planned secret, read it back at the version written, compare, and
 * record it verified. Per-secret failures do not throw: they are recorded (our own code and text,
 * never a provider's message, which may quote request text) and those keys stay in plaintext.
 */
import pLimit from "p-limit";
import type { PutResult, SecretProvider } from "../../../providers/types.js";
import { parseBundle, serializeBundle } from "../../core/bundle.js";
import { EXIT, UserError } from "../../core/errors.js";
import { parseReference } from "../../core/reference.js";
import { withRetry } from "../../core/retry.js";
import { resolveReferences } from "../repoint.js";
import type { Journal, PlannedWrite, PlanProblem } from "../types.js";
import type { MigrationStep, StepContext } from "./types.js";

export const secretsStep: MigrationStep = {
  id: "secrets",
  async run(ctx) {
    const { journal, provider } = ctx;
    const plan = journal.plan;
    const pending = plan.writes.filter((write) => !journal.written[write.name]);
    const moved = await movedValues(ctx, pending);
    const values = valuesOf(journal, await ctx.originals(), moved);
    await mergeRemoteBundles(provider, journal, values);
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
    // Not one secret could be written (credentials, permissions, an outage): stop here, before any
    // other step touches the project, with the journal saved so the next run resumes.
    if (pending.length > 0 && pending.every((write) => !journal.written[write.name])) {
      const first = Object.entries(journal.failed)[0];
      throw new UserError(
        "PROVIDER_FAILED",
        `no secret could be written to the ${provider.kind} provider${first ? ` (${first[0]}: ${first[1].message})` : ""}; no file was changed`,
        {
          hint: "fix the cause, then run `secrets migrate` again: it resumes where this run stopped (`secrets undo` abandons it)",
          exitCode: EXIT.findings,
        },
      );
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
  PROVIDER_DELETING:
    "the secret is scheduled for deletion and could not be restored first (RestoreSecret refused); restore it (aws secretsmanager restore-secret --secret-id <name>) or allow secretsmanager:RestoreSecret, then run `secrets migrate` again",
  STORE_LOCKED: "the local store stayed locked",
  STORE_CORRUPT: "the local store is damaged",
  STORE_KEY: "the local store's key is missing or wrong",
  READBACK: "the value read back differs from the value written",
};

/**
 * The values of the re-pointed entries among `pending` writes (a project moving providers), read
 * from the providers their old references name, keyed by reference. Throws UserError(MIGRATE_CHANGED)
 * when one can no longer be read.
 */
async function movedValues(ctx: StepContext, pending: readonly PlannedWrite[]): Promise<Map<string, string>> {
  const names = new Set(pending.map((write) => write.name));
  const items = ctx.journal.plan.files.flatMap((file) =>
    file.entries.flatMap((entry) => {
      if (entry.action !== "move" || entry.from === undefined || !names.has(entry.name!)) return [];
      const ref = parseReference(entry.from);
      return "error" in ref
        ? []
        : [{ file: file.path, line: entry.line, key: entry.key, text: entry.from, ref }];
    }),
  );
  if (items.length === 0) return new Map();
  if (!ctx.openSource)
    throw new UserError("JOURNAL", "this migration re-points references but cannot open their provider");
  const problems: PlanProblem[] = [];
  const values = await resolveReferences(items, ctx.openSource, problems);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new UserError("MIGRATE_CHANGED", `${first.file}:${first.line} ${first.key}: ${first.message}`, {
      hint: "restore that secret in its provider (every value is still there or in its file), or run `secrets undo`",
    });
  }
  return values;
}

/** The value each write stores: the entry's value, or a bundle's JSON of its fields. */
function valuesOf(
  journal: Journal,
  originals: Map<string, { doc: { entries: ReadonlyArray<{ value: string }> } }>,
  moved: Map<string, string>,
): Map<string, string> {
  const values = new Map<string, string>();
  const planned = new Map(journal.plan.files.map((file) => [file.path, file.entries]));
  for (const write of journal.plan.writes) {
    if (journal.written[write.name]) continue;
    const fields: Record<string, string> = {};
    for (const source of write.sources) {
      const from = planned.get(source.file)?.find((entry) => entry.index === source.index)?.from;
      const value =
        from === undefined ? originals.get(source.file)?.doc.entries[source.index]?.value : moved.get(from);
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
        added: !results.get(write.name)!.unchanged,
      };
    } else {
      journal.failed[write.name] = { code: "READBACK", message: FAILURE_TEXT.READBACK! };
    }
  });
}
