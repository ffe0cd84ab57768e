/**
 * Reading and writing store.enc: the file → key → decrypt → decode chain, and the atomic write.
 */
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../../src/core/atomic-write.js";
import { UserError } from "../../src/core/errors.js";
import { decodeStore, encodeStore, type StoreData } from "./data.js";
import { checkHeader, open, seal } from "./format.js";
import { createKeyFile, KEY_ENV, loadKey, type StoreKey } from "./key.js";
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { data: new Map(), key: await loadKey(env, paths.key) };
    throw new UserError("STORE_CORRUPT", `cannot read local store ${paths.store}`, { cause: error });
  }
  checkHeader(file, paths.store);
  const key = await loadKey(env, paths.key);
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
