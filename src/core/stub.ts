/**
 * Stub files: .env files whose secret lines hold references, every other byte kept. The migration's
 * transform (buildStub) and its inverse (restoreSource), and the single-key edit `secrets set`
 * makes (upsertLine). The header's wording comes from templates/stub-header.txt.
 */
import { existsSync } from "node:fs";
import {
  applyEdits,
  detectEol,
  encodeForNewEntry,
  encodeValue,
  insertHeader,
  parseEnv,
  readEnvFile,
  readsAs,
  removeHeader,
  toRecord,
} from "../envfile/index.js";
import type { EnvDocument, ValueFormat } from "../envfile/types.js";
import { writeFileAtomic } from "./atomic-write.js";
import { UserError } from "./errors.js";
import { templateLines } from "./templates.js";

/** The comment put at the top of a stub: says where values live and that the file is safe to read. */
export function stubHeader(where: string): string[] {
  return templateLines("stub-header.txt", { where });
}

/** Where a provider keeps values, in words, for the stub header. */
export function describeProvider(kind: string, settings: Record<string, unknown> = {}): string {
  if (kind === "local") return "the dotsecrets local encrypted store (outside this project)";
  const region = typeof settings.region === "string" ? ` (${settings.region})` : "";
  return `the ${kind} provider${region}`;
}

/**
 * Computes a stub's new text with `key` set to `raw` reference text: replaces the value of every
 * assignment of the key (earlier duplicates too), or appends a line. Returns undefined when nothing
 * changes. The result is re-read as dotenv would read it: every other key keeps its value and `key`
 * reads `value`. Throws UserError(ENV_PARSE) when the reference cannot be written for dotenv, or the
 * edit would be read otherwise (an unclosed quote, a last line such as `DB:` that takes the next
 * line as its value).
 */
export function upsertLine(
  source: string,
  file: string,
  key: string,
  value: string,
  header: string[],
): string | undefined {
  const raw = encodeForNewEntry(value);
  if (raw === undefined) throw new UserError("ENV_PARSE", `${file}: cannot write ${key} in dotenv syntax`);
  const doc = parseEnv(source, file);
  const entries = doc.entries.filter((entry) => entry.key === key);
  if (entries.length > 0) {
    if (entries.every((entry) => entry.value === value)) return undefined;
    // References hold no quotes or line breaks, so inside existing quotes they go in as they are;
    // an unquoted entry gets the encoder's form (quoted when the reference carries a #version).
    if (/["'`\r\n]/.test(value))
      throw new UserError("ENV_PARSE", `${file}: cannot write ${key} into existing quotes`);
    const next = applyEdits(
      doc,
      entries.map((entry) => ({ entry, raw: entry.quote ? value : raw })),
    );
    return checked(doc, next, key, value);
  }
  const eol = detectEol(source);
  const base = source === "" ? insertHeader("", header) : source;
  const separator = base === "" || base.endsWith("\n") ? "" : eol;
  return checked(doc, `${base}${separator}${key}=${raw}${eol}`, key, value);
}

/** Returns `next` when dotenv reads it as `doc` with `key` set to `value`; throws UserError(ENV_PARSE) otherwise. */
function checked(doc: EnvDocument, next: string, key: string, value: string): string {
  const mismatch = readsAs(next, { ...toRecord(doc), [key]: value });
  if (mismatch === undefined) return next;
  const line = mismatch.line > 0 ? ` on line ${mismatch.line}` : "";
  const what =
    mismatch.key === key
      ? `dotenv would not read ${key} from the new line`
      : `setting ${key} would change how dotenv reads ${mismatch.key}${line}`;
  throw new UserError("ENV_PARSE", `${doc.file}: ${what}; the file was not changed`, {
    hint: `fix the line${line} (an unclosed quote, or a \`KEY:\` with nothing after it), then run the command again`,
  });
}

/** A stub edit computed ahead of any write: the file and its new text (undefined: no change). */
export interface StubEdit {
  file: string;
  source: string;
  next: string | undefined;
}

/**
 * Reads a stub (empty when missing) and computes its text with `key` set to `reference`, writing
 * nothing. Throws UserError(ENV_PARSE) when the file cannot take the reference.
 */
export async function planReference(
  file: string,
  key: string,
  reference: string,
  header: string[],
): Promise<StubEdit> {
  const source = existsSync(file) ? (await readEnvFile(file)).source : "";
  return { file, source, next: upsertLine(source, file, key, reference, header) };
}

/**
 * Writes a planned edit atomically (a new stub is 0644: it is safe to read). Throws
 * UserError(ENV_PARSE) when the file changed since the edit was planned.
 */
export async function applyReference(edit: StubEdit, tempDir?: string): Promise<boolean> {
  if (edit.next === undefined) return false;
  const now = existsSync(edit.file) ? (await readEnvFile(edit.file)).source : "";
  if (now !== edit.source) {
    throw new UserError("ENV_PARSE", `${edit.file} changed while the command ran; it was not updated`, {
      hint: "run the command again",
    });
  }
  await writeFileAtomic(edit.file, edit.next, { mode: 0o644, ...(tempDir && { tempDir }) });
  return true;
}

/** What the stub transform needs of a planned entry: its position, key, reference and value format. */
export interface StubEntry {
  index: number;
  key: string;
  reference?: string;
  format?: ValueFormat;
}

/** Builds the stub text: every entry in `moved` gets its reference; the header goes on top. */
export function buildStub(doc: EnvDocument, moved: readonly StubEntry[], header: string[]): string {
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
export function restoreSource<E extends StubEntry>(
  stub: string,
  file: string,
  header: string[],
  entryCount: number,
  moved: readonly E[],
  valueFor: (planned: E) => string | undefined,
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
