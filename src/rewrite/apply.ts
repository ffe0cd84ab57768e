/**
 * Writes a rewrite plan: the only part of src/rewrite that touches the disk. Every file is checked
 * against the content the plan was computed from before anything is written, and each write is
 * atomic and keeps the file's mode. The migrate step wraps this in its journal.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../core/atomic-write.js";
import { UserError } from "../core/errors.js";
import type { FileEdit, RewritePlan } from "./types.js";

export interface ApplyHooks {
  /** Called after each file is written (the journal records it there). */
  written?: (edit: FileEdit) => void | Promise<void>;
}

/**
 * Writes every edit of the plan. Throws UserError MIGRATE_CHANGED, before writing anything, when a
 * file no longer holds the content the plan was made from (edited since, or gone).
 */
export async function applyRewrite(plan: RewritePlan, hooks: ApplyHooks = {}): Promise<string[]> {
  for (const edit of plan.edits) {
    const current = await readFile(join(plan.root, edit.path), "utf8").catch(() => undefined);
    if (current !== edit.before) {
      throw new UserError(
        "MIGRATE_CHANGED",
        `${edit.path} changed since the rewrite was planned: nothing written`,
        {
          hint: "run the rewrite again to plan it from the current content",
        },
      );
    }
  }
  const written: string[] = [];
  for (const edit of plan.edits) {
    await writeFileAtomic(join(plan.root, edit.path), edit.after);
    written.push(edit.path);
    await hooks.written?.(edit);
  }
  return written;
}
