/**
 * Getting values back from the provider at the exact versions a migration wrote: for resuming
 * (rebuilding an original from its stub) and for undo.
 */
import type { SecretProvider } from "../../providers/types.js";
import { parseBundle } from "../core/bundle.js";
import { UserError } from "../core/errors.js";
import { withRetry } from "../core/retry.js";
import type { Journal, PlannedEntry } from "./types.js";

/** Fetches the written versions of `names`. Throws UserError(PROVIDER_NOT_FOUND) naming what is missing. */
export async function fetchWritten(
  provider: SecretProvider,
  journal: Journal,
  names: Iterable<string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(names)].filter((name) => journal.written[name]);
  const values = new Map<string, string>();
  if (wanted.length === 0) return values;
  const results = await withRetry(() =>
    provider.getMany(wanted.map((name) => ({ name, version: journal.written[name]!.version }))),
  );
  const missing: string[] = [];
  results.forEach((result, index) => {
    if (result?.ok) values.set(wanted[index]!, result.value);
    else missing.push(`${wanted[index]} (version ${journal.written[wanted[index]!]!.version})`);
  });
  if (missing.length > 0) {
    throw new UserError(
      "PROVIDER_NOT_FOUND",
      `the ${provider.kind} provider no longer has: ${missing.join(", ")}`,
      {
        hint: "restore those secrets in the provider (or their versions), then run the command again",
      },
    );
  }
  return values;
}

/**
 * The text one moved entry held in its original file: the value from fetched raw values (a
 * bundle's field for the bundle layout), or, for a re-pointed entry, the old reference.
 */
export function entryValue(
  entry: PlannedEntry,
  raw: Map<string, string>,
  bundle: boolean,
): string | undefined {
  if (entry.from !== undefined) return entry.from;
  const text = raw.get(entry.name!);
  if (text === undefined || !bundle) return text;
  return parseBundle(text)?.[entry.key];
}
