/**
 * The keyword automaton finds exactly the occurrences a plain search finds: every keyword, ASCII
 * case-insensitively, overlapping ones included, in order of end — whatever the buffer's length,
 * so across the seams of the four passes the scan splits a long buffer into.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeywordAutomaton, scanKeywords } from "../../src/check/automaton.js";
import { buildEngine } from "../../src/check/engine.js";

/** [end, keyword id] of every occurrence, by end then id, by indexOf. */
function reference(text: string, keywords: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const out: Array<[number, number]> = [];
  keywords.forEach((k, id) => {
    for (let at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) out.push([at + k.length, id]);
  });
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function found(text: string, automaton: KeywordAutomaton): Array<[number, number]> {
  const hits = scanKeywords(Buffer.from(text, "latin1"), automaton);
  const out: Array<[number, number]> = [];
  for (let h = 0; h < hits.length; h += 2) {
    for (const id of automaton.outputs.get(hits[h + 1]!)!) out.push([hits[h]!, id]);
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe("keyword automaton", () => {
  const rules = buildEngine({}).automaton;

  it("finds what indexOf finds, for the rules' keywords, at every length and across the seam", () => {
    // Text made of the keywords' own pieces, so matches are dense and often straddle the middle.
    const pieces = [...rules.keywords.slice(0, 40), "SK", "Key", "x", " ", "\n", "_", "-", "://", "é"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 400 }), fc.nat(600), (parts, pad) => {
        const text = "y".repeat(pad) + parts.join("");
        expect(found(text, rules)).toEqual(reference(text, rules.keywords));
      }),
      { numRuns: 300 },
    );
  });

  it("reports a keyword ending exactly at, just before and just after each seam once", () => {
    // Long buffers are scanned as four quarters, each pass starting a little before its quarter.
    for (let n = 1200; n < 1240; n++) {
      const q = n >>> 2;
      for (const seam of [q, 2 * q, 3 * q]) {
        for (let end = seam - 12; end <= seam + 12; end++) {
          const text = `${"z".repeat(end - 6)}SECRET${"z".repeat(n - end)}`;
          expect(found(text, rules)).toEqual(reference(text, rules.keywords));
        }
      }
    }
  });

  it("handles overlapping and nested keywords, and no keywords at all", () => {
    const automaton = new KeywordAutomaton(["ab", "b", "abc", "bca"]);
    const text = "abcabcab".repeat(100);
    expect(found(text, automaton)).toEqual(reference(text, automaton.keywords));
    expect(scanKeywords(Buffer.from(text), new KeywordAutomaton([]))).toEqual([]);
  });
});
