/**
 * Undo: rebuild every original .env file byte for byte from its stub, the journal and the
 * provider's values (at the versions the migration wrote), take back the .gitignore lines and the
 * config file it added, and optionally delete the secrets it created.
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { SecretProvider } from "../../providers/types.js";
import { writeFileAtomic } from "../atomic-write.js";
import { withRetry } from "../core/retry.js";
import { applyEdits, encodeValue, parseEnv, removeHeader } from "../envfile/index.js";
import { UserError } from "../errors.js";
import { revertGitignore, revertProjectConfig } from "./finalize.js";
import { cleanStaleTemps, saveJournal } from "./journal.js";
import { restoreSource, sha256 } from "./stub-file.js";
import { headerOf, type Journal, type PlannedFile } from "./types.js";
import { entryValue, fetchWritten } from "./values.js";

export interface UndoOptions {
  root: string;
  provider: SecretProvider;
  journal: Journal;
  /** Restore files that changed since the migration (their other edits are kept, not byte-exact). */
  force?: boolean;
  /** Delete the secrets this migration created. */
  deleteRemote?: boolean;
}

export interface UndoResult {
  restored: string[];
  unchanged: string[];
  deleted: string[];
}

const moves = (file: PlannedFile) => file.entries.filter((entry) => entry.action === "move");

/**
 * Computes every restored file first and writes only when all can be restored, so a refusal
 * changes nothing. Throws UserError(UNDO_CHANGED) when a stub changed since the migration (unless
 * force), or PROVIDER_NOT_FOUND when the provider lost a value.
 */
export async function undoMigration(options: UndoOptions): Promise<UndoResult> {
  const { root, provider, journal } = options;
  const plan = journal.plan;
  await cleanStaleTemps(
    root,
    plan.files.map((file) => file.path),
  );
  const raw = await fetchWritten(provider, journal, Object.keys(journal.written));
  const bundle = plan.layout === "bundle";
  const outputs: Array<{ path: string; text: string }> = [];
  const result: UndoResult = { restored: [], unchanged: [], deleted: [] };
  const refused: string[] = [];

  for (const file of plan.files) {
    const moved = moves(file);
    const path = join(root, file.path);
    if (moved.length === 0 || !existsSync(path)) {
      if (moved.length > 0) refused.push(`${file.path} (deleted)`);
      continue;
    }
    const current = await readFile(path, "utf8");
    if (sha256(current) === file.hash) {
      result.unchanged.push(file.path);
      continue;
    }
    const valueFor = (entry: (typeof moved)[number]) => entryValue(entry, raw, bundle);
    const exact = restoreSource(current, file.path, headerOf(plan, file), file.entryCount, moved, valueFor);
    if (exact !== undefined && sha256(exact) === file.hash) {
      outputs.push({ path: file.path, text: exact });
      continue;
    }
    if (!options.force) {
      refused.push(file.path);
      continue;
    }
    outputs.push({ path: file.path, text: restoreByKey(current, file, headerOf(plan, file), valueFor) });
  }
  if (refused.length > 0) {
    throw new UserError(
      "UNDO_CHANGED",
      `changed since the migration: ${refused.join(", ")}; nothing was restored`,
      {
        hint: "pass --force to put the values back into the files as they are now (their other edits are kept)",
      },
    );
  }

  for (const output of outputs) {
    const path = join(root, output.path);
    await writeFileAtomic(path, output.text, { mode: (await stat(path)).mode & 0o777 });
    result.restored.push(output.path);
  }
  await revertGitignore(root, journal);
  await revertProjectConfig(root, journal);
  if (options.deleteRemote) {
    for (const [name, record] of Object.entries(journal.written)) {
      if (!record.created) continue;
      await withRetry(() => provider.delete(name));
      result.deleted.push(name);
    }
  }
  journal.state = "undone";
  await saveJournal(root, journal);
  return result;
}

/** --force: put values back wherever the (edited) stub still holds this migration's references. */
function restoreByKey(
  current: string,
  file: PlannedFile,
  header: string[],
  valueFor: (entry: PlannedFile["entries"][number]) => string | undefined,
): string {
  const doc = parseEnv(removeHeader(current, header) ?? current, file.path);
  const byReference = new Map(moves(file).map((entry) => [`${entry.key}=${entry.reference}`, entry]));
  const edits = [];
  for (const entry of doc.entries) {
    const planned = byReference.get(`${entry.key}=${entry.value}`);
    const value = planned && valueFor(planned);
    if (planned && value !== undefined)
      edits.push({ entry, raw: encodeValue(value, { ...planned.format!, quote: entry.quote }) });
  }
  return applyEdits(doc, edits);
}
