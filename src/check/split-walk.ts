/**
 * Finding a value that is split across a quoted multi-line string:
 *
 *   const key = "sk_live_4eC39HqLyjWDarjtT1" +
 *     "zdp7dc";
 *
 * From a window of the value found in the text, the walk goes backwards and forwards comparing
 * the value's bytes, stepping over "joins": runs of whitespace, quotes, `+` and `\` that hold a
 * quote or a backslash (a string literal closed and reopened), or indentation after a line break
 * that belongs to the value (YAML block scalars).
 */

const MAX_GAP = 48;

function isJoinByte(b: number): boolean {
  return (
    b === 0x20 ||
    b === 0x09 ||
    b === 0x0a ||
    b === 0x0d ||
    b === 0x22 ||
    b === 0x27 ||
    b === 0x60 ||
    b === 0x2b ||
    b === 0x5c
  );
}

function isQuoteOrEscape(b: number): boolean {
  return b === 0x22 || b === 0x27 || b === 0x60 || b === 0x5c;
}

export interface SplitMatch {
  start: number;
  end: number;
  /** Number of joins stepped over (0: the value is there whole). */
  joins: number;
}

/**
 * Matches `pattern` in `text` around a window found at `at` (text) / `offset` (pattern) of `width`
 * bytes, stepping over joins. Returns undefined when the value is not there. Never throws.
 */
export function splitWalk(
  text: Uint8Array,
  pattern: Uint8Array,
  at: number,
  offset: number,
  width: number,
): SplitMatch | undefined {
  let joins = 0;
  // Backwards from the window's start.
  let t = at - 1;
  let p = offset - 1;
  while (p >= 0) {
    if (t >= 0 && text[t] === pattern[p]) {
      t--;
      p--;
      continue;
    }
    const gapEnd = t;
    let quoted = false;
    while (t >= 0 && gapEnd - t < MAX_GAP && isJoinByte(text[t]!) && text[t] !== pattern[p]) {
      quoted ||= isQuoteOrEscape(text[t]!);
      t--;
    }
    if (t === gapEnd || t < 0 || text[t] !== pattern[p]) return undefined;
    // Indentation is a join only right after a line break of the value itself.
    if (!quoted && pattern[p] !== 0x0a) return undefined;
    joins++;
  }
  const start = t + 1;
  // Forwards from the window's end.
  t = at + width;
  p = offset + width;
  while (p < pattern.length) {
    if (t < text.length && text[t] === pattern[p]) {
      t++;
      p++;
      continue;
    }
    const gapStart = t;
    let quoted = false;
    while (t < text.length && t - gapStart < MAX_GAP && isJoinByte(text[t]!) && text[t] !== pattern[p]) {
      quoted ||= isQuoteOrEscape(text[t]!);
      t++;
    }
    if (t === gapStart || t >= text.length || text[t] !== pattern[p]) return undefined;
    if (!quoted && !(p > 0 && pattern[p - 1] === 0x0a)) return undefined;
    joins++;
  }
  return { start, end: t, joins };
}
