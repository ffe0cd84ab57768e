/**
 * Atomic file writes for project files: a temp file in the same folder, fsync, rename, fsync of the
 * folder. The temp file's name starts with `.dotsecrets-tmp-<pid>-`, so it never looks like a
 * `.env*` file, and one left behind by a killed process is recognised and removed by the next run.
 */
import { randomBytes } from "node:crypto";
import { chmod, open, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const TEMP_PREFIX = ".dotsecrets-tmp-";

/**
 * Replaces `path` with `data` atomically. Keeps the existing file's mode; a new file gets
 * `options.mode` (default 0644). Throws the underlying I/O error; the temp file is removed on failure.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Buffer,
  options: { mode?: number } = {},
): Promise<void> {
  const dir = dirname(path);
  const existing = await stat(path).catch(() => undefined);
  const mode = existing ? existing.mode & 0o7777 : (options.mode ?? 0o644);
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}-${basename(path)}`);
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is still atomic.
  }
}

/** True when a process with this pid runs (on this host). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temp files left in `dir` by processes that no longer run (a kill -9 mid-write). */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(name.slice(TEMP_PREFIX.length).split("-")[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) {
      await rm(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
