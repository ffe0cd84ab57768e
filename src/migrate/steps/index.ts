/**
 * The migration's steps, in order. A new step (code rewrite, agent files, check) adds its module
 * here; resume and undo need nothing else.
 */
import { agentsStep } from "./agents.js";
import { checkStep } from "./check.js";
import { configStep, gitignoreStep } from "./project-files.js";
import { rewriteStep } from "./rewrite.js";
import { secretsStep } from "./secrets.js";
import { stubsStep } from "./stubs.js";
import type { MigrationStep } from "./types.js";

/** Every step, in the order a migration runs them. */
export const ALL_STEPS: readonly MigrationStep[] = [
  secretsStep,
  stubsStep,
  rewriteStep,
  gitignoreStep,
  configStep,
  agentsStep,
  checkStep,
];

/** The steps a migration runs: those its plan names (all when it names none), in order. */
export function stepsOf(ids?: readonly string[]): MigrationStep[] {
  return ALL_STEPS.filter((step) => !ids || ids.includes(step.id));
}

/** The ids of every step but those skipped (`--no-agents`, `--no-rewrite`). */
export function stepIds(skip: readonly string[] = []): string[] {
  return ALL_STEPS.map((step) => step.id).filter((id) => !skip.includes(id));
}

export type { ApplyHooks, MigrationStep, ProgressEvent, StepContext } from "./types.js";
