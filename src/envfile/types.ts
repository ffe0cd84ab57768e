/**
 * Types of the lossless .env model. `parseEnv` (src/envfile/parse.ts) produces an EnvDocument whose
 * `source` is kept verbatim; every entry records the character offsets of its parts so an edit can
 * replace exactly one value span and leave every other byte as it was.
 */

export type QuoteStyle = '"' | "'" | "`" | null;

/** One `KEY=value` assignment. Offsets are UTF-16 indices into EnvDocument.source (after a BOM, if any: the BOM is part of `source`). */
export interface EnvEntry {
  key: string;
  /** The value exactly as dotenv.parse would give it (quotes removed, `\n` expanded in double quotes, trimmed when unquoted). */
  value: string;
  /** 1-based line where the entry starts. */
  line: number;
  /** True when the line starts with `export `. */
  exported: boolean;
  quote: QuoteStyle;
  /** Offsets of the whole entry (from the key, or `export`, to the end of the value including a closing quote; not the newline). */
  start: number;
  end: number;
  /** Offsets of the value's raw text *inside* the quotes (or of the trimmed unquoted value, before any inline comment). */
  valueStart: number;
  valueEnd: number;
}

/** Something dotenv would ignore or read differently than a person expects; never fatal. */
export interface EnvWarning {
  line: number;
  message: string;
}

export interface EnvDocument {
  /** The file path used in messages ("<input>" when parsed from a string). */
  file: string;
  /** The full original text (including a leading BOM and the original line endings). */
  source: string;
  /** Every assignment in file order, duplicates included (the last one wins, as in dotenv). */
  entries: EnvEntry[];
  warnings: EnvWarning[];
}

/**
 * How a value was written, without the value itself: enough to write the same value back byte for
 * byte with `encodeValue`. Stored in the migration journal, so it must never contain value characters:
 * only the quote style and, for each line break or carriage return in the decoded value, which raw form
 * produced it (a literal LF, a CRLF or lone CR that dotenv normalised, or a `\n` / `\r` escape).
 */
export interface ValueFormat {
  quote: QuoteStyle;
  /**
   * One letter per "\n" or "\r" character of the decoded value, in order:
   * "L" literal LF, "C" literal CRLF, "R" literal lone CR (all three decode to \n),
   * "n" the escape `\n`, "r" the escape `\r`.
   */
  breaks: string;
}
