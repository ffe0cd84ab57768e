/** Counts of a plan and a finished journal, for the summary and --json. */
import type { Journal, Plan } from "./types.js";

export interface PlanCounts {
  files: number;
  move: number;
  keep: number;
  skip: number;
  writes: number;
}

/** Counts entries by action. */
export function countPlan(plan: Plan): PlanCounts {
  const counts: PlanCounts = { files: 0, move: 0, keep: 0, skip: 0, writes: plan.writes.length };
  for (const file of plan.files) {
    if (file.entries.some((entry) => entry.action === "move")) counts.files++;
    for (const entry of file.entries) counts[entry.action]++;
  }
  return counts;
}

export interface Outcome {
  moved: number;
  failed: Array<{ name: string; code: string; message: string }>;
  stubs: string[];
}

/** What a finished (or partial) migration did. */
export function outcomeOf(journal: Journal): Outcome {
  let moved = 0;
  for (const file of journal.plan.files) {
    for (const entry of file.entries) if (entry.action === "move" && journal.written[entry.name!]) moved++;
  }
  return {
    moved,
    failed: Object.entries(journal.failed).map(([name, failure]) => ({ name, ...failure })),
    stubs: [...new Set(journal.changes.filter((c) => c.step === "stubs").map((c) => c.path))],
  };
}
