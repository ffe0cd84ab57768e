/**
 * Span edits on a source text and their application with magic-string: only the edited spans
 * change, every other byte (CRLF, comments, blank lines) is kept.
 */
import MagicString from "magic-string";
import { InternalError } from "../core/errors.js";

import type { SpanEdit } from "./types.js";

export type { SpanEdit };

/** The line ending a text uses (CRLF when it has any). Never throws. */
export const eolOf = (text: string): string => (text.includes("\r\n") ? "\r\n" : "\n");

const isBlank = (c: string | undefined) => c === " " || c === "\t";

/**
 * The span to delete for a statement at `[start, end)`: its whole line (with the line break) when
 * nothing else is on it, else the statement and the blanks beside it. Never throws.
 */
export function statementSpan(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && isBlank(text[from - 1])) from--;
  let to = end;
  while (to < text.length && isBlank(text[to])) to++;
  const lineStart = from === 0 || text[from - 1] === "\n";
  const lineEnd = to === text.length || text[to] === "\n" || text.startsWith("\r\n", to);
  if (lineStart && lineEnd) {
    if (to < text.length) to += text[to] === "\r" ? 2 : 1;
    // Between two blank lines, take one of them too, so no double blank line is left behind.
    const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(to, to + 200));
    if (blankAfter && from > 0 && /(^|\n)[ \t]*\r?\n$/.test(text.slice(Math.max(0, from - 200), from))) {
      to += blankAfter[0].length;
    }
    return [from, to];
  }
  return lineEnd ? [from, to] : [start, to];
}

/** Where to insert a new line before the statement at `start`, and the indentation to repeat. */
export function lineInsertPoint(text: string, start: number): { at: number; indent: string } {
  let from = start;
  while (from > 0 && isBlank(text[from - 1])) from--;
  if (from === 0 || text[from - 1] === "\n") return { at: from, indent: text.slice(from, start) };
  return { at: start, indent: "" };
}

/**
 * Applies non-overlapping span edits. Throws InternalError when two edits overlap (a bug in the
 * planner, never user input).
 */
export function applySpans(text: string, edits: readonly SpanEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) throw new InternalError("rewrite: overlapping edits");
  }
  const ms = new MagicString(text);
  for (const edit of sorted) {
    if (edit.start === edit.end) ms.appendLeft(edit.start, edit.text);
    else if (edit.text === "") ms.remove(edit.start, edit.end);
    else ms.overwrite(edit.start, edit.end, edit.text);
  }
  return ms.toString();
}
