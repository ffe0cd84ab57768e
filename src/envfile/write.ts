/**
 * Byte-preserving edits: replace value spans, add or remove a comment header. Everything not named by
 * an edit is copied through untouched, line endings and BOM included.
 */
import { InternalError } from "../core/errors.js";
import { parseEnv, toRecord } from "./parse.js";
import type { EnvDocument, EnvEntry } from "./types.js";

/** Replace one entry's value span with raw text (already spelled for dotenv, see encode.ts). */
export interface EnvEdit {
  entry: EnvEntry;
  raw: string;
  /** Replace the quotes too (valueStart-1..valueEnd+1 for a quoted entry), so `raw` brings its own. */
  withQuotes?: boolean;
}

/** The span an edit replaces. Never throws. */
export function editSpan(edit: EnvEdit): { start: number; end: number } {
  const { entry } = edit;
  const outer = edit.withQuotes === true && entry.quote !== null ? 1 : 0;
  return { start: entry.valueStart - outer, end: entry.valueEnd + outer };
}

/**
 * Replaces exactly the value spans of the edited entries (in any order) and keeps every other byte.
 * With no edits it returns `doc.source` itself. Throws InternalError when two edits overlap or a span
 * lies outside the document (an entry from another document).
 */
export function applyEdits(doc: EnvDocument, edits: readonly EnvEdit[]): string {
  if (edits.length === 0) return doc.source;
  const spans = edits.map((edit) => ({ ...editSpan(edit), raw: edit.raw })).sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const span of spans) {
    if (span.start < pos || span.end < span.start || span.end > doc.source.length) {
      throw new InternalError(`overlapping or out-of-range edit at offset ${span.start} of ${doc.file}`);
    }
    out += doc.source.slice(pos, span.start) + span.raw;
    pos = span.end;
  }
  return out + doc.source.slice(pos);
}

/**
 * The line ending a file mostly uses: "\r\n" when it has more CRLF than bare LF breaks, else "\n"
 * (also for a file with no line break, or only lone CRs, which dotenv reads as LF anyway). Never throws.
 */
export function detectEol(source: string): "\n" | "\r\n" {
  let crlf = 0;
  let lf = 0;
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) {
    if (source[i - 1] === "\r") crlf++;
    else lf++;
  }
  return crlf > lf ? "\r\n" : "\n";
}

const BOM = "\uFEFF";

function checkHeader(headerLines: readonly string[]): void {
  for (const line of headerLines) {
    // A line break (U+2028/9 count for dotenv's regex) would end the comment and let the rest parse.
    if (!line.startsWith("#") || /[\r\n\u2028\u2029]/.test(line)) {
      throw new InternalError("a header line must be one comment line starting with #");
    }
  }
}

/**
 * Puts comment lines at the top of the text (after a BOM if there is one), each ended with the file's
 * own line ending, so dotenv reads the same values (checked by re-reading). Throws InternalError when
 * a line is not a single `#` comment line, or the result would read differently.
 */
export function insertHeader(source: string, headerLines: readonly string[]): string {
  checkHeader(headerLines);
  if (headerLines.length === 0) return source;
  const bom = source.startsWith(BOM) ? BOM : "";
  const eol = detectEol(source);
  const next = bom + headerLines.map((line) => line + eol).join("") + source.slice(bom.length);
  assertUnchanged(source, next);
  return next;
}

/**
 * Undoes `insertHeader`: returns the text without the header, or undefined when the header is not at
 * the top verbatim (edited or removed by someone). Throws InternalError on a malformed header as
 * `insertHeader` does, or when the result would read differently.
 */
export function removeHeader(source: string, headerLines: readonly string[]): string | undefined {
  checkHeader(headerLines);
  if (headerLines.length === 0) return source;
  const bom = source.startsWith(BOM) ? BOM : "";
  for (const eol of ["\r\n", "\n"]) {
    const header = headerLines.map((line) => line + eol).join("");
    if (source.startsWith(header, bom.length)) {
      const next = bom + source.slice(bom.length + header.length);
      assertUnchanged(source, next);
      return next;
    }
  }
  return undefined;
}

/** Where an edited text does not read as expected: the key, and the line of the edited text. */
export interface ReadMismatch {
  key: string;
  /** 1-based line in the edited text where the key's last assignment is, or 0 when it is missing. */
  line: number;
}

/**
 * Re-reads `next` as dotenv would and compares the record with `expected` (every key, values and
 * keys that vanished or appeared included). Returns the first key that differs, those that are in
 * the text first (they have a line to show), or undefined when dotenv reads exactly `expected`.
 * Never throws.
 */
export function readsAs(next: string, expected: Record<string, string>): ReadMismatch | undefined {
  const doc = parseEnv(next);
  const actual = toRecord(doc);
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    if (actual[key] === expected[key]) continue;
    const entry = doc.entries.filter((e) => e.key === key).pop();
    return { key, line: entry?.line ?? 0 };
  }
  return undefined;
}

/** Throws InternalError when a header edit changed what dotenv reads (it never should). */
function assertUnchanged(before: string, after: string): void {
  if (readsAs(after, toRecord(parseEnv(before))) !== undefined) {
    throw new InternalError("a header edit changed how dotenv reads the file");
  }
}
