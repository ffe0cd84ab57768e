/**
 * Undo: one loop over the migration's change records — every original .env file rebuilt byte for
 * byte from its stub and the provider's values (at the versions the migration wrote), every other
 * file a step wrote put back — and optionally the secrets it created deleted.
 */
import type { SecretProvider } from "../../providers/types.js";
import { sha256 } from "../core/hash.js";
import { withRetry } from "../core/retry.js";
import { applyEdits, encodeValue, parseEnv, removeHeader } from "../envfile/index.js";
import { revertChanges } from "./changes.js";
import { cleanStaleTemps, saveJournal } from "./journal.js";
import { restoreOf } from "./repoint.js";
import { moves } from "./steps/originals.js";
import { headerOf, type Journal, type PlannedEntry, type PlannedFile } from "./types.js";
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
  /** Files written back (stubs restored, .gitignore blocks removed, code put back). */
  restored: string[];
  /** Stubs that already held their original bytes. */
  unchanged: string[];
  /** Files the migration created, deleted again. */
  removed: string[];
  deleted: string[];
}

/**
 * Reverts every change record of the migration (newest first), computing every restored file
 * before writing any, so a refusal changes nothing. Throws UserError(UNDO_CHANGED) when a file
 * changed since the migration (unless force), or PROVIDER_NOT_FOUND when the provider lost a value.
 */
export async function undoMigration(options: UndoOptions): Promise<UndoResult> {
  const { root, provider, journal } = options;
  const plan = journal.plan;
  await cleanStaleTemps(root, [
    ...plan.files.map((file) => file.path),
    ...journal.changes.map((change) => change.path),
  ]);
  const raw = await fetchWritten(provider, journal, Object.keys(journal.written));
  const bundle = plan.layout === "bundle";
  const restoreStub = (path: string, current: string, force: boolean): string | undefined => {
    const file = plan.files.find((planned) => planned.path === path);
    if (!file) return undefined;
    const valueFor = (entry: PlannedEntry) => entryValue(entry, raw, bundle);
    const header = headerOf(plan, file);
    const exact = restoreOf(current, file, header, moves(file), valueFor);
    if (exact !== undefined && sha256(exact) === file.hash) return exact;
    return force ? restoreByKey(current, file, header, valueFor) : undefined;
  };
  const reverted = await revertChanges(root, journal, restoreStub, options.force ?? false);
  const result: UndoResult = { ...reverted, deleted: [] };
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
