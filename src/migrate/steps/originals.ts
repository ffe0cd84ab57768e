/**
 * The original .env documents a migration moves values out of: read from disk, or rebuilt from a
 * stub a crashed run already wrote (references plus the provider's values at the versions written).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SecretProvider } from "../../../providers/types.js";
import { UserError } from "../../core/errors.js";
import { parseEnv, parseEnvBuffer } from "../../envfile/index.js";
import type { EnvDocument } from "../../envfile/types.js";
import type { Fingerprint } from "../fingerprint.js";
import { restoreOf } from "../repoint.js";
import { headerOf, type Journal, type PlannedFile } from "../types.js";
import { entryValue, fetchWritten } from "../values.js";

export const moves = (file: PlannedFile) => file.entries.filter((entry) => entry.action === "move");

/** The error for a file that changed since the plan. */
export function changed(path: string): UserError {
  return new UserError(
    "MIGRATE_CHANGED",
    `${path} changed since the migration was planned; stopping (nothing was lost)`,
    {
      hint: "every value is still in that file or verified in the provider; restore the file, or run `secrets undo`",
    },
  );
}

/**
 * Reads each file with moves and returns its original document. Throws UserError(MIGRATE_CHANGED)
 * when a file is neither the planned original nor a stub of it.
 */
export async function readOriginals(
  root: string,
  provider: SecretProvider,
  journal: Journal,
  sha256: Fingerprint,
) {
  const plan = journal.plan;
  const originals = new Map<string, { doc: EnvDocument; currentHash: string }>();
  let fetched: Map<string, string> | undefined;
  for (const file of plan.files) {
    const moved = moves(file);
    if (moved.length === 0) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(root, file.path));
    } catch {
      throw changed(file.path);
    }
    const currentHash = sha256(bytes);
    if (currentHash === file.hash) {
      originals.set(file.path, { doc: parseEnvBuffer(bytes, file.path), currentHash });
      continue;
    }
    fetched ??= await fetchWritten(provider, journal, Object.keys(journal.written));
    const raw = fetched;
    const restored = restoreOf(bytes.toString("utf8"), file, headerOf(plan, file), moved, (entry) =>
      entryValue(entry, raw, plan.layout === "bundle"),
    );
    if (restored === undefined || sha256(restored) !== file.hash) throw changed(file.path);
    originals.set(file.path, { doc: parseEnv(restored, file.path), currentHash });
  }
  return originals;
}
