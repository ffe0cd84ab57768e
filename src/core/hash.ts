/** Content hashes used by the journal and the change records. */
import { createHash } from "node:crypto";

/** sha256 of a text's UTF-8 bytes (or of a buffer), hex. Throws nothing. */
export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
