/**
 * Blanks out comments so usage patterns do not match commented-out code. Every masked character
 * becomes a space and newlines stay, so offsets and line numbers are unchanged. Strings are kept
 * (they hold `process.env["X"]` keys) and only tracked so that `//` inside "http://..." is not a
 * comment. Regex literals are not recognised: a `//` inside one may blank the rest of that line,
 * which at worst hides a usage on the same line.
 */

export type Language = "js" | "py" | "html-js";

/** Returns `source` with comments replaced by spaces. Never throws. */
export function maskComments(source: string, language: Language): string {
  return language === "py" ? maskPython(source) : maskJs(source, language === "html-js");
}

type Range = [from: number, to: number];

function apply(source: string, ranges: Range[]): string {
  if (ranges.length === 0) return source;
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of ranges) {
    parts.push(source.slice(at, from), source.slice(from, to).replace(/[^\n]/g, " "));
    at = to;
  }
  parts.push(source.slice(at));
  return parts.join("");
}

function maskJs(source: string, html: boolean): string {
  const out: Range[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i]!;
    if (c === "/" && source[i + 1] === "/") {
      const end = indexOrEnd(source, "\n", i);
      out.push([i, end]);
      i = end;
    } else if (c === "/" && source[i + 1] === "*") {
      const close = source.indexOf("*/", i + 2);
      const end = close < 0 ? n : close + 2;
      out.push([i, end]);
      i = end;
    } else if (html && c === "<" && source.startsWith("<!--", i)) {
      const close = source.indexOf("-->", i + 4);
      const end = close < 0 ? n : close + 3;
      out.push([i, end]);
      i = end;
    } else if (c === '"' || c === "'" || c === "`") {
      i = skipString(source, i, c, c !== "`");
    } else {
      i++;
    }
  }
  return apply(source, out);
}

function maskPython(source: string): string {
  const out: Range[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i]!;
    if (c === "#") {
      const end = indexOrEnd(source, "\n", i);
      out.push([i, end]);
      i = end;
    } else if (c === '"' || c === "'") {
      const triple = source.startsWith(c.repeat(3), i);
      if (triple) {
        const close = source.indexOf(c.repeat(3), i + 3);
        i = close < 0 ? n : close + 3;
      } else {
        i = skipString(source, i, c, true);
      }
    } else {
      i++;
    }
  }
  return apply(source, out);
}

/** Index just past the closing quote (or the end of line for an unterminated one-line string). */
function skipString(source: string, start: number, quote: string, singleLine: boolean): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") i += 2;
    else if (c === quote) return i + 1;
    else if (singleLine && c === "\n") return i;
    else i++;
  }
  return source.length;
}

function indexOrEnd(source: string, needle: string, from: number): number {
  const at = source.indexOf(needle, from);
  return at < 0 ? source.length : at;
}
