/**
 * Finds where UTF-8 decoding fails, for the error message. TextDecoder only says *that* it failed;
 * this follows the same WHATWG decoder rules to say where.
 */

/** Position of the first byte of the first ill-formed sequence, with its 1-based line and column. */
export interface InvalidUtf8 {
  offset: number;
  byte: number;
  line: number;
  /** 1-based, in characters of the (valid) text before it on its line. */
  column: number;
}

/** Offset of the lead byte of the first ill-formed UTF-8 sequence, or -1 when all is well-formed. */
function firstInvalid(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0; // overlong
      if (b === 0xed) upper = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90; // overlong
      if (b === 0xf4) upper = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || c < lower || c > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Where the first invalid UTF-8 sequence in `buf` is (lines end at LF, CRLF or lone CR, as for
 * dotenv), or undefined when there is none. Never throws.
 */
export function locateInvalidUtf8(buf: Uint8Array): InvalidUtf8 | undefined {
  const offset = firstInvalid(buf);
  if (offset === -1) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const b = buf[i];
    if (b === 0x0a || (b === 0x0d && buf[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder("utf-8").decode(buf.subarray(lineStart, offset));
  return { offset, byte: buf[offset]!, line, column: [...before].length + 1 };
}
