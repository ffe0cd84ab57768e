/**
 * Undo: one loop over the migration's change records — every original .env file rebuilt byte for
 * byte from its stub and the provider's values (at the versions the migration wrote), every other
 * file a step wrote put back — and optionally the secrets it created deleted.
 */
import { canDisableVersions, hasDeletionRecovery, type SecretProvider } from "../../providers/types.js";
import { UserError } from "../core/errors.js";
import { withRetry } from "../core/retry.js";
import { applyEdits, encodeValue, parseEnv, removeHeader } from "../envfile/index.js";
import { revertChanges } from "./changes.js";
import { type Fingerprint, fingerprinter } from "./fingerprint.js";
import { cleanStaleTemps, saveJournal } from "./journal.js";
import { restoreOf } from "./repoint.js";
import { moves } from "./steps/originals.js";
import { headerOf, type Journal, type PlannedEntry, type PlannedFile } from "./types.js";
import { entryValue, fetchValues, fetchWritten } from "./values.js";

export interface UndoOptions {
  root: string;
  provider: SecretProvider;
  journal: Journal;
  /** Restore files that changed since the migration (their other edits are kept, not byte-exact). */
  force?: boolean;
  /** Keyed file fingerprints (default: this machine's for process.env). */
  fingerprint?: Fingerprint;
  /**
   * Which values go back when a secret has a newer version than the migration wrote (`secrets set`
   * since): "migrated" (the values at migration time) or "latest". Undefined: refuse, naming them.
   */
  versions?: "migrated" | "latest";
  /** Delete the secrets this migration created (AWS: scheduled, with the recovery window). */
  deleteRemote?: boolean;
  /** With deleteRemote on a provider with a recovery window: delete at once, no recovery. */
  forceDelete?: boolean;
  /** With deleteRemote: the recovery window in days (AWS: 7 to 30; default the provider's). */
  recoveryDays?: number;
  /** Only disable the versions this migration added (GCP), keeping every secret. */
  disableVersions?: boolean;
}

export interface UndoResult {
  /** Files written back (stubs restored, .gitignore blocks removed, code put back). */
  restored: string[];
  /** Stubs that already held their original bytes. */
  unchanged: string[];
  /** Files the migration created, deleted again. */
  removed: string[];
  /** Secrets deleted (or scheduled for deletion: see `deletions`). */
  deleted: string[];
  /** Secrets with a newer version than the migration wrote (names only). */
  newer: string[];
  /** Each deletion and, when the provider keeps it for a while, until when it can be restored. */
  deletions: Array<{ name: string; recoverableUntil?: string }>;
  /** Versions disabled (`name#version`). */
  disabled: string[];
}

/** The migrated secrets whose current version is not the one the migration wrote. */
async function newerVersions(provider: SecretProvider, journal: Journal): Promise<string[]> {
  const names = Object.keys(journal.written);
  if (names.length === 0) return [];
  const latest = await withRetry(() => provider.getMany(names.map((name) => ({ name }))));
  return names.filter((name, index) => {
    const result = latest[index];
    return result?.ok === true && result.version !== journal.written[name]!.version;
  });
}

/** The latest value of each name. Throws UserError(PROVIDER_NOT_FOUND) naming what is missing. */
function fetchLatest(provider: SecretProvider, names: string[]): Promise<Map<string, string>> {
  return fetchValues(
    provider,
    names.map((name) => ({ name })),
  );
}

/**
 * Reverts every change record of the migration (newest first), computing every restored file
 * before writing any, so a refusal changes nothing. Throws UserError(UNDO_CHANGED) when a file
 * changed since the migration (unless force), or PROVIDER_NOT_FOUND when the provider lost a value.
 */
export async function undoMigration(options: UndoOptions): Promise<UndoResult> {
  const { root, provider, journal } = options;
  const plan = journal.plan;
  const sha256 = options.fingerprint ?? fingerprinter();
  await cleanStaleTemps(root, [
    ...plan.files.map((file) => file.path),
    ...journal.changes.map((change) => change.path),
  ]);
  checkRemoteOptions(provider, options);
  const newer = await newerVersions(provider, journal);
  if (newer.length > 0 && !options.versions) {
    throw new UserError(
      "UNDO_NEWER",
      `${newer.length} secret(s) have a newer value than this migration wrote (set since): ${newer.join(", ")}; nothing was restored`,
      {
        hint: "pass --latest to put the newest values into the files, or --migrated to put back the values as they were at migration time",
      },
    );
  }
  const raw =
    options.versions === "latest"
      ? await fetchLatest(provider, Object.keys(journal.written))
      : await fetchWritten(provider, journal, Object.keys(journal.written));
  const bundle = plan.layout === "bundle";
  const restoreStub = (path: string, current: string, force: boolean): string | undefined => {
    const file = plan.files.find((planned) => planned.path === path);
    if (!file) return undefined;
    const valueFor = (entry: PlannedEntry) => entryValue(entry, raw, bundle);
    const header = headerOf(plan, file);
    const exact = restoreOf(current, file, header, moves(file), valueFor);
    // With the latest values the text differs from the original where a value changed, by design.
    if (exact !== undefined && (sha256(exact) === file.hash || options.versions === "latest")) return exact;
    return force ? restoreByKey(current, file, header, valueFor) : undefined;
  };
  const reverted = await revertChanges(root, journal, restoreStub, options.force ?? false, sha256);
  const result: UndoResult = { ...reverted, deleted: [], deletions: [], disabled: [], newer };
  if (options.disableVersions && canDisableVersions(provider)) {
    const refs = Object.entries(journal.written)
      .filter(([, record]) => record.added ?? record.created)
      .map(([name, record]) => ({ name, version: record.version }));
    if (refs.length > 0) await withRetry(() => provider.disableVersions(refs));
    result.disabled.push(...refs.map((ref) => `${ref.name}#${ref.version}`));
  } else if (options.deleteRemote) {
    for (const [name, record] of Object.entries(journal.written)) {
      if (!record.created) continue;
      const deleted = await withRetry(() =>
        hasDeletionRecovery(provider) && (options.forceDelete || options.recoveryDays !== undefined)
          ? provider.deleteWith(name, {
              ...(options.forceDelete && { force: true }),
              ...(options.recoveryDays !== undefined && { recoveryDays: options.recoveryDays }),
            })
          : provider.delete(name),
      );
      result.deleted.push(name);
      result.deletions.push({
        name,
        ...(deleted.recoverableUntil && { recoverableUntil: deleted.recoverableUntil.toISOString() }),
      });
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

/** Refuses remote options the provider cannot honour, before anything is restored. Throws UserError(USAGE). */
function checkRemoteOptions(provider: SecretProvider, options: UndoOptions): void {
  if (options.disableVersions && !canDisableVersions(provider))
    throw new UserError("USAGE", `the ${provider.kind} provider cannot disable versions`, {
      hint: "use --delete-remote to delete the secrets this migration created",
    });
  if ((options.forceDelete || options.recoveryDays !== undefined) && !hasDeletionRecovery(provider))
    throw new UserError("USAGE", `the ${provider.kind} provider deletes at once: it has no recovery window`, {
      hint: "use --delete-remote alone",
    });
  if (options.deleteRemote && options.disableVersions)
    throw new UserError("USAGE", "choose --delete-remote or --disable-versions, not both");
}
