/**
 * JSON bundles: the `--layout bundle` form, one secret per app and environment holding an object
 * of KEY → value. Shared by resolution (reading a field) and migration (writing, merging).
 */

/** Parses a JSON bundle; undefined when it is not an object of strings. */
export function parseBundle(text: string): Record<string, string> | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
    return Object.values(data).every((value) => typeof value === "string")
      ? (data as Record<string, string>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Serialises a bundle deterministically (sorted keys) so a read-back compares as a string. */
export function serializeBundle(fields: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted);
}
