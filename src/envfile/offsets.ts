/**
 * dotenv parses a copy of the text in which every `\r\n` and lone `\r` became `\n`. These helpers
 * keep the bookkeeping that maps positions in that normalised copy back to the original text.
 */

/** The normalised text plus what is needed to map its offsets back and to number its lines. */
export interface NormalisedText {
  text: string;
  /** Sorted normalised offsets of the `\n` that stands for a removed `\r\n`. */
  crlfAt: Int32Array;
  /** Sorted normalised offsets where a line starts (0 included). */
  lineStarts: Int32Array;
}

/** Normalises line breaks exactly as dotenv does (`/\r\n?/g` → `\n`) and records the mapping. Never throws. */
export function normalise(source: string): NormalisedText {
  // Typed arrays sized up front: a 1 MiB file of blank lines has a million line starts, and growing
  // plain arrays of them showed up as more than linear time.
  let crs = 0;
  for (let i = source.indexOf("\r"); i !== -1; i = source.indexOf("\r", i + 1)) crs++;
  const crlfAt = new Int32Array(crs);
  let crlfs = 0;
  for (let i = source.indexOf("\r"); i !== -1; i = source.indexOf("\r", i + 1)) {
    if (source.charCodeAt(i + 1) === 10) {
      crlfAt[crlfs] = i - crlfs;
      crlfs++;
    }
  }
  const text = crs === 0 ? source : source.replace(/\r\n?/g, "\n");
  let lfs = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lfs++;
  const lineStarts = new Int32Array(lfs + 1);
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts[count++] = i + 1;
  return { text, crlfAt: crlfAt.subarray(0, crlfs), lineStarts };
}

/** Number of elements of a sorted array that are < x (or <= x with `inclusive`). */
function countBelow(sorted: Int32Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < x || (inclusive && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Maps a normalised offset to the original text. An offset that points at a `\n` standing for
 * `\r\n` maps to the `\r`, so a span ending at a line break never splits the pair.
 */
export function toOriginal(norm: NormalisedText, offset: number): number {
  return offset + countBelow(norm.crlfAt, offset, false);
}

/** 1-based line of a normalised offset (CRLF, LF and lone CR each end one line). */
export function lineOf(norm: NormalisedText, offset: number): number {
  return countBelow(norm.lineStarts, offset, true);
}
