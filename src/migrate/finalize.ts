/**
 * The last touches of a migration, both journaled so undo can take them back: `.gitignore` gets the
 * local-override patterns it lacks, and `dotsecrets.json` records the provider and app.
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import ignore from "ignore";
import { writeFileAtomic } from "../core/atomic-write.js";
import { CONFIG_FILE } from "../core/project.js";
import { templateLines } from "../core/templates.js";
import type { Journal } from "./types.js";

/**
 * Local override files stay machine-local even after migration (they are stubs too, but a developer
 * may put a plaintext value back in one by hand). The stubs themselves (.env, .env.production) are
 * safe to commit, so they are not added.
 */
const LOCAL_PATTERNS: Array<{ pattern: string; probe: string }> = [
  { pattern: ".env.local", probe: ".env.local" },
  { pattern: ".env.*.local", probe: ".env.production.local" },
];

function block(added: string[], eol: string): string {
  return [...templateLines("gitignore-block.txt"), ...added].join(eol) + eol;
}

/**
 * Adds the missing local patterns to `<root>/.gitignore`. The intent is recorded in the journal
 * (and saved by the caller) before the file is written, and the write is idempotent, so a crash in
 * between is finished by the rerun and undone by undo.
 */
export async function updateGitignore(
  root: string,
  journal: Journal,
  save: () => Promise<void>,
): Promise<void> {
  const file = join(root, ".gitignore");
  if (!journal.gitignore) {
    const existed = existsSync(file);
    const original = existed ? await readFile(file, "utf8") : "";
    const matcher = ignore().add(original);
    const added = LOCAL_PATTERNS.filter(({ probe }) => !matcher.ignores(probe)).map(({ pattern }) => pattern);
    const separated = original !== "" && !original.endsWith("\n");
    journal.gitignore = { file: ".gitignore", created: !existed, added, separated };
    await save();
  }
  const { added } = journal.gitignore;
  if (added.length === 0) return;
  const existed = existsSync(file);
  const text = existed ? await readFile(file, "utf8") : "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (text.includes(block(added, eol))) return;
  const separator = text === "" || text.endsWith("\n") ? "" : eol;
  await writeFileAtomic(file, `${text}${separator}${block(added, eol)}`, existed ? {} : { mode: 0o644 });
}

/** Removes what updateGitignore added (only lines still present verbatim). */
export async function revertGitignore(root: string, journal: Journal): Promise<void> {
  const record = journal.gitignore;
  if (!record || record.added.length === 0) return;
  const file = join(root, record.file);
  if (!existsSync(file)) return;
  const text = await readFile(file, "utf8");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const added = block(record.added, eol);
  const index = text.lastIndexOf(added);
  if (index < 0) return;
  let before = text.slice(0, index);
  // updateGitignore added one line ending when the file did not end with one.
  if (record.separated && before.endsWith(eol)) before = before.slice(0, -eol.length);
  const next = before + text.slice(index + added.length);
  if (record.created && next.trim() === "") await rm(file, { force: true });
  else await writeFileAtomic(file, next);
}

/** Creates dotsecrets.json when the project has none (intent journaled first, write idempotent). */
export async function writeProjectConfig(
  root: string,
  journal: Journal,
  save: () => Promise<void>,
): Promise<void> {
  const file = join(root, CONFIG_FILE);
  if (!journal.config) {
    journal.config = { file: CONFIG_FILE, created: !existsSync(file) };
    await save();
  }
  if (!journal.config.created || existsSync(file)) return;
  const config = { provider: journal.plan.provider, app: journal.plan.app, layout: journal.plan.layout };
  await writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
}

/** Deletes dotsecrets.json when this migration created it. */
export async function revertProjectConfig(root: string, journal: Journal): Promise<void> {
  if (journal.config?.created) await rm(join(root, journal.config.file), { force: true });
}
