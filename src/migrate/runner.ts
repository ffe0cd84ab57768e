/**
 * The migration runner: resume an unfinished migration or plan a new one, let the caller review and
 * confirm, take the project lock only to write, apply the steps, and say what happened. Commands
 * drive it through hooks and render what it returns; it never prints or prompts.
 *
 * Every step boundary is published on the diagnostics channel `dotsecrets:migrate:step` (labels
 * only, never values): the crash tests subscribe from a preloaded module to kill the process at the
 * Nth boundary, so no test switch ships in the command.
 */
import { channel } from "node:diagnostics_channel";
import type { SecretProvider } from "../../providers/types.js";
import { UserError } from "../core/errors.js";
import { planCodeRewrite } from "../rewrite/project.js";
import type { RewritePlan } from "../rewrite/types.js";
import { applyMigration, type ProgressEvent } from "./apply.js";
import { fingerprinter } from "./fingerprint.js";
import { acquireProjectLock, newJournal, newMigrationId, unfinishedJournal } from "./journal.js";
import { buildPlan, type PlanOptions } from "./plan.js";
import { stepIds } from "./steps/index.js";
import { countPlan, type PlanCounts } from "./summary.js";
import type { Journal, Plan, PlanProblem } from "./types.js";

const steps = channel("dotsecrets:migrate:step");

export interface RunnerHooks {
  /** An unfinished migration was found and is about to resume. */
  resuming?(journal: Journal): void;
  /**
   * The plan is ready (before any write), with the code rewrite it will make (unless skipped);
   * return false to stop without writing (dry run, refusal).
   */
  review?(plan: Plan, counts: PlanCounts, code: RewritePlan | undefined): Promise<boolean> | boolean;
  progress?(event: ProgressEvent): void;
}

export interface RunnerOptions {
  root: string;
  /** The process environment: where this machine's fingerprint key lives. */
  env?: NodeJS.ProcessEnv;
  /**
   * Opens the provider a plan or a journal names, with the settings a plan recorded (a resumed
   * run gets the `--aws-region` / `--gcp-project` of the run it resumes); also opens the provider
   * re-pointed references come from.
   */
  open(kind: string, settings?: Record<string, unknown>): Promise<SecretProvider>;
  /** Provider settings chosen on the command line, recorded in the plan (the config step saves them). */
  settings?: Record<string, unknown>;
  /** The provider for a new plan. */
  provider: string;
  plan: Omit<PlanOptions, "root" | "provider">;
  batchSize?: number;
  /** Optional steps to leave out (recorded in the plan, so a resumed run leaves them out too). */
  skipSteps?: string[];
  /** Plan only: never resume, lock or write. */
  dryRun?: boolean;
  hooks?: RunnerHooks;
}

export type RunnerResult =
  | { status: "planned"; plan: Plan; counts: PlanCounts }
  | { status: "applied"; journal: Journal; resumed: boolean };

/**
 * Resumes or plans, reviews and applies. Returns `planned` when nothing was written (dry run,
 * errors in the plan, nothing to move, or the review said no). Throws UserError(MIGRATE_LOCKED)
 * when another run holds the project, and whatever applyMigration throws.
 */
export async function runMigration(options: RunnerOptions): Promise<RunnerResult> {
  const { root, hooks = {} } = options;
  let release = async () => {};
  let provider: SecretProvider | undefined;
  try {
    const unfinished = options.dryRun ? undefined : await unfinishedJournal(root);
    if (unfinished) {
      release = await acquireProjectLock(root, "migrate");
      hooks.resuming?.(unfinished);
      provider = await options.open(unfinished.plan.provider, unfinished.plan.settings);
      return { status: "applied", journal: await apply(unfinished, provider, options), resumed: true };
    }
    provider = await options.open(options.provider);
    const fingerprint = fingerprinter(options.env);
    const { plan } = await buildPlan({
      ...options.plan,
      root,
      provider,
      fingerprint,
      openSource: options.open,
    });
    if (options.skipSteps?.length) plan.steps = stepIds(options.skipSteps);
    if (options.settings && Object.keys(options.settings).length > 0) plan.settings = options.settings;
    const counts = countPlan(plan);
    const rewriting = !options.skipSteps?.includes("rewrite");
    const code = await planCodeRewrite(root);
    plan.warnings.push(...loaderWarnings(code, rewriting));
    const go = (await hooks.review?.(plan, counts, rewriting ? code : undefined)) ?? true;
    if (!go || options.dryRun || plan.errors.length > 0 || counts.move === 0) {
      return { status: "planned", plan, counts };
    }
    // The lock (and the .dotsecrets/ folder) is taken only to write: a dry run, a refused plan or a
    // declined confirmation leave the project exactly as it was.
    release = await acquireProjectLock(root, "migrate");
    if (await unfinishedJournal(root)) {
      throw new UserError("MIGRATE_LOCKED", "another migration started while this one was being planned", {
        hint: "run `secrets migrate` again: it resumes that migration",
      });
    }
    return { status: "applied", journal: await apply(newJournal(plan), provider, options), resumed: false };
  } finally {
    await provider?.close?.();
    await release();
  }
}

/** A warning for every loader left in place that will hand the app references even under `secrets run`. */
function loaderWarnings(code: RewritePlan, rewriting: boolean): PlanProblem[] {
  return code.findings
    .filter((finding) => finding.defeatsRun && !(rewriting && finding.rewrite))
    .map((finding) => ({
      file: finding.file,
      line: finding.line,
      message: `${finding.effect}; ${finding.guidance}`,
    }));
}

function apply(journal: Journal, provider: SecretProvider, options: RunnerOptions): Promise<Journal> {
  return applyMigration({
    root: options.root,
    provider,
    journal,
    fingerprint: fingerprinter(options.env),
    ...(options.env && { env: options.env }),
    ...(options.open && { openSource: (kind: string) => options.open(kind) }),
    ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    hooks: {
      ...(options.hooks?.progress && { progress: options.hooks.progress }),
      step: (label) => {
        if (steps.hasSubscribers) steps.publish({ label });
      },
    },
  });
}

/**
 * Runs chosen steps alone (`secrets rewrite`, `secrets agents`) as a journaled migration that moves
 * no secret, so `secrets undo` reverts them like any other. Takes the project lock; throws
 * UserError(MIGRATE_LOCKED) when a migration is unfinished.
 */
export async function runSteps(options: {
  root: string;
  provider: SecretProvider;
  app: string;
  steps: string[];
  env?: NodeJS.ProcessEnv;
}): Promise<Journal> {
  const release = await acquireProjectLock(options.root, options.steps.join("+"));
  try {
    if (await unfinishedJournal(options.root)) {
      throw new UserError("MIGRATE_LOCKED", "a migration is unfinished in this project", {
        hint: "run `secrets migrate` to finish it first",
      });
    }
    const plan: Plan = {
      version: 1,
      id: newMigrationId(),
      createdAt: new Date().toISOString(),
      provider: options.provider.kind,
      app: options.app,
      layout: "per-key",
      header: [],
      files: [],
      writes: [],
      steps: options.steps,
      errors: [],
      warnings: [],
    };
    return await apply(newJournal(plan), options.provider, {
      root: options.root,
      ...(options.env && { env: options.env }),
    } as RunnerOptions);
  } finally {
    await release();
  }
}
