/**
 * The migration's steps, in order. A new step (code rewrite, agent files, check) adds its module
 * here; resume and undo need nothing else.
 */
import { configStep, gitignoreStep } from "./project-files.js";
import { secretsStep } from "./secrets.js";
import { stubsStep } from "./stubs.js";
import type { MigrationStep } from "./types.js";

/** The steps every migration runs, in order. */
export function defaultSteps(): MigrationStep[] {
  return [secretsStep, stubsStep, gitignoreStep, configStep];
}

export type { ApplyHooks, MigrationStep, ProgressEvent, StepContext } from "./types.js";
