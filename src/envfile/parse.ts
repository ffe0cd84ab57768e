/**
 * The lossless parser. It runs dotenv 17's own LINE regex and value rule (node_modules/dotenv/lib/main.js,
 * `parse`) over the same normalised text dotenv sees, so values agree with `dotenv.parse` by
 * construction; the `d` flag reports where each part matched and offsets are mapped back to the
 * original text (BOM and CRLF included).
 */
import { lineOf, type NormalisedText, normalise, toOriginal } from "./offsets.js";
import type { EnvDocument, EnvEntry, QuoteStyle } from "./types.js";
import { collectWarnings, type Scanned } from "./warnings.js";

// dotenv's LINE, verbatim except that `export\s+`, the separator and the value are captured so the
// `d` flag reports their positions. Capturing changes nothing about what matches (LINE has no
// backreferences). Note what it allows: `\s` (which includes a BOM, U+2028 and U+2029) before the key,
// around `=` and inside the quoted alternatives may span lines, and those alternatives run across
// line breaks until their closing quote.
const LINE =
  /(?:^|^)\s*(export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/** LINE tried at one position only (sticky). */
const LINE_AT = new RegExp(LINE.source, "dmy");
/** LINE_AT without the positions of its groups: a third cheaper, for entries a caller may drop. */
const LINE_AT_PLAIN = new RegExp(LINE.source, "my");
/**
 * LINE that does not start on a line whose previous line is blank (whitespace only): see
 * matchLines for why that changes no match. The lazy look-behind stops at the first line start.
 */
const LINE_AFTER_TEXT = new RegExp(
  LINE.source.replace(/^\(\?:\^\|\^\)/, String.raw`(?:^|^)(?<!^\s*?[\n\r\u2028\u2029])`),
  "dgm",
);
/** What LINE's leading `\s*` consumes. */
const WHITESPACE_AT = /\s*/y;
/** What ends a line for `^` and `$` under the m flag. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;

/** dotenv's value rule applied to the text its LINE regex captured for a value. Never throws. */
export function dotenvValue(captured: string): string {
  let value = captured.trim();
  const maybeQuote = value[0];
  // The replace below needs a line that starts with a quote: with no quote first and no line
  // break inside, there is none (most values; the regex cost more than the rest of the parse).
  if (!isQuote(maybeQuote) && !LINE_BREAK.test(value)) return value;
  // Multiline flag as in dotenv: with U+2028/U+2029 inside an unquoted value this can strip quotes
  // from the middle of the value; formatOf detects such values and declines them.
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
  if (maybeQuote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
  return value;
}

/** What starts a line for `^` under the m flag. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** True for the three characters dotenv treats as quotes. */
export function isQuote(ch: string | undefined): ch is '"' | "'" | "`" {
  return ch === '"' || ch === "'" || ch === "`";
}

/**
 * Parses .env text into entries with exact offsets. Every entry's value equals what `dotenv.parse`
 * gives for it; duplicates are all kept in order. `source` is kept verbatim in the result.
 * Never throws: anything dotenv would skip or read surprisingly becomes a warning.
 */
export function parseEnv(
  source: string,
  file = "<input>",
  options: {
    warnings?: boolean;
    /**
     * Keeps only the entries it accepts, judged on key and value before their offsets are worked out
     * (secrets check reads thousands of plain entries to find a few). The review needs every entry:
     * with `only`, there are no warnings.
     */
    only?: (key: string, value: string) => boolean;
  } = {},
): EnvDocument {
  const norm = normalise(source);
  const scanned: Scanned[] = [];
  const only = options.only;
  // With `only`, entries are found without their groups' positions, and found again with them
  // for the few kept (the same regex from the same place: the same match).
  for (const found of matchLines(norm.text, !only)) {
    if (only && !only(found[2]!, dotenvValue(found[4] ?? ""))) continue;
    let match = found;
    if (!found.indices) {
      LINE_AT.lastIndex = found.index;
      match = LINE_AT.exec(norm.text)!;
    }
    scanned.push(scan(norm, match));
  }
  // `warnings: false`: a caller that only reads entries (secrets check) skips the line-by-line review.
  const warnings = options.warnings === false || only ? [] : collectWarnings(norm, scanned);
  return { file, source, entries: scanned.map((s) => s.entry), warnings };
}

/**
 * Every match of LINE in `text`, exactly as `text.matchAll(LINE)` finds them, in linear time.
 *
 * matchAll tries LINE at every line start. Where an attempt fails, the following line starts up to
 * the first non-whitespace character fail too: LINE begins with `^\s*` and a key cannot start with
 * whitespace, so from each of them the attempt goes on identically from that character. Trying
 * them all made blank lines quadratic (64,000 newlines: seconds, in dotenv too).
 *
 * Text whose only line terminator is `\n` (every normalised file without U+2028/U+2029) is walked
 * line by line: LINE runs only where mayStartEntry says a key and its separator follow (most lines
 * of a large file are not entries, and a regex search through them cost three times the walk).
 * Other text goes through matchLinesByRegex. `indices: false` may leave out the groups' positions (the
 * `d` flag's `indices`). Never throws.
 */
export function* matchLines(text: string, indices = true): Generator<RegExpExecArray> {
  if (text.includes("\r") || text.includes("\u2028") || text.includes("\u2029")) {
    yield* matchLinesByRegex(text);
    return;
  }
  let start = 0;
  // The next `=` and `:` at or after the line looked at (-1: none left), found once for many lines.
  let equals = -2;
  let colon = -2;
  for (;;) {
    let first = start;
    while (first < text.length && isSpaceCode(text.charCodeAt(first))) first++;
    if (first >= text.length) return;
    const lineEnd = text.indexOf("\n", first);
    if (equals !== -1 && equals < first) equals = text.indexOf("=", first);
    if (colon !== -1 && colon < first) colon = text.indexOf(":", first);
    // A separator on this line, or a key running to its end (its `=` may follow on a later line):
    // without either, mayStartEntry cannot hold.
    const end = lineEnd === -1 ? text.length : lineEnd;
    const separator = (equals !== -1 && equals < end) || (colon !== -1 && colon < end);
    if ((separator || endsInKey(text, first, end)) && mayStartEntry(text, first)) {
      const line = indices ? LINE_AT : LINE_AT_PLAIN;
      line.lastIndex = start;
      const match = line.exec(text);
      // A key and its separator always complete to a match; should one not, the regex search
      // takes over from here, as exact as ever.
      if (match === null) {
        yield* matchLinesByRegex(text, start);
        return;
      }
      yield match;
      const end = match.index + match[0].length;
      if (end === 0 || text.charCodeAt(end - 1) === 0x0a) {
        start = end;
        continue;
      }
      const next = text.indexOf("\n", end);
      if (next === -1) return;
      start = next + 1;
      continue;
    }
    if (lineEnd === -1) return;
    start = lineEnd + 1;
  }
}

/** True when the last non-space character of `text[first, end)` is a key character. */
function endsInKey(text: string, first: number, end: number): boolean {
  let last = end - 1;
  while (last >= first && isSpaceCode(text.charCodeAt(last))) last--;
  return last >= first && isKeyCode(text.charCodeAt(last));
}

/**
 * True when LINE can match with its leading `\s*` ending at `first` (a non-space character): an
 * optional `export` and whitespace, a run of key characters, then `\s*=` or `:` and whitespace. The
 * key run is taken whole: a shorter key would be followed by a key character, which no separator
 * starts with. What follows the separator always matches (the unquoted value and the comment run to
 * the line's end).
 */
function mayStartEntry(text: string, first: number): boolean {
  if (text.startsWith("export", first) && isSpaceCode(text.charCodeAt(first + 6))) {
    let key = first + 7;
    while (key < text.length && isSpaceCode(text.charCodeAt(key))) key++;
    if (keyThenSeparator(text, key)) return true;
  }
  return keyThenSeparator(text, first);
}

function keyThenSeparator(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && isKeyCode(text.charCodeAt(i))) i++;
  if (i === from) return false;
  if (text.charCodeAt(i) === 0x3a && isSpaceCode(text.charCodeAt(i + 1))) return true;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 0x3d;
}

/** `[\w.-]` */
function isKeyCode(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2d
  );
}

/** `\s` as JavaScript's regexes read it (a NaN past the end is none). */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * matchLines for any text, from `from` (a line start reached by a search of `text` from 0): LINE is
 * tried once where the search resumes (the line start it reaches may follow blank lines a match
 * consumed), then LINE_AFTER_TEXT searches on, skipping every line start whose previous line is
 * blank: the line start of that blank line was tried in this same search and failed the same way.
 */
function* matchLinesByRegex(text: string, from = 0): Generator<RegExpExecArray> {
  let pos = from;
  for (;;) {
    const start = lineStartFrom(text, pos);
    if (start === -1) return;
    LINE_AT.lastIndex = start;
    let match = LINE_AT.exec(text);
    if (match === null) {
      WHITESPACE_AT.lastIndex = start;
      const firstNonSpace = start + WHITESPACE_AT.exec(text)![0].length;
      if (firstNonSpace >= text.length) return;
      LINE_AFTER_TEXT.lastIndex = firstNonSpace + 1;
      match = LINE_AFTER_TEXT.exec(text);
      if (match === null) return;
    }
    yield match;
    // LINE always consumes a key, so the search moves on.
    pos = match.index + match[0].length;
  }
}

/** The first position >= pos where `^` matches under the m flag, or -1. */
function lineStartFrom(text: string, pos: number): number {
  if (pos > text.length) return -1;
  if (pos === 0 || LINE_TERMINATOR_CHARS.has(text.charCodeAt(pos - 1))) return pos;
  LINE_TERMINATOR.lastIndex = pos;
  const next = LINE_TERMINATOR.exec(text);
  return next === null ? -1 : next.index + 1;
}

const LINE_TERMINATOR_CHARS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

function scan(norm: NormalisedText, match: RegExpExecArray): Scanned {
  const indices = match.indices!;
  const keyStart = indices[2]![0];
  const start = indices[1]?.[0] ?? keyStart;
  const sepEnd = indices[3]![1];
  const captured = match[4];
  // `from..to` is the trimmed captured value (what dotenv keeps before stripping quotes).
  let from = sepEnd;
  let to = sepEnd;
  let quote: QuoteStyle = null;
  if (captured !== undefined) {
    const groupStart = indices[4]![0];
    const trimmed = captured.trim();
    from = trimmed === "" ? groupStart : groupStart + captured.length - captured.trimStart().length;
    to = from + trimmed.length;
    const first = trimmed[0];
    // dotenv strips a leading and trailing quote of the same kind whichever alternative matched,
    // so `'a'b'` (unquoted alternative) is as much a quoted value as `'ab'`.
    if (trimmed.length >= 2 && isQuote(first) && trimmed.endsWith(first)) quote = first;
  }
  const inner = quote === null ? 0 : 1;
  const entry: EnvEntry = {
    key: match[2]!,
    value: dotenvValue(captured ?? ""),
    line: lineOf(norm, start),
    exported: indices[1] !== undefined,
    quote,
    start: toOriginal(norm, start),
    end: toOriginal(norm, to),
    valueStart: toOriginal(norm, from + inner),
    valueEnd: toOriginal(norm, to - inner),
  };
  return { entry, matchStart: match.index, matchEnd: match.index + match[0].length, start, sepEnd, from, to };
}

/**
 * The record dotenv would build: last assignment wins. Assigns into a plain object exactly as dotenv
 * does, so even a `__proto__` key behaves the same (it is dropped). Never throws.
 */
export function toRecord(doc: EnvDocument): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of doc.entries) record[entry.key] = entry.value;
  return record;
}
