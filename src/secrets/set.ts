/**
 * `secrets set` as a core operation: store one value under `<app>/<env>/<KEY>` and point the
 * environment's stub at it. Everything that can be checked is checked before the provider write,
 * so bad input (a bad key, a name or size the provider rejects, a stub that cannot take the
 * reference) changes nothing.
 */

import { join } from "node:path";
import { withStoreLock } from "../../providers/local/lock.js";
import type { PutResult } from "../../providers/types.js";
import { UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import { assertAcceptable, assertKey, scopedName } from "../core/names.js";
import { envFileFor, type Project } from "../core/project.js";
import { formatReference } from "../core/reference.js";
import { applyReference, describeProvider, planReference, stubHeader } from "../core/stub.js";
import { ensureStateDir, projectTempDir, STATE_DIR } from "../migrate/journal.js";
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
    const file = envFileFor(options.project, options.env);
    const planStub = () =>
      options.updateStub ? planReference(file, options.key, reference, header) : undefined;
    // Checked before anything is written: the stub can take the reference.
    await planStub();
    if (options.confirmReplace && (await provider.describe(name))) await options.confirmReplace(name);
    const value = await options.readValue();
    assertAcceptable(provider, name, value, options.key);
    assertEnvValue(value, options.key);
    if (!options.updateStub) {
      const put = await provider.put(name, value, { labels: { app: options.app, env: options.env } });
      return { name, reference, put };
    }
    // Concurrent `set`s of one stub take turns: the stub is planned, the value stored and the stub
    // written under one lock, so no edit is lost and no stored value is reported as failed.
    await ensureStateDir(options.project.root);
    const lock = join(options.project.root, STATE_DIR, `stub-${sha256(file).slice(0, 16)}`);
    return await withStoreLock(lock, 30_000, async () => {
      const edit = await planStub();
      const put = await provider.put(name, value, { labels: { app: options.app, env: options.env } });
      const changed = edit ? await applyReference(edit, await projectTempDir(options.project.root)) : false;
      return { name, reference, put, ...(changed && edit && { stub: edit.file }) };
    });
  } finally {
    await provider.close?.();
  }
}

/**
 * Throws UserError(USAGE) for a value no environment variable can hold (a NUL byte). Names the key,
 * never the value.
 */
export function assertEnvValue(value: string, key: string): void {
  if (value.includes("\0")) {
    throw new UserError(
      "USAGE",
      `${key}: the value contains a NUL byte, which no environment variable can hold`,
      {
        hint: `store binary data as text: base64 < FILE | secrets set ${key}`,
      },
    );
  }
}

/**
 * Decodes a value read as bytes. Throws UserError(USAGE) when they are not UTF-8 text (binary data
 * would be stored with U+FFFD in place of its bytes), naming the key, never the bytes.
 */
export function decodeValue(bytes: Buffer, key: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UserError("USAGE", `${key}: the value is not UTF-8 text (binary data?)`, {
      hint: `store binary data as text: base64 < FILE | secrets set ${key}`,
    });
  }
}
