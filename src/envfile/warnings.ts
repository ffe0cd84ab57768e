/**
 * Warnings for lines dotenv skips or reads differently than they look. Messages name keys and lines
 * only: a line dotenv ignores may well be a secret, so no text of the file is ever quoted.
 */
import { lineOf, type NormalisedText } from "./offsets.js";
import type { EnvEntry, EnvWarning } from "./types.js";

/** One LINE match with its normalised positions (entry start, trimmed value `from..to`). */
export interface Scanned {
  entry: EnvEntry;
  matchStart: number;
  matchEnd: number;
  start: number;
  sepEnd: number;
  from: number;
  to: number;
}

/** Warnings kept per document; the rest are summarised in one last warning. */
export const MAX_WARNINGS = 200;

// A line inside a multi-line quoted value that reads like `KEY=`: the sign of a quote left open.
const LOOKS_LIKE_ASSIGNMENT = /\n[ \t]*(?:export[ \t]+)?[\w.-]+[ \t]*=/;

/** Every warning for a parsed text, ordered by line. Never throws. */
export function collectWarnings(norm: NormalisedText, scanned: readonly Scanned[]): EnvWarning[] {
  const text = norm.text;
  // Both streams come in line order, so past the first MAX_WARNINGS + 1 of each a warning can only
  // be hidden: count it instead of building it (a file of 100,000 ignored lines stays fast).
  const keep = MAX_WARNINGS + 1;
  let uncounted = 0;
  const ignored: EnvWarning[] = [];
  const warnAt = (offset: number, message: string) => {
    if (ignored.length < keep) ignored.push({ line: lineOf(norm, offset), message });
    else uncounted++;
  };
  let pos = 0;
  for (const s of scanned) {
    ignoredLines(text, pos, s.matchStart, warnAt);
    pos = s.matchEnd;
  }
  ignoredLines(text, pos, text.length, warnAt);

  const fromEntries: EnvWarning[] = [];
  const add = (line: number, message: string) => {
    if (fromEntries.length < keep) fromEntries.push({ line, message });
    else uncounted++;
  };
  const last = new Map<string, Scanned>();
  for (const s of scanned) last.set(s.entry.key, s);
  for (const s of scanned) {
    for (const message of entryWarnings(text, s, norm)) add(s.entry.line, message);
    const final = last.get(s.entry.key)!;
    if (final !== s) {
      add(
        s.entry.line,
        `${s.entry.key} is set again on line ${final.entry.line}; dotenv keeps the last value`,
      );
    }
  }

  const warnings = [...ignored, ...fromEntries];
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    warnings.push({
      line: lineOf(norm, nul),
      message: "the file contains NUL bytes: is it UTF-16 or binary rather than a UTF-8 .env file?",
    });
  }
  warnings.sort((a, b) => a.line - b.line);
  // A generated or binary file can yield one warning per line; nobody reads past the first screens.
  const total = warnings.length + uncounted;
  if (total <= MAX_WARNINGS) return warnings;
  const more = total - MAX_WARNINGS;
  const firstHidden = warnings[MAX_WARNINGS]!.line;
  return [
    ...warnings.slice(0, MAX_WARNINGS),
    { line: firstHidden, message: `${more} more warnings not shown` },
  ];
}

/** Whitespace within a line (what String#trim removes, but not the line feed). */
const SPACE_IN_LINE = /[^\S\n]*/y;

/** Lines in `from..to` (text no match covered) that are neither blank nor comments. */
function ignoredLines(
  text: string,
  from: number,
  to: number,
  warnAt: (offset: number, message: string) => void,
) {
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    // No slicing: a file of 100,000 lines would make as many strings.
    SPACE_IN_LINE.lastIndex = lineStart;
    const first = lineStart + SPACE_IN_LINE.exec(text)![0].length;
    if (first < lineEnd && text[first] !== "#") {
      warnAt(
        lineStart,
        "dotenv ignores this line: it is not KEY=value (keys may use letters, digits, _, . and - only)",
      );
    }
    lineStart = lineEnd + 1;
  }
}

function entryWarnings(text: string, s: Scanned, norm: NormalisedText): string[] {
  const { key, quote } = s.entry;
  const out: string[] = [];
  const valueFrom = s.from < s.to ? s.from : s.sepEnd;
  if (text.slice(s.start, valueFrom).includes("\n")) {
    out.push(`${key}: the key and its value are on different lines; dotenv reads them as one assignment`);
  }
  if (quote === null && s.from < s.to && /["'`]/.test(text[s.from]!)) {
    out.push(
      `${key}: the value starts with ${text[s.from]} but is not one quoted string (the quote is not closed, ` +
        "or text follows it); dotenv keeps the quote characters in the value",
    );
  }
  if (quote === null && text[s.from < s.to ? s.to : s.sepEnd] === "#") {
    out.push(
      `${key}: the value stops at a # with no space before it; dotenv reads the rest of the line as a ` +
        "comment (quote the value if the # belongs to it)",
    );
  }
  if (quote !== null && LOOKS_LIKE_ASSIGNMENT.test(text.slice(s.from, s.to))) {
    const first = lineOf(norm, s.from);
    out.push(
      `${key}: the quoted value runs from line ${first} to line ${lineOf(norm, s.to)} over lines that look ` +
        `like assignments; is a closing ${quote} missing on line ${first}?`,
    );
  }
  if (quote !== null && text[s.to - 2] === "\\" && s.to - s.from > 2) {
    out.push(
      `${key}: the value ends with a backslash right before its closing ${quote}; dotenv reads that quote ` +
        "as escaped first, so a later line with a quote can change this value",
    );
  }
  if (key === "__proto__") out.push("dotenv cannot set the key __proto__: it is dropped");
  return out;
}
