/**
 * Apply: run the migration's steps over a journal. The invariant, at every instant (kill -9
 * included): each original value is still in its original file, or verified in the provider. The
 * journal records progress so a rerun resumes: first the change records are settled (an interrupted
 * write either happened or not), then every unfinished step runs again.
 */
import type { SecretProvider } from "../../providers/types.js";
import { type ChangeRequest, settleChanges, writeChange } from "./changes.js";
import { type Fingerprint, fingerprinter } from "./fingerprint.js";
import { cleanStaleTemps, saveJournal } from "./journal.js";
import { type ApplyHooks, type MigrationStep, type StepContext, stepsOf } from "./steps/index.js";
import { readOriginals } from "./steps/originals.js";
import type { Journal } from "./types.js";

export type { ApplyHooks, ProgressEvent } from "./steps/index.js";

export interface ApplyOptions {
  root: string;
  provider: SecretProvider;
  journal: Journal;
  hooks?: ApplyHooks;
  /** Writes in flight at once when the provider has no batch put. */
  concurrency?: number;
  /** Writes per batch (and per journal save). */
  batchSize?: number;
  /** Keyed file fingerprints (default: this machine's for process.env). */
  fingerprint?: Fingerprint;
  /** The process environment (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The steps to run (default: defaultSteps()). */
  steps?: MigrationStep[];
  /** Opens the provider re-pointed references come from (a project moving providers). */
  openSource?: (kind: string) => Promise<SecretProvider>;
}

/**
 * Applies (or resumes) a journaled migration. Throws UserError(MIGRATE_CHANGED) when a file changed
 * since the plan — before writing anything for it. Per-secret provider failures do not throw: they
 * are recorded in journal.failed, the keys stay in plaintext, and the state ends "partial".
 */
export async function applyMigration(options: ApplyOptions): Promise<Journal> {
  const { root, provider, journal, hooks = {} } = options;
  const steps = options.steps ?? stepsOf(journal.plan.steps);
  const fingerprint = options.fingerprint ?? fingerprinter();
  const save = async (label: string) => {
    await saveJournal(root, journal);
    await hooks.step?.(label);
  };
  await cleanStaleTemps(root, [
    ...journal.plan.files.map((file) => file.path),
    ...journal.changes.map((change) => change.path),
  ]);
  await settleChanges(root, journal, fingerprint);
  // A partial run left failed writes: every step runs again so they are retried and stubbed.
  if (journal.state === "partial") journal.steps = [];
  journal.state = "applying";
  await save("start");

  let originals: ReturnType<StepContext["originals"]> | undefined;
  const opened = new Map<string, Promise<SecretProvider>>();
  const openSource = options.openSource;
  const source =
    openSource &&
    ((kind: string) => {
      if (!opened.has(kind)) opened.set(kind, openSource(kind));
      return opened.get(kind)!;
    });
  try {
    await runSteps();
  } finally {
    for (const pending of opened.values()) await (await pending.catch(() => undefined))?.close?.();
  }
  journal.state = Object.keys(journal.failed).length > 0 ? "partial" : "done";
  await save("finish");
  return journal;

  async function runSteps(): Promise<void> {
    for (const step of steps) {
      if (journal.steps.includes(step.id)) continue;
      const ctx: StepContext = {
        root,
        provider,
        journal,
        hooks,
        concurrency: options.concurrency ?? 8,
        batchSize: options.batchSize ?? 50,
        save,
        fingerprint,
        env: options.env ?? process.env,
        write: (request: Omit<ChangeRequest, "step">) =>
          writeChange(root, journal, { ...request, step: step.id }, save, fingerprint),
        originals: () => {
          originals ??= readOriginals(root, provider, journal, fingerprint);
          return originals;
        },
        ...(source && { openSource: source }),
      };
      await step.run(ctx);
      journal.steps.push(step.id);
      await save(`step:${step.id}`);
    }
  }
}
