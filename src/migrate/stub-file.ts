/**
 * The stub transform and its inverse. A stub is the original file with each moved entry's value
 * span replaced by its reference and a header comment on top; restoring puts the values back
 * with their original quoting and line-break forms, giving the original bytes.
 */
import { createHash } from "node:crypto";
import { applyEdits, encodeValue, insertHeader, parseEnv, removeHeader } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import type { PlannedEntry } from "./types.js";

/** sha256 of a text's UTF-8 bytes, hex. */
export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Builds the stub text: every entry in `moved` gets its reference; the header goes on top. */
export function buildStub(doc: EnvDocument, moved: readonly PlannedEntry[], header: string[]): string {
  const edits = moved.map((planned) => {
    const entry = doc.entries[planned.index];
    if (!entry || entry.key !== planned.key)
      throw new Error(`stub: entry ${planned.index} is not ${planned.key}`);
    // Migration references carry no version, so they need no quotes: inside the original quotes
    // (kept) or bare, they read back as exactly the reference.
    return { entry, raw: planned.reference! };
  });
  if (edits.length === 0) return doc.source;
  return insertHeader(applyEdits(doc, edits), header);
}

/**
 * Rebuilds the original text from a stub: removes the header and puts each moved entry's value
 * back where the stub holds its reference (entries still holding plaintext are left alone).
 * Returns undefined when the text is not a stub of this shape (header missing, entries differ).
 */
export function restoreSource(
  stub: string,
  file: string,
  header: string[],
  entryCount: number,
  moved: readonly PlannedEntry[],
  valueFor: (planned: PlannedEntry) => string | undefined,
): string | undefined {
  const body = removeHeader(stub, header);
  if (body === undefined) return undefined;
  const doc = parseEnv(body, file);
  if (doc.entries.length !== entryCount) return undefined;
  const edits: Array<{ entry: (typeof doc.entries)[number]; raw: string }> = [];
  for (const planned of moved) {
    const entry = doc.entries[planned.index];
    if (!entry || entry.key !== planned.key) return undefined;
    if (entry.value !== planned.reference) continue;
    const value = valueFor(planned);
    if (value === undefined) return undefined;
    edits.push({ entry, raw: encodeValue(value, planned.format!) });
  }
  return applyEdits(doc, edits);
}
