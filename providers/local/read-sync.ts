/**
 * The local provider's synchronous read, for `dotsecrets/config`: the same store chain as the
 * provider's getMany (paths, key, AES-256-GCM, decode, version lookup), with synchronous file calls,
 * so the values are in process.env before the app's next module evaluates. No lock is taken:
 * writers replace store.enc by an atomic rename, so a reader sees the old or the new file.
 */
import type { ProviderOptions, SecretRequest, SecretResult } from "../types.js";
import { resolveRequest } from "./data.js";
import { parseLocalSettings } from "./descriptor.js";
import { resolveLocalPaths } from "./paths.js";
import { loadStoreSync } from "./store-file.js";

/**
 * Fetches many secrets from the local store synchronously; one result per request, in order.
 * Throws UserError (CONFIG, STORE_KEY, STORE_CORRUPT) as the provider's getMany does.
 */
export function getManyLocalSync(
  options: ProviderOptions,
  requests: readonly SecretRequest[],
): SecretResult[] {
  if (requests.length === 0) return [];
  const settings = parseLocalSettings(options.settings);
  const { data } = loadStoreSync(resolveLocalPaths(options.env, settings), options.env);
  return requests.map((request) => resolveRequest(data, request));
}
