/**
 * The on-disk format of store.enc (version 1):
 *
 *   offset  size  field
 *   0       16    magic "dotsecrets-store" (ASCII)
 *   16      1     format version (1)
 *   17      8     key id: HMAC-SHA256(key, constant), first 8 bytes
 *   25      12    IV, fresh random for every write
 *   37      n     AES-256-GCM ciphertext of the store JSON (see data.ts)
 *   37+n    16    GCM tag
 *
 * The 37-byte header is the GCM additional data, so changing any header byte fails authentication.
 * Names, labels and values are all inside the ciphertext: the file reveals only its size.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { UserError } from "../../src/core/errors.js";
import { KEY_ENV, type StoreKey } from "./key.js";

const MAGIC = Buffer.from("dotsecrets-store", "ascii");
export const FORMAT_VERSION = 1;
const VERSION_AT = MAGIC.length;
const KEY_ID_AT = VERSION_AT + 1;
const IV_AT = KEY_ID_AT + 8;
const HEADER_BYTES = IV_AT + 12;
const TAG_BYTES = 16;

/** Encrypts store JSON under `key` with a fresh IV; returns the whole file. */
export function seal(plaintext: Buffer, key: StoreKey): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[VERSION_AT] = FORMAT_VERSION;
  key.id.copy(header, KEY_ID_AT);
  randomBytes(12).copy(header, IV_AT);
  const cipher = createCipheriv("aes-256-gcm", key.key, header.subarray(IV_AT, HEADER_BYTES));
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/**
 * Checks that `file` looks like a store before any key is needed.
 * Throws UserError(STORE_CORRUPT) for a wrong magic, an unknown format version or a truncated file.
 */
export function checkHeader(file: Buffer, storePath: string): void {
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    const what =
      file.length < HEADER_BYTES + TAG_BYTES ? `truncated (${file.length} bytes)` : "not a dotsecrets store";
    throw corrupt(storePath, what);
  }
  const version = file[VERSION_AT];
  if (version !== FORMAT_VERSION) {
    throw new UserError("STORE_CORRUPT", `local store ${storePath} has format version ${version}`, {
      hint: `this dotsecrets reads format ${FORMAT_VERSION}: upgrade dotsecrets, or restore store.enc from a backup`,
    });
  }
}

/**
 * Decrypts a store file (already passed checkHeader) and returns the JSON bytes.
 * Throws UserError(STORE_KEY) when the file was written with another key, and
 * UserError(STORE_CORRUPT) when authentication fails: the file was truncated, damaged or edited.
 */
export function open(file: Buffer, key: StoreKey, storePath: string): Buffer {
  const header = file.subarray(0, HEADER_BYTES);
  const plaintext = decrypt(file, header, key);
  if (plaintext) return plaintext;
  if (header.subarray(KEY_ID_AT, IV_AT).equals(key.id)) throw corrupt(storePath, "authentication failed");
  // The key id differs: a wrong key, unless only the id bytes were damaged. Decrypting with our
  // own id as additional data tells the two apart.
  const repaired = Buffer.from(header);
  key.id.copy(repaired, KEY_ID_AT);
  if (decrypt(file, repaired, key)) throw corrupt(storePath, "header was modified");
  const fromEnv = key.source === KEY_ENV;
  throw new UserError(
    "STORE_KEY",
    `local store ${storePath} was encrypted with a different key than ${fromEnv ? KEY_ENV : `the key file ${key.source}`}`,
    {
      hint: fromEnv
        ? `check ${KEY_ENV} (unset it to use the key file), or point DOTSECRETS_HOME at the store it belongs to`
        : `restore the matching store.key from a backup, or set ${KEY_ENV} to the key this store was written with`,
    },
  );
}

function decrypt(file: Buffer, aad: Buffer, key: StoreKey): Buffer | undefined {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, file.subarray(IV_AT, HEADER_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return undefined;
  }
}

function corrupt(storePath: string, what: string): UserError {
  return new UserError("STORE_CORRUPT", `local store ${storePath} is damaged: ${what}`, {
    hint: `restore store.enc from a backup; if ${KEY_ENV} is set, check it is the key this store was written with`,
  });
}
