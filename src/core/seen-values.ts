/**
 * The values this process has seen: every value a provider returned or was given passes through
 * here (providers/index.ts wraps each opened provider), so the output boundary in src/main.ts can
 * redact them from every report, summary, error and `--json`, whatever path they took. Values live
 * only in memory, for the life of the process.
 */
const seen = new Set<string>();
let generation = 0;

/** Remembers values to redact from this process's own output. Throws nothing. */
export function rememberValues(values: Iterable<string>): void {
  for (const value of values) {
    if (value && !seen.has(value)) {
      seen.add(value);
      generation++;
    }
  }
}

/** The values seen so far, and a counter that changes whenever one is added. */
export function seenValues(): { values: string[]; generation: number } {
  return { values: [...seen], generation };
}
