/**
 * The migration's steps, in order. A new step (code rewrite, agent files, check) adds its module
 * here; resume and undo need nothing else.
 */
import { agentsStep } from "./agents.js";
import { configStep, gitignoreStep } from "./project-files.js";
import { secretsStep } from "./secrets.js";
import { stubsStep } from "./stubs.js";
import type { MigrationStep } from "./types.js";

/** The steps a migration runs, in order, less those its plan skips (`--no-agents`, …). */
export function defaultSteps(skip: readonly string[] = []): MigrationStep[] {
  return [secretsStep, stubsStep, gitignoreStep, configStep, agentsStep].filter(
    (step) => !skip.includes(step.id),
  );
}

export type { ApplyHooks, MigrationStep, ProgressEvent, StepContext } from "./types.js";
