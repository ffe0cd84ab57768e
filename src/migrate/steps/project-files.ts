/**
 * The last touches of a migration, each a change record undo takes back: `.gitignore` gets the
 * local-override patterns it lacks (a marked block), and `dotsecrets.json` records the provider,
 * app and the scope of every stubbed file.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ignore from "ignore";
import { CONFIG_FILE, type ProjectConfig } from "../../core/project.js";
import { templateLines } from "../../core/templates.js";
import { appendBlock } from "../changes.js";
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

/**
 * dotsecrets.json: created with the provider, app and layout when the project has none; in every
 * case it records the scope of every file this migration stubbed (`files`) and the environments
 * chosen with --env-map (`environments`), so run, inventory, undo and later migrations agree. An
 * existing file is updated in place (a splice undo takes the edit back out byte for byte).
 */
export const configStep: MigrationStep = {
  id: "config",
  async run(ctx) {
    const { plan } = ctx.journal;
    const path = join(ctx.root, CONFIG_FILE);
    const current = existsSync(path) ? await readFile(path, "utf8") : undefined;
    const config: ProjectConfig = current === undefined ? {} : (JSON.parse(current) as ProjectConfig);
    if (current === undefined)
      Object.assign(config, { provider: plan.provider, app: plan.app, layout: plan.layout });
    const files = { ...config.files };
    const environments = { ...config.environments };
    for (const file of plan.files) {
      const moved = file.entries.some((entry) => entry.action === "move" && ctx.journal.written[entry.name!]);
      if (!moved) continue;
      files[file.path] = { app: file.app ?? plan.app, env: file.env };
      if (file.mapped) environments[file.path] = file.env;
    }
    if (Object.keys(files).length > 0) config.files = sortKeys(files);
    if (Object.keys(environments).length > 0) config.environments = sortKeys(environments);
    const next = `${JSON.stringify(config, null, 2)}\n`;
    if (next !== current) await ctx.write({ path: CONFIG_FILE, next });
  },
};

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
