/**
 * The data of a migration. A Plan says what will happen; the Journal records what happened. Neither
 * ever holds a secret value: only keys, lines, scoped names, versions, value formats (quote style and
 * line-break forms) and hashes of whole files.
 */
import type { ValueFormat } from "../envfile/types.js";
import type { ChangeRecord } from "./changes.js";

export type Layout = "per-key" | "bundle";

export type EntryAction = "move" | "keep" | "skip";

export interface PlannedEntry {
  key: string;
  line: number;
  /** Position among the file's entries: the entry's identity in the original and in the stub. */
  index: number;
  action: EntryAction;
  /** secret, config, public, reference (already migrated) or empty. */
  kind: string;
  reason: string;
  /** Provider-side name written (move only): `<app>/<env>/<KEY>`, or the bundle's `<app>/<env>`. */
  name?: string;
  /** The reference text the stub gets (move only). */
  reference?: string;
  /** How the value was written, to restore it byte for byte (move only). */
  format?: ValueFormat;
  /**
   * A re-pointed entry (moving a project from one provider to another): the reference the entry
   * held, whose value is read from its provider. Undo puts this text back, not the value.
   */
  from?: string;
}

export interface PlannedFile {
  /** Path relative to the project root, with `/`. */
  path: string;
  /** The scope its secrets go to, `<app>/<env>` (src/core/scopes.ts); app absent in older journals. */
  app?: string;
  env: string;
  /** Set when --env-map chose the environment (recorded in dotsecrets.json `environments`). */
  mapped?: true;
  /** Keyed fingerprint (HMAC-SHA256, key outside the project) of the original bytes. */
  hash: string;
  entryCount: number;
  /** False when the file already starts with the header (a stub `secrets set` created): no second copy. */
  addsHeader?: boolean;
  /** The header of the provider the file's references are moving away from: the stub replaces it. */
  oldHeader?: string[];
  entries: PlannedEntry[];
}

/** The header lines a file's stub gets: the plan's, unless the file already had them. */
export function headerOf(plan: Pick<Plan, "header">, file: Pick<PlannedFile, "addsHeader">): string[] {
  return file.addsHeader === false ? [] : plan.header;
}

export interface PlannedWrite {
  name: string;
  /** Bundle layout: the JSON fields this write holds. */
  bundle: boolean;
  /** Where the value(s) come from. */
  sources: Array<{ file: string; index: number; key: string }>;
  /** State in the provider at plan time. */
  remote: "absent" | "same" | "different" | "merge";
}

export interface PlanProblem {
  file?: string;
  line?: number;
  key?: string;
  message: string;
}

export interface Plan {
  version: 1;
  id: string;
  createdAt: string;
  provider: string;
  app: string;
  layout: Layout;
  /** The header comment lines added at the top of every stub. */
  header: string[];
  files: PlannedFile[];
  writes: PlannedWrite[];
  /** The steps this migration runs (all when absent): fewer with --no-agents, only `rewrite` for `secrets rewrite`. */
  steps?: string[];
  /**
   * Provider settings chosen on the command line (`--aws-region`, `--gcp-project`): the config step
   * records them in dotsecrets.json under `providers.<provider>`.
   */
  settings?: Record<string, unknown>;
  /** Reasons the plan cannot be applied (bad names, sizes, conflicts): nothing is written while any exist. */
  errors: PlanProblem[];
  warnings: PlanProblem[];
}

export type JournalState = "applying" | "partial" | "done" | "undone";

export interface Journal {
  version: 2;
  state: JournalState;
  plan: Plan;
  /**
   * Verified writes: name → version written, whether the secret was created by this migration, and
   * whether the version was added by it (false when the provider already held the value).
   */
  written: Record<string, { version: string; created: boolean; added?: boolean }>;
  /** Writes that failed permanently: our own code and fixed text, never a provider's message. */
  failed: Record<string, { code: string; message: string }>;
  /** Every file a step wrote, in order: what undo reverts and resume settles. */
  changes: ChangeRecord[];
  /** What the last step's `secrets check` found: counts and a line of file:line, rule, key (no value). */
  check?: { findings: number; files: number; summary: string };
  /** Steps that have finished (a resumed run skips them). */
  steps: string[];
  startedAt: string;
  updatedAt: string;
}
