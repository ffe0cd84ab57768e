/**
 * `getSecret(name)` and `loadSecrets()` for `import { ... } from "dotsecrets"`: the async library
 * API. getSecret fetches one value from the provider and keeps it in memory for a TTL, so a
 * long-running process picks up a rotated secret without a restart; loadSecrets is
 * dotsecrets/config as a function (inject.ts).
 */
import { relative } from "node:path";
import { UserError } from "../core/errors.js";
import { envName, loadProject } from "../core/project.js";
import { isReference } from "../core/reference.js";
import { readEnvFile } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import { type InjectOptions, type InjectResult, inject } from "./inject.js";
import { chooseLayers, mergeLayers } from "./layers.js";
import { resolveEntries } from "./resolve.js";
import type { SourceEntry } from "./resolve-plan.js";

/** How long getSecret keeps a value by default: 5 minutes. */
export const DEFAULT_SECRET_TTL_MS = 5 * 60_000;

export interface GetSecretOptions {
  cwd?: string;
  /** Where DOTSECRETS_ENV, DOTENV_CONFIG_PATH and provider credentials are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Environment name; default DOTSECRETS_ENV, else development. */
  envName?: string;
  /** Stub path; default DOTENV_CONFIG_PATH, else the environment's layers (layers.ts). */
  path?: string;
  /** How long a fetched value is reused, in ms; 0 fetches every time. Default 5 minutes. */
  ttlMs?: number;
}

/** Values by stub, environment and name; a pending fetch is shared by concurrent callers. */
const cache = new Map<string, { expires: number; value: Promise<string> }>();

/**
 * Returns the current value of `name`: the stub's entry for that key (a reference is fetched from
 * its provider, a plain value is returned as it is), else a `secret://` reference held by the
 * environment variable `name`; `name` may also be a reference itself (`secret://local/app/env/KEY`).
 * A value is reused for `ttlMs` (default 5 minutes), then fetched again.
 * Throws UserError(REFERENCE) when there is no such entry or it cannot be resolved (naming the
 * key, never a value), STORE_* / PROVIDER_* when the provider fails. A failed fetch is not cached.
 */
export function getSecret(name: string, options: GetSecretOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const ttl = options.ttlMs ?? DEFAULT_SECRET_TTL_MS;
  const key = JSON.stringify([
    cwd,
    options.path ?? env.DOTENV_CONFIG_PATH,
    options.envName ?? env.DOTSECRETS_ENV,
    name,
  ]);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now && ttl > 0) return hit.value;
  const value = fetchSecret(name, { ...options, env, cwd });
  if (ttl > 0) {
    const entry = { expires: now + ttl, value };
    cache.set(key, entry);
    value.catch(() => {
      if (cache.get(key) === entry) cache.delete(key);
    });
  }
  return value;
}

/** Forgets every value getSecret keeps, so the next calls fetch again. Throws nothing. */
export function clearSecretCache(): void {
  cache.clear();
}

/**
 * Loads the stub's variables and resolves the environment's `secret://` references into `env`
 * (process.env by default), with the semantics of dotsecrets/config: an already-set variable wins
 * unless override; nothing happens inside `secrets run`. Throws as inject does (UserError REFERENCE,
 * UNSAFE_NAME, ENV_*, STORE_*, PROVIDER_*).
 */
export function loadSecrets(options: InjectOptions = {}): Promise<InjectResult> {
  return inject(options);
}

async function fetchSecret(
  name: string,
  options: GetSecretOptions & { env: NodeJS.ProcessEnv; cwd: string },
): Promise<string> {
  const project = loadProject(options.cwd);
  const entry = isReference(name)
    ? { key: name, value: name, line: 0, where: "the reference given to getSecret" }
    : await findEntry(name, project, options);
  const [variable] = await resolveEntries([entry], { project, env: options.env });
  return variable!.value;
}

async function findEntry(
  name: string,
  project: ReturnType<typeof loadProject>,
  options: GetSecretOptions & { env: NodeJS.ProcessEnv; cwd: string },
): Promise<SourceEntry> {
  const path = options.path ?? options.env.DOTENV_CONFIG_PATH;
  const { files } = chooseLayers({
    project,
    cwd: options.cwd,
    envName: envName(options.env, options.envName),
    ...(path !== undefined && { files: [path] }),
  });
  const docs: EnvDocument[] = [];
  for (const file of files) {
    const doc = await readEnvFile(file);
    doc.file = relative(options.cwd, file) || file;
    docs.push(doc);
  }
  const found = mergeLayers(docs).entries.find((entry) => entry.key === name);
  if (found) return found;
  const shown = docs.map((doc) => doc.file).join(", ") || "no stub";
  const fromEnv = options.env[name];
  if (fromEnv !== undefined && isReference(fromEnv)) {
    return {
      key: name,
      value: fromEnv,
      line: 0,
      where: `environment variable ${name}`,
      fromEnvironment: true,
    };
  }
  throw new UserError("REFERENCE", `getSecret: ${shown} has no entry for ${name}`, {
    hint: "check the name, or store it with `secrets set NAME`",
  });
}
