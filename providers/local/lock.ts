/**
 * The writers' lock around read-modify-write of store.enc. Two layers:
 * - in-process: a promise queue per store path, so concurrent puts in one process wait their turn
 *   without polling the file system;
 * - across processes: proper-lockfile (an atomic mkdir of `store.enc.lock`, its mtime refreshed
 *   while held; a lock not refreshed for STALE_MS is taken over, so a crashed writer blocks others
 *   for seconds, not forever).
 * Readers take no lock: every write is an atomic rename, so a reader sees the old or the new file.
 */
import { UserError } from "../../src/core/errors.js";

/**
 * proper-lockfile, imported by the first writer: readers (`secrets run`, `get`, `list`, the config
 * entry) take no lock and so never load it, nor graceful-fs, which it brings and which patches `fs`.
 */
let lockfile: typeof import("proper-lockfile") | undefined;

/** How long a lock may go without a refresh before another process may take it over. */
export const STALE_MS = 5_000;
/** How long a writer waits for another process's lock by default. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
const MAX_POLL_MS = 50;

/** Tail of the in-process queue per store path; it never rejects. */
const queues = new Map<string, Promise<void>>();

/** A held lock: `assertHeld` throws when another process took it over in the meantime. */
export interface HeldLock {
  assertHeld(): void;
}

/**
 * Runs `fn` while holding the exclusive writer lock on `storePath` (the directory must exist).
 * Throws UserError(STORE_LOCKED) when another process holds the lock for longer than `timeoutMs`;
 * rethrows whatever `fn` throws, after releasing the lock.
 */
export async function withStoreLock<T>(
  storePath: string,
  timeoutMs: number,
  fn: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  const previous = queues.get(storePath) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  const tail = previous.then(() => mine);
  queues.set(storePath, tail);
  await previous;
  try {
    // The timeout starts only now: waiting behind this process's own writers is progress.
    return await withFileLock(storePath, timeoutMs, fn);
  } finally {
    done();
    if (queues.get(storePath) === tail) queues.delete(storePath);
  }
}

async function withFileLock<T>(
  storePath: string,
  timeoutMs: number,
  fn: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  let compromised: Error | undefined;
  const release = await acquire(storePath, timeoutMs, (error) => {
    compromised = error;
  });
  const held: HeldLock = {
    assertHeld() {
      if (compromised) {
        throw new UserError(
          "STORE_LOCKED",
          `lost the lock on ${storePath} (held too long, another writer took over)`,
          {
            hint: "nothing was written; retry the command",
            cause: compromised,
          },
        );
      }
    },
  };
  try {
    return await fn(held);
  } finally {
    // Releasing a compromised lock fails; the lock is someone else's by then.
    await release().catch(() => {});
  }
}

async function acquire(
  storePath: string,
  timeoutMs: number,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  lockfile ??= (await import("proper-lockfile")).default;
  for (;;) {
    try {
      // realpath: false because store.enc does not exist before the first write.
      return await lockfile.lock(storePath, { realpath: false, stale: STALE_MS, retries: 0, onCompromised });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") {
        throw new UserError("STORE_LOCKED", `cannot lock ${storePath}`, {
          hint: "check that the store directory is writable",
          cause: error,
        });
      }
      if (Date.now() >= deadline) {
        throw new UserError("STORE_LOCKED", `local store ${storePath} is locked by another process`, {
          hint: `another secrets command is writing; retry when it ends (a crashed writer's lock expires after ${STALE_MS / 1000} s)`,
        });
      }
      // Jitter, so processes that collided once do not collide again in lockstep.
      await sleep(Math.min(delay * (0.5 + Math.random()), deadline - Date.now()));
      delay = Math.min(delay * 2, MAX_POLL_MS);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));
}
