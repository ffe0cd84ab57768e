/**
 * The parser runs in linear time on the shapes that made it (and dotenv) quadratic, with the same
 * matches as dotenv's LINE regex run by matchAll (issue 9, item 20). Timing is judged as a ratio
 * against the same shape at half the size, measured in the same test, never as an absolute time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_ENV_FILE_BYTES, parseEnv } from "../../src/envfile/index.js";
import { matchLines } from "../../src/envfile/parse.js";

// dotenv 17's LINE, as in node_modules/dotenv/lib/main.js.
const DOTENV_LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** Best time of parseEnv on each text over a few rounds, the texts taking turns (drift hits both). */
function bestTimes(texts: readonly string[]): number[] {
  const best = texts.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < 5; round++) {
    texts.forEach((text, i) => {
      const started = performance.now();
      parseEnv(text);
      best[i] = Math.min(best[i]!, performance.now() - started);
    });
  }
  return best;
}

const SHAPES: Record<string, (n: number) => string> = {
  "blank lines": (n) => "\n".repeat(n),
  "CRLF blank lines": (n) => "\r\n".repeat(n),
  "lines of spaces": (n) => "  \n".repeat(n),
  "U+2028 line separators": (n) => "\u2028".repeat(n),
  "export then blank lines": (n) => `export${"\n".repeat(n)}`,
  "ignored lines": (n) => "MY KEY=v\n".repeat(n),
  "a key then blank lines": (n) => `A=1${"\n".repeat(n)}B=2\n`,
};

describe("parse time is linear (issue 9, item 20)", () => {
  it.each(Object.keys(SHAPES))("%s: doubling the size at most doubles the time, give or take", (name) => {
    const make = SHAPES[name]!;
    // 64,000 newlines and 100,000 ignored lines are the cases; all stay under the size cap.
    const size = name === "ignored lines" ? 100_000 : 64_000;
    expect(make(size).length).toBeLessThanOrEqual(MAX_ENV_FILE_BYTES);
    // Quadratic time doubles to ~4x every time; a burst of load on a shared machine only sometimes
    // slows the larger run, so a few tries are allowed. Tiny times are all noise.
    const tries: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const [half, full] = bestTimes([make(size / 2), make(size)]) as [number, number];
      tries.push(`${half.toFixed(1)} ms for ${size / 2}, ${full.toFixed(1)} ms for ${size}`);
      if (full < 3 * half || full < 25) return;
    }
    expect.fail(`${name} grows faster than linearly: ${tries.join("; ")}`);
  });

  it("reads values around long blank runs as dotenv does", () => {
    const text = `A=1\n${"\n".repeat(5000)}B=2\n${" \n".repeat(5000)}export C=3\n${"\u2028".repeat(100)}D=4`;
    expect(parseEnv(text).entries.map((e) => [e.key, e.value])).toEqual([
      ["A", "1"],
      ["B", "2"],
      ["C", "3"],
      ["D", "4"],
    ]);
  });
});

describe("matchLines", () => {
  // Whitespace, line terminators and the characters that start keys, values and comments.
  const piece = fc.constantFrom(
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u2028",
    "\u00a0",
    "A",
    "k.e-y",
    "=",
    ":",
    ": ",
    "'",
    '"',
    "`",
    "#",
    "\\",
    "x",
    "export ",
    "export\n",
    // Every kind of \s (and NEL, which is not one), and keys that only start like `export`.
    "\r",
    "\v\f",
    "\u2029",
    "\ufeff",
    "\u2003",
    "\u0085",
    ":\n",
    "export\t",
    "exportX",
  );
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));

  const sameAsMatchAll = (source: string) => {
    const ours = [...matchLines(source)].map((m) => [m.index, m[0]]);
    const theirs = [...source.matchAll(DOTENV_LINE)].map((m) => [m.index, m[0]]);
    expect(ours).toEqual(theirs);
  };

  it("finds exactly the matches matchAll finds, at the same places", () => {
    fc.assert(fc.property(text, sameAsMatchAll), { numRuns: 3000 });
  });

  // Text whose only line terminator is \n takes the line-by-line walk (mayStartEntry).
  const walked = fc
    .array(
      piece.filter((p) => !/[\r\u2028\u2029]/.test(p)),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(""));

  it("the line-by-line walk finds exactly the matches matchAll finds", () => {
    fc.assert(fc.property(walked, sameAsMatchAll), { numRuns: 3000 });
  });
});
