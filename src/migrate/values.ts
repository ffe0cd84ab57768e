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
  return fetchValues(
    provider,
    wanted.map((name) => ({ name, version: journal.written[name]!.version })),
  );
}

/**
 * The value of each request (its version, or the latest), by name. Throws
 * UserError(PROVIDER_NOT_FOUND) naming every one the provider no longer has.
 */
export async function fetchValues(
  provider: SecretProvider,
  requests: Array<{ name: string; version?: string }>,
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  if (requests.length === 0) return values;
  const results = await withRetry(() => provider.getMany(requests));
  const missing: string[] = [];
  results.forEach((result, index) => {
    const { name, version } = requests[index]!;
    if (result?.ok) values.set(name, result.value);
    else missing.push(version === undefined ? name : `${name} (version ${version})`);
  });
  if (missing.length > 0) {
    const pinned = requests.some((r) => r.version !== undefined);
    throw new UserError(
      "PROVIDER_NOT_FOUND",
      `the ${provider.kind} provider no longer has: ${missing.join(", ")}`,
      {
        hint: `restore those secrets in the provider${pinned ? " (or their versions)" : ""}, then run the command again`,
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
