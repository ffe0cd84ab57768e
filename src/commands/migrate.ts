import { EXIT, UserError } from "../core/errors.js";
import { appName, loadProject, type Project, providerName } from "../core/project.js";
import { describeProvider, stubHeader } from "../core/stub.js";
import { planCosts } from "../migrate/costs.js";
import { unfinishedJournal } from "../migrate/journal.js";
import { nextSteps } from "../migrate/next-steps.js";
import { runMigration } from "../migrate/runner.js";
import { countPlan, outcomeOf } from "../migrate/summary.js";
import type { Journal, Layout } from "../migrate/types.js";
import { openForProject } from "../runtime/scope.js";
import { confirmHuman } from "../ui/human.js";
import { renderCosts, renderPlan, renderProblems, renderSummary } from "../ui/migrate-render.js";
import { createProgress, migrationProgress } from "../ui/progress.js";
import { codeSummary, renderCodeDiff } from "../ui/rewrite-render.js";
import { isWizardPrompter, terminalWizardPrompter } from "../ui/wizard/prompter.js";
import { parseCommandArgs, parseEnvMap, splitList } from "./args.js";
import { type Command, type CommandContext, confirmOrCancel } from "./context.js";
import { migrateWizard } from "./migrate-wizard.js";

const HELP = `Usage: secrets migrate [options]

Moves every secret of every .env* file into a provider under <app>/<env>/<KEY>, reads each one
back and compares it, then replaces its line with a secret:// reference. Plain config stays as
it is. Interrupted or partly failed runs resume when you run it again; \`secrets undo\` reverts.

On a terminal (without --yes, --json or --dry-run) it is a guided conversation: inventory,
provider, scope, keys, layout, then the plan, the stub diff and the code diff to review. Every
answer has a flag; without a terminal a missing answer is an error naming its flag.

Options:
  --provider NAME        where secrets go: local, aws or gcp (default: dotsecrets.json's, else local).
                         A project already migrated to another provider moves: its references
                         are read from there, written here, verified and re-pointed.
  --aws-region REGION    AWS region (recorded in dotsecrets.json providers.aws.region)
  --gcp-project ID       Google Cloud project (recorded in dotsecrets.json providers.gcp.project)
  --app NAME             app name in scoped names (default: dotsecrets.json, package.json, folder)
  --env-map F=ENV,...    environment of a file, e.g. .env.local=development-local (repeatable)
  --only KEY,...         move only these keys (even if classified config or public)
  --exclude KEY,...      never move these keys
  --layout per-key|bundle  one secret per key (default) or one JSON secret per app/environment
  --include-config       move plain config values too
  --overwrite            replace values that already exist in the provider with other values
  --batch-size N         secrets written (and journaled) per batch (default 50)
  --allow-unparsed       migrate files that have lines dotenv does not read (left as they are,
                         and such a file gets no "safe to read" header)
  --no-rewrite           do not rewrite the code's dotenv loading to dotsecrets/config
  --no-check             do not run \`secrets check\` as the last step
  --no-agents            do not write agent-safety files (.claude/settings.json, .cursorignore, AGENTS.md, …)
  --dry-run              print the plan and the monthly cost of each layout; change nothing
  --json                 print the plan / result as JSON on stdout
  -y, --yes              ask nothing: take the defaults for every answer not given as a flag
  -h, --help             show this help
`;

const options = {
  provider: { type: "string" },
  "aws-region": { type: "string" },
  "gcp-project": { type: "string" },
  app: { type: "string" },
  "env-map": { type: "string", multiple: true },
  only: { type: "string" },
  exclude: { type: "string" },
  layout: { type: "string" },
  "include-config": { type: "boolean" },
  overwrite: { type: "boolean" },
  "batch-size": { type: "string" },
  "no-agents": { type: "boolean" },
  "no-check": { type: "boolean" },
  "no-rewrite": { type: "boolean" },
  "allow-unparsed": { type: "boolean" },
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
} as const;

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
  if (values.overwrite && !values["dry-run"]) {
    await confirmHuman("Replace values already stored in the provider (--overwrite)?", ctx);
  }
  const kind = providerName(project, values.provider);
  const settings = flagSettings(kind, values["aws-region"], values["gcp-project"]);
  const configured = (name: string) => ({ ...project.config.providers?.[name] });
  const open = (name: string, recorded?: Record<string, unknown>) => {
    const merged = { ...configured(name), ...recorded, ...(name === kind && settings) };
    const providers = { ...project.config.providers, [name]: merged };
    return openForProject({ ...project, config: { ...project.config, providers } }, name, ctx.env);
  };
  // A project moving to another provider: references of its previous one are re-pointed here.
  const previous = project.config.provider ?? "local";
  const moving = previous !== kind;
  const json = values.json ?? false;
  const dryRun = values["dry-run"] ?? false;
  const skipSteps = [
    ...(values["no-agents"] ? ["agents"] : []),
    ...(values["no-rewrite"] ? ["rewrite"] : []),
    ...(values["no-check"] ? ["check"] : []),
  ];
  const prompter =
    ctx.prompter ?? (ctx.stdin.isTTY ? terminalWizardPrompter(ctx.stdin, ctx.stderr) : undefined);
  if (
    !values.yes &&
    !json &&
    !dryRun &&
    isWizardPrompter(prompter) &&
    !(await unfinishedJournal(project.root))
  ) {
    const envMap = parseEnvMap(values["env-map"] ?? [], "migrate");
    return migrateWizard(
      {
        ...(values.provider !== undefined && { provider: values.provider }),
        ...(values.app !== undefined && { app: values.app }),
        ...(envMap && { envMap }),
        only: splitList(values.only),
        exclude: splitList(values.exclude),
        ...(values.layout !== undefined && { layout }),
        settings: settings as Record<string, string>,
        includeConfig: values["include-config"] ?? false,
        overwrite: values.overwrite ?? false,
        allowUnparsed: values["allow-unparsed"] ?? false,
        batchSize,
        skipSteps,
      },
      ctx,
      prompter,
    );
  }
  if (!values.yes && !dryRun && !prompter) requireAnswers(project, values, ctx.env);
  const progress = createProgress(ctx.stderr);
  try {
    const result = await runMigration({
      root: project.root,
      env: ctx.env,
      open,
      provider: kind,
      settings,
      dryRun,
      batchSize,
      skipSteps,
      plan: {
        app: appName(project, values.app),
        layout,
        header: stubHeader(describeProvider(kind, { ...configured(kind), ...settings })),
        ...(moving && {
          repointFrom: [previous],
          oldHeaders: [stubHeader(describeProvider(previous, configured(previous)))],
        }),
        envMap: { ...project.config.environments, ...parseEnvMap(values["env-map"] ?? [], "migrate") },
        only: splitList(values.only),
        exclude: splitList(values.exclude),
        includeConfig: values["include-config"] ?? false,
        overwrite: values.overwrite ?? false,
        allowUnparsed: values["allow-unparsed"] ?? false,
      },
      hooks: {
        resuming: (journal) =>
          ctx.stderr.write(
            `Resuming migration ${journal.plan.id} (${outcomeOf(journal).moved} of ${countPlan(journal.plan).move} keys done).\n`,
          ),
        review: async (plan, counts, code) => {
          const costs = planCosts(plan, kind, replicasOf(kind, { ...configured(kind), ...settings }));
          if (json && (dryRun || plan.errors.length > 0)) {
            ctx.stdout.write(
              `${JSON.stringify({ plan, counts, costs, code: code && codeSummary(code) }, null, 2)}\n`,
            );
          } else if (!json) {
            ctx.stdout.write(renderPlan(plan));
            ctx.stdout.write(renderCosts(costs));
            if (code && code.edits.length > 0) ctx.stdout.write(`\nCode changes:\n${renderCodeDiff(code)}`);
          }
          if (plan.warnings.length > 0) ctx.stderr.write(renderProblems("warning", plan.warnings));
          if (plan.errors.length > 0 || counts.move === 0 || dryRun) return false;
          await confirmOrCancel(
            ctx,
            `Move ${counts.move} secret(s) from ${counts.files} file(s) into the ${kind} provider?`,
            { yes: values.yes, command: "migrate", defaultValue: true },
          );
          return true;
        },
        progress: migrationProgress(progress),
      },
    });
    progress.end();
    if (result.status === "applied") return finish(result.journal, ctx, json, project.root);
    const { plan, counts } = result;
    if (plan.errors.length > 0) {
      ctx.stderr.write(renderProblems("error", plan.errors));
      ctx.stderr.write("Nothing was written. Fix the problems above and run `secrets migrate` again.\n");
      return EXIT.usage;
    }
    if (counts.move === 0) {
      ctx.stderr.write("Nothing to migrate: no plaintext secret found in the .env files.\n");
      return 0;
    }
    ctx.stderr.write(
      `Dry run: ${counts.move} key(s) in ${counts.files} file(s) would move to ${kind}. Nothing was changed.\n`,
    );
    return 0;
  } finally {
    progress.end();
  }
};

/** Settings chosen by flags for `kind`. Throws UserError(USAGE) for a flag of another provider. */
function flagSettings(kind: string, region?: string, project?: string): Record<string, unknown> {
  if (region !== undefined && kind !== "aws")
    throw new UserError("USAGE", `--aws-region is for the aws provider, not ${kind}`, {
      hint: "add --provider aws",
    });
  if (project !== undefined && kind !== "gcp")
    throw new UserError("USAGE", `--gcp-project is for the gcp provider, not ${kind}`, {
      hint: "add --provider gcp",
    });
  return { ...(region !== undefined && { region }), ...(project !== undefined && { project }) };
}

/** Billed copies of each secret: GCP bills every user-managed replica location. */
function replicasOf(kind: string, settings: Record<string, unknown>): number {
  const locations = settings.locations;
  return kind === "gcp" && Array.isArray(locations) && locations.length > 0 ? locations.length : 1;
}

/**
 * Without a terminal nobody can answer: every answer that has no default must come as a flag.
 * Throws UserError(USAGE) naming the first missing flag.
 */
function requireAnswers(
  project: Project,
  values: { provider?: string; "aws-region"?: string; "gcp-project"?: string },
  env: NodeJS.ProcessEnv,
): void {
  const missing = (flag: string, what: string) =>
    new UserError("USAGE", `secrets migrate: no terminal to ask ${what}: pass ${flag}`, {
      hint: `or pass --yes to take the defaults for every answer not given`,
    });
  const kind = values.provider ?? project.config.provider;
  if (kind === undefined) throw missing("--provider local|aws|gcp", "where the secrets go");
  const configured = project.config.providers?.[kind] ?? {};
  if (
    kind === "aws" &&
    !values["aws-region"] &&
    !configured.region &&
    !env.AWS_REGION &&
    !env.AWS_DEFAULT_REGION
  )
    throw missing("--aws-region REGION", "the AWS region");
  if (
    kind === "gcp" &&
    !values["gcp-project"] &&
    !configured.project &&
    !env.GOOGLE_CLOUD_PROJECT &&
    !env.GCLOUD_PROJECT
  )
    throw missing("--gcp-project ID", "the Google Cloud project");
}

function finish(journal: Journal, ctx: CommandContext, json: boolean, root: string): number {
  const outcome = outcomeOf(journal);
  const next = nextSteps(root, outcome.stubs);
  if (json)
    ctx.stdout.write(
      `${JSON.stringify({ id: journal.plan.id, state: journal.state, counts: countPlan(journal.plan), costs: planCosts(journal.plan, journal.plan.provider), outcome, nextSteps: next, plan: journal.plan }, null, 2)}\n`,
    );
  ctx.stderr.write(renderSummary(journal, outcome, next));
  return journal.state === "done" ? 0 : EXIT.findings;
}
