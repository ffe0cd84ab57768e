/**
 * Plain-text tables for terminals: left-aligned columns separated by two spaces, a header row and a
 * rule, no colour. Widths count terminal cells (CJK and emoji take two, combining marks none), and
 * control characters in cells are replaced so a file or key name cannot inject escape sequences.
 */

export interface TableOptions {
  /** Per column (by index): the most cells a column may take; longer cells end in "…". */
  maxWidths?: readonly (number | undefined)[];
}

// Variation selectors (U+FE00–FE0F) are listed as an alternation: in a class next to other marks
// they read as a combining sequence.
const ZERO_WIDTH = /^(?:[\p{Mn}\p{Me}\u200b-\u200f\u2060]|[\ufe00-\ufe0f])$/u;
const WIDE =
  /^[\p{Extended_Pictographic}\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]$/u;

function charWidth(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  // Emoji in the Extended_Pictographic set below U+2000 (©, ®) draw narrow in most terminals.
  if (WIDE.test(ch) && ch.codePointAt(0)! >= 0x1100) return 2;
  return 1;
}

/** Terminal cells taken by a string. Never throws. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Cuts a string to at most `width` cells, ending in "…" when cut. Never throws. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Replaces control characters (escape sequences, newlines, tabs) with a visible stand-in. */
export function sanitizeCell(text: string): string {
  return text.replace(/\p{Cc}/gu, "?");
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Renders rows under headers, each line ending in "\n" with trailing spaces trimmed. Rows shorter
 * than the header get empty cells. Never throws.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const cells = [headers, ...rows].map((row) =>
    headers.map((_, i) => {
      const text = sanitizeCell(row[i] ?? "");
      const max = options.maxWidths?.[i];
      return max === undefined ? text : truncate(text, max);
    }),
  );
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i]!))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => pad(cell, widths[i]!))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const [head, ...body] = cells;
  return [line(head!), rule, ...body.map(line)].map((l) => `${l}\n`).join("");
}
