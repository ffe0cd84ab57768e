import type { SecretProvider } from "../../providers/types.js";
import { EXIT, UserError } from "../errors.js";
import { applyMigration } from "../migrate/apply.js";
import { acquireProjectLock, newJournal, unfinishedJournal } from "../migrate/journal.js";
import { buildPlan } from "../migrate/plan.js";
import { countPlan, outcomeOf } from "../migrate/summary.js";
import type { Journal, Layout } from "../migrate/types.js";
import { appName, loadProject, providerName } from "../runtime/project.js";
import { openForProject } from "../runtime/scope.js";
import { describeProvider, stubHeader } from "../runtime/stub.js";
import { confirmHuman } from "../ui/human.js";
import { renderPlan, renderProblems, renderSummary } from "../ui/migrate-render.js";
import { createProgress } from "../ui/progress.js";
import { promptConfirm } from "../ui/prompt.js";
import { parseCommandArgs, splitList } from "./args.js";
import type { Command, CommandContext } from "./context.js";

const HELP = `Usage: secrets migrate [options]

Moves every secret of every .env* file into a provider under <app>/<env>/<KEY>, reads each one
back and compares it, then replaces its line with a secret:// reference. Plain config stays as
it is. Interrupted or partly failed runs resume when you run it again; \`secrets undo\` reverts.

Options:
  --provider NAME        where secrets go (default: dotsecrets.json's, else local)
  --app NAME             app name in scoped names (default: dotsecrets.json, package.json, folder)
  --env-map F=ENV,...    environment of a file, e.g. .env.local=development-local
  --only KEY,...         move only these keys (even if classified config or public)
  --exclude KEY,...      never move these keys
  --layout per-key|bundle  one secret per key (default) or one JSON secret per app/environment
  --include-config       move plain config values too
  --overwrite            replace values that already exist in the provider with other values
  --batch-size N         secrets written (and journaled) per batch (default 50)
  --dry-run              print the plan and change nothing
  --json                 print the plan / result as JSON on stdout
  -y, --yes              do not ask for confirmation
  -h, --help             show this help
`;

const options = {
  provider: { type: "string" },
  app: { type: "string" },
  "env-map": { type: "string" },
  only: { type: "string" },
  exclude: { type: "string" },
  layout: { type: "string" },
  "include-config": { type: "boolean" },
  overwrite: { type: "boolean" },
  "batch-size": { type: "string" },
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
} as const;

function parseEnvMap(text: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of splitList(text)) {
    const [file, env] = item.split("=");
    if (!file || !env || !/^[A-Za-z0-9_.-]+$/.test(env)) {
      throw new UserError("USAGE", `--env-map: '${item}' is not FILE=ENV`, {
        hint: "--env-map .env.local=development-local",
      });
    }
    map[file.replace(/^\.\//, "")] = env;
  }
  return map;
}

/** A hook for the crash tests: DOTSECRETS_TEST_KILL_AT=N kills the process at the Nth step boundary. */
function crashHook(env: NodeJS.ProcessEnv): ((label: string) => void) | undefined {
  const at = Number(env.DOTSECRETS_TEST_KILL_AT);
  if (!Number.isInteger(at) || at <= 0) return undefined;
  let count = 0;
  return () => {
    if (++count === at) process.kill(process.pid, "SIGKILL");
  };
}

/** `secrets migrate`: plan, confirm, apply (or resume), summarise. */
export const migrate: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("migrate", argv, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const layout = (values.layout ?? "per-key") as Layout;
  if (layout !== "per-key" && layout !== "bundle") {
    throw new UserError("USAGE", `--layout must be per-key or bundle, not '${values.layout}'`);
  }
  const batchSize = Number(values["batch-size"] ?? 50);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UserError("USAGE", "--batch-size must be a positive whole number");
  const project = loadProject(ctx.cwd);
  const root = project.root;
  // The lock (and the .dotsecrets/ folder) is taken only to write: a dry run, a refused plan or a
  // declined confirmation leave the project exactly as it was.
  if (values.overwrite && !values["dry-run"]) {
    await confirmHuman("Replace values already stored in the provider (--overwrite)?", ctx);
  }
  let release = async () => {};
  let provider: SecretProvider | undefined;
  try {
    const unfinished = values["dry-run"] ? undefined : await unfinishedJournal(root);
    if (unfinished) {
      release = await acquireProjectLock(root, "migrate");
      ctx.stderr.write(
        `Resuming migration ${unfinished.plan.id} (${outcomeOf(unfinished).moved} of ${countPlan(unfinished.plan).move} keys done).\n`,
      );
      provider = await openForProject(project, unfinished.plan.provider, ctx.env);
      return await finish(await run(unfinished, provider, root, ctx, batchSize), ctx, values.json ?? false);
    }
    const kind = providerName(project, values.provider);
    provider = await openForProject(project, kind, ctx.env);
    const { plan } = await buildPlan({
      root,
      provider,
      app: appName(project, values.app),
      layout,
      header: stubHeader(describeProvider(kind, project.config.providers?.[kind])),
      envMap: { ...project.config.environments, ...parseEnvMap(values["env-map"]) },
      only: splitList(values.only),
      exclude: splitList(values.exclude),
      includeConfig: values["include-config"] ?? false,
      overwrite: values.overwrite ?? false,
    });
    if (values.json && (values["dry-run"] || plan.errors.length > 0)) {
      ctx.stdout.write(`${JSON.stringify({ plan, counts: countPlan(plan) }, null, 2)}\n`);
    } else if (!values.json) {
      ctx.stdout.write(renderPlan(plan));
    }
    if (plan.warnings.length > 0) ctx.stderr.write(renderProblems("warning", plan.warnings));
    if (plan.errors.length > 0) {
      ctx.stderr.write(renderProblems("error", plan.errors));
      ctx.stderr.write("Nothing was written. Fix the problems above and run `secrets migrate` again.\n");
      return EXIT.usage;
    }
    const counts = countPlan(plan);
    if (counts.move === 0) {
      ctx.stderr.write("Nothing to migrate: no plaintext secret found in the .env files.\n");
      return 0;
    }
    if (values["dry-run"]) {
      ctx.stderr.write(
        `Dry run: ${counts.move} key(s) in ${counts.files} file(s) would move to ${kind}. Nothing was changed.\n`,
      );
      return 0;
    }
    if (!values.yes)
      await confirm(
        ctx,
        `Move ${counts.move} secret(s) from ${counts.files} file(s) into the ${kind} provider?`,
      );
    release = await acquireProjectLock(root, "migrate");
    if (await unfinishedJournal(root)) {
      throw new UserError("MIGRATE_LOCKED", "another migration started while this one was being planned", {
        hint: "run `secrets migrate` again: it resumes that migration",
      });
    }
    const journal = newJournal(plan);
    return await finish(await run(journal, provider, root, ctx, batchSize), ctx, values.json ?? false);
  } finally {
    await provider?.close?.();
    await release();
  }
};

async function confirm(ctx: CommandContext, question: string): Promise<void> {
  if (!ctx.stdin.isTTY) {
    throw new UserError("USAGE", "secrets migrate needs confirmation", {
      hint: "pass --yes to migrate without a prompt",
    });
  }
  if (!(await promptConfirm(question, ctx, true)))
    throw new UserError("CANCELLED", "cancelled: nothing was changed", { exitCode: EXIT.cancelled });
}

async function run(
  journal: Journal,
  provider: SecretProvider,
  root: string,
  ctx: CommandContext,
  batchSize: number,
): Promise<Journal> {
  const progress = createProgress(ctx.stderr);
  const kill = crashHook(ctx.env);
  try {
    return await applyMigration({
      root,
      provider,
      journal,
      batchSize,
      hooks: {
        progress: (event) =>
          progress.update(
            event.phase === "write" ? "secrets written and verified" : "files stubbed",
            event.done,
            event.total,
          ),
        ...(kill && { step: kill }),
      },
    });
  } finally {
    progress.end();
  }
}

function finish(journal: Journal, ctx: CommandContext, json: boolean): number {
  const outcome = outcomeOf(journal);
  if (json)
    ctx.stdout.write(
      `${JSON.stringify({ id: journal.plan.id, state: journal.state, counts: countPlan(journal.plan), outcome, plan: journal.plan }, null, 2)}\n`,
    );
  ctx.stderr.write(renderSummary(journal, outcome));
  return journal.state === "done" ? 0 : EXIT.findings;
}
