/**
 * The change journal: every file a migration step writes is a change record — kind, path, sha256
 * before and after, and what restores the file byte for byte. Steps write through `writeChange`;
 * resume (`settleChanges`) and undo (`revertChanges`) are one loop each over the records, so a new
 * step gets crash safety and undo without touching either.
 *
 * A record is saved as an intent before its file is written and marked done after, so after a
 * kill -9 the file holds either the before or the after bytes: settle keeps what was written and
 * forgets an intent whose write never happened (the step writes it again when it reruns).
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, rmdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../core/atomic-write.js";
import { UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";

/**
 * How a record is undone:
 * - `remove`: the step created the file (and `dirs`, folders it made for it); undo deletes them.
 * - `splice`: undo replaces `[start, start + length)` of the after-text with `text` (the minimal
 *   differing region; for code and config files, never for files holding values).
 * - `block`: the step added `text` once; undo removes it wherever it still stands, so edits made to
 *   the rest of the file since are kept (`separated`: a line ending was added before it too;
 *   `created`: the step created the file, so undo deletes it when nothing else is left in it).
 * - `stub`: a .env stub; undo rebuilds the original from the references and the provider's values.
 */
export type Restore =
  | { type: "remove"; dirs?: string[] }
  | { type: "splice"; start: number; length: number; text: string }
  | { type: "block"; text: string; separated: boolean; created: boolean }
  | { type: "stub" };

export interface ChangeRecord {
  /** The step that made the change (secrets, stubs, gitignore, config, rewrite, agents, …). */
  step: string;
  /** Path relative to the project root, with `/`. */
  path: string;
  /** sha256 of the bytes just before the write; null when the file did not exist. */
  before: string | null;
  /** sha256 of the bytes written. */
  after: string;
  /** sha256 undo restores (a stub goes back to the original even over earlier partial stubs). */
  target?: string | null;
  restore: Restore;
  state: "intent" | "done";
}

/** What a step hands to writeChange: the file and its new text, plus how to undo it when not a splice. */
export interface ChangeRequest {
  step: string;
  path: string;
  next: string;
  restore?: Restore;
  target?: string | null;
  /** Mode of a created file (default 0644). */
  mode?: number;
}

export interface ChangeLog {
  changes: ChangeRecord[];
}

/** The smallest splice that turns `after` back into `before`. Throws nothing. */
export function spliceBack(before: string, after: string): Restore {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    type: "splice",
    start,
    length: after.length - start - end,
    text: before.slice(start, before.length - end),
  };
}

/** Creates the missing folders above a project path; returns them (relative), deepest first. */
async function makeParents(root: string, path: string): Promise<string[]> {
  const made: string[] = [];
  for (let dir = dirname(path); dir !== "." && dir !== "" && !existsSync(join(root, dir)); dir = dirname(dir))
    made.push(dir);
  if (made.length > 0) await mkdir(join(root, dirname(path)), { recursive: true });
  return made;
}

async function readText(file: string): Promise<string | undefined> {
  return existsSync(file) ? readFile(file, "utf8") : undefined;
}

/**
 * Writes one change, journaled: intent saved, file written atomically, record marked done, saved.
 * A step that reruns after a crash finds its done record and writes nothing. Returns false when the
 * file already had the text (no record). Throws the underlying I/O error (after a save, so nothing
 * is lost).
 */
export async function writeChange(
  root: string,
  log: ChangeLog,
  request: ChangeRequest,
  save: (label: string) => Promise<void>,
): Promise<boolean> {
  const file = join(root, request.path);
  const done = log.changes.find(
    (record) =>
      record.step === request.step && record.path === request.path && record.after === sha256(request.next),
  );
  if (done?.state === "done") return false;
  const current = await readText(file);
  if (current === request.next) return false;
  const dirs = current === undefined ? await makeParents(root, request.path) : [];
  const created: Restore = { type: "remove", ...(dirs.length > 0 && { dirs }) };
  const record: ChangeRecord = {
    step: request.step,
    path: request.path,
    before: current === undefined ? null : sha256(current),
    after: sha256(request.next),
    ...(request.target !== undefined && { target: request.target }),
    restore: request.restore ?? (current === undefined ? created : spliceBack(current, request.next)),
    state: "intent",
  };
  log.changes.push(record);
  await save(`intent:${request.step}:${request.path}`);
  const mode = current === undefined ? (request.mode ?? 0o644) : (await stat(file)).mode & 0o777;
  await writeFileAtomic(file, request.next, { mode });
  record.state = "done";
  await save(`write:${request.step}:${request.path}`);
  return true;
}

/**
 * Resume's loop: an intent whose file holds its after-bytes is done; one whose file still holds its
 * before-bytes never happened and is dropped (its step writes it again). Throws
 * UserError(MIGRATE_CHANGED) when a file holds neither.
 */
export async function settleChanges(root: string, log: ChangeLog): Promise<void> {
  for (const record of [...log.changes]) {
    if (record.state !== "intent") continue;
    const current = await readText(join(root, record.path));
    const hash = current === undefined ? null : sha256(current);
    if (hash === record.after) record.state = "done";
    else if (hash === record.before) log.changes.splice(log.changes.indexOf(record), 1);
    else {
      throw new UserError("MIGRATE_CHANGED", `${record.path} changed while the migration was interrupted`, {
        hint: "restore the file, or run `secrets undo --force`",
      });
    }
  }
}

/**
 * Rebuilds a stub's original byte for byte (or, with force, puts the values back into an edited
 * stub); undefined when it cannot. Given by the caller, which has the provider's values.
 */
export type StubRestorer = (path: string, current: string, force: boolean) => string | undefined;

export interface RevertResult {
  /** Files written back, in order. */
  restored: string[];
  /** Files that already held what undo restores. */
  unchanged: string[];
  removed: string[];
}

/**
 * Undo's loop: computes every restored file from the done records (newest first), and writes only
 * when all can be restored, so a refusal changes nothing. A file changed since its last record is
 * refused unless its restore tolerates edits (block, remove) or `force`. Throws
 * UserError(UNDO_CHANGED) naming every refused file.
 */
export async function revertChanges(
  root: string,
  log: ChangeLog,
  restoreStub: StubRestorer,
  force = false,
): Promise<RevertResult> {
  const texts = new Map<string, string | undefined>();
  const touched = new Set<string>();
  const refused: string[] = [];
  const result: RevertResult = { restored: [], unchanged: [], removed: [] };
  const records = log.changes.filter((record) => record.state === "done").reverse();
  for (const record of records) {
    if (refused.includes(record.path)) continue;
    if (!texts.has(record.path)) texts.set(record.path, await readText(join(root, record.path)));
    const current = texts.get(record.path);
    const hash = current === undefined ? null : sha256(current);
    const target = record.target === undefined ? record.before : record.target;
    if (hash === target) continue;
    const exact = hash === record.after;
    const next = revertOne(record, current, exact, force, restoreStub);
    if (next === false) {
      refused.push(current === undefined ? `${record.path} (deleted)` : record.path);
      continue;
    }
    texts.set(record.path, next);
    touched.add(record.path);
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
  for (const record of log.changes) {
    if (
      record.restore.type === "stub" &&
      !touched.has(record.path) &&
      !result.unchanged.includes(record.path)
    )
      result.unchanged.push(record.path);
  }
  for (const path of touched) {
    const text = texts.get(path);
    const file = join(root, path);
    if (text === undefined) {
      await rm(file, { force: true });
      result.removed.push(path);
      await removeEmptyDirs(
        root,
        log.changes.find((c) => c.path === path && c.restore.type === "remove"),
      );
    } else {
      await writeFileAtomic(file, text, { mode: (await stat(file)).mode & 0o777 });
      result.restored.push(path);
    }
  }
  return result;
}

/** One record's inverse on the current text: the text, undefined to delete, or false when refused. */
function revertOne(
  record: ChangeRecord,
  current: string | undefined,
  exact: boolean,
  force: boolean,
  restoreStub: StubRestorer,
): string | undefined | false {
  const { restore } = record;
  if (restore.type === "remove") return undefined;
  if (restore.type === "block") {
    if (current === undefined) return undefined;
    const index = current.lastIndexOf(restore.text);
    if (index < 0) return current;
    let before = current.slice(0, index);
    const eol = current.includes("\r\n") ? "\r\n" : "\n";
    if (restore.separated && before.endsWith(eol)) before = before.slice(0, -eol.length);
    const next = before + current.slice(index + restore.text.length);
    return restore.created && next.trim() === "" ? undefined : next;
  }
  if (current === undefined) return false;
  if (restore.type === "stub") return restoreStub(record.path, current, force) ?? false;
  if (!exact && !force) return false;
  if (!exact) return current;
  return current.slice(0, restore.start) + restore.text + current.slice(restore.start + restore.length);
}

/**
 * Appends a block of lines at the end of a text (a file's, or a new file when undefined), in the
 * text's line-ending style, once. Returns the new text and the restore that takes the block back
 * out, or undefined when the block is already there. Any step can use it (.gitignore, ignore files).
 */
export function appendBlock(
  current: string | undefined,
  lines: readonly string[],
): { next: string; restore: Restore } | undefined {
  const text = current ?? "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const block = lines.join(eol) + eol;
  if (text.includes(block)) return undefined;
  const separated = text !== "" && !text.endsWith("\n");
  return {
    next: `${text}${separated ? eol : ""}${block}`,
    restore: { type: "block", text: block, separated, created: current === undefined },
  };
}

/** Removes the folders a created file needed, when they are empty again. */
async function removeEmptyDirs(root: string, record: ChangeRecord | undefined): Promise<void> {
  if (record?.restore.type !== "remove") return;
  for (const dir of record.restore.dirs ?? []) {
    const full = join(root, dir);
    if (existsSync(full) && (await readdir(full)).length === 0) await rmdir(full);
  }
}
