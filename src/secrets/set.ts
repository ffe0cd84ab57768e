/**
 * `secrets set` as a core operation: store one value under `<app>/<env>/<KEY>` and point the
 * environment's stub at it. Everything that can be checked is checked before the provider write,
 * so bad input (a bad key, a name or size the provider rejects, a stub that cannot take the
 * reference) changes nothing.
 */
import type { PutResult } from "../../providers/types.js";
import { assertAcceptable, assertKey, scopedName } from "../core/names.js";
import { envFileFor, type Project } from "../core/project.js";
import { formatReference } from "../core/reference.js";
import { applyReference, describeProvider, planReference, stubHeader } from "../core/stub.js";
import { openForProject } from "../runtime/scope.js";

export interface SetSecretOptions {
  project: Project;
  /** The process environment (provider credentials and locations). */
  processEnv: NodeJS.ProcessEnv;
  provider: string;
  app: string;
  env: string;
  key: string;
  /** Called once the name is known to be acceptable: asks for or reads the value. */
  readValue: () => Promise<string>;
  updateStub: boolean;
  /** Called before the value is read when the secret already exists; throws to stop. */
  confirmReplace?: (name: string) => Promise<void>;
}

export interface SetSecretResult {
  name: string;
  reference: string;
  put: PutResult;
  /** The stub that now references the secret, when it changed. */
  stub?: string;
}

/** Stores the value and updates the stub. Throws UserError for bad input, before any write. */
export async function setSecret(options: SetSecretOptions): Promise<SetSecretResult> {
  assertKey(options.key);
  const name = scopedName(options.app, options.env, options.key);
  const reference = formatReference({ provider: options.provider, name });
  const provider = await openForProject(options.project, options.provider, options.processEnv);
  try {
    assertAcceptable(provider, name, "", options.key);
    const header = stubHeader(
      describeProvider(options.provider, options.project.config.providers?.[options.provider]),
    );
    const edit = options.updateStub
      ? await planReference(envFileFor(options.project, options.env), options.key, reference, header)
      : undefined;
    if (options.confirmReplace && (await provider.describe(name))) await options.confirmReplace(name);
    const value = await options.readValue();
    assertAcceptable(provider, name, value, options.key);
    const put = await provider.put(name, value, { labels: { app: options.app, env: options.env } });
    const changed = edit ? await applyReference(edit) : false;
    return { name, reference, put, ...(changed && edit && { stub: edit.file }) };
  } finally {
    await provider.close?.();
  }
}
