/**
 * Reading and writing store.enc: the file → key → decrypt → decode chain, and the atomic write.
 */
import { readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../../src/core/atomic-write.js";
import { UserError } from "../../src/core/errors.js";
import { decodeStore, encodeStore, type StoreData } from "./data.js";
import { checkHeader, open, seal } from "./format.js";
import { createKeyFile, KEY_ENV, loadKey, loadKeySync, type StoreKey } from "./key.js";
import type { LocalPaths } from "./paths.js";

export interface LoadedStore {
  data: StoreData;
  /** The key in use; undefined only when neither the variable nor the key file exists yet. */
  key: StoreKey | undefined;
}

/**
 * Reads and decrypts the store. A missing store file is an empty store (the key is then loaded
 * if present, but not required).
 * Throws UserError(STORE_CORRUPT) for a damaged file and UserError(STORE_KEY) for a missing,
 * malformed or wrong key.
 */
export async function loadStore(paths: LocalPaths, env: NodeJS.ProcessEnv): Promise<LoadedStore> {
  let file: Buffer;
  try {
    file = await readFile(paths.store);
  } catch (error) {
    if (isMissing(error)) return { data: new Map(), key: await loadKey(env, paths.key) };
    throw readError(error, paths);
  }
  checkHeader(file, paths.store);
  return decryptStore(file, await loadKey(env, paths.key), paths);
}

/**
 * loadStore with synchronous file calls (the same chain: header, key, AES-256-GCM, decode), for
 * `dotsecrets/config`, which must finish before the app's next module evaluates. Same errors.
 */
export function loadStoreSync(paths: LocalPaths, env: NodeJS.ProcessEnv): LoadedStore {
  let file: Buffer;
  try {
    file = readFileSync(paths.store);
  } catch (error) {
    if (isMissing(error)) return { data: new Map(), key: loadKeySync(env, paths.key) };
    throw readError(error, paths);
  }
  checkHeader(file, paths.store);
  return decryptStore(file, loadKeySync(env, paths.key), paths);
}

/** True for a store that does not exist yet (an empty store). */
function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

function readError(error: unknown, paths: LocalPaths): UserError {
  return new UserError("STORE_CORRUPT", `cannot read local store ${paths.store}`, { cause: error });
}

function decryptStore(file: Buffer, key: StoreKey | undefined, paths: LocalPaths): LoadedStore {
  if (!key) {
    throw new UserError(
      "STORE_KEY",
      `local store ${paths.store} exists but its key file ${paths.key} is missing`,
      {
        hint: `restore store.key from a backup, or set ${KEY_ENV} to the key this store was written with`,
      },
    );
  }
  const plaintext = open(file, key, paths.store);
  try {
    return { data: decodeStore(plaintext, paths.store), key };
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Creates the store directory with mode 0700 (its parents with the default mode).
 * Throws UserError(CONFIG) when it cannot be created.
 */
export async function ensureStoreDir(paths: LocalPaths): Promise<void> {
  try {
    await mkdir(dirname(paths.dir), { recursive: true });
    await mkdir(paths.dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw new UserError("CONFIG", `cannot create the local store directory ${paths.dir}`, {
      hint: "set DOTSECRETS_HOME to a writable directory outside the project",
      cause: error,
    });
  }
}

/**
 * Encrypts and writes the store atomically (temp file in the same directory, fsync, rename, then
 * fsync of the directory so the rename itself survives a power cut). Creates the key file first
 * when no key exists yet. Call only under the store lock.
 * Throws UserError(STORE_KEY) when the key file cannot be created, UserError(CONFIG) when the
 * store cannot be written.
 */
export async function saveStore(
  paths: LocalPaths,
  env: NodeJS.ProcessEnv,
  loaded: LoadedStore,
): Promise<void> {
  const key = loaded.key ?? (await createKeyFile(env, paths.key));
  const plaintext = encodeStore(loaded.data);
  let file: Buffer;
  try {
    file = seal(plaintext, key);
  } finally {
    plaintext.fill(0);
  }
  try {
    // Temp file, fsync, rename, fsync of the folder; a new store is created 0600.
    await writeFileAtomic(paths.store, file, { mode: 0o600 });
  } catch (error) {
    throw new UserError("CONFIG", `cannot write local store ${paths.store}`, {
      hint: "check free space and permissions of the store directory",
      cause: error,
    });
  }
}
