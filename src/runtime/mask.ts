/**
 * The one redactor every output path uses (STYLE.md rule 11): strings through `redact`, byte
 * streams such as a child's stdout through `stream()`. Both share one scanner, so a stream cut
 * into any chunks produces exactly `redact` of the whole text.
 *
 * Semantics: every occurrence of every masked form is found, overlapping ones included, and each
 * maximal run of overlapping occurrences becomes one replacement. That covers "longest first" (a
 * value containing another is hidden whole) and also two values that merely overlap, where a
 * leftmost-first replace would leave the tail of the second visible.
 *
 * Terminal escape sequences (colours, OSC hyperlinks, charset switches) between two characters of
 * a value do not hide it: `sk_live_5f\e[31mfd20…` is masked whole, escapes inside it included. Only
 * complete 7-bit sequences count (not the 8-bit C1 form), and a run of more than MAX_ESCAPE_SLACK
 * characters of escapes inside one value may go unseen when it spans stream chunks.
 */
import { Transform, type TransformCallback } from "node:stream";

/**
 * Values shorter than this many characters (code points) are not masked: masking "1" or "on"
 * would blank out most output while protecting nothing a guess would not find. A value of exactly
 * this length or longer is masked.
 */
export const MIN_MASKED_LENGTH = 4;

/** A line of a multi-line value is masked on its own only from this length, so `{` or `},` are not. */
const MIN_LINE_LENGTH = 8;

/** ESC, spelled for a RegExp source. */
const ESC = String.raw`\x1b`;
/**
 * One complete ANSI/ECMA-48 escape sequence: CSI (`ESC [ params final`), a string sequence (OSC,
 * DCS, SOS, PM, APC) ended by BEL or ST, or a two-or-more byte escape (`ESC ( B`, `ESC 7`).
 */
const ESCAPE = String.raw`\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|[\x20-\x2f]*[\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e])`;
const ESCAPE_AT = new RegExp(ESCAPE, "y");
/** The start of an escape sequence that the text ends inside of. */
const ESCAPE_PREFIX = new RegExp(
  `^${ESC}(?:\\[[\\x30-\\x3f]*[\\x20-\\x2f]*|[\\]PX^_][^\\x07${ESC}]*${ESC}?|[\\x20-\\x2f]*)$`,
);

/** Most characters of escape sequences inside one value that a stream holds back waiting for the rest. */
export const MAX_ESCAPE_SLACK = 4096;

/** What a masked value is replaced with unless the caller chooses otherwise. */
export const DEFAULT_REPLACEMENT = "*****";

/** Masks secret values in text; see createRedactor. */
export interface Redactor {
  /** Returns text with every masked form of every value replaced. */
  redact(text: string): string;
  /** A fresh Transform for one byte stream (use one per stream: it holds state between chunks). */
  stream(): Transform;
}

/**
 * The forms of one value that are masked: the value as-is; trimmed of surrounding whitespace
 * (values read from files often carry a newline the program drops); JSON-escaped (a multi-line key
 * or a value with quotes inside a JSON log line); URL-encoded (a password inside a connection
 * string or query); and, for multi-line values such as PEM keys, each line of at least
 * MIN_LINE_LENGTH characters, so the value still hides when printed with CRLF or indented.
 * Returns nothing for values shorter than MIN_MASKED_LENGTH. Throws nothing.
 */
export function maskedForms(value: string): string[] {
  if ([...value].length < MIN_MASKED_LENGTH) return [];
  const forms = new Set([value, JSON.stringify(value).slice(1, -1), safeUriEncode(value)]);
  const trimmed = value.trim();
  if ([...trimmed].length >= MIN_MASKED_LENGTH) forms.add(trimmed);
  if (/[\r\n]/.test(trimmed)) {
    for (const line of trimmed.split(/\r?\n|\r/)) {
      if ([...line.trim()].length >= MIN_LINE_LENGTH) forms.add(line.trim());
    }
  }
  forms.delete("");
  return [...forms];
}

/**
 * Builds a redactor for the given secret values (duplicates, empty and too-short values are
 * ignored; see MIN_MASKED_LENGTH and maskedForms). Values are matched literally, regex
 * metacharacters included. Throws nothing.
 */
export function createRedactor(
  values: readonly string[],
  replacement: string = DEFAULT_REPLACEMENT,
): Redactor {
  const forms = [...new Set(values.flatMap(maskedForms))];
  // Strings are scanned as UTF-16; streams as bytes (latin1 maps each byte to one char), so binary
  // output passes unchanged and a multi-byte character split across chunks is never decoded at all.
  const text = buildMatcher(forms);
  const bytes = buildMatcher(forms.map(toByteString));
  const byteReplacement = toByteString(replacement);
  return {
    redact(input: string): string {
      if (!text) return input;
      return scan(input, text, replacement, 0, true).output;
    },
    stream(): Transform {
      return new RedactStream(bytes, byteReplacement);
    },
  };
}

/** A trie of the patterns, to find where a pattern could begin in a chunk's unfinished tail. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
}

interface Matcher {
  /** All patterns, longest first, as one global alternation: at one position the longest wins. */
  readonly regex: RegExp;
  /** The patterns without an ESC, searched in the text with escape sequences taken out. */
  readonly plain: RegExp | undefined;
  readonly maxLength: number;
  readonly trie: TrieNode;
}

/**
 * Longest pattern kept whole. A longer one (a certificate bundle, a value over a provider's limit)
 * is masked as consecutive segments of this length: V8 refuses a RegExp source past about 64 KiB,
 * and the segments together hide the whole value (a partial copy keeps up to one segment's worth
 * visible at each of its ends).
 */
const MAX_PATTERN_LENGTH = 4096;

function segments(pattern: string): string[] {
  if (pattern.length <= MAX_PATTERN_LENGTH) return [pattern];
  const out: string[] = [];
  for (let start = 0; start < pattern.length; start += MAX_PATTERN_LENGTH) {
    out.push(pattern.slice(start, start + MAX_PATTERN_LENGTH));
  }
  // A short last segment joins the one before it, so no segment is too short to mask.
  if (out.length > 1 && out[out.length - 1]!.length < MIN_MASKED_LENGTH) {
    const last = out.pop()!;
    out[out.length - 1] += last;
  }
  return out;
}

function buildMatcher(input: readonly string[]): Matcher | undefined {
  const patterns = [...new Set(input.flatMap(segments))];
  if (patterns.length === 0) return undefined;
  const sorted = [...patterns].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const trie: TrieNode = { next: new Map() };
  for (const pattern of sorted) {
    let node = trie;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map() };
        node.next.set(code, child);
      }
      node = child;
    }
  }
  const plain = sorted.filter((pattern) => !pattern.includes("\x1b"));
  return {
    regex: new RegExp(sorted.map(escapeRegExp).join("|"), "g"),
    plain: plain.length > 0 ? new RegExp(plain.map(escapeRegExp).join("|"), "g") : undefined,
    maxLength: sorted[0]!.length,
    trie,
  };
}

/**
 * The text as a terminal shows it: complete escape sequences taken out, with where each visible
 * character sits in the text. Unless `final`, an escape sequence the text ends inside of is left
 * out too (`tail` is where it starts): the next chunk completes it.
 */
interface View {
  visible: string;
  /** visible index → text index. */
  at: Int32Array;
  tail: number;
}

function view(text: string, final: boolean): View | undefined {
  const first = text.indexOf("\x1b");
  if (first === -1) return undefined;
  const at = new Int32Array(text.length);
  let visible = "";
  let count = 0;
  let from = 0;
  let tail = text.length;
  const copy = (to: number) => {
    visible += text.slice(from, to);
    for (let i = from; i < to; i++) at[count++] = i;
  };
  for (let i = first; i !== -1; i = text.indexOf("\x1b", i + 1)) {
    ESCAPE_AT.lastIndex = i;
    const sequence = ESCAPE_AT.exec(text);
    if (sequence !== null) {
      copy(i);
      from = i + sequence[0].length;
      i = from - 1;
    } else if (!final && text.length - i <= MAX_ESCAPE_SLACK && ESCAPE_PREFIX.test(text.slice(i))) {
      tail = i;
      break;
    }
  }
  copy(tail);
  return { visible, at: at.subarray(0, count), tail };
}

interface ScanResult {
  output: string;
  /** Unscanned tail to prepend to the next chunk. */
  rest: string;
  /** How many leading chars of `rest` an already emitted replacement covers. */
  covered: number;
}

/**
 * Replaces occurrences in `text`, stopping (unless `final`) at the first position where a pattern
 * could start but not finish inside `text`: only that tail is held back, so output whose end cannot
 * begin a value (a prompt, a progress line) goes out at once. Everything before that position is
 * decided: no pattern starting there depends on bytes not yet seen. Occurrences are looked for in
 * the text as it is and in its view without escape sequences (mapped back to the text).
 */
function scan(
  text: string,
  matcher: Matcher,
  replacement: string,
  covered: number,
  final: boolean,
): ScanResult {
  const shown = matcher.plain ? view(text, final) : undefined;
  let end = final ? text.length : firstUnfinished(text, matcher);
  if (shown && !final) {
    const stop = firstUnfinished(shown.visible, matcher);
    end = Math.min(end, stop < shown.visible.length ? shown.at[stop]! : shown.tail);
    // A flood of escape sequences after the start of a value must not be held (and rescanned) forever.
    end = Math.max(end, text.length - matcher.maxLength - MAX_ESCAPE_SLACK);
  }
  const spans = occurrences(text, matcher.regex, end);
  if (shown) {
    for (const [start, stop] of occurrences(shown.visible, matcher.plain!, Number.POSITIVE_INFINITY)) {
      const from = shown.at[start]!;
      if (from < end) spans.push([from, shown.at[stop - 1]! + 1]);
    }
    spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  }
  let output = "";
  // Text before `pos` is emitted, either verbatim or under the last replacement.
  let pos = covered;
  for (const [start, stop] of spans) {
    if (start < pos) {
      pos = Math.max(pos, stop);
    } else {
      output += text.slice(pos, start) + replacement;
      pos = stop;
    }
  }
  if (pos < end) output += text.slice(pos, end);
  return { output, rest: text.slice(end), covered: Math.max(0, pos - end) };
}

/** Every occurrence starting before `end`: at each position the longest, overlapping ones included. */
function occurrences(text: string, regex: RegExp, end: number): [number, number][] {
  const spans: [number, number][] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null && match.index < end; match = regex.exec(text)) {
    spans.push([match.index, match.index + match[0].length]);
    // Resume one past the start, not at the end, so occurrences overlapping this one are seen.
    regex.lastIndex = match.index + 1;
  }
  return spans;
}

/** The first index whose suffix is a proper prefix of some pattern, or text.length. */
function firstUnfinished(text: string, matcher: Matcher): number {
  for (let i = Math.max(0, text.length - matcher.maxLength + 1); i < text.length; i++) {
    let node: TrieNode | undefined = matcher.trie;
    for (let j = i; node !== undefined && j < text.length; j++) node = node.next.get(text.charCodeAt(j));
    if (node !== undefined && node.next.size > 0) return i;
  }
  return text.length;
}

class RedactStream extends Transform {
  #rest = "";
  #covered = 0;

  constructor(
    private readonly matcher: Matcher | undefined,
    private readonly replacement: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.matcher) this.#emit(this.#rest + chunk.toString("latin1"), false);
    else this.push(chunk);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.#rest.length > 0) this.#emit(this.#rest, true);
    callback();
  }

  #emit(text: string, final: boolean): void {
    const result = scan(text, this.matcher!, this.replacement, this.#covered, final);
    this.#rest = result.rest;
    this.#covered = result.covered;
    if (result.output.length > 0) this.push(Buffer.from(result.output, "latin1"));
  }
}

function toByteString(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/** encodeURIComponent throws on a lone surrogate; such a value simply has no URL form. */
function safeUriEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}
