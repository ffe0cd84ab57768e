/**
 * Apply: write every planned secret, read it back, compare, and only then replace its plaintext
 * line with a reference. The invariant, at every instant (kill -9 included): each original value
 * is still in its original file, or verified in the provider. The journal records progress so a
 * rerun resumes; an original that was already replaced is rebuilt from its stub and the provider.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import type { PutResult, SecretProvider } from "../../providers/types.js";
import { writeFileAtomic } from "../atomic-write.js";
import { withRetry } from "../core/retry.js";
import { parseEnv, parseEnvBuffer } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import { UserError } from "../errors.js";
import { parseBundle, serializeBundle } from "../runtime/bundle.js";
import { updateGitignore, writeProjectConfig } from "./finalize.js";
import { cleanStaleTemps, saveJournal } from "./journal.js";
import { buildStub, restoreSource, sha256 } from "./stub-file.js";
import { headerOf, type Journal, type PlannedFile, type PlannedWrite } from "./types.js";
import { entryValue, fetchWritten } from "./values.js";

export interface ProgressEvent {
  phase: "write" | "stub";
  done: number;
  total: number;
}

export interface ApplyHooks {
  progress?(event: ProgressEvent): void;
  /** Called at every step boundary: after each journal save and each file write. */
  step?(label: string): void | Promise<void>;
}

export interface ApplyOptions {
  root: string;
  provider: SecretProvider;
  journal: Journal;
  hooks?: ApplyHooks;
  /** Writes in flight at once when the provider has no batch put. */
  concurrency?: number;
  /** Writes per batch (and per journal save). */
  batchSize?: number;
}

const moves = (file: PlannedFile) => file.entries.filter((entry) => entry.action === "move");

/**
 * Applies (or resumes) a journaled migration. Throws UserError(MIGRATE_CHANGED) when a file changed
 * since the plan — before writing anything for it. Per-secret provider failures do not throw: they
 * are recorded in journal.failed, the keys stay in plaintext, and the state ends "partial".
 */
export async function applyMigration(options: ApplyOptions): Promise<Journal> {
  const { root, provider, journal, hooks = {} } = options;
  const plan = journal.plan;
  const save = async (label: string) => {
    await saveJournal(root, journal);
    await hooks.step?.(label);
  };
  await cleanStaleTemps(
    root,
    plan.files.map((file) => file.path),
  );
  await save("start");

  const originals = await readOriginals(root, provider, journal);
  const values = valuesOf(journal, originals);
  await mergeRemoteBundles(provider, journal, values);

  const pending = plan.writes.filter((write) => !journal.written[write.name]);
  for (const write of pending) delete journal.failed[write.name];
  let done = plan.writes.length - pending.length;
  const batchSize = options.batchSize ?? 50;
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    await writeBatch(provider, journal, batch, values, options.concurrency ?? 8);
    done += batch.length;
    hooks.progress?.({ phase: "write", done, total: plan.writes.length });
    await save(`write:${start / batchSize}`);
  }

  let stubbed = 0;
  for (const file of plan.files) {
    const moved = moves(file).filter((entry) => journal.written[entry.name!]);
    const original = originals.get(file.path);
    if (original && moved.length > 0) {
      const stub = buildStub(original.doc, moved, headerOf(plan, file));
      const path = join(root, file.path);
      const current = await readFile(path);
      if (sha256(current) !== original.currentHash) throw changed(file.path);
      if (current.toString("utf8") !== stub) {
        await writeFileAtomic(path, stub, { mode: (await stat(path)).mode & 0o777 });
      }
      journal.stubs[file.path] = sha256(stub);
      await save(`stub:${file.path}`);
    }
    hooks.progress?.({ phase: "stub", done: ++stubbed, total: plan.files.length });
  }

  await updateGitignore(root, journal, () => save("gitignore-intent"));
  await hooks.step?.("gitignore");
  await writeProjectConfig(root, journal, () => save("config-intent"));
  journal.state = Object.keys(journal.failed).length > 0 ? "partial" : "done";
  await save("finish");
  return journal;
}

function changed(path: string): UserError {
  return new UserError(
    "MIGRATE_CHANGED",
    `${path} changed since the migration was planned; stopping (nothing was lost)`,
    {
      hint: "every value is still in that file or verified in the provider; restore the file, or run `secrets undo`",
    },
  );
}

/** Reads each file with moves and returns its original document (rebuilt from a stub after a crash). */
async function readOriginals(root: string, provider: SecretProvider, journal: Journal) {
  const plan = journal.plan;
  const originals = new Map<string, { doc: EnvDocument; currentHash: string }>();
  let fetched: Map<string, string> | undefined;
  for (const file of plan.files) {
    const moved = moves(file);
    if (moved.length === 0) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(root, file.path));
    } catch {
      throw changed(file.path);
    }
    const currentHash = sha256(bytes);
    if (currentHash === file.hash) {
      originals.set(file.path, { doc: parseEnvBuffer(bytes, file.path), currentHash });
      continue;
    }
    fetched ??= await fetchWritten(provider, journal, Object.keys(journal.written));
    const raw = fetched;
    const restored = restoreSource(
      bytes.toString("utf8"),
      file.path,
      headerOf(plan, file),
      file.entryCount,
      moved,
      (entry) => entryValue(entry, raw, plan.layout === "bundle"),
    );
    if (restored === undefined || sha256(restored) !== file.hash) throw changed(file.path);
    originals.set(file.path, { doc: parseEnv(restored, file.path), currentHash });
  }
  return originals;
}

/** The value each write stores: the entry's value, or a bundle's JSON of its fields. */
function valuesOf(journal: Journal, originals: Map<string, { doc: EnvDocument }>): Map<string, string> {
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
    labels: { app: journal.plan.app, env: write.name.split("/")[1] ?? "" },
  });
  const results = new Map<string, PutResult>();
  const fail = (name: string, error: unknown) => {
    const code = error instanceof UserError ? error.code : "ERROR";
    journal.failed[name] = { code, message: error instanceof Error ? error.message : String(error) };
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
      fail(
        write.name,
        new UserError(
          "PROVIDER_UNAVAILABLE",
          `${write.name}: the value read back differs from the value written`,
        ),
      );
    }
  });
}
