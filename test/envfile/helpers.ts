// Invariants every parsed document must satisfy, shared by the corpus and the property tests.
import dotenv from "dotenv";
import { expect } from "vitest";
import { applyEdits, encodeValue, formatOf, parseEnv, toRecord } from "../../src/envfile/index.js";
import type { EnvDocument } from "../../src/envfile/types.js";

/** Entries formatOf may decline: unquoted values where U+2028/U+2029 made dotenv strip inner quotes. */
export function formatMayDecline(doc: EnvDocument, index: number): boolean {
  const entry = doc.entries[index]!;
  return entry.quote === null && /[\u2028\u2029]/.test(doc.source.slice(entry.valueStart, entry.valueEnd));
}

/** Parses `source` and asserts parity with dotenv, offsets, lossless writing and the format round trip. */
export function checkDocument(source: string): EnvDocument {
  const doc = parseEnv(source);
  expect(doc.source).toBe(source);
  expect(toRecord(doc)).toEqual(dotenv.parse(source));
  expect(applyEdits(doc, [])).toBe(source);
  let previousEnd = 0;
  doc.entries.forEach((entry, index) => {
    expect(entry.start).toBeGreaterThanOrEqual(previousEnd);
    expect(entry.start).toBeLessThanOrEqual(entry.valueStart);
    expect(entry.valueStart).toBeLessThanOrEqual(entry.valueEnd);
    expect(entry.valueEnd).toBeLessThanOrEqual(entry.end);
    previousEnd = entry.end;
    const head = source.slice(entry.start, entry.end);
    expect(head.startsWith(entry.exported ? "export" : entry.key)).toBe(true);
    if (entry.quote !== null) {
      expect(source[entry.valueStart - 1]).toBe(entry.quote);
      expect(source[entry.valueEnd]).toBe(entry.quote);
      expect(entry.end).toBe(entry.valueEnd + 1);
    }
    const format = formatOf(doc, entry);
    if (format === undefined) {
      expect(formatMayDecline(doc, index)).toBe(true);
      return;
    }
    expect(format.breaks).toMatch(/^[LCRnr]*$/);
    expect(encodeValue(entry.value, format)).toBe(source.slice(entry.valueStart, entry.valueEnd));
  });
  for (const warning of doc.warnings) expect(warning.line).toBeGreaterThanOrEqual(1);
  return doc;
}
