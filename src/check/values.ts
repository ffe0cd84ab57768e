/**
 * The exact values `secrets check` looks for: every value a migration moved (the journals in
 * `.dotsecrets/migrations/` name each written secret and version), fetched from the provider in one
 * batch per journal. When the provider cannot be reached (no credentials, offline), the fingerprints
 * saved by the last online check are used instead. They live outside the repository, beside the
 * local store (`$DOTSECRETS_HOME/check/`), and hold keyed hashes only — never a value.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { resolveLocalPaths } from "../../providers/local/paths.js";
import { writeFileAtomic } from "../core/atomic-write.js";
import { loadProject } from "../core/project.js";
import { loadJournals } from "../migrate/journal.js";
import type { Journal } from "../migrate/types.js";
import { encodedForms, MIN_EXACT_BYTES } from "./encodings.js";
import { FINGERPRINT_WINDOW, type FingerprintValueSpec, type ValuesSpec } from "./engine.js";
import { redactValue } from "./redact-value.js";
import type { ValuesInfo } from "./types.js";

/** What check knows about a migrated key besides its value. */
export interface ValueMeta {
  key: string;
  env: string;
  provider: string;
}

export interface LoadedValues {
  spec?: ValuesSpec;
  info: ValuesInfo;
  meta: ValueMeta[];
  warnings: string[];
}

interface FingerprintFile {
  version: 1;
  root: string;
  createdAt: string;
  base: number;
  hmacKey: string;
  items: Array<FingerprintValueSpec & { env: string; provider: string }>;
}

/**
 * Loads the migrated values (or their fingerprints) for the project at `root`. Never throws for a
 * provider or journal problem: it falls back and says why in `info.note` and `warnings`.
 */
export async function loadValues(
  root: string,
  env: NodeJS.ProcessEnv,
  options: { offline?: boolean } = {},
): Promise<LoadedValues> {
  const warnings: string[] = [];
  let journals: Journal[] = [];
  try {
    journals = (await loadJournals(root)).filter(
      (j) => j.state !== "undone" && Object.keys(j.written).length > 0,
    );
  } catch (error) {
    warnings.push((error as Error).message);
  }
  const store = fingerprintPath(root, env);
  if (journals.length === 0)
    return {
      info: { source: "none", count: 0, tooShort: 0, note: "no migration journal" },
      meta: [],
      warnings,
    };
  let note: string | undefined;
  if (!options.offline) {
    try {
      const values = await fetchValues(root, env, journals);
      const loaded = exactSpec(values);
      if (store)
        await saveFingerprints(store, root, values).catch((e: Error) =>
          warnings.push(`fingerprints not saved: ${e.message}`),
        );
      return { ...loaded, warnings };
    } catch (error) {
      note = `provider not reachable: ${(error as Error).message}`;
    }
  } else {
    note = "--offline";
  }
  const file = store ? await readFingerprints(store) : undefined;
  if (!file) {
    warnings.push(`exact values not checked (${note}); no saved fingerprints: only the rules ran`);
    return { info: { source: "none", count: 0, tooShort: 0, note }, meta: [], warnings };
  }
  return {
    spec: { mode: "fingerprints", base: file.base, hmacKey: file.hmacKey, items: file.items },
    info: {
      source: "fingerprints",
      count: file.items.length,
      tooShort: 0,
      note: `${note}; fingerprints of ${file.createdAt}`,
    },
    meta: file.items.map(({ key, env: e, provider }) => ({ key, env: e, provider })),
    warnings,
  };
}

export interface Value extends ValueMeta {
  value: string;
}

async function fetchValues(root: string, env: NodeJS.ProcessEnv, journals: Journal[]): Promise<Value[]> {
  // The providers load only when there are values to fetch: a check with none starts faster.
  const [{ entryValue, fetchWritten }, { openForProject }] = await Promise.all([
    import("../migrate/values.js"),
    import("../runtime/scope.js"),
  ]);
  const project = loadProject(root);
  const out: Value[] = [];
  const seen = new Set<string>();
  for (const journal of journals) {
    const plan = journal.plan;
    const provider = await openForProject({ ...project, root }, plan.provider, env);
    try {
      const raw = await fetchWritten(provider, journal, Object.keys(journal.written));
      for (const file of plan.files) {
        for (const entry of file.entries) {
          if (entry.action !== "move" || !entry.name || !journal.written[entry.name]) continue;
          const value = entryValue(entry, raw, plan.layout === "bundle");
          if (value === undefined || seen.has(`${entry.key}\0${value}`)) continue;
          seen.add(`${entry.key}\0${value}`);
          out.push({ key: entry.key, env: file.env, provider: plan.provider, value });
        }
      }
    } finally {
      await provider.close?.();
    }
  }
  return out;
}

/** The engine spec matching `values` exactly, in every encoded form. Never throws. */
export function exactSpec(values: Value[]): Omit<LoadedValues, "warnings"> {
  const long = values.filter((v) => Buffer.byteLength(v.value) >= MIN_EXACT_BYTES);
  const items = long.map((v) => ({
    key: v.key,
    preview: redactValue(v.value),
    forms: encodedForms(v.value),
  }));
  return {
    spec: { mode: "exact", base: randomBytes(4).readInt32LE(0), items },
    info: { source: "provider", count: long.length, tooShort: values.length - long.length },
    meta: long.map(({ key, env, provider }) => ({ key, env, provider })),
  };
}

/** Where this project's fingerprints live, or undefined when the local store's home cannot be resolved. */
export function fingerprintPath(root: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const dir = resolveLocalPaths(env, loadProject(root).config.providers?.local ?? {}).dir;
    return join(dir, "check", `${createHash("sha256").update(root).digest("hex").slice(0, 16)}.json`);
  } catch {
    return undefined;
  }
}

async function saveFingerprints(path: string, root: string, values: Value[]): Promise<void> {
  const hmacKey = randomBytes(32);
  const base = randomBytes(4).readInt32LE(0) | 1;
  const items = values
    .filter((v) => Buffer.byteLength(v.value) >= MIN_EXACT_BYTES)
    .map((v) => ({
      key: v.key,
      env: v.env,
      provider: v.provider,
      preview: redactValue(v.value),
      forms: encodedForms(v.value)
        .filter((f) => f.bytes.length >= FINGERPRINT_WINDOW)
        .map((f) => ({
          encoding: f.encoding,
          length: f.bytes.length,
          head: windowHash(f.bytes, base),
          hmac: createHmac("sha256", hmacKey).update(f.bytes).digest("hex"),
        })),
    }));
  const file: FingerprintFile = {
    version: 1,
    root,
    createdAt: new Date().toISOString(),
    base,
    hmacKey: hmacKey.toString("hex"),
    items,
  };
  const { mkdir } = await import("node:fs/promises");
  await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
}

function windowHash(bytes: Uint8Array, base: number): number {
  let h = 0;
  for (let i = 0; i < FINGERPRINT_WINDOW; i++) h = (Math.imul(h, base | 1) + bytes[i]!) | 0;
  return h;
}

async function readFingerprints(path: string): Promise<FingerprintFile | undefined> {
  try {
    const file = JSON.parse(await readFile(path, "utf8")) as FingerprintFile;
    return file.version === 1 && Array.isArray(file.items) ? file : undefined;
  } catch {
    return undefined;
  }
}
