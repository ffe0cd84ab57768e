/**
 * The stubs step: each file's verified entries become references, under the header. A stub is a
 * change record whose undo rebuilds the original from the references and the provider's values.
 */

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { stubOf } from "../repoint.js";
import { headerOf } from "../types.js";
import { changed, moves } from "./originals.js";
import type { MigrationStep } from "./types.js";

export const stubsStep: MigrationStep = {
  id: "stubs",
  async run(ctx) {
    const { journal } = ctx;
    const plan = journal.plan;
    const originals = await ctx.originals();
    let stubbed = 0;
    // Counted like the summary's "stubs written": only files that have something to stub.
    const total = plan.files.filter((file) => moves(file).length > 0).length;
    for (const file of plan.files) {
      if (moves(file).length === 0) continue;
      const moved = moves(file).filter((entry) => journal.written[entry.name!]);
      const original = originals.get(file.path);
      if (original && moved.length > 0) {
        const current = await readFile(join(ctx.root, file.path));
        if (ctx.fingerprint(current) !== original.currentHash) throw changed(file.path);
        await ctx.write({
          path: file.path,
          next: stubOf(original.doc, moved, headerOf(plan, file), file),
          restore: { type: "stub" },
          target: file.hash,
        });
      }
      ctx.hooks.progress?.({ phase: "stub", done: ++stubbed, total });
    }
  },
};
