/**
 * The store key: 32 bytes from DOTSECRETS_LOCAL_KEY (CI) or from the generated `store.key` file.
 * No message here ever contains key material, not even a malformed variable's content.
 */
import { createHmac, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, open, unlink } from "node:fs/promises";
import { UserError } from "../../src/core/errors.js";

export const KEY_ENV = "DOTSECRETS_LOCAL_KEY";
const KEY_BYTES = 32;
const KEY_ID_BYTES = 8;

export interface StoreKey {
  key: Buffer;
  /**
   * A fingerprint stored in the plaintext header, so a wrong key is told apart from a damaged
   * file. An HMAC of a constant: it reveals nothing usable about a 256-bit random key.
   */
  id: Buffer;
  /** Where the key came from, for error messages: the variable name or the key file path. */
  source: string;
}

/** Decodes 32 bytes written as 64 hex digits or as base64 / base64url; undefined when malformed. */
export function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === KEY_BYTES) return bytes;
  }
  return undefined;
}

/** Computes the header fingerprint of a key. */
export function keyId(key: Buffer): Buffer {
  return createHmac("sha256", key).update("dotsecrets local store key id").digest().subarray(0, KEY_ID_BYTES);
}

function storeKey(key: Buffer, source: string): StoreKey {
  return { key, id: keyId(key), source };
}

/**
 * Loads the key: DOTSECRETS_LOCAL_KEY when set and non-empty, else the key file; undefined when
 * neither exists (a store that was never written).
 * Throws UserError(STORE_KEY) for a malformed variable or key file, or a key file that other
 * users can read (like ssh, we refuse rather than use a key that may already have leaked).
 */
export async function loadKey(env: NodeJS.ProcessEnv, keyPath: string): Promise<StoreKey | undefined> {
  const fromEnv = env[KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== "") {
    const key = decodeKey(fromEnv);
    if (!key) {
      throw new UserError("STORE_KEY", `${KEY_ENV} is not a 32-byte key in hex (64 digits) or base64`, {
        hint: `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
      });
    }
    return storeKey(key, KEY_ENV);
  }
  let text: string;
  try {
    const handle = await open(keyPath, constants.O_RDONLY);
    try {
      const { mode } = await handle.stat();
      // Windows reports synthetic modes; there the directory's ACL is what protects the key.
      if (process.platform !== "win32" && (mode & 0o077) !== 0) {
        throw new UserError(
          "STORE_KEY",
          `key file ${keyPath} is accessible by other users (mode ${(mode & 0o777).toString(8)})`,
          { hint: `restrict it with: chmod 600 '${keyPath}'` },
        );
      }
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    if (error instanceof UserError) throw error;
    throw new UserError("STORE_KEY", `cannot read key file ${keyPath}`, { cause: error });
  }
  const key = decodeKey(text);
  if (!key) {
    throw new UserError("STORE_KEY", `key file ${keyPath} does not hold a 32-byte key`, {
      hint: `restore it from a backup, or set ${KEY_ENV}`,
    });
  }
  return storeKey(key, keyPath);
}

/**
 * Creates the key file with a fresh random key (mode 0600). Written to a temp file beside it and
 * hard-linked into place, so no process ever sees a half-written key and an existing key is never
 * replaced: if another process won the race, its key is loaded and returned instead.
 * Throws UserError(STORE_KEY) when the file cannot be created.
 */
export async function createKeyFile(env: NodeJS.ProcessEnv, keyPath: string): Promise<StoreKey> {
  const key = randomBytes(KEY_BYTES);
  const temp = `${keyPath}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(`${key.toString("hex")}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new UserError("STORE_KEY", `cannot create key file ${keyPath}`, { cause: error });
    }
    const existing = await loadKey({ ...env, [KEY_ENV]: undefined }, keyPath);
    if (existing) return existing;
    throw new UserError("STORE_KEY", `key file ${keyPath} vanished while being created`);
  } finally {
    await unlink(temp).catch(() => {});
  }
  return storeKey(key, keyPath);
}
