/**
 * Fingerprints of files in the journal: HMAC-SHA256 under a key kept outside the project (beside
 * the local store, 0600), not bare sha256. A journal holds the fingerprint of every original .env
 * file; a bare hash of a file with one weak password in it could be brute-forced offline by anyone
 * who can read `.dotsecrets/` (an AI agent in the repository, say). Fingerprints are only ever
 * compared on the machine that made them, so the key never needs to leave it.
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveLocalPaths } from "../../providers/local/paths.js";

/** Fingerprints bytes or text (its UTF-8 bytes), hex. */
export type Fingerprint = (data: string | Buffer) => string;

const cache = new Map<string, Fingerprint>();

/**
 * The fingerprint function of this machine for `env` (its DOTSECRETS_HOME or the platform data
 * folder). Creates the key on first use. Throws the I/O error when the folder cannot be written.
 */
export function fingerprinter(env: NodeJS.ProcessEnv = process.env): Fingerprint {
  const dir = resolveLocalPaths(env, {}).dir;
  const known = cache.get(dir);
  if (known) return known;
  const file = join(dir, "fingerprint.key");
  let key: Buffer;
  try {
    key = readFileSync(file);
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    key = readFileSync(file);
  }
  const fingerprint: Fingerprint = (data) => createHmac("sha256", key).update(data).digest("hex");
  cache.set(dir, fingerprint);
  return fingerprint;
}
