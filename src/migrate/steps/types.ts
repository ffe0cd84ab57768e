/**
 * A migration is a list of steps. Each step does its part and writes files only through
 * `ctx.write` (a journaled change record), so resume and undo cover it with no code of its own.
 * Steps must be idempotent: a resumed run calls every unfinished step again.
 */
import type { SecretProvider } from "../../../providers/types.js";
import type { EnvDocument } from "../../envfile/types.js";
import type { ChangeRequest } from "../changes.js";
import type { Fingerprint } from "../fingerprint.js";
import type { Journal } from "../types.js";

export interface ProgressEvent {
  phase: "write" | "stub";
  done: number;
  total: number;
}

export interface ApplyHooks {
  progress?(event: ProgressEvent): void;
  /** Called at every step boundary: after each journal save and each file write. */
  step?(label: string): void | Promise<void>;
}

export interface StepContext {
  root: string;
  provider: SecretProvider;
  journal: Journal;
  hooks: ApplyHooks;
  /** Writes in flight at once when the provider has no batch put. */
  concurrency: number;
  /** Writes per batch (and per journal save). */
  batchSize: number;
  /** The process environment (provider credentials, the local store's folder). */
  env: NodeJS.ProcessEnv;
  /** The keyed fingerprint of file contents for this machine. */
  fingerprint: Fingerprint;
  /** Saves the journal, then marks a step boundary. */
  save(label: string): Promise<void>;
  /** Writes one file as a change record of this step; false when it already had that text. */
  write(request: Omit<ChangeRequest, "step">): Promise<boolean>;
  /** Opens another provider (where re-pointed references' values are read); closed after apply. */
  openSource?(kind: string): Promise<SecretProvider>;
  /** The original documents of the files with moves (rebuilt from their stubs after a crash); cached. */
  originals(): Promise<Map<string, { doc: EnvDocument; currentHash: string }>>;
}

export interface MigrationStep {
  /** Stable id, recorded in the journal (`secrets`, `stubs`, `gitignore`, `config`, …). */
  id: string;
  run(ctx: StepContext): Promise<void>;
}
