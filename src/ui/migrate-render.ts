/** Renderers for migrate and undo: they return strings; commands decide where they go. */
import type { PlanCosts } from "../migrate/costs.js";
import type { NextStep } from "../migrate/next-steps.js";
import type { Outcome } from "../migrate/summary.js";
import { countPlan } from "../migrate/summary.js";
import type { Journal, Plan, PlanProblem } from "../migrate/types.js";
import { renderTable } from "./table.js";

/** The plan as a table: one row per entry (file, env, key, action, where it goes or why not). */
export function renderPlan(plan: Plan): string {
  const rows: string[][] = [];
  for (const file of plan.files) {
    for (const entry of file.entries) {
      const from = entry.from?.match(/^secret:\/\/([^/]+)\//)?.[1];
      const target =
        entry.action === "move"
          ? `→ ${entry.reference}${from ? ` (re-pointed from ${from})` : ""}`
          : entry.reason;
      rows.push([`${file.path}:${entry.line}`, file.env, entry.key, entry.action, entry.kind, target]);
    }
  }
  if (rows.length === 0) return "";
  return renderTable(["file", "env", "key", "action", "class", "destination / reason"], rows);
}

/** Problems as `file:line KEY: message` lines. */
export function renderProblems(label: "warning" | "error", problems: PlanProblem[]): string {
  return problems
    .map((problem) => {
      const where = [problem.file && `${problem.file}${problem.line ? `:${problem.line}` : ""}`, problem.key]
        .filter(Boolean)
        .join(" ");
      return `${label}: ${where ? `${where}: ` : ""}${problem.message}\n`;
    })
    .join("");
}

/** The closing summary with next steps (`steps`: one command per stub folder, next-steps.ts). */
export function renderSummary(journal: Journal, outcome: Outcome, steps: readonly NextStep[] = []): string {
  const counts = countPlan(journal.plan);
  const lines = [
    "",
    `Migration ${journal.plan.id}: ${journal.state}`,
    `  moved to ${journal.plan.provider}: ${outcome.moved} key(s); stubs written: ${outcome.stubs.length} file(s)`,
    `  kept plain: ${counts.keep}; skipped: ${counts.skip}; warnings: ${journal.plan.warnings.length}`,
    ...(journal.check ? [`  ${journal.check.summary}`] : []),
  ];
  for (const failure of outcome.failed)
    lines.push(`  FAILED ${failure.name}: ${failure.message} (still in plaintext)`);
  if (outcome.failed.length > 0) {
    lines.push(
      "",
      "Some keys could not be moved; they are still in their files. Run `secrets migrate` again to retry.",
    );
  } else {
    lines.push(
      "",
      "Next steps:",
      ...(steps.length > 0
        ? ["  Run your app with the secrets injected:", ...steps.map((step) => `    ${step.line}`)]
        : ["  secrets run -- <your start command>   run your app with the secrets injected"]),
      "  secrets list                  see what is stored (names only)",
      "  secrets undo                  put the plaintext files back if you change your mind",
      "  The stubs hold only references: they are safe to read and to commit.",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Money as `USD 1.20`. */
function money(amount: number, currency: string): string {
  return `${currency} ${amount.toFixed(2)}`;
}

/**
 * The monthly cost of both layouts for the plan's keys, the chosen one marked, with the price and
 * its date. A free provider gets one line.
 */
export function renderCosts(costs: PlanCosts): string {
  if (costs.keys === 0) return "";
  const { price } = costs;
  if (price.perSecretMonth === 0 && price.perTenThousandCalls === 0)
    return `\nCost: none (the ${costs.provider} provider is free).\n`;
  const replicas = costs.replicas > 1 ? ` × ${costs.replicas} locations` : "";
  const line = (cost: PlanCosts["perKey"], what: string) =>
    `  ${cost.layout === costs.chosen ? "*" : " "} ${cost.layout.padEnd(8)} ${String(cost.secrets).padStart(4)} secret(s)${replicas}  ${money(cost.monthly, cost.currency)}/month  (${what}; ${cost.callsPerRun} read call(s) per run)`;
  return [
    "",
    `Monthly cost at ${costs.provider} for ${costs.keys} key(s) in ${costs.environments} environment(s) (* = this plan's layout):`,
    line(costs.perKey, "one secret per key: permissions per key"),
    line(costs.bundle, "one JSON secret per environment: cheaper"),
    `  plus ${money(price.perTenThousandCalls, price.currency)} per 10,000 API calls. Prices as of ${price.asOf}: ${price.source}`,
    "",
  ].join("\n");
}
