/**
 * A unified diff of one file's before and after, for `secrets rewrite --dry-run` and migrate's
 * review. Pure: returns the text (no colour; the command adds it). Lines are compared whole; a
 * trailing `\r` is kept out of the output so CRLF files read cleanly in a terminal.
 */

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

/** Cells of the line-matching table above which the middle is shown as one replaced block. */
const MAX_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: " ", text: a[i]!, a: i, b: i });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) ops.push({ kind: "-", text: a[i]!, a: i, b: start });
    for (let j = start; j < endB; j++) ops.push({ kind: "+", text: b[j]!, a: endA, b: j });
  } else {
    // Longest common subsequence over the middle, read back from the front.
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i]![j] =
          a[start + i] === b[start + j]
            ? lcs[i + 1]![j + 1]! + 1
            : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        ops.push({ kind: " ", text: a[start + i]!, a: start + i, b: start + j });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
        ops.push({ kind: "-", text: a[start + i]!, a: start + i, b: start + j });
        i++;
      } else {
        ops.push({ kind: "+", text: b[start + j]!, a: start + i, b: start + j });
        j++;
      }
    }
  }
  for (let i = endA, j = endB; i < a.length; i++, j++) ops.push({ kind: " ", text: a[i]!, a: i, b: j });
  return ops;
}

/**
 * Renders the unified diff (`--- a/path`, `+++ b/path`, hunks with `context` lines around each
 * change). Returns "" when the texts are equal. Never throws.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- a/${path}`, `+++ b/${path}`];
  const changed = ops.map((op, i) => (op.kind === " " ? -1 : i)).filter((i) => i >= 0);
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k]! - context);
    let to = Math.min(ops.length, changed[k]! + context + 1);
    while (k + 1 < changed.length && changed[k + 1]! - context <= to) {
      k++;
      to = Math.min(ops.length, changed[k]! + context + 1);
    }
    k++;
    const hunk = ops.slice(from, to);
    const aCount = hunk.filter((op) => op.kind !== "+").length;
    const bCount = hunk.filter((op) => op.kind !== "-").length;
    const first = hunk[0]!;
    const aStart = aCount === 0 ? first.a : first.a + 1;
    const bStart = bCount === 0 ? first.b : first.b + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const op of hunk) {
      out.push(`${op.kind}${op.text.replace(/\r$/, "")}`);
      const lastA = op.kind !== "+" && op.a === a.length - 1 && !before.endsWith("\n");
      const lastB = op.kind !== "-" && op.b === b.length - 1 && !after.endsWith("\n");
      if (lastA || lastB) out.push("\\ No newline at end of file");
    }
  }
  return `${out.join("\n")}\n`;
}
