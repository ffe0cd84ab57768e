/**
 * The rewrite step: the code's dotenv loading becomes dotsecrets/config, and package.json scripts
 * their dotsecrets equivalents (src/rewrite). The plan is computed again from the files as they
 * are, so a resumed run finds what is left to do; every edited file is a change record whose undo
 * puts the code back byte for byte.
 */
import { planCodeRewrite } from "../../rewrite/project.js";
import type { MigrationStep } from "./types.js";

export const rewriteStep: MigrationStep = {
  id: "rewrite",
  async run(ctx) {
    const plan = await planCodeRewrite(ctx.root);
    for (const edit of plan.edits) await ctx.write({ path: edit.path, next: edit.after });
  },
};
