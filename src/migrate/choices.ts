/**
 * What a migration could move, and what earlier migrations already decided: the wizard offers the
 * plaintext entries of the project's env files, less those an earlier (not undone) migration of the
 * project moved or chose to keep, so adding one key to `.env` after a migration offers that key
 * alone. Reads files and journals; returns names, lines, classes and redacted previews — no value.
 */
import { join } from "node:path";
import { isReference } from "../core/reference.js";
import { readEnvFile } from "../envfile/index.js";
import type { Inventory, KeyClass } from "../inventory/types.js";
import { loadJournals } from "./journal.js";

export interface CandidateKey {
  key: string;
  class: KeyClass;
  reason: string;
  /** Why a public-prefixed key looks secret, when it does. */
  publicWarning?: string;
  /** Files (and environments) holding a plaintext value of the key. */
  files: Array<{ path: string; env: string; line: number; preview: string }>;
  /** An earlier migration chose to keep this key plain in every one of those files. */
  decided: boolean;
}

export interface EarlierChoices {
  /** `file\0key` of every plaintext entry an earlier migration chose to keep plain. */
  kept: Set<string>;
  /** File → environment, as earlier migrations used them. */
  envMap: Record<string, string>;
  /** Migrations that count (done or partial; undone ones do not). */
  migrations: number;
}

/** Reads the project's journals. Throws UserError(JOURNAL) for an unreadable one. */
export async function earlierChoices(root: string): Promise<EarlierChoices> {
  const kept = new Set<string>();
  const envMap: Record<string, string> = {};
  let migrations = 0;
  for (const journal of await loadJournals(root)) {
    if (journal.state === "undone" || journal.plan.files.length === 0) continue;
    migrations++;
    for (const file of journal.plan.files) {
      envMap[file.path] = file.env;
      for (const entry of file.entries) {
        if (isChoice(entry)) kept.add(`${file.path}\0${entry.key}`);
      }
    }
  }
  return { kept, envMap, migrations };
}

/**
 * Plain config or public keys kept, and keys left out on purpose, are choices; a skip for a
 * problem, an empty value or a reference is not, so such a key holding plaintext now is offered.
 */
function isChoice(entry: { action: string; kind: string; reason: string }): boolean {
  if (entry.action === "keep") return entry.kind === "config" || entry.kind === "public";
  return entry.action === "skip" && CHOSEN_SKIPS.has(entry.reason);
}

const CHOSEN_SKIPS = new Set(["not in --only", "excluded by --exclude"]);

/**
 * The keys holding a plaintext, non-empty value in a non-template env file, with their class and
 * previews from the inventory, marked `decided` when earlier migrations covered every such file.
 * Throws what reading an env file throws.
 */
export async function candidateKeys(inventory: Inventory, earlier: EarlierChoices): Promise<CandidateKey[]> {
  const byKey = new Map<string, CandidateKey>();
  const info = new Map(inventory.keys.map((key) => [key.key, key]));
  for (const file of inventory.files) {
    if (file.kind === "template" || file.env === null || !file.readable) continue;
    const doc = await readEnvFile(join(inventory.root, file.path));
    const last = new Map(doc.entries.map((entry) => [entry.key, entry]));
    for (const entry of last.values()) {
      if (entry.value === "" || isReference(entry.value)) continue;
      const known = info.get(entry.key);
      const occurrence = known?.occurrences.find((o) => o.file === file.path && o.line === entry.line);
      const candidate = byKey.get(entry.key) ?? {
        key: entry.key,
        class: known?.class ?? "config",
        reason: known?.reason ?? "plain config",
        ...(known?.publicWarning && { publicWarning: known.publicWarning }),
        files: [],
        decided: true,
      };
      candidate.files.push({
        path: file.path,
        env: file.env,
        line: entry.line,
        preview: occurrence?.preview ?? "…",
      });
      // A key moved earlier whose line holds plaintext again is new plaintext: offered again.
      if (!earlier.kept.has(`${file.path}\0${entry.key}`)) candidate.decided = false;
      byKey.set(entry.key, candidate);
    }
  }
  return [...byKey.values()];
}
