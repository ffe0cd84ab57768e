/**
 * The last touches of a migration, each a change record undo takes back: `.gitignore` gets the
 * local-override patterns it lacks (a marked block), and `dotsecrets.json` records the provider and
 * app when the project has none, or the new provider (a project moving to another provider) and
 * the provider settings chosen on the command line (`--aws-region`, `--gcp-project`), and in every
 * case the scope of every file the migration stubbed (`files`) and the environments chosen with
 * --env-map (`environments`), so run, inventory, undo and later migrations agree
 * (docs/layering.md). An existing file is updated in place: a splice undo takes the edit back out.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ignore from "ignore";
import { CONFIG_FILE, type ProjectConfig } from "../../core/project.js";
import { templateLines } from "../../core/templates.js";
import { appendBlock } from "../changes.js";
import type { Plan } from "../types.js";
import type { MigrationStep } from "./types.js";

/**
 * Local override files stay machine-local even after migration (they are stubs too, but a developer
 * may put a plaintext value back in one by hand). The stubs themselves (.env, .env.production) are
 * safe to commit, so they are not added. Each pattern is added unless every name it stands for is
 * already ignored: a .gitignore listing only `.env.production.local` still gets `.env.*.local`.
 */
const LOCAL_PATTERNS: Array<{ pattern: string; probes: string[]; matches: RegExp }> = [
  { pattern: ".env.local", probes: [".env.local"], matches: /(^|\/)\.env\.local$/ },
  {
    pattern: ".env.*.local",
    probes: ["development", "production", "test", "staging"].map((env) => `.env.${env}.local`),
    matches: /(^|\/)\.env\.[^/]+\.local$/,
  },
];

export const gitignoreStep: MigrationStep = {
  id: "gitignore",
  async run(ctx) {
    const file = join(ctx.root, ".gitignore");
    const current = existsSync(file) ? await readFile(file, "utf8") : undefined;
    const matcher = ignore().add(current ?? "");
    const paths = ctx.journal.plan.files.map((planned) => planned.path);
    const added = LOCAL_PATTERNS.filter(({ probes, matches }) =>
      [...probes, ...paths.filter((path) => matches.test(path))].some((probe) => !matcher.ignores(probe)),
    ).map(({ pattern }) => pattern);
    if (added.length === 0) return;
    const edit = appendBlock(current, [...templateLines("gitignore-block.txt"), ...added]);
    if (edit) await ctx.write({ path: ".gitignore", next: edit.next, restore: edit.restore });
  },
};

export const configStep: MigrationStep = {
  id: "config",
  async run(ctx) {
    const file = join(ctx.root, CONFIG_FILE);
    const current = existsSync(file) ? await readFile(file, "utf8") : undefined;
    const next = configText(current, ctx.journal.plan, ctx.journal.written);
    if (next !== undefined) await ctx.write({ path: CONFIG_FILE, next });
  },
};

/**
 * The new dotsecrets.json text for a plan, or undefined when nothing changes (or the file is not a
 * JSON object: the project loader reports that). An existing file keeps its other fields and order.
 */
export function configText(
  current: string | undefined,
  plan: Pick<Plan, "provider" | "app" | "layout" | "settings"> & { files?: Plan["files"] },
  written: Record<string, unknown> = {},
): string | undefined {
  const settings = plan.settings && Object.keys(plan.settings).length > 0 ? plan.settings : undefined;
  if (current === undefined) {
    const config = {
      provider: plan.provider,
      app: plan.app,
      layout: plan.layout,
      ...(settings && { providers: { [plan.provider]: settings } }),
    };
    recordScopes(config as ProjectConfig, plan, written);
    return `${JSON.stringify(config, null, 2)}\n`;
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(current) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) return undefined;
  const before = JSON.stringify(config);
  if ((config.provider ?? "local") !== plan.provider) config.provider = plan.provider;
  if (settings) {
    const providers = (config.providers ?? {}) as Record<string, Record<string, unknown>>;
    config.providers = { ...providers, [plan.provider]: { ...providers[plan.provider], ...settings } };
  }
  recordScopes(config as ProjectConfig, plan, written);
  if (JSON.stringify(config) === before) return undefined;
  const indent = /^[ \t]+(?=")/m.exec(current)?.[0] ?? "  ";
  const eol = current.includes("\r\n") ? "\r\n" : "\n";
  return `${JSON.stringify(config, null, indent).replace(/\n/g, eol)}${eol}`;
}

/** Adds the scope of every file with a verified move (and its --env-map environment) to `config`. */
function recordScopes(
  config: ProjectConfig,
  plan: Pick<Plan, "app"> & { files?: Plan["files"] },
  written: Record<string, unknown>,
): void {
  const scopes = { ...config.files };
  const environments = { ...config.environments };
  for (const file of plan.files ?? []) {
    if (!file.entries.some((entry) => entry.action === "move" && written[entry.name!])) continue;
    scopes[file.path] = { app: file.app ?? plan.app, env: file.env };
    if (file.mapped) environments[file.path] = file.env;
  }
  if (Object.keys(scopes).length > 0) config.files = sortKeys(scopes);
  if (Object.keys(environments).length > 0) config.environments = sortKeys(environments);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
