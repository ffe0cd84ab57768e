/**
 * A secret that moves while the same value stays in a plain line (S3_ACCESS_KEY moves, and
 * MINIO_ROOT_USER, kept as config, holds the same text): the value would stay in plaintext without a
 * word. Finds such pairs for a warning that names keys and files only, never the value.
 */
import type { PlanProblem } from "./types.js";

export interface ValueSighting {
  file: string;
  line: number;
  key: string;
  value: string;
}

/** Shorter values match too much by chance (`true`, `3000`). */
const MIN_LENGTH = 6;

/**
 * One warning per kept line whose value equals a moved one. Holds values only in memory; the
 * warnings name keys, files and lines. Throws nothing.
 */
export function plainCopies(moved: readonly ValueSighting[], kept: readonly ValueSighting[]): PlanProblem[] {
  const byValue = new Map<string, string[]>();
  for (const sighting of moved) {
    if (sighting.value.length < MIN_LENGTH) continue;
    const keys = byValue.get(sighting.value) ?? [];
    if (!keys.includes(sighting.key)) keys.push(sighting.key);
    byValue.set(sighting.value, keys);
  }
  const warnings: PlanProblem[] = [];
  for (const sighting of kept) {
    const keys = byValue.get(sighting.value);
    if (!keys) continue;
    warnings.push({
      file: sighting.file,
      line: sighting.line,
      key: sighting.key,
      message: `stays in plaintext but holds the same value as ${keys.join(", ")}, which moves to the provider; move it too (--only ${[...keys, sighting.key].join(",")}, or --include-config) or change one of them`,
    });
  }
  return warnings;
}
