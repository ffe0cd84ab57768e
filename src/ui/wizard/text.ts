/** Small text helpers for the wizard's screens: 80-column wrapping and section titles. */
import { displayWidth, sanitizeCell } from "../table.js";

/** The width every wizard screen fits in. */
export const WIDTH = 80;

/**
 * Wraps `text` to `width` cells, the first line after `first`, the rest indented by `indent`
 * spaces. Control characters become "?". Returns lines joined with "\n" and a final "\n".
 */
export function wrap(text: string, first = "", indent = 2, width = WIDTH): string {
  const words = sanitizeCell(text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  const pad = " ".repeat(indent);
  for (const word of words) {
    const candidate = fresh ? `${line}${word}` : `${line} ${word}`;
    if (!fresh && displayWidth(candidate) > width) {
      lines.push(line);
      line = `${pad}${word}`;
    } else {
      line = candidate;
    }
    fresh = false;
  }
  lines.push(line);
  // A single word longer than the width is cut rather than overflowing.
  return `${lines.map((l) => (displayWidth(l) > width ? `${[...l].slice(0, width - 1).join("")}…` : l)).join("\n")}\n`;
}

/** A step title: `\n── 2/6 Provider ──────…` filling the width. */
export function title(step: number, total: number, name: string): string {
  const head = `── ${step}/${total} ${name} `;
  return `\n${head}${"─".repeat(Math.max(3, WIDTH - displayWidth(head)))}\n`;
}

/** Cuts every line of `text` to the width (diffs of long lines), marking cut lines with "…". */
export function clip(text: string, width = WIDTH): string {
  return text
    .split("\n")
    .map((line) => (displayWidth(line) > width ? `${[...line].slice(0, width - 1).join("")}…` : line))
    .join("\n");
}
