/**
 * dotenv parses a copy of the text in which every `\r\n` and lone `\r` became `\n`. These helpers
 * keep the bookkeeping that maps positions in that normalised copy back to the original text.
 */

/** The normalised text plus what is needed to map its offsets back and to number its lines. */
export interface NormalisedText {
  text: string;
  /** Sorted normalised offsets of the `\n` that stands for a removed `\r\n`. */
  crlfAt: number[];
  /** Sorted normalised offsets where a line starts (0 included). */
  lineStarts: number[];
}

/** Normalises line breaks exactly as dotenv does (`/\r\n?/g` → `\n`) and records the mapping. Never throws. */
export function normalise(source: string): NormalisedText {
  const crlfAt: number[] = [];
  let removed = 0;
  for (let i = source.indexOf("\r"); i !== -1; i = source.indexOf("\r", i + 1)) {
    if (source.charCodeAt(i + 1) === 10) {
      crlfAt.push(i - removed);
      removed++;
    }
  }
  const text = source.replace(/\r\n?/g, "\n");
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return { text, crlfAt, lineStarts };
}

/** Number of elements of a sorted array that are < x (or <= x with `inclusive`). */
function countBelow(sorted: number[], x: number, inclusive: boolean): number {
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
