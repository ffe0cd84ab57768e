/**
 * The last touches of a migration, each a change record undo takes back: `.gitignore` gets the
 * local-override patterns it lacks (a marked block), and `dotsecrets.json` records the provider and
 * app when the project has none.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ignore from "ignore";
import { CONFIG_FILE } from "../../core/project.js";
import { templateLines } from "../../core/templates.js";
import { appendBlock } from "../changes.js";
import type { MigrationStep } from "./types.js";

/**
 * Local override files stay machine-local even after migration (they are stubs too, but a developer
 * may put a plaintext value back in one by hand). The stubs themselves (.env, .env.production) are
 * safe to commit, so they are not added.
 */
const LOCAL_PATTERNS: Array<{ pattern: string; probe: string }> = [
  { pattern: ".env.local", probe: ".env.local" },
  { pattern: ".env.*.local", probe: ".env.production.local" },
];

export const gitignoreStep: MigrationStep = {
  id: "gitignore",
  async run(ctx) {
    const file = join(ctx.root, ".gitignore");
    const current = existsSync(file) ? await readFile(file, "utf8") : undefined;
    const matcher = ignore().add(current ?? "");
    const added = LOCAL_PATTERNS.filter(({ probe }) => !matcher.ignores(probe)).map(({ pattern }) => pattern);
    if (added.length === 0) return;
    const edit = appendBlock(current, [...templateLines("gitignore-block.txt"), ...added]);
    if (edit) await ctx.write({ path: ".gitignore", next: edit.next, restore: edit.restore });
  },
};

export const configStep: MigrationStep = {
  id: "config",
  async run(ctx) {
    if (existsSync(join(ctx.root, CONFIG_FILE))) return;
    const { plan } = ctx.journal;
    const config = { provider: plan.provider, app: plan.app, layout: plan.layout };
    await ctx.write({ path: CONFIG_FILE, next: `${JSON.stringify(config, null, 2)}\n` });
  },
};
