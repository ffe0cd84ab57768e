/**
 * `secrets migrate` on a terminal: the guided migration. Inventory, provider (with a live write
 * check), scope, keys, layout, then the review of the plan, the stub diff and the code diff, each
 * confirmed, then the apply with a progress bar and the next steps. Every answer given as a flag
 * is not asked; a project migrated before reuses its provider, app, environments and layout and
 * offers only keys no earlier migration decided. Questions and screens live in src/ui/wizard; the
 * engine (src/migrate) never prompts. Nothing is written before the last confirmation.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT, UserError } from "../core/errors.js";
import { appName, loadProject, type Project } from "../core/project.js";
import { describeProvider, stubHeader } from "../core/stub.js";
import { buildInventory } from "../inventory/index.js";
import type { Inventory } from "../inventory/types.js";
import { type CandidateKey, candidateKeys, earlierChoices } from "../migrate/choices.js";
import { runMigration } from "../migrate/runner.js";
import { stepIds } from "../migrate/steps/index.js";
import { stubPreviews } from "../migrate/stub-preview.js";
import { outcomeOf } from "../migrate/summary.js";
import type { Layout } from "../migrate/types.js";
import { openForProject } from "../runtime/scope.js";
import { renderProblems } from "../ui/migrate-render.js";
import { createProgress, migrationProgress } from "../ui/progress.js";
import { renderCodeDiff } from "../ui/rewrite-render.js";
import type { WizardPrompter } from "../ui/wizard/prompter.js";
import {
  environmentsScreen,
  inventoryScreen,
  planScreen,
  stubDiffScreen,
  summaryScreen,
} from "../ui/wizard/screens.js";
import { askApp, askEnvironments, askKeys, askLayout } from "../ui/wizard/steps.js";
import { clip, title, wrap } from "../ui/wizard/text.js";
import type { CommandContext } from "./context.js";
import { chooseProvider } from "./migrate-wizard-provider.js";

/** The answers given on the command line; the wizard asks the rest. */
export interface WizardFlags {
  provider?: string;
  app?: string;
  envMap?: Record<string, string>;
  only: string[];
  exclude: string[];
  layout?: Layout;
  /** --aws-region / --gcp-project, as provider settings. */
  settings: Record<string, string>;
  includeConfig: boolean;
  overwrite: boolean;
  allowUnparsed: boolean;
  batchSize: number;
  skipSteps: string[];
}

const STEPS = 6;

const cancelled = () =>
  new UserError("CANCELLED", "cancelled: nothing was changed", { exitCode: EXIT.cancelled });

/**
 * Runs the guided migration. Returns the exit code; throws UserError(CANCELLED, 130) when the
 * person stops at any question, and what the runner throws.
 */
export async function migrateWizard(
  flags: WizardFlags,
  ctx: CommandContext,
  prompter: WizardPrompter,
): Promise<number> {
  const out = (text: string) => void ctx.stderr.write(text);
  const project = loadProject(ctx.cwd);
  const { root } = project;
  const earlier = await earlierChoices(root);
  const again = project.configured && earlier.migrations > 0;
  let envMap = existing(root, { ...project.config.environments, ...earlier.envMap, ...flags.envMap });

  out(title(1, STEPS, "Inventory"));
  let inventory = await buildInventory({ root, envMap });
  out(inventoryScreen(inventory));
  if (!(await candidateKeys(inventory, earlier)).some((key) => !key.decided)) {
    out("\nNothing new to migrate: every plaintext key was moved or kept by an earlier choice.\n");
    return EXIT.ok;
  }

  out(title(2, STEPS, "Provider"));
  const { kind, settings } = await chooseProvider({ flags, project, ctx, prompter, again, out });

  out(title(3, STEPS, "Scope"));
  const app = flags.app ?? (again ? appName(project) : await askApp(prompter, appName(project)));
  const files = envFiles(inventory);
  out(environmentsScreen(files));
  if (!flags.envMap && !again) {
    const chosen = await askEnvironments(prompter, files);
    if (files.some((file) => chosen[file.path] !== file.env)) {
      envMap = { ...envMap, ...chosen };
      inventory = await buildInventory({ root, envMap });
    }
  } else {
    out(`app ${app}; environments ${flags.envMap ? "from --env-map" : "as in earlier migrations"}\n`);
  }

  out(title(4, STEPS, "Keys"));
  const only = await chooseKeys(flags, await candidateKeys(inventory, earlier), prompter, out);
  if (only.length === 0) {
    out("No key chosen: nothing was changed.\n");
    return EXIT.ok;
  }

  out(title(5, STEPS, "Layout"));
  const layout =
    flags.layout ??
    (again
      ? configuredLayout(project)
      : await askLayout(prompter, kind, keysPerEnv(inventory, only, envMap, files)));
  if (flags.layout || again) out(`${layout}\n`);

  out(title(6, STEPS, "Review"));
  const progress = createProgress(ctx.stderr);
  const merged = { ...project.config.providers?.[kind], ...settings };
  try {
    const result = await runMigration({
      root,
      env: ctx.env,
      open: (name) => openForProject(withSettings(project, name, merged), name, ctx.env),
      provider: kind,
      // Recorded in the plan, so the config step writes the region or project to dotsecrets.json.
      settings,
      batchSize: flags.batchSize,
      skipSteps: flags.skipSteps,
      plan: {
        app,
        layout,
        header: stubHeader(describeProvider(kind, merged)),
        envMap,
        only,
        exclude: [],
        includeConfig: flags.includeConfig,
        overwrite: flags.overwrite,
        allowUnparsed: flags.allowUnparsed,
      },
      hooks: {
        review: async (plan, counts, code) => {
          for (const line of renderProblems("warning", plan.warnings).split("\n").filter(Boolean))
            out(wrap(line, "", 4));
          if (plan.errors.length > 0 || counts.move === 0) return false;
          out(planScreen(plan));
          if (!(await prompter.confirm("Is this plan right?", true))) throw cancelled();
          out("\nThe .env files afterwards (values redacted):\n\n");
          out(stubDiffScreen(await stubPreviews(root, plan)));
          if (!(await prompter.confirm("Write these stubs?", true))) throw cancelled();
          if (code && code.edits.length > 0) {
            out(`\nCode changes (dotenv loading → dotsecrets):\n\n${clip(renderCodeDiff(code))}`);
            if (!(await prompter.confirm("Apply these code changes?", true))) {
              plan.steps = stepIds([...flags.skipSteps, "rewrite"]);
              out("The code stays as it is.\n");
            }
          }
          const question = `Move ${counts.move} secret(s) from ${counts.files} file(s) into the ${kind} provider?`;
          if (!(await prompter.confirm(question, true))) throw cancelled();
          return true;
        },
        progress: migrationProgress(progress),
      },
    });
    progress.end();
    if (result.status === "applied") {
      const outcome = outcomeOf(result.journal);
      out(summaryScreen(result.journal, outcome, startCommand(root)));
      return result.journal.state === "done" ? EXIT.ok : EXIT.findings;
    }
    if (result.plan.errors.length > 0) {
      out(
        renderProblems("error", result.plan.errors)
          .split("\n")
          .filter(Boolean)
          .map((l) => wrap(l, "", 4))
          .join(""),
      );
      out("Nothing was written. Fix the problems above and run `secrets migrate` again.\n");
      return EXIT.usage;
    }
    out("Nothing to migrate: no chosen key holds a plaintext value.\n");
    return EXIT.ok;
  } finally {
    progress.end();
  }
}

/** Picks the keys: --only as given, else the checkbox of keys no earlier migration decided. */
async function chooseKeys(
  flags: WizardFlags,
  candidates: CandidateKey[],
  prompter: WizardPrompter,
  out: (text: string) => void,
): Promise<string[]> {
  if (flags.only.length > 0) {
    out(`${flags.only.join(", ")} (from --only)\n`);
    return flags.only;
  }
  const open = candidates.filter((key) => !key.decided && !flags.exclude.includes(key.key));
  const decided = candidates.length - open.length;
  if (decided > 0)
    out(wrap(`${decided} key(s) kept plain before or excluded are not offered; use --only KEY to move one.`));
  if (open.length === 0) return [];
  return askKeys(prompter, open);
}

function envFiles(inventory: Inventory): Array<{ path: string; env: string }> {
  return inventory.files
    .filter((file) => file.kind !== "template" && file.env !== null && file.readable)
    .map((file) => ({ path: file.path, env: file.env! }));
}

function keysPerEnv(
  inventory: Inventory,
  only: string[],
  envMap: Record<string, string>,
  files: Array<{ path: string; env: string }>,
): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const key of inventory.keys) {
    if (!only.includes(key.key)) continue;
    for (const o of key.occurrences) {
      const env = envMap[o.file] ?? files.find((file) => file.path === o.file)?.env;
      if (!env || o.empty || o.kind === "template") continue;
      sets.set(env, (sets.get(env) ?? new Set()).add(key.key));
    }
  }
  return new Map([...sets].map(([env, keys]) => [env, keys.size]));
}

function configuredLayout(project: Project): Layout {
  const layout = (project.config as { layout?: unknown }).layout;
  return layout === "bundle" ? "bundle" : "per-key";
}

/** The project with `settings` as its provider's settings (flags and answers win over the file). */
export function withSettings(project: Project, kind: string, settings: Record<string, unknown>): Project {
  const providers = { ...project.config.providers, [kind]: settings };
  return { ...project, config: { ...project.config, providers } };
}

/** Env-map entries whose file still exists (a journal may name a file deleted since). */
function existing(root: string, map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([file]) => existsSync(join(root, file))));
}

/** How this project starts, for `secrets run -- …`: its start or dev script, else its main file. */
function startCommand(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      scripts?: Record<string, unknown>;
      main?: unknown;
    };
    if (typeof pkg.scripts?.start === "string") return "npm start";
    if (typeof pkg.scripts?.dev === "string") return "npm run dev";
    if (typeof pkg.main === "string") return `node ${pkg.main}`;
  } catch {
    // no package.json: a generic hint
  }
  return "<your start command>";
}
