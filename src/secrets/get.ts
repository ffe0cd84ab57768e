/**
 * `secrets get` as a core operation: find the reference for one key (the environment's stub when
 * it has one, else `<app>/<env>/<KEY>` in the chosen provider) and resolve it.
 */
import { existsSync } from "node:fs";
import { assertKey, scopedName } from "../core/names.js";
import { envFileFor, type Project } from "../core/project.js";
import { formatReference, isReference, parseReferenceOrThrow, type Reference } from "../core/reference.js";
import { parseEnv, readEnvFile } from "../envfile/index.js";
import { resolveDocument } from "../runtime/resolve.js";

export interface GetSecretOptions {
  project: Project;
  processEnv: NodeJS.ProcessEnv;
  env: string;
  key: string;
  /** Where to look when the stub has no reference for the key. */
  fallback: { provider: string; app: string };
  /** Ignore the stub and use the fallback (an explicit --provider or --app). */
  explicit?: boolean;
  version?: string;
}

/** Returns the value. Throws UserError(REFERENCE) when it cannot be resolved, naming the key. */
export async function getSecret(options: GetSecretOptions): Promise<string> {
  assertKey(options.key);
  const file = envFileFor(options.project, options.env);
  let reference: Reference | undefined;
  if (!options.explicit && existsSync(file)) {
    const entry = (await readEnvFile(file)).entries.filter((e) => e.key === options.key).pop();
    if (entry && isReference(entry.value)) {
      reference = parseReferenceOrThrow(entry.value, `${file}:${entry.line} ${options.key}`);
    }
  }
  reference ??= {
    provider: options.fallback.provider,
    name: scopedName(options.fallback.app, options.env, options.key),
  };
  if (options.version) reference = { ...reference, version: options.version };
  // Quoted, so a #version is not read as a comment.
  const doc = parseEnv(`${options.key}="${formatReference(reference)}"\n`, "(secrets get)");
  const [variable] = await resolveDocument(doc, { project: options.project, env: options.processEnv });
  return variable!.value;
}
