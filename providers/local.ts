/**
 * The embedded default provider: an encrypted store in the user's data directory, outside every
 * project, so nothing in the repository (or an AI agent working in it) can read the values.
 *
 * Configuration
 *   DOTSECRETS_HOME        store directory (absolute path); wins over everything below
 *   dotsecrets.json        { "providers": { "local": { "home": "~/secrets", "lockTimeoutMs": 10000 } } }
 *   default directory      Linux   $XDG_DATA_HOME/dotsecrets, else ~/.local/share/dotsecrets
 *                          macOS   ~/Library/Application Support/dotsecrets
 *                          Windows %LOCALAPPDATA%\dotsecrets
 *   DOTSECRETS_LOCAL_KEY   the 32-byte key as hex or base64 (for CI); replaces store.key. An empty
 *                          value counts as unset.
 *
 * Files (directory created 0700 on first write)
 *   store.enc         every secret, all versions, names and labels, in one AES-256-GCM blob
 *                     (layout in local/format.ts); rewritten atomically on every change, mode 0600
 *   store.key         32 random bytes as hex, created 0600 on first write; a key file readable by
 *                     group or others is refused (STORE_KEY), like ssh does with private keys
 *   store.enc.lock/   present only while a writer holds the lock (local/lock.ts)
 *
 * Back up store.enc and store.key together: one without the other is useless. Every version is
 * kept up to MAX_VERSIONS (100) per secret. Names are `segment/segment/...` of [A-Za-z0-9_.-].
 * Nothing is cached between calls: each call reads the file again (writers under the lock), so
 * several processes can share a store.
 */
import { UserError } from "../src/core/errors.js";
import { type NameRules, nameProblem, shownName } from "../src/core/names.js";
import { applyPut, resolveRequest, toInfo } from "./local/data.js";
import { checkLocalName, LOCAL_LIMITS, parseLocalSettings } from "./local/descriptor.js";
import { DEFAULT_LOCK_TIMEOUT_MS, withStoreLock } from "./local/lock.js";
import { type LocalPaths, resolveLocalPaths } from "./local/paths.js";
import { ensureStoreDir, type LoadedStore, loadStore, saveStore } from "./local/store-file.js";
import type {
  DeleteResult,
  ListOptions,
  ProviderFactory,
  ProviderOptions,
  PutItem,
  PutOptions,
  PutResult,
  SecretInfo,
  SecretPage,
  SecretProvider,
  SecretRequest,
  SecretResult,
} from "./types.js";
import { valueBytes } from "./types.js";

export { checkLocalName, LOCAL_LIMITS } from "./local/descriptor.js";

/** The local provider plus where its files are, for `secrets doctor`-style output and tests. */
export interface LocalSecretProvider extends SecretProvider {
  readonly paths: LocalPaths;
  putMany(items: readonly PutItem[]): Promise<PutResult[]>;
}

/**
 * Opens the local store described by `options` (nothing is read or created until first use).
 * Throws UserError(CONFIG) for an invalid location or setting.
 */
export function openLocalProvider(options: ProviderOptions): LocalSecretProvider {
  const { env } = options;
  const settings = parseLocalSettings(options.settings);
  const paths = resolveLocalPaths(env, settings);
  const lockTimeoutMs = settings.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;

  const load = () => loadStore(paths, env);

  /** Read-modify-write under the lock; `change` returns whether the store must be written. */
  async function update<T>(change: (loaded: LoadedStore) => { value: T; changed: boolean }): Promise<T> {
    await ensureStoreDir(paths);
    return withStoreLock(paths.store, lockTimeoutMs, async (lock) => {
      const loaded = await load();
      const { value, changed } = change(loaded);
      if (changed) {
        lock.assertHeld();
        await saveStore(paths, env, loaded);
      }
      return value;
    });
  }

  async function putMany(items: readonly PutItem[]): Promise<PutResult[]> {
    for (const item of items) validatePut(item);
    if (items.length === 0) return [];
    return update((loaded) => {
      const now = new Date();
      let changed = false;
      const results = items.map((item) => {
        const applied = applyPut(loaded.data, item, now);
        changed ||= applied.changed;
        return applied.result;
      });
      return { value: results, changed };
    });
  }

  return {
    kind: "local",
    limits: LOCAL_LIMITS,
    paths,
    checkName: checkLocalName,
    putMany,
    async put(name: string, value: string, putOptions?: PutOptions): Promise<PutResult> {
      const [result] = await putMany([
        putOptions === undefined ? { name, value } : { name, value, options: putOptions },
      ]);
      return result!;
    },
    async getMany(requests: readonly SecretRequest[]): Promise<SecretResult[]> {
      if (requests.length === 0) return [];
      const { data } = await load();
      return requests.map((request) => resolveRequest(data, request));
    },
    async list(prefix: string, listOptions: ListOptions = {}): Promise<SecretPage> {
      const { data } = await load();
      const all = [...data.values()]
        .filter((record) => record.name.startsWith(prefix))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      // The cursor is the last name returned: stable across writes between pages.
      const after = listOptions.cursor;
      const start = after === undefined ? 0 : all.findIndex((record) => record.name > after);
      const size = Math.max(1, Math.min(listOptions.pageSize ?? 1000, 1000));
      const page = start < 0 ? [] : all.slice(start, start + size);
      const last = page[page.length - 1];
      const more = start >= 0 && start + size < all.length;
      return { items: page.map(toInfo), ...(more && last && { cursor: last.name }) };
    },
    async describe(name: string): Promise<SecretInfo | undefined> {
      const record = (await load()).data.get(name);
      return record && toInfo(record);
    },
    async delete(name: string): Promise<DeleteResult> {
      // A missing secret needs no lock and no write; this also keeps `delete` from creating a store.
      if (!(await load()).data.has(name)) return { name, existed: false };
      const existed = await update((loaded) => {
        const removed = loaded.data.delete(name);
        return { value: removed, changed: removed };
      });
      return { name, existed };
    },
  };
}

/** The registry's factory for the local provider; see openLocalProvider. */
export const createLocalProvider: ProviderFactory = openLocalProvider;

const LOCAL_RULES: NameRules = { kind: "local", limits: LOCAL_LIMITS, checkName: checkLocalName };

function validatePut(item: PutItem): void {
  const problem = nameProblem(LOCAL_RULES, item.name, valueBytes(item.value));
  if (problem) {
    throw new UserError(problem.code, `cannot store secret ${shownName(item.name)}: ${problem.message}`, {
      hint: problem.hint,
    });
  }
}
