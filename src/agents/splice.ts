/**
 * Splices: the one edit shape every agent file uses, and its exact inverse.
 */
import { InternalError } from "../core/errors.js";
import type { Splice } from "./types.js";

/** Applies a splice to `text`. Throws InternalError when `removed` is not at `at`. */
export function applySplice(text: string, splice: Splice): string {
  const end = splice.at + splice.removed.length;
  if (text.slice(splice.at, end) !== splice.removed)
    throw new InternalError("splice does not match its text");
  return text.slice(0, splice.at) + splice.inserted + text.slice(end);
}

/**
 * Returns the text before the splice, byte for byte, given the text after it. Throws InternalError
 * when `after` does not hold `inserted` at `at` (the file changed since: the caller compares
 * hashes first and refuses, so this is a bug guard).
 */
export function revertSplice(after: string, splice: Splice): string {
  const end = splice.at + splice.inserted.length;
  if (after.slice(splice.at, end) !== splice.inserted) {
    throw new InternalError("the file no longer holds the inserted text at the recorded place");
  }
  return after.slice(0, splice.at) + splice.removed + after.slice(end);
}

/** The end-of-line style of a text: CRLF when it has any, else LF. */
export function eolOf(text: string | undefined): "\n" | "\r\n" {
  return text?.includes("\r\n") ? "\r\n" : "\n";
}

/**
 * Finds the marked block: from the start of the line holding `begin` to the end of the line holding
 * `end` (its line break included). Returns undefined when either marker is missing.
 */
export function findMarkedBlock(
  text: string,
  begin: string,
  end: string,
): { start: number; stop: number } | undefined {
  // The last begin marker that an end marker follows, and the first end after it: ours is appended
  // last, so stray markers in the user's text before or after it never widen it.
  let b = text.lastIndexOf(begin);
  let e = -1;
  while (b >= 0) {
    e = text.indexOf(end, b + begin.length);
    if (e >= 0) break;
    b = b === 0 ? -1 : text.lastIndexOf(begin, b - 1);
  }
  if (b < 0) return undefined;
  const start = text.lastIndexOf("\n", b) + 1;
  const lineEnd = text.indexOf("\n", e + end.length);
  return { start, stop: lineEnd < 0 ? text.length : lineEnd + 1 };
}

/**
 * Plans putting our block (rendered by `render` with a line break style, ending with one) into
 * `current`: replaces an existing marked block in the style it has, or appends one in the file's
 * style (after a blank line when `gap`). Returns undefined when the block is already there verbatim.
 */
export function planBlock(
  current: string | undefined,
  render: (eol: string) => string,
  markers: { begin: string; end: string },
  gap: boolean,
): Splice | undefined {
  const text = current ?? "";
  const found = findMarkedBlock(text, markers.begin, markers.end);
  if (found) {
    const removed = text.slice(found.start, found.stop);
    const block = render(eolOf(removed));
    // A block at the very end of a file without a final newline keeps lacking it.
    const inserted = removed.endsWith("\n") ? block : block.replace(/\r?\n$/, "");
    return removed === inserted ? undefined : { at: found.start, removed, inserted };
  }
  const eol = eolOf(text);
  let lead = "";
  if (text !== "" && !text.endsWith("\n")) lead = eol;
  if (text !== "" && gap && !/(\r?\n){2}$/.test(text + lead)) lead += eol;
  return { at: text.length, removed: "", inserted: lead + render(eol) };
}
