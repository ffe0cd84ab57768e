/** Fresh, throw-away local stores for the local provider's tests. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type LocalSecretProvider, openLocalProvider } from "../../providers/local.js";

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A temp directory removed after the current test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dotsecrets-local-"));
  made.push(dir);
  return dir;
}

/**
 * A provider on a store directory that does not exist yet (so the test sees it being created),
 * with only the variables given in `env`: nothing leaks in from process.env.
 */
export async function freshProvider(
  env: NodeJS.ProcessEnv = {},
  settings: Record<string, unknown> = {},
): Promise<LocalSecretProvider> {
  const home = join(await tempDir(), "home");
  return openLocalProvider({ env: { DOTSECRETS_HOME: home, ...env }, settings });
}

/** The UserError a promise rejects with (fails the test when it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; hint?: string };
  }
  throw new Error("expected a rejection");
}
