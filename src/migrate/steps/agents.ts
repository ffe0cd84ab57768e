/**
 * The agents step: agent-safety files (Claude Code settings, ignore files for Cursor, Gemini,
 * Aider, Codeium, .aiexclude, an AGENTS.md section), merged into what the user has, each a change
 * record whose undo takes out exactly the text dotsecrets inserted.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { agentFacts } from "../../agents/facts.js";
import { planAgentFiles } from "../../agents/index.js";
import { loadProject } from "../../core/project.js";
import type { MigrationStep } from "./types.js";

export const agentsStep: MigrationStep = {
  id: "agents",
  async run(ctx) {
    const project = loadProject(ctx.root);
    const facts = agentFacts({
      ...project,
      config: { ...project.config, provider: ctx.journal.plan.provider },
    });
    const read = (path: string) => {
      const file = join(ctx.root, path);
      return existsSync(file) ? readFileSync(file, "utf8") : undefined;
    };
    for (const change of planAgentFiles(read, facts)) {
      await ctx.write({
        path: change.path,
        next: change.after,
        ...(!change.created && {
          restore: {
            type: "splice",
            start: change.splice.at,
            length: change.splice.inserted.length,
            text: change.splice.removed,
          },
        }),
      });
    }
  },
};
