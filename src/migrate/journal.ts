/**
 * The migration journal and the project lock, in `.dotsecrets/` at the project root.
 *
 * The folder is machine-local state, not for git: it holds its own `.gitignore` of `*`, so it is
 * never committed even when the project's .gitignore lacks it. Why not commit it: it records an
 * in-flight run on this machine (a teammate's clone has no such run to resume), and it holds sha256
 * hashes of the original .env files — never values, but a fingerprint of files that held them.
 * Files are 0600, the folder 0700.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { link, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { alive, removeStaleTemps, writeFileAtomic } from "../core/atomic-write.js";
import { UserError } from "../core/errors.js";
import { loadTemplate } from "../core/templates.js";
import type { Journal, Plan } from "./types.js";

export const STATE_DIR = ".dotsecrets";

function migrationsDir(root: string): string {
  return join(root, STATE_DIR, "migrations");
}

/** Creates `.dotsecrets/` (0700) with its own .gitignore. */
export async function ensureStateDir(root: string): Promise<string> {
  const dir = join(root, STATE_DIR);
  await mkdir(join(dir, "migrations"), { recursive: true, mode: 0o700 });
  const ignore = join(dir, ".gitignore");
  if (!existsSync(ignore)) {
    await writeFile(ignore, loadTemplate("state-gitignore.txt"), { mode: 0o644 });
  }
  return dir;
}

/** A new migration id: sortable by time, unique enough for one project. */
export function newMigrationId(now = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}`;
}

/** A fresh journal for a plan about to be applied. */
export function newJournal(plan: Plan): Journal {
  const now = new Date().toISOString();
  return {
    version: 2,
    state: "applying",
    plan,
    written: {},
    failed: {},
    changes: [],
    steps: [],
    startedAt: now,
    updatedAt: now,
  };
}

/** Writes a journal atomically (temp + fsync + rename), 0600. */
export async function saveJournal(root: string, journal: Journal): Promise<void> {
  await ensureStateDir(root);
  journal.updatedAt = new Date().toISOString();
  const file = join(migrationsDir(root), `${journal.plan.id}.json`);
  await writeFileAtomic(file, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
}

/** Reads every journal of the project, oldest first. Throws UserError(JOURNAL) for an unreadable one. */
export async function loadJournals(root: string): Promise<Journal[]> {
  const dir = migrationsDir(root);
  if (!existsSync(dir)) return [];
  // Names starting with "." are temp files of an interrupted write, not journals.
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json") && !name.startsWith(".")).sort();
  const journals: Journal[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const journal = JSON.parse(await readFile(file, "utf8")) as Journal;
      if (journal.version !== 2 || !journal.plan) throw new Error("unknown journal format");
      journals.push(journal);
    } catch (error) {
      throw new UserError("JOURNAL", `${file}: unreadable migration journal (${(error as Error).message})`, {
        hint: "restore it from a backup, or move it aside if that migration is no longer needed",
      });
    }
  }
  return journals;
}

/** The newest journal whose migration has not finished (applying or partial), if any. */
export async function unfinishedJournal(root: string): Promise<Journal | undefined> {
  const journals = await loadJournals(root);
  return journals.reverse().find((journal) => journal.state === "applying" || journal.state === "partial");
}

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

/**
 * Takes the project lock so two migrations (or a migration and an undo) never run at once.
 * A lock left by a dead process on this host (kill -9, power loss) is taken over at once, so a
 * rerun after a crash resumes without waiting. Throws UserError(MIGRATE_LOCKED).
 * Returns the release function.
 */
export async function acquireProjectLock(root: string, command: string): Promise<() => Promise<void>> {
  await ensureStateDir(root);
  const file = join(root, STATE_DIR, "lock");
  const info: LockInfo = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
  // The lock file appears with its content in one step (written aside, then hard-linked into
  // place), so a process killed while taking it never leaves an empty, unattributable lock.
  await removeStaleTemps(join(root, STATE_DIR));
  const temp = join(root, STATE_DIR, `.dotsecrets-tmp-${process.pid}-${randomBytes(4).toString("hex")}-lock`);
  await writeFile(temp, JSON.stringify(info), { mode: 0o600 });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await link(temp, file);
      await rm(temp, { force: true });
      return async () => {
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        await rm(temp, { force: true });
        throw error;
      }
    }
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(await readFile(file, "utf8")) as LockInfo;
    } catch {
      holder = undefined; // vanished between link and read, or not ours: look again
    }
    if (holder && holder.host === info.host && !alive(holder.pid)) {
      await rm(file, { force: true });
      continue;
    }
    if (!holder && attempt < 2) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    await rm(temp, { force: true });
    const who = holder
      ? `\`secrets ${holder.command}\` (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`
      : "another process";
    throw new UserError("MIGRATE_LOCKED", `${command}: ${who} is already running in this project`, {
      hint: `wait for it to finish; if it is not running, delete ${file}`,
      exitCode: 2,
    });
  }
  await rm(temp, { force: true });
  throw new UserError("MIGRATE_LOCKED", `${command}: could not take the project lock ${file}`);
}

/** Removes temp files a killed run left beside the project's files, the .gitignore and the journal. */
export async function cleanStaleTemps(root: string, paths: readonly string[]): Promise<void> {
  const dirs = new Set([
    root,
    join(root, STATE_DIR, "migrations"),
    ...paths.map((path) => dirname(join(root, path))),
  ]);
  for (const dir of dirs) await removeStaleTemps(dir);
}
